from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "amity.interactions"
    label = "interactions"
    verbose_name = _("Interactions and timeline")

    def ready(self) -> None:
        from amity.core import demo
        from amity.core.erasure_hooks import PersonalDataPart
        from amity.core.permissions import Action
        from amity.core.records import (
            NavigationEntry,
            RecordKind,
            navigation_register,
            record_kind_register,
        )
        from amity.interactions import erasure, timeline
        from amity.interactions.confidential import register_store
        from amity.interactions.demo import demo_interactions
        from amity.interactions.segment_words import interactions_rule_in_words
        from amity.interactions.selectors import contacts_with_interactions_q, interaction_get
        from amity.interactions.services import interactions_move
        from amity.interactions.sources import interaction_entries, people_event_entries
        from amity.people.rule_fields import SegmentField
        from amity.people.segment_values import ACTIVITY

        record_kind_register(
            RecordKind(
                key="interaction",
                app=self.label,
                label=_("Interaction"),
                plural_label=_("Interactions"),
                get_visible=lambda user, pk: interaction_get(pk, user=user),
                models=("interactions.Interaction", "interactions.InteractionContact"),
                timeline_template="interactions/timeline/interaction.html",
                personal_data=PersonalDataPart(
                    "interactions",
                    export=erasure.interactions_export,
                    erase=erasure.interactions_erase,
                    tables=erasure.TABLES,
                    active_since=erasure.contacts_active_since,
                    expire_text=erasure.interactions_expire_text,
                ),
                merge=interactions_move,
                segment_fields=(
                    SegmentField(
                        "interactions",
                        _("Interactions in the last days"),
                        ("at_least", "fewer_than"),
                        contacts_with_interactions_q,
                        value_kind=ACTIVITY,
                        input_labels={"count": _("How many interactions")},
                        describe=interactions_rule_in_words,
                    ),
                ),
                read_action=Action.VIEW_RECORDS,
                write_action=Action.WRITE_RECORDS,
            )
        )
        navigation_register(
            NavigationEntry(
                "meeting", _("Meetings"), "meeting_finder", 90, pages=("meeting_finder",)
            )
        )
        timeline.register("interaction", interaction_entries)
        timeline.register("people_event", people_event_entries)
        demo.register(30, "interactions", demo_interactions)
        register_store()  # key rotation re-encrypts confidential summaries
