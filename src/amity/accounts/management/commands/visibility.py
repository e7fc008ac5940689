import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amity.accounts.models import RecordVisibility, Team
from amity.accounts.visibility import (
    team_territories_set,
    territories_clean,
    visibility_policy,
    visibility_policy_update,
)
from amity.core.errors import DomainError


class Command(BaseCommand):
    help = _(
        "Record visibility: show what each role sees; change it (--managers, --agents) or a "
        "team's territories (--team NAME --territories TH,LA)"
    )

    def add_arguments(self, parser):
        choices = RecordVisibility.Scope.values
        parser.add_argument(
            "--managers", choices=choices, help=_("What managers see: all or teams")
        )
        parser.add_argument(
            "--agents", choices=choices, help=_("What agents and viewers see: all or teams")
        )
        parser.add_argument("--team", help=_("The team whose territories to set, by name"))
        parser.add_argument(
            "--territories",
            help=_("Country codes separated by commas (empty to clear), with --team"),
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON"))

    def handle(self, *args, **options):
        # Everything is checked before anything changes.
        if (options["team"] is None) != (options["territories"] is None):
            raise CommandError(_("Give --team and --territories together."))
        team, codes = None, []
        if options["team"] is not None:
            team = Team.objects.filter(name=options["team"]).first()
            if team is None:
                raise CommandError(_("No team is named %(name)s.") % {"name": options["team"]})
            codes = [c for c in options["territories"].replace(" ", ",").split(",") if c]
            try:
                codes = territories_clean(codes)
            except DomainError as error:
                raise CommandError(error.message) from error
        if options["managers"] or options["agents"]:
            current = visibility_policy()
            visibility_policy_update(
                actor=None,
                manager_scope=options["managers"] or current.manager_scope,
                agent_scope=options["agents"] or current.agent_scope,
            )
        if team is not None:
            team_territories_set(actor=None, team=team, territories=codes)
        policy = visibility_policy()
        teams = {team.name: team.territories for team in Team.objects.order_by("name")}
        if options["json"]:
            data = {
                "manager_scope": policy.manager_scope,
                "agent_scope": policy.agent_scope,
                "territories": teams,
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        labels = dict(RecordVisibility.Scope.choices)
        self.stdout.write(_("Managers see: %(scope)s") % {"scope": labels[policy.manager_scope]})
        self.stdout.write(
            _("Agents and viewers see: %(scope)s") % {"scope": labels[policy.agent_scope]}
        )
        for name, codes in teams.items():
            self.stdout.write(
                _("Team %(team)s: %(territories)s")
                % {"team": name, "territories": ", ".join(codes) or "—"}
            )
