from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "amity.interactions"
    label = "interactions"
    verbose_name = _("Interactions and timeline")

    def ready(self) -> None:
        from amity.core import demo
        from amity.core.erasure_hooks import personal_data_register
        from amity.interactions import erasure, timeline
        from amity.interactions.confidential import register_store
        from amity.interactions.demo import demo_interactions
        from amity.interactions.selectors import contacts_with_interactions_q
        from amity.interactions.services import (
            interactions_move_contact,
            interactions_move_organization,
        )
        from amity.interactions.sources import interaction_entries, people_event_entries
        from amity.people.merging import (
            register_contact_merge_hook,
            register_organization_merge_hook,
        )
        from amity.people.segments import SegmentField, register_field

        timeline.register("interaction", interaction_entries)
        timeline.register("people_event", people_event_entries)
        register_contact_merge_hook(interactions_move_contact)
        register_organization_merge_hook(interactions_move_organization)
        register_field(
            SegmentField(
                "interactions",
                _("Interactions in the last days"),
                ("at_least", "fewer_than"),
                contacts_with_interactions_q,
            )
        )
        demo.register(30, "interactions", demo_interactions)
        register_store()  # key rotation re-encrypts confidential summaries
        personal_data_register(
            "interactions",
            export=erasure.interactions_export,
            erase=erasure.interactions_erase,
            tables=erasure.TABLES,
            active_since=erasure.contacts_active_since,
            expire_text=erasure.interactions_expire_text,
        )
