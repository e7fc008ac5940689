from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "amity.accounts"
    label = "accounts"
    verbose_name = _("Users and access")

    def ready(self) -> None:
        from amity.accounts.demo import demo_users_and_teams
        from amity.core import demo
        from amity.core.permissions import Action
        from amity.core.records import NavigationEntry, navigation_register

        demo.register(10, "accounts", demo_users_and_teams)
        navigation_register(NavigationEntry("teams", _("Teams"), "teams", 50))
        navigation_register(NavigationEntry("users", _("Users"), "users", 60, Action.MANAGE_USERS))

        from django.contrib.auth.signals import user_logged_in

        from amity.accounts.middleware import session_seen_at_login

        user_logged_in.connect(session_seen_at_login, dispatch_uid="amity.accounts.session_seen")
