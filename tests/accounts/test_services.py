import pytest

from amity.accounts import services
from amity.accounts.models import AccountEvent, ApiToken, Team, User
from amity.core.errors import Conflict, DomainError, NotFound
from amity.core.permissions import PermissionDenied, Role

pytestmark = pytest.mark.django_db


def test_production_hashes_passwords_with_argon2_first():
    import amity.settings

    assert amity.settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.usefixtures("production_hashers")
def test_admin_creates_a_thai_user_with_argon2_password(admin_user):
    user = services.user_create(
        actor=admin_user,
        username="malee",
        password="ดอกไม้บาน-2026",
        display_name="มาลี ศรีสุข",
        role=Role.AGENT,
        language="th",
        timezone_name="Asia/Bangkok",
    )

    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert user.check_password("ดอกไม้บาน-2026")
    assert str(user) == "มาลี ศรีสุข"
    event = AccountEvent.objects.get(type=AccountEvent.Type.USER_CREATED)
    assert (event.actor, event.subject, event.data) == (admin_user, "malee", {"role": "agent"})


def test_only_admins_create_users(manager):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=manager, username="new", password="a-long-passphrase")

    assert not User.objects.filter(username="new").exists()


def test_duplicate_username_is_a_conflict_and_changes_nothing(admin_user):
    events_before = AccountEvent.objects.count()

    with pytest.raises(Conflict):
        services.user_create(actor=admin_user, username="oliver", password="a-long-passphrase")

    assert User.objects.filter(username="oliver").count() == 1
    assert AccountEvent.objects.count() == events_before


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("timezone", {"timezone_name": "Asia/Bankok"}),
        ("language", {"language": "xx"}),
        ("password", {"password": "123"}),
    ],
)
def test_invalid_user_fields_are_named(admin_user, field, kwargs):
    base = {"password": "a-long-passphrase"} | kwargs

    with pytest.raises(DomainError) as caught:
        services.user_create(actor=admin_user, username="zofia", **base)

    assert caught.value.field == field
    assert not User.objects.filter(username="zofia").exists()


def test_user_changes_own_language_and_zone(viewer):
    services.user_preferences_update(user=viewer, language="pl", timezone_name="Europe/Warsaw")

    viewer.refresh_from_db()
    assert (viewer.language, viewer.timezone) == ("pl", "Europe/Warsaw")
    assert AccountEvent.objects.get().data == {"language": "pl", "timezone": "Europe/Warsaw"}


def test_token_secret_is_stored_only_as_digest(agent):
    token, secret = services.token_create(user=agent, name="nightly export")

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("amt_")
    assert secret not in (stored.digest, stored.prefix, stored.name)
    assert stored.digest == services.token_digest(secret)
    assert services.token_authenticate(secret) == agent


def test_token_use_is_recorded(agent):
    token, secret = services.token_create(user=agent, name="sync")

    services.token_authenticate(secret)

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_and_inactive_user_do_not_authenticate(agent):
    _token, revoked = services.token_create(user=agent, name="old")
    _other, active = services.token_create(user=agent, name="current")

    services.token_revoke(actor=agent, token_id=_token.pk)
    assert services.token_authenticate(revoked) is None
    assert services.token_authenticate(active) == agent

    agent.is_active = False
    agent.save()
    assert services.token_authenticate(active) is None
    assert services.token_authenticate("amt_made-up") is None
    assert services.token_authenticate("not-a-token") is None


def test_users_cannot_revoke_each_others_tokens(agent, viewer):
    token, _secret = services.token_create(user=agent, name="mine")

    with pytest.raises(NotFound):
        services.token_revoke(actor=viewer, token_id=token.pk)

    token.refresh_from_db()
    assert token.revoked_at is None


def test_managers_manage_teams_agents_do_not(manager, agent):
    team = services.team_create(actor=manager, name="Zespół Wsparcia", description="Warszawa")

    with pytest.raises(PermissionDenied):
        services.team_create(actor=agent, name="営業チーム")
    with pytest.raises(PermissionDenied):
        services.team_delete(actor=agent, team=team)

    assert list(Team.objects.values_list("name", flat=True)) == ["Zespół Wsparcia"]


def test_team_name_must_be_unique(manager):
    services.team_create(actor=manager, name="فريق الرياض")

    with pytest.raises(DomainError) as caught:
        services.team_create(actor=manager, name="فريق الرياض")

    assert caught.value.field == "name"
