from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "amity.interactions"
    label = "interactions"
    verbose_name = _("Interactions and timeline")

    def ready(self) -> None:
        from amity.core import demo
        from amity.interactions import timeline
        from amity.interactions.demo import demo_interactions
        from amity.interactions.sources import interaction_entries, people_event_entries

        timeline.register("interaction", interaction_entries)
        timeline.register("people_event", people_event_entries)
        demo.register(30, "interactions", demo_interactions)
