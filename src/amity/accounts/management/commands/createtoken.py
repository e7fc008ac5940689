import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amity.accounts import services
from amity.accounts.models import User
from amity.core.errors import DomainError
from amity.core.permissions import Scope


class Command(BaseCommand):
    help = _("Create a personal API token for a user and print its secret (shown only once)")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help=_("What the token is for"))
        parser.add_argument(
            "--scope",
            action="append",
            choices=[scope.value for scope in Scope],
            help=_(
                "What the token may do: read, write or admin (repeat for several; "
                "default: everything the user's role allows)"
            ),
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON"))

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(_("No active user named %(name)s.") % {"name": options["username"]})
        try:
            token, secret = services.token_create(
                user=user, name=options["name"], scopes=options["scope"]
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        if options["json"]:
            data = {"id": token.pk, "name": token.name, "scopes": token.scopes, "secret": secret}
            self.stdout.write(json.dumps(data))
        else:
            self.stdout.write(secret)
