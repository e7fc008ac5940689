from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "amity.privacy"
    label = "privacy"
    verbose_name = _("Privacy and consent")

    def ready(self) -> None:
        from datetime import timedelta

        from amity.core.erasure_hooks import PersonalDataPart
        from amity.core.permissions import Action
        from amity.core.records import RecordKind, record_kind_register
        from amity.core.schedule import periodic
        from amity.privacy.audit import audit_recorder_register
        from amity.privacy.erasure import consents_erase
        from amity.privacy.exporting import consents_export
        from amity.privacy.services import consents_move
        from amity.privacy.tasks import retention_apply

        record_kind_register(
            RecordKind(
                key="consent",
                app=self.label,
                label=_("Consent"),
                plural_label=_("Consents"),
                models=("privacy.ConsentEntry", "privacy.ContactJurisdiction"),
                personal_data=PersonalDataPart(
                    "consents",
                    export=consents_export,
                    erase=consents_erase,
                    tables=("privacy_consententry", "privacy_contactjurisdiction"),
                ),
                merge=consents_move,
                read_action=Action.VIEW_RECORDS,
                write_action=Action.WRITE_RECORDS,
            )
        )
        audit_recorder_register()
        # Retention runs by itself once a day, enqueued by the worker (docs/adr/0014).
        periodic("privacy.retention", every=timedelta(days=1), task=retention_apply)
