"""Forms of the contact and organization pages. They turn what a person typed into the
contracts the people services take; the services validate every value, and their
DomainErrors come back on the field that caused them (``show_error``).

``contacts`` and ``organizations`` hold the edit forms, ``list_filters`` the lists' search
and filters; what they share: ``page_form`` (labels, errors on fields, repeated rows),
``text_lists`` (lists typed as text) and ``pickers`` (countries, zones, owners, teams and
the organization picker)."""
