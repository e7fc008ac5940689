"""Record visibility on every read path: a Thai agent in team TH (territory TH) sees Thai
records, their own and their team's, never Polish ones; a Polish manager limited to their
teams; viewers like agents; administrators everything. Hidden records answer 404 like
missing ones, and searches, segments and interaction lists leave them out."""

from datetime import UTC, datetime

import pytest

from amity.accounts.models import RecordVisibility
from amity.accounts.visibility import team_territories_set, visibility_policy_update
from amity.interactions.contracts import InteractionData
from amity.interactions.services import interaction_log
from amity.people.contracts import RoleData
from amity.people.models import Contact, Segment
from factories import TeamFactory, make_contact, make_organization

pytestmark = pytest.mark.django_db
SCOPED = RecordVisibility.Scope.TEAMS


@pytest.fixture
def book(admin_user, manager, agent, viewer):
    """Two teams with their territories, and records in Thailand, Poland, Japan, Germany and
    Saudi Arabia owned or assigned so that each path into a scope is used once."""
    thai_team = TeamFactory(name="TH")
    polish_team = TeamFactory(name="PL")
    team_territories_set(actor=admin_user, team=thai_team, territories=["th"])
    team_territories_set(actor=admin_user, team=polish_team, territories=["PL"])
    agent.teams.add(thai_team)
    viewer.teams.add(thai_team)
    manager.teams.add(polish_team)
    siam = make_organization(name="บริษัท สยามเทรดดิ้ง จำกัด", country="TH")
    zolw = make_organization(name="Żółw Logistyka sp. z o.o.", country="PL")
    records = {
        "siam": siam,
        "zolw": zolw,
        # in the TH territory
        "somsri": make_contact(
            given_name="สมศรี",
            family_name="รักไทย",
            country="TH",
            emails=("somsri@siam.co.th",),
            roles=(RoleData(siam.pk),),
        ),
        # owned by the Thai agent, in Japan
        "yamada": make_contact(
            given_name="太郎", family_name="山田", country="JP", owner_id=agent.pk
        ),
        # assigned to team TH, in Saudi Arabia
        "noura": make_contact(
            given_name="نورة", family_name="القحطاني", country="SA", team_id=thai_team.pk
        ),
        # in the PL territory
        "anna": make_contact(
            given_name="Anna",
            family_name="Kowalska",
            country="PL",
            emails=("anna.kowalska@zolw.pl",),
            roles=(RoleData(zolw.pk),),
        ),
        # assigned to team PL, in Germany
        "klaus": make_contact(
            given_name="Klaus", family_name="Wagner", country="DE", team_id=polish_team.pk
        ),
    }
    return records


def restrict(admin_user, *, managers=SCOPED, agents=SCOPED):
    visibility_policy_update(actor=admin_user, manager_scope=managers, agent_scope=agents)


def names(response) -> set[str]:
    return {item["full_name"] for item in response.json()["items"]}


THAI_SCOPE = {"สมศรี รักไทย", "山田 太郎", "نورة القحطاني"}
POLISH_SCOPE = {"Anna Kowalska", "Klaus Wagner"}


def test_by_default_every_role_sees_every_contact_as_before(api_as, agent, book):
    assert names(api_as(agent).get("/contacts")) == THAI_SCOPE | POLISH_SCOPE


def test_a_thai_agent_sees_thai_own_and_team_contacts_not_polish_ones(
    api_as, admin_user, agent, book
):
    restrict(admin_user)

    assert names(api_as(agent).get("/contacts")) == THAI_SCOPE


def test_a_polish_manager_limited_to_their_teams_sees_polish_records(
    api_as, admin_user, manager, book
):
    restrict(admin_user, managers=SCOPED, agents=RecordVisibility.Scope.ALL)
    api = api_as(manager)

    assert names(api.get("/contacts")) == POLISH_SCOPE
    assert [o["name"] for o in api.get("/organizations").json()["items"]] == [
        "Żółw Logistyka sp. z o.o."
    ]


def test_a_manager_allowed_everything_sees_everything(api_as, admin_user, manager, book):
    restrict(admin_user, managers=RecordVisibility.Scope.ALL)

    assert names(api_as(manager).get("/contacts")) == THAI_SCOPE | POLISH_SCOPE


