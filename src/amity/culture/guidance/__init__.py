"""Business-culture guidance per country: how direct communication usually is, the default
formality, how decisions are usually made, what trust rests on, meeting and gift etiquette,
and what to avoid.

The guidance ships as one JSON file per country in ``guidance_data/<CC>.json``, each field
citing the public sources it rests on. Administrators may rewrite a field; their edit
(``CountryGuidanceOverride``, with its own source) wins over the file. It is guidance, not a
rule about people: organizations and contacts override any field (``people.guidance``) and a
contact's own recorded preference always wins.

What a piece of guidance is: ``entries``; the shipped files and their format: ``shipped``;
the guidance a reader gets (shipped notes in their language, edits on top): ``reading``;
administrators' edits and the checks shared with preferences: ``edits``.
"""
