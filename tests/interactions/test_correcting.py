"""Correcting and deleting an interaction from its timeline entry: the time typed in the
reader's zone, the people kept, refusals that change nothing, confidential ones left to those
who may read them, and the pages in the reader's language."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from django.utils.translation import gettext

from amity.accounts.models import RecordVisibility
from amity.accounts.visibility import team_territories_set, visibility_policy_update
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Interaction
from amity.interactions.services import interaction_log
from amity.privacy.models import AuditEntry
from factories import TeamFactory, UserFactory, make_contact
from interactions.test_pages import interaction_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AMITY_ENCRYPTION_KEYS", raising=False)


@pytest.fixture
def wojcik():
    return make_contact(
        given_name="Łucja", family_name="Wójcik", country="PL", timezone="Europe/Warsaw"
    )


def call(contact, subject: str, *, actor=None, **fields) -> Interaction:
    return interaction_log(
        actor=actor,
        actor_label="test",
        data=InteractionData(
            channel="phone",
            occurred_at=datetime(2026, 11, 9, 13, 30, tzinfo=UTC),  # 14:30 in Warsaw
            subject=subject,
            contact_ids=(contact.pk,),
            **fields,
        ),
    )


def form(**fields) -> dict:
    """The correction form as a browser posts it (the logged time, 14:30 in Warsaw, unless
    changed)."""
    return interaction_form(**{"occurred_at": "2026-11-09T14:30", **fields})


def test_a_manager_corrects_the_time_in_their_zone_and_keeps_the_people(client, manager, wojcik):
    interaction = call(wojcik, "Rozmowa o umowie", duration=timedelta(minutes=15))
    client.force_login(manager)  # Agnieszka reads Polish, in Europe/Warsaw
    back = f"/contacts/{wojcik.pk}/#timeline"

    page = client.get(f"/interactions/{interaction.pk}/edit/", {"next": back}).content.decode()
    response = client.post(
        f"/interactions/{interaction.pk}/edit/",
        form(
            occurred_at="2026-11-10T09:00",
            duration_minutes="45",
            subject="Rozmowa o umowie ramowej",
            body="Pani Łucja prosi o ofertę do piątku.",
            outcome="completed",
            language="pl",
            next=back,
        ),
    )

    interaction.refresh_from_db()
    assert 'value="2026-11-09T14:30"' in page  # shown in the reader's zone
    assert 'value="15"' in page
    assert response.status_code == 302
    assert response["Location"] == back
    assert interaction.occurred_at == datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
    assert interaction.duration == timedelta(minutes=45)
    assert (interaction.subject, interaction.outcome, interaction.language) == (
        "Rozmowa o umowie ramowej",
        "completed",
        "pl",
    )
    assert list(interaction.contacts.all()) == [wojcik]
    # the participant rows that drive timelines and segment rules moved with it
    assert interaction.participant_rows.get().occurred_at == interaction.occurred_at


def test_a_refused_correction_shows_the_error_and_changes_nothing(client, manager, wojcik):
    interaction = call(wojcik, "Rozmowa")
    client.force_login(manager)

    response = client.post(
        f"/interactions/{interaction.pk}/edit/",
        form(subject="Zmieniony temat", duration_minutes="-5", language="xx-!!"),
    )

    interaction.refresh_from_db()
    html = response.content.decode()
    with translation.override("pl"):
        banner = gettext("The interaction was not saved. Please correct the fields marked below.")
    assert response.status_code == 200
    assert banner in html
    assert 'id="id_duration_minutes_error"' in html
    assert interaction.subject == "Rozmowa"


def test_deleting_asks_first_then_removes_it_from_the_timeline(client, manager, wojcik):
    interaction = call(wojcik, "Spotkanie w Łodzi")
    client.force_login(manager)

    confirm = client.get(f"/interactions/{interaction.pk}/delete/").content.decode()
    assert Interaction.objects.filter(pk=interaction.pk).exists()
    response = client.post(f"/interactions/{interaction.pk}/delete/")
    timeline = client.get(f"/contacts/{wojcik.pk}/timeline/").content.decode()

    assert "Spotkanie w Łodzi" in confirm
    with translation.override("pl"):
        assert f"<h1>{gettext('Delete interaction')}</h1>" in confirm
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{wojcik.pk}/#timeline"
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
    assert "Spotkanie w Łodzi" not in timeline


def test_the_timeline_offers_a_correction_to_writers_only(client, manager, viewer, wojcik):
    interaction = call(wojcik, "Rozmowa")
    link = f"/interactions/{interaction.pk}/edit/"

    client.force_login(manager)
    for_writer = client.get(f"/contacts/{wojcik.pk}/timeline/").content.decode()
    client.force_login(viewer)
    for_viewer = client.get(f"/contacts/{wojcik.pk}/timeline/").content.decode()

    assert link in for_writer
    assert link not in for_viewer
    assert client.get(link).status_code == 403
    assert client.post(f"/interactions/{interaction.pk}/delete/").status_code == 403
    assert Interaction.objects.filter(pk=interaction.pk).exists()


def test_a_confidential_call_is_corrected_only_by_its_author_and_managers(
    client, manager, agent, wojcik
):
    colleague = UserFactory(username="malee", role=agent.role, language="th")
    secret = call(
        wojcik, "Negocjacje", actor=agent, body="Rabat 12% do końca roku.", confidential=True
    )
    link = f"/interactions/{secret.pk}/edit/"

    client.force_login(colleague)
    timeline = client.get(f"/contacts/{wojcik.pk}/timeline/").content.decode()
    refused = [client.get(link).status_code, client.post(f"/interactions/{secret.pk}/delete/")]
    client.force_login(agent)
    author_page = client.get(link).content.decode()
    client.force_login(manager)
    saved = client.post(
        link, form(subject="Negocjacje cenowe", body="Rabat 10%.", confidential="on")
    )

    secret.refresh_from_db()
    assert link not in timeline
    assert refused[0] == 403
    assert refused[1].status_code == 403
    assert "Rabat 12% do końca roku." in author_page
    assert saved.status_code == 302
    assert secret.confidential
    assert "Rabat" not in secret.body
    decrypted = AuditEntry.objects.filter(action="decrypted", subject_id=wojcik.pk)
    # each correction form opened the summary: the author's, then the manager's
    assert sorted((e.actor, e.details["count"]) for e in decrypted) == sorted(
        [(f"user:{agent.pk}", 1), (f"user:{manager.pk}", 1)]
    )


def test_an_interaction_the_writer_may_not_see_answers_404(client, admin_user, agent):
    thai_team = TeamFactory(name="TH")
    team_territories_set(actor=admin_user, team=thai_team, territories=["TH"])
    agent.teams.add(thai_team)
    visibility_policy_update(
        actor=admin_user,
        manager_scope=RecordVisibility.Scope.ALL,
        agent_scope=RecordVisibility.Scope.TEAMS,
    )
    polish = make_contact(given_name="Jan", family_name="Nowak", country="PL")
    hidden = call(polish, "Rozmowa")
    client.force_login(agent)

    assert client.get(f"/interactions/{hidden.pk}/edit/").status_code == 404
    assert client.post(f"/interactions/{hidden.pk}/delete/").status_code == 404
    assert Interaction.objects.filter(pk=hidden.pk).exists()


def test_a_link_elsewhere_is_not_followed_back(client, manager, wojcik):
    interaction = call(wojcik, "Rozmowa")
    client.force_login(manager)

    response = client.post(
        f"/interactions/{interaction.pk}/edit/",
        form(subject="Rozmowa", next="https://evil.example/phish"),
    )

    assert response["Location"] == f"/contacts/{wojcik.pk}/#timeline"
