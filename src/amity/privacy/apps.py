from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "amity.privacy"
    label = "privacy"
    verbose_name = _("Privacy and consent")

    def ready(self) -> None:
        from amity.people.merging import register_contact_merge_hook
        from amity.privacy.services import consents_move_contact

        register_contact_merge_hook(consents_move_contact)

        from amity.privacy.audit import audit_recorder_register

        audit_recorder_register()

        from datetime import timedelta

        from amity.core.schedule import periodic
        from amity.privacy.tasks import retention_apply

        # Retention runs by itself once a day, enqueued by the worker (docs/adr/0014).
        periodic("privacy.retention", every=timedelta(days=1), task=retention_apply)
