from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "amity.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        import phonenumbers

        # phonenumbers compiles its metadata's patterns on every use and leans on the re
        # module's cache (512 patterns); numbers from many countries (an import, a busy API)
        # keep pushing patterns out of it and recompiling them: 1.47 ms a number across
        # every region phonenumbers knows, 0.15 ms with its own cache of the (fixed) patterns.
        phonenumbers.enable_pattern_cache()
