"""Confidential interactions: the summary (body) is stored encrypted, read back by its author,
managers and administrators, withheld from everyone else, and re-encrypted by key rotation."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from amity.core import crypto
from amity.interactions.models import Interaction
from amity.privacy.models import AuditEntry
from factories import UserFactory, make_contact

BANGKOK_MORNING = "2026-04-13T09:30:00+07:00"
JAPANESE = "山田様は来月の契約更新に前向き。価格改定の件は社外秘。"
ARABIC = "ناقشنا شروط العقد السرية مع السيد الحربي، ولا يجوز مشاركتها."


@pytest.fixture(autouse=True)
def _own_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AMITY_ENCRYPTION_KEYS", raising=False)


@pytest.fixture
def yamada(db):
    return make_contact(given_name="太郎", family_name="山田", country="JP", languages=("ja",))


@pytest.fixture
def logged(api_as, agent, yamada):
    """A confidential call the agent logged through the API."""
    answer = api_as(agent).post(
        "/interactions",
        {
            "channel": "phone",
            "occurred_at": BANGKOK_MORNING,
            "subject": "Renewal call",
            "body": JAPANESE,
            "language": "ja",
            "confidential": True,
            "contact_ids": [yamada.pk],
        },
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


def rows_containing(text: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            if any(text in str(row) for row in cursor.fetchall()):
                found.append(table)
    return found


def test_the_body_is_stored_encrypted_and_no_row_holds_it(logged):
    stored = Interaction.objects.get(pk=logged["id"])

    assert stored.confidential
    assert stored.body.startswith(f"enc1:{crypto.primary_key_id()}:")
    assert stored.subject == "Renewal call"  # the subject stays readable, by design
    assert rows_containing(JAPANESE) == []
    assert rows_containing("社外秘") == []


def test_the_author_and_a_manager_read_it_others_see_it_withheld(
    logged, api_as, agent, manager, viewer
):
    for reader in (agent, manager):
        body = api_as(reader).get(f"/interactions/{logged['id']}").json()
        assert (body["body"], body["confidential"], body["body_withheld"]) == (
            JAPANESE,
            True,
            False,
        )
    other_agent = UserFactory(username="kasia", role="agent")
    for reader in (viewer, other_agent):
        body = api_as(reader).get(f"/interactions/{logged['id']}").json()
        assert (body["body"], body["body_withheld"]) == ("", True)


def test_the_timeline_withholds_the_summary_from_a_viewer(logged, yamada, api_as, manager, viewer):
    entries = api_as(manager).get(f"/contacts/{yamada.pk}/timeline").json()["items"]
    assert [e["summary"] for e in entries if e["kind"] == "interaction"] == [JAPANESE]

    entries = api_as(viewer).get(f"/contacts/{yamada.pk}/timeline").json()["items"]
    assert [e["summary"] for e in entries if e["kind"] == "interaction"] == [
        "Confidential: only its author and managers can read this summary."
    ]
    # Two decryptions: the author's copy in the answer to the POST, the manager's timeline.
    revealed = AuditEntry.objects.filter(action="decrypted").order_by("sequence")
    assert [(e.actor, e.subject_kind, e.subject_id, e.details) for e in revealed] == [
        (f"user:{uid}", "contact", yamada.pk, {"count": 1, "kind": "interaction"})
        for uid in (logged["created_by_id"], manager.pk)
    ]


def test_logged_from_the_page_in_arabic_shown_to_the_author_not_to_a_viewer(
    client, agent, viewer, yamada
):
    client.force_login(agent)
    answer = client.post(
        f"/contacts/{yamada.pk}/interactions/new/",
        {
            "channel": "meeting",
            "direction": "inbound",
            "occurred_at": "2026-04-13T09:30",
            "body": ARABIC,
            "language": "ar",
            "confidential": "on",
        },
    )
    assert answer.status_code == 302
    assert Interaction.objects.get().body.startswith("enc1:")
    assert rows_containing(ARABIC) == []
    page = client.get(f"/contacts/{yamada.pk}/timeline/").content.decode()
    assert ARABIC in page

    client.force_login(viewer)
    page = client.get(f"/contacts/{yamada.pk}/timeline/").content.decode()
    assert ARABIC not in page
    assert "only its author and managers can read this summary" in page


def test_someone_who_cannot_read_it_cannot_change_it(logged, api_as, manager):
    other_agent = UserFactory(username="kasia", role="agent")

    answer = api_as(other_agent).patch(f"/interactions/{logged['id']}", {"body": ""})
    assert answer.status_code == 403
    assert api_as(manager).get(f"/interactions/{logged['id']}").json()["body"] == JAPANESE


def test_clearing_the_flag_stores_the_body_in_clear_and_an_edit_keeps_the_ciphertext(
    logged, api_as, agent
):
    before = Interaction.objects.get(pk=logged["id"]).body
    api_as(agent).patch(f"/interactions/{logged['id']}", {"subject": "Renewal call, 2nd"})
    assert Interaction.objects.get(pk=logged["id"]).body == before

    api_as(agent).patch(f"/interactions/{logged['id']}", {"confidential": False})
    assert Interaction.objects.get(pk=logged["id"]).body == JAPANESE


def test_rotation_reencrypts_the_bodies_under_the_new_key(logged, api_as, manager):
    out = io.StringIO()
    call_command("keys", "rotate", "--retire-old", "--json", stdout=out)
    report = json.loads(out.getvalue())

    assert report["reencrypted"]["interactions.body"] == 1
    assert report["retired"]
    stored = Interaction.objects.get(pk=logged["id"]).body
    assert crypto.token_key_id(stored) == report["primary"] == crypto.primary_key_id()
    assert api_as(manager).get(f"/interactions/{logged['id']}").json()["body"] == JAPANESE


def test_a_missing_key_shows_a_clear_message_not_a_crash(
    logged, yamada, api_as, manager, monkeypatch
):
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", crypto.key_generate())

    answer = api_as(manager).get(f"/contacts/{yamada.pk}/timeline")
    assert answer.status_code == 200
    (summary,) = [e["summary"] for e in answer.json()["items"] if e["kind"] == "interaction"]
    # The message (in the manager's Polish) names the missing key and where keys come from.
    assert crypto.token_key_id(Interaction.objects.get(pk=logged["id"]).body) in summary
    assert "AMITY_ENCRYPTION_KEYS" in summary  # says where keys come from
    assert JAPANESE not in summary
