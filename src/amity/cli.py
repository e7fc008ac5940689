"""The ``amity`` command. Thin: each subcommand is a Django management command that calls
services; this module lists them and reports configuration errors clearly."""

import os
import sys

from django.utils.translation import gettext_lazy as _

COMMANDS = [
    (
        "serve",
        _("Apply migrations, create the first admin, and serve the web UI, API and a worker"),
    ),
    ("worker", _("Run a background worker for queued tasks")),
    ("demo", _("Load the demo data (users, teams and each app's part)")),
    ("migrate", _("Apply database migrations")),
    ("createuser", _("Create a user with a role, language and time zone")),
    ("createtoken", _("Create a personal API token for a user and print it once")),
    ("search", _("Search contacts, organizations, emails and phones from the command line")),
    ("import", _("Import contacts or organizations from a CSV, XLSX or vCard file")),
    ("export", _("Export contacts or organizations as CSV, XLSX or vCard")),
    ("meet", _("Find meeting slots with contacts and colleagues in their local times; book one")),
    ("when", _("Show a contact's local time, working state and next send window")),
    ("holidays", _("List public holidays coming up where contacts live, with contacts affected")),
    ("country", _("Show a country's working week, office hours, formats and public holidays")),
    ("audit", _("Audit trail: verify its hash chain (verify), who did what (list)")),
    (
        "privacy",
        _("Privacy: may-contact, consent, export or erase a person, retention [--dry-run]"),
    ),
    ("keys", _("Encryption keys: status, rotate (re-encrypt everything), retire, generate")),
    ("sensitive", _("Sensitive custom fields: list, protect (encrypt) or unprotect (decrypt)")),
    ("visibility", _("Record visibility: what each role sees, and teams' territories")),
    ("check", _("Check configuration and database health; exits non-zero when something is wrong")),
    ("help", _("Show a command's options: amity help COMMAND; every command: amity help --all")),
]


def _setup() -> None:
    from amity.core.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as error:
        sys.exit(f"amity: configuration error: {error}")


def _activate_terminal_language() -> None:
    """Speak the admin's language: AMITY_LANGUAGE, else the language of LANG (th_TH.UTF-8)."""
    from django.conf import settings
    from django.utils import translation

    wanted = os.environ.get("AMITY_LANGUAGE") or os.environ.get("LANG", "")
    code = wanted.split(".")[0].split("_")[0].lower()
    translation.activate(code if code in dict(settings.LANGUAGES) else "en")


def print_usage() -> None:
    from django.utils.translation import gettext

    print(gettext("usage: amity COMMAND [options]") + "\n")
    width = max(len(name) for name, _help in COMMANDS)
    for name, description in COMMANDS:
        print(f"  {name.ljust(width)}  {description}")


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")
    argv = sys.argv[1:] if argv is None else argv
    _setup()
    _activate_terminal_language()
    if not argv or argv[0] in {"-h", "--help"} or argv == ["help"]:
        print_usage()
        return
    if argv[:2] == ["help", "--all"]:
        argv = ["help", "--commands"]

    from django.core.management import ManagementUtility

    try:
        ManagementUtility(["amity", *argv]).execute()
    except BrokenPipeError:
        # The reader went away (``amity holidays | head``): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
