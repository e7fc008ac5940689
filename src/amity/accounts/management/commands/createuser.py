import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amity.accounts import services
from amity.accounts.models import Team
from amity.core.errors import DomainError
from amity.core.permissions import Role


class Command(BaseCommand):
    help = _("Create a user with a role, language and time zone")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help=_("Display name, in the person's script"))
        parser.add_argument("--role", choices=Role.values, default=Role.AGENT)
        parser.add_argument("--language", default="en")
        parser.add_argument("--timezone", default="UTC")
        parser.add_argument("--team", action="append", default=[], help=_("Team name (repeatable)"))
        parser.add_argument(
            "--password",
            default=None,
            help=_("Password; when omitted it is asked for (or AMITY_USER_PASSWORD is used)"),
        )

    def handle(self, *args, **options):
        import os

        password = options["password"] or os.environ.get("AMITY_USER_PASSWORD")
        if password is None:
            password = getpass.getpass(_("Password: "))
        teams = []
        for name in options["team"]:
            team = Team.objects.filter(name=name).first()
            if team is None:
                raise CommandError(_("No team named %(name)s.") % {"name": name})
            teams.append(team)
        try:
            user = services.user_create(
                actor=None,
                actor_label="cli",
                username=options["username"],
                email=options["email"],
                password=password,
                display_name=options["name"],
                role=options["role"],
                language=options["language"],
                timezone_name=options["timezone"],
                teams=teams,
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Created %(username)s (%(role)s).")
            % {"username": user.username, "role": user.get_role_display()}
        )
