"""Sensitive custom fields: a Thai national ID and a Polish PESEL stored encrypted, read back
by managers only, kept out of search, segments, snapshots and clear exports; key rotation."""

import io
import json
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from amity.core import crypto
from amity.core.errors import DomainError
from amity.people import exporting
from amity.people.merging import contacts_merge
from amity.people.models import Contact, CustomField, PeopleEvent
from amity.people.segments import rules_q
from amity.people.sensitive import custom_field_protect
from amity.people.services import contact_data, contact_update, custom_field_define
from amity.privacy.models import AuditEntry
from factories import make_contact

THAI_ID = "1101700230708"  # 13 digits, valid check digit
PESEL = "44051401359"  # the PESEL of the Polish government's own examples


@pytest.fixture(autouse=True)
def _own_keys(tmp_path, monkeypatch):
    """Each test gets its own key file in a data directory of its own."""
    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AMITY_ENCRYPTION_KEYS", raising=False)


@pytest.fixture
def fields(admin_user):
    custom_field_define(
        actor=admin_user, key="national_id", label="เลขประจำตัวประชาชน", type_="text",
        sensitive=True,
    )  # fmt: skip
    custom_field_define(actor=admin_user, key="pesel", label="PESEL", type_="text", sensitive=True)
    custom_field_define(actor=admin_user, key="seats", label="Seats", type_="number")


@pytest.fixture
def somchai(fields):
    return make_contact(
        given_name="สมชาย", family_name="ใจดี", custom={"national_id": THAI_ID, "seats": 4}
    )


@pytest.fixture
def anna(fields):
    return make_contact(
        given_name="Anna", family_name="Wiśniewska", country="PL", custom={"pesel": PESEL}
    )