def test_a_viewer_has_the_agents_scope_and_still_only_reads(api_as, admin_user, viewer, book):
    restrict(admin_user)
    api = api_as(viewer)

    # the team's and the territory's records; 山田 太郎 is the agent's own, not the viewer's
    assert names(api.get("/contacts")) == THAI_SCOPE - {"山田 太郎"}
    somsri = book["somsri"].pk
    assert api.patch(f"/contacts/{somsri}", {"given_name": "X"}).status_code == 403


def test_administrators_see_every_record_whatever_the_policy(api_as, admin_user, book):
    restrict(admin_user)

    assert names(api_as(admin_user).get("/contacts")) == THAI_SCOPE | POLISH_SCOPE


def test_a_hidden_contact_answers_exactly_like_a_missing_one(api_as, admin_user, agent, book):
    restrict(admin_user)
    api = api_as(agent)
    anna = book["anna"].pk

    hidden = api.get(f"/contacts/{anna}")
    missing = api.get("/contacts/999999")

    assert hidden.status_code == missing.status_code == 404
    # the same words (in the agent's Thai) and code as for an id nobody has
    assert hidden.json() == {
        "detail": missing.json()["detail"].replace("999999", str(anna)),
        "code": "not_found",
    }
    assert str(anna) in hidden.json()["detail"]
    assert api.get(f"/contacts/{anna}/timeline").status_code == 404
    assert api.get(f"/organizations/{book['zolw'].pk}").status_code == 404
    assert api.get(f"/organizations/{book['siam'].pk}").status_code == 200


def test_a_hidden_contact_cannot_be_changed_or_deleted_and_stays_as_it_was(
    api_as, admin_user, agent, book
):
    restrict(admin_user)
    api = api_as(agent)
    anna = book["anna"].pk

    assert api.patch(f"/contacts/{anna}", {"given_name": "Hanna"}).status_code == 404
    assert api.delete(f"/contacts/{anna}").status_code == 404
    assert Contact.objects.get(pk=anna).given_name == "Anna"


def test_contact_and_organization_pages_answer_404_for_hidden_records(
    client, admin_user, agent, book
):
    restrict(admin_user)
    client.force_login(agent)

    assert client.get(f"/contacts/{book['anna'].pk}/").status_code == 404
    assert client.get(f"/contacts/{book['anna'].pk}/edit/").status_code == 404
    assert client.get(f"/contacts/{book['anna'].pk}/timeline/").status_code == 404
    assert client.get(f"/organizations/{book['zolw'].pk}/").status_code == 404
    assert client.get(f"/contacts/{book['somsri'].pk}/").status_code == 200
    listed = client.get("/contacts/").content.decode()
    assert "สมศรี" in listed
    assert "Kowalska" not in listed
    client.force_login(admin_user)
    assert client.get(f"/contacts/{book['anna'].pk}/").status_code == 200


def test_the_search_api_and_the_search_box_hide_hidden_records(
    api_as, client, admin_user, agent, book
):
    restrict(admin_user)

    assert api_as(agent).get("/search?q=Kowalska").json()["items"] == []
    assert api_as(agent).get("/search?q=anna.kowalska@zolw.pl").json()["items"] == []
    assert [h["label"] for h in api_as(agent).get("/search?q=สมศรี").json()["items"]] == [
        "สมศรี รักไทย"
    ]
    assert [h["label"] for h in api_as(admin_user).get("/search?q=Kowalska").json()["items"]] == [
        "Anna Kowalska"
    ]
    client.force_login(agent)
    box = client.get("/search/?q=Kowalska").content.decode()
    assert "Anna Kowalska" not in box
    assert names(api_as(agent).get("/contacts?q=Kowalska")) == set()


def test_segment_counts_and_members_hold_what_the_reader_sees(api_as, admin_user, agent, book):
    restrict(admin_user)
    rules = {"field": "country", "op": "in", "value": ["TH", "PL"]}
    segment = api_as(admin_user).post("/segments", {"name": "ไทยและโปแลนด์", "rules": rules})
    segment_id = segment.json()["id"]

    assert api_as(admin_user).get(f"/segments/{segment_id}/count").json() == {"count": 2}
    assert api_as(agent).get(f"/segments/{segment_id}/count").json() == {"count": 1}
    assert api_as(agent).post("/segments/preview", {"rules": rules}).json() == {"count": 1}
    members = api_as(agent).get(f"/segments/{segment_id}/members").json()["items"]
    assert [m["id"] for m in members] == [book["somsri"].pk]


