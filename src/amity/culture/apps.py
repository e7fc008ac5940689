from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "amity.culture"
    label = "culture"
    verbose_name = _("Culture and time")

    def ready(self) -> None:
        from amity.core.records import NavigationEntry, navigation_register

        navigation_register(
            NavigationEntry(
                "country",
                _("Countries"),
                "country_list",
                70,
                pages=("country_list", "country_detail"),
            )
        )
        navigation_register(
            NavigationEntry(
                "guidance",
                _("Cultural guidance"),
                "guidance_list",
                80,
                pages=("guidance_list", "country_guidance"),
            )
        )
