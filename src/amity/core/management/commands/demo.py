from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amity.core.demo import DemoContext, load_demo


class Command(BaseCommand):
    help = _("Load the demo data (users, teams and each app's part)")

    def add_arguments(self, parser):
        parser.add_argument(
            "--contacts", type=int, default=1_000, help=_("Number of demo contacts")
        )
        parser.add_argument("--seed", type=int, default=2026, help=_("Random seed"))

    def handle(self, *args, **options):
        context = DemoContext(
            contacts=options["contacts"],
            seed=options["seed"],
            progress=lambda name: self.stdout.write(_("Loading %(part)s…") % {"part": name}),
        )
        load_demo(context)
        for name, count in context.counts.items():
            self.stdout.write(f"  {name}: {count}")
        if context.created.get("demo_password"):
            self.stdout.write(
                _("Demo users' password: %(password)s")
                % {"password": context.created["demo_password"]}
            )
