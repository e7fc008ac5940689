from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "amity.accounts"
    label = "accounts"
    verbose_name = _("Users and access")

    def ready(self) -> None:
        from amity.accounts.demo import demo_users_and_teams
        from amity.core import demo

        demo.register(10, "accounts", demo_users_and_teams)