def test_a_static_list_takes_and_counts_only_the_contacts_the_writer_sees(
    api_as, admin_user, agent, book
):
    restrict(admin_user)
    listed = api_as(admin_user).post("/segments", {"name": "Targi 2026", "kind": "static"}).json()
    members = f"/segments/{listed['id']}/members"
    api_as(admin_user).post(members, {"add": [book["anna"].pk, book["somsri"].pk]})

    hidden = api_as(agent).post(members, {"add": [book["klaus"].pk]})
    kept = api_as(agent).post(members, {"remove": [book["anna"].pk], "add": [book["yamada"].pk]})

    assert hidden.status_code == 422
    assert hidden.json()["detail"] == f"ไม่พบผู้ติดต่อที่มีรหัส {book['klaus'].pk}"  # as for a missing one
    assert kept.json() == {"count": 2}  # Somsri and Yamada; Anna is not the agent's to remove
    assert set(Segment.objects.get().members.values_list("pk", flat=True)) == {
        book["anna"].pk,
        book["somsri"].pk,
        book["yamada"].pk,
    }


def _log(subject: str, *, contacts=(), organization=None):
    return interaction_log(
        actor=None,
        actor_label="test",
        data=InteractionData(
            channel="phone",
            occurred_at=datetime(2026, 5, 4, 9, 30, tzinfo=UTC),
            subject=subject,
            contact_ids=tuple(c.pk for c in contacts),
            organization_id=organization.pk if organization else None,
        ),
    )


def test_an_interaction_is_visible_when_one_of_its_contacts_or_its_organization_is(
    api_as, admin_user, agent, book
):
    restrict(admin_user)
    thai_call = _log("โทรหาคุณสมศรี", contacts=[book["somsri"]])
    polish_call = _log("Rozmowa z Anną", contacts=[book["anna"]])
    both = _log("Spotkanie / ประชุม", contacts=[book["anna"], book["yamada"]])
    at_siam = _log("Rozmowa o Siam", contacts=[book["anna"]], organization=book["siam"])
    api = api_as(agent)

    listed = {item["subject"] for item in api.get("/interactions").json()["items"]}

    assert listed == {thai_call.subject, both.subject, at_siam.subject}
    assert api.get(f"/interactions/{polish_call.pk}").status_code == 404
    assert api.get(f"/interactions/{thai_call.pk}").status_code == 200
    assert len(api_as(admin_user).get("/interactions").json()["items"]) == 4


def test_the_restricted_contact_list_costs_two_more_queries_however_many_rows(
    api_as, admin_user, agent, book, django_assert_num_queries
):
    restrict(admin_user)
    api = api_as(agent)
    api.get("/me")  # the token's first use is noted once
    # token, visibility policy, the agent's teams, contacts, emails, phones, tags, roles
    with django_assert_num_queries(8):
        assert len(api.get("/contacts").json()["items"]) == 3
    for n in range(20):
        make_contact(given_name=f"สมหญิง{n}", family_name="ศรีสุข", country="TH")
        make_contact(given_name=f"Zofia{n}", family_name="Nowak", country="PL")
    with django_assert_num_queries(8):
        assert len(api.get("/contacts").json()["items"]) == 23


def test_who_has_access_lists_the_scoped_readers_of_a_record(api_as, admin_user, book):
    restrict(admin_user)

    access = api_as(admin_user).get(f"/contacts/{book['anna'].pk}/access").json()

    assert [u["username"] for u in access] == ["agnieszka", "oliver"]


def test_send_windows_treat_hidden_contacts_as_missing(api_as, admin_user, agent, book):
    restrict(admin_user)
    asked = [book["somsri"].pk, book["anna"].pk]

    answer = api_as(agent).post("/send-windows", {"contact_ids": asked}).json()

    assert [item["contact_id"] for item in answer["items"]] == [book["somsri"].pk]
    assert answer["missing"] == [book["anna"].pk]


def test_pages_and_endpoints_about_one_contact_answer_404_when_it_is_hidden(
    api_as, client, admin_user, agent, book
):
    restrict(admin_user)
    anna = book["anna"].pk
    api = api_as(agent)
    client.force_login(agent)

    assert api.get(f"/contacts/{anna}/guidance").status_code == 404
    assert api.get(f"/contacts/{anna}/when").status_code == 404
    assert api.get(f"/contacts/{anna}/consents").status_code == 404
    assert client.get(f"/contacts/{anna}/briefing/").status_code == 404
    assert api.get(f"/contacts/{book['somsri'].pk}/when").status_code == 200
