from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "amity.web"
    label = "web"
    verbose_name = _("Web interface")

    def ready(self) -> None:
        from amity.core.records import NavigationEntry, navigation_register

        # The web app's own menu item; record kinds and other apps register theirs.
        navigation_register(NavigationEntry("home", _("Home"), "home", 10))
