from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amity.accounts import services
from amity.accounts.models import User
from amity.core.errors import DomainError


class Command(BaseCommand):
    help = _("Create a personal API token for a user and print its secret (shown only once)")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help=_("What the token is for"))

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(_("No active user named %(name)s.") % {"name": options["username"]})
        try:
            _token, secret = services.token_create(user=user, name=options["name"])
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(secret)