def rows_containing(text: str) -> list[str]:
    """Every table whose rows hold ``text`` anywhere (any engine: rows read as text)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            if any(text in str(row) for row in cursor.fetchall()):
                found.append(table)
    return found


def test_values_are_stored_encrypted_and_no_row_holds_the_plaintext(somchai, anna):
    stored = Contact.objects.get(pk=somchai.pk).custom

    assert stored["national_id"].startswith(f"enc1:{crypto.primary_key_id()}:")
    assert stored["seats"] == 4  # an ordinary field stays as it was
    assert Contact.objects.get(pk=anna.pk).custom["pesel"].startswith("enc1:")
    assert rows_containing(THAI_ID) == []
    assert rows_containing(PESEL) == []


def test_a_manager_reads_the_value_a_viewer_and_an_agent_see_it_masked(
    somchai, manager, viewer, agent, api_as, client
):
    assert api_as(manager).get(f"/contacts/{somchai.pk}").json()["custom"] == {
        "national_id": THAI_ID,
        "seats": 4,
    }
    for reader in (viewer, agent):
        body = api_as(reader).get(f"/contacts/{somchai.pk}").json()
        assert body["custom"] == {"national_id": None, "seats": 4}

    client.force_login(manager)
    page = client.get(f"/contacts/{somchai.pk}/").content.decode()
    assert THAI_ID in page
    client.force_login(viewer)
    page = client.get(f"/contacts/{somchai.pk}/").content.decode()
    assert THAI_ID not in page
    assert "Hidden (sensitive)" in page


def test_each_decryption_for_a_reader_is_audited_without_the_value(somchai, manager, api_as):
    api_as(manager).get(f"/contacts/{somchai.pk}")

    entry = AuditEntry.objects.filter(action="decrypted").get()
    assert (entry.subject_kind, entry.subject_id) == ("contact", somchai.pk)
    assert entry.details == {"fields": ["national_id"]}
    assert THAI_ID not in json.dumps(entry.details)


def test_an_agent_cannot_clear_a_value_they_cannot_read_but_may_replace_it(
    somchai, agent, manager, api_as
):
    client = api_as(agent)
    answer = client.patch(f"/contacts/{somchai.pk}", {"custom": {"national_id": None, "seats": 5}})
    assert answer.status_code == 200
    assert answer.json()["custom"] == {"national_id": None, "seats": 5}
    assert api_as(manager).get(f"/contacts/{somchai.pk}").json()["custom"]["national_id"] == (
        THAI_ID
    )

    client.patch(f"/contacts/{somchai.pk}", {"custom": {"national_id": "3100600123457"}})
    assert api_as(manager).get(f"/contacts/{somchai.pk}").json()["custom"] == {
        "national_id": "3100600123457"
    }


def test_an_unchanged_edit_keeps_the_ciphertext_and_records_no_change(somchai, manager, client):
    before = Contact.objects.get(pk=somchai.pk).custom["national_id"]
    client.force_login(manager)
    form = client.get(f"/contacts/{somchai.pk}/edit/").context["form"]
    assert form.initial["custom_national_id"] == THAI_ID  # the manager's form shows it

    # What the form sends back: the plaintext, unchanged.
    data = replace(contact_data(somchai), custom={"national_id": THAI_ID, "seats": 4})
    contact_update(actor=manager, contact=somchai, data=data)

    assert Contact.objects.get(pk=somchai.pk).custom["national_id"] == before
    assert not PeopleEvent.objects.filter(type=PeopleEvent.Type.CONTACT_UPDATED).exists()


def test_an_agents_form_hides_the_stored_value(somchai, agent, client):
    client.force_login(agent)
    form = client.get(f"/contacts/{somchai.pk}/edit/").context["form"]

    assert "custom_national_id" not in form.initial
    with translation.override("th"):  # the agent reads Thai
        hidden = gettext(
            "Sensitive: a value is stored but hidden from you; type one to replace it."
        )
    assert form.fields["custom_national_id"].help_text == hidden


def test_search_does_not_find_a_sensitive_value(somchai, anna, manager, api_as):
    for text in (THAI_ID, PESEL):
        assert api_as(manager).get(f"/search?q={text}").json()["items"] == []


def test_a_segment_rule_cannot_use_a_sensitive_field(fields):
    with pytest.raises(DomainError) as refused:
        rules_q({"field": "custom", "op": "is", "value": {"key": "pesel", "value": PESEL}})

    assert refused.value.code == "sensitive_field"
    assert refused.value.message == (
        "PESEL is a sensitive field (stored encrypted) and cannot be used in a rule."
    )


def test_exports_carry_decrypted_values_only_when_asked_for_a_permitted_reader(somchai):
    contacts = [Contact.objects.get(pk=somchai.pk)]

    header, row = list(exporting.contact_rows(contacts))
    assert "custom.national_id" not in header
    assert row[header.index("custom.seats")] == "4"

    header, row = list(exporting.contact_rows(contacts, sensitive=True))
    assert row[header.index("custom.national_id")] == THAI_ID
    assert row[header.index("custom.pesel")] == ""


def test_the_merge_snapshot_names_the_sensitive_field_without_its_value(somchai, anna, manager):
    contacts_merge(actor=manager, keep=somchai, merge=anna)

    event = PeopleEvent.objects.get(type=PeopleEvent.Type.CONTACTS_MERGED)
    assert event.data["merged"]["custom"] == {"pesel": "(sensitive)"}
    assert Contact.objects.get(pk=somchai.pk).custom["pesel"].startswith("enc1:")
    assert rows_containing(PESEL) == []


def test_protecting_an_existing_field_encrypts_its_values_and_unprotecting_decrypts(admin_user):
    custom_field_define(actor=admin_user, key="passport", label="Passport", type_="text")
    people = [
        make_contact(given_name=f"Kowalski {n}", custom={"passport": f"EA{n:07}"}) for n in range(5)
    ]

    assert custom_field_protect(actor=admin_user, key="passport", sensitive=True, batch=2) == 5
    assert CustomField.objects.get(key="passport").sensitive
    assert rows_containing("EA0000003") == []
    assert custom_field_protect(actor=admin_user, key="passport", sensitive=True) == 0

    assert custom_field_protect(actor=admin_user, key="passport", sensitive=False) == 5
    assert not CustomField.objects.get(key="passport").sensitive
    assert [Contact.objects.get(pk=p.pk).custom["passport"] for p in people] == [
        f"EA{n:07}" for n in range(5)
    ]


def test_only_administrators_change_the_protection(fields, manager):
    from amity.core.permissions import PermissionDenied

    with pytest.raises(PermissionDenied):
        custom_field_protect(actor=manager, key="pesel", sensitive=False)
    assert CustomField.objects.get(key="pesel").sensitive


def test_rotation_reencrypts_every_value_under_the_new_key(somchai, anna, manager, api_as):
    old_key = crypto.primary_key_id()
    out = io.StringIO()
    call_command("keys", "rotate", "--batch", "1", "--json", stdout=out)
    report = json.loads(out.getvalue())

    new_key = crypto.primary_key_id()
    assert new_key != old_key
    assert report["added"] == new_key
    assert report["reencrypted"]["contacts.custom"] == 2
    for contact in (somchai, anna):
        for value in Contact.objects.get(pk=contact.pk).custom.values():
            assert not crypto.is_encrypted(value) or crypto.token_key_id(value) == new_key
    assert api_as(manager).get(f"/contacts/{anna.pk}").json()["custom"] == {"pesel": PESEL}

    out = io.StringIO()
    call_command("keys", "status", "--json", stdout=out)
    status = json.loads(out.getvalue())
    assert status["keys"] == [new_key, old_key]
    assert status["outdated"]["contacts.custom"] == 0

    call_command("keys", "retire", stdout=io.StringIO())
    assert [key.id for key in crypto.keyring()] == [new_key]
    assert api_as(manager).get(f"/contacts/{somchai.pk}").json()["custom"]["national_id"] == (
        THAI_ID
    )


def test_retiring_refuses_while_values_are_under_an_old_key(somchai):
    crypto.key_add()

    with pytest.raises(CommandError, match="1 value is still under an old key"):
        call_command("keys", "retire", stdout=io.StringIO())
    assert len(crypto.keyring()) == 2


def test_a_missing_key_is_a_clear_message_not_a_crash(
    somchai, manager, api_as, client, monkeypatch
):
    monkeypatch.setenv("AMITY_ENCRYPTION_KEYS", crypto.key_generate())  # not the one used

    with translation.override("pl"):  # the manager reads Polish
        unreadable = gettext("Cannot be decrypted")
    answer = api_as(manager).get(f"/contacts/{somchai.pk}")
    assert answer.status_code == 200
    assert answer.json()["custom"]["national_id"] == unreadable
    client.force_login(manager)
    assert unreadable in client.get(f"/contacts/{somchai.pk}/").content.decode()
    translation.activate("en")  # the page left the manager's Polish active in this thread
    with pytest.raises(crypto.EncryptionError, match="which is not configured"):
        crypto.decrypt(Contact.objects.get(pk=somchai.pk).custom["national_id"])


def test_an_invalid_sensitive_value_is_not_repeated_in_the_error(admin_user):
    custom_field_define(
        actor=admin_user, key="birth_date", label="Data urodzenia", type_="date", sensitive=True
    )

    with pytest.raises(DomainError) as refused:
        make_contact(given_name="Anna", custom={"birth_date": "14.05.1944"})
    assert refused.value.message == "Data urodzenia: *** is not a date (YYYY-MM-DD)."
    assert refused.value.field == "custom.birth_date"
    assert not Contact.objects.exists()


def test_the_api_lists_fields_and_an_admin_turns_protection_on_and_off(api_as, admin_user, manager):
    admin = api_as(admin_user)
    answer = admin.post("/custom-fields", {"key": "nip", "label": "NIP", "type": "text"})
    assert answer.status_code == 201
    make_contact(given_name="Jan", country="PL", custom={"nip": "5260250274"})

    assert api_as(manager).patch("/custom-fields/nip", {"sensitive": True}).json() == {
        "code": "permission_denied",
        "detail": "Twoja rola nie pozwala na tę operację (settings.manage).",  # in her Polish
    }
    answer = admin.patch("/custom-fields/nip", {"sensitive": True})
    assert answer.status_code == 200
    assert (answer.json()["sensitive"], answer.json()["converted"]) == (True, 1)
    assert rows_containing("5260250274") == []
    assert [(f["key"], f["sensitive"]) for f in api_as(manager).get("/custom-fields").json()] == [
        ("nip", True)
    ]

    refused = admin.patch("/custom-fields/nip", {"sensitive": False})
    assert (refused.status_code, refused.json()["code"]) == (422, "confirmation_required")
    assert CustomField.objects.get(key="nip").sensitive
    answer = admin.patch("/custom-fields/nip", {"sensitive": False, "confirm": True})
    assert (answer.json()["sensitive"], answer.json()["converted"]) == (False, 1)
    assert admin.patch("/custom-fields/none", {"sensitive": True}).status_code == 404


def test_the_system_reads_every_value_for_a_data_subject_export(somchai):
    from amity.people.sensitive import custom_plaintext

    stored = Contact.objects.get(pk=somchai.pk).custom
    assert custom_plaintext(stored) == {"national_id": THAI_ID, "seats": 4}
