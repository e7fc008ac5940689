"""Demo users in several languages and time zones, and the teams they work in."""

import os
import secrets

from amity.accounts import services
from amity.accounts.models import Team, User
from amity.core.demo import DemoContext
from amity.core.permissions import Role

TEAMS = [
    ("Bangkok Sales", "Key accounts in Thailand and Indochina"),
    ("Warsaw Support", "Customer care for Central and Eastern Europe"),
    ("São Paulo Success", "Customer success for Latin America"),
    ("Global Marketing", "Campaigns, surveys and events worldwide"),
]

# (username, display name, role, language, zone, teams)
USERS = [
    ("somchai", "สมชาย ใจดี", Role.MANAGER, "th", "Asia/Bangkok", ["Bangkok Sales"]),
    ("malee", "มาลี ศรีสุข", Role.AGENT, "th", "Asia/Bangkok", ["Bangkok Sales"]),
    ("agnieszka", "Agnieszka Wójcik", Role.MANAGER, "pl", "Europe/Warsaw", ["Warsaw Support"]),
    ("lukasz", "Łukasz Żółkiewski", Role.AGENT, "pl", "Europe/Warsaw", ["Warsaw Support"]),
    ("beatriz", "Beatriz Conceição", Role.AGENT, "en", "America/Sao_Paulo", ["São Paulo Success"]),
    ("yuki", "山田 由紀", Role.AGENT, "en", "Asia/Tokyo", ["Global Marketing"]),
    ("layla", "ليلى الحربي", Role.VIEWER, "en", "Asia/Riyadh", ["Global Marketing"]),
    ("oliver", "Oliver Hughes", Role.ADMIN, "en", "Europe/London", []),
]


def demo_users_and_teams(context: DemoContext) -> None:
    password = os.environ.get("AMITY_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    teams = {}
    for name, description in TEAMS:
        teams[name], _ = Team.objects.get_or_create(
            name=name, defaults={"description": description}
        )
    users = []
    for username, display, role, language, zone, team_names in USERS:
        user = User.objects.filter(username=username).first() or services.user_create(
            actor=None,
            actor_label="demo",
            username=username,
            email=f"{username}@demo.amity.example",
            password=password,
            display_name=display,
            role=role,
            language=language,
            timezone_name=zone,
            teams=[teams[t] for t in team_names],
        )
        users.append(user)
    context.created["users"] = users
    context.created["teams"] = list(teams.values())
    context.counts["users"] = len(users)
    context.counts["teams"] = len(teams)
    context.created["demo_password"] = password
