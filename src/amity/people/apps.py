from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "amity.people"
    label = "people"
    verbose_name = _("Contacts and organizations")

    def ready(self) -> None:
        from amity.core import demo, search
        from amity.core.erasure_hooks import PersonalDataPart
        from amity.core.permissions import Action
        from amity.core.records import (
            NavigationEntry,
            RecordKind,
            navigation_register,
            record_kind_register,
        )
        from amity.people.demo import demo_book_of_business
        from amity.people.search_documents import CONTACT
        from amity.people.segments import (
            static_segment_ids,
            static_segments_erase,
            static_segments_move,
        )
        from amity.people.selectors import (
            contact_get,
            contact_ids_with,
            contacts_visible,
            organization_get,
            organizations_visible,
        )
        from amity.people.sensitive import register_store

        # Contacts and organizations are the subjects every other kind links to: merging
        # them is people.merging, exporting and erasing them is the privacy app's own work.
        record_kind_register(
            RecordKind(
                key="contact",
                app=self.label,
                label=_("Contact"),
                plural_label=_("Contacts"),
                detail_url_name="contact_detail",
                get_visible=lambda user, pk: contact_get(pk, user=user),
                visible_ids=contacts_visible,
                models=(
                    "people.Contact",
                    "people.ContactEmail",
                    "people.ContactPhone",
                    "people.ContactOrganization",
                    "people.PeopleEvent",
                    "people.GuidancePreference",
                ),
                searchable=True,
                navigation=NavigationEntry(
                    "contact", _("Contacts"), "contact_list", 20, Action.VIEW_RECORDS
                ),
                read_action=Action.VIEW_RECORDS,
                write_action=Action.WRITE_RECORDS,
                audit_aliases=("contacts",),
            )
        )
        record_kind_register(
            RecordKind(
                key="organization",
                app=self.label,
                label=_("Organization"),
                plural_label=_("Organizations"),
                detail_url_name="organization_detail",
                get_visible=lambda user, pk: organization_get(pk, user=user),
                visible_ids=organizations_visible,
                models=("people.Organization", "people.OrganizationIdentifier"),
                searchable=True,
                navigation=NavigationEntry(
                    "organization", _("Organizations"), "organization_list", 30, Action.VIEW_RECORDS
                ),
                read_action=Action.VIEW_RECORDS,
                write_action=Action.WRITE_RECORDS,
                audit_aliases=("organizations",),
            )
        )
        record_kind_register(
            RecordKind(
                key="segment",
                app=self.label,
                label=_("Segment"),
                plural_label=_("Segments"),
                detail_url_name="segment_detail",
                models=("people.Segment",),
                personal_data=PersonalDataPart(
                    "static_segment_ids", export=static_segment_ids, erase=static_segments_erase
                ),
                merge=static_segments_move,
                navigation=NavigationEntry(
                    "segment", _("Segments"), "segment_list", 40, Action.VIEW_RECORDS
                ),
                read_action=Action.VIEW_RECORDS,
                write_action=Action.WRITE_RECORDS,
            )
        )
        navigation_register(
            NavigationEntry(
                "holiday_radar", _("Holidays"), "holiday_radar", 100, Action.VIEW_RECORDS
            )
        )
        demo.register(20, "people", demo_book_of_business)
        # A whole email or phone in the search box or a list's q: an indexed equality.
        search.exact_finder_register(CONTACT, contact_ids_with)
        register_store()  # key rotation re-encrypts sensitive custom values
