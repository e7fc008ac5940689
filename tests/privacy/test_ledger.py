"""The consent ledger: what a recording writes, what it refuses (writing nothing), that rows
cannot be changed or removed even behind the services' back, and the derived current state
in a fixed number of queries."""

import pytest
from django.db import DatabaseError, transaction

from amity.core.errors import Conflict, DomainError
from amity.core.permissions import PermissionDenied
from amity.people.merging import contacts_merge
from amity.people.services import contact_delete
from amity.privacy import selectors, services
from amity.privacy.decisions import may_contact_many
from amity.privacy.models import ActorKind, ConsentEntry, ContactJurisdiction, Purpose
from factories import make_contact


def _grant(contact, purpose="marketing-sms", channel="sms", **extra):
    fields = {"actor": None, "source": "call", "status": "granted", **extra}
    return services.consent_record(contact=contact, purpose=purpose, channel=channel, **fields)


def test_a_recording_keeps_who_when_where_and_the_wording(somchai, agent):
    entry = services.consent_record(
        actor=agent,
        contact=somchai,
        purpose="marketing-sms",
        channel="",  # the purpose's only channel
        status="granted",
        lawful_basis="consent",
        source="call",
        evidence="โทรเมื่อ 3 พ.ค. ลูกค้าตกลงรับ SMS โปรโมชั่น",
        wording="ยินดีรับข่าวสารและโปรโมชั่นทาง SMS",
        wording_language="th_TH",
    )

    stored = ConsentEntry.objects.get()
    assert stored == entry
    assert (stored.purpose.slug, stored.channel, stored.status) == (
        "marketing-sms",
        "sms",
        "granted",
    )
    assert stored.evidence == "โทรเมื่อ 3 พ.ค. ลูกค้าตกลงรับ SMS โปรโมชั่น"
    assert (stored.wording_language, stored.source, stored.lawful_basis) == (
        "th-TH",
        "call",
        "consent",
    )
    assert (stored.actor_kind, stored.recorded_by, stored.recorded_by_label) == (
        ActorKind.USER, agent, "somchai"
    )  # fmt: skip
    assert stored.recorded_at.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"purpose": "newsletter"}, "unknown_purpose", "purpose"),
        ({"channel": "pigeon"}, "unknown_channel", "channel"),
        ({"channel": "email"}, "channel_not_in_purpose", "channel"),
        ({"status": "maybe"}, "invalid_status", "status"),
        ({"lawful_basis": "because"}, "invalid_lawful_basis", "lawful_basis"),
        ({"source": "rumour"}, "invalid_source", "source"),
        ({"wording_language": "not a tag"}, "invalid", "wording_language"),
        ({"evidence": "x" * 5001}, "invalid", "evidence"),
        ({"evidence": "nul\x00"}, "invalid", "evidence"),
    ],
)
def test_bad_input_is_refused_clearly_and_writes_nothing(somchai, change, code, field):
    with pytest.raises(DomainError) as refused:
        _grant(somchai, **change)

    assert (refused.value.code, refused.value.field) == (code, field)
    assert ConsentEntry.objects.count() == 0


def test_a_viewer_may_not_record(somchai, viewer):
    with pytest.raises(PermissionDenied):
        _grant(somchai, actor=viewer)

    assert ConsentEntry.objects.count() == 0


def test_an_inactive_purpose_takes_withdrawals_but_no_grants(somchai):
    Purpose.objects.filter(slug="profiling").update(is_active=False)

    with pytest.raises(DomainError) as refused:
        _grant(somchai, purpose="profiling", channel="any")
    withdrawn = _grant(somchai, purpose="profiling", channel="any", status="withdrawn")

    assert refused.value.code == "inactive_purpose"
    assert list(ConsentEntry.objects.all()) == [withdrawn]


def test_the_current_state_is_the_newest_entry_per_purpose_and_channel(anna):
    _grant(anna, "marketing-email", "email")
    withdrawn = _grant(anna, "marketing-email", "email", status="withdrawn", source="email")
    sms = _grant(anna)

    state = selectors.consent_state(anna)

    email_purpose = Purpose.objects.get(slug="marketing-email")
    assert state == {(email_purpose.pk, "email"): withdrawn, (sms.purpose_id, "sms"): sms}
    assert len(selectors.consent_history(anna)) == 3


def test_ledger_rows_cannot_be_edited_even_directly(anna):
    entry = _grant(anna)

    for change in [{"status": "denied"}, {"evidence": "forged"}, {"recorded_at": None}]:
        with pytest.raises(DatabaseError), transaction.atomic():
            ConsentEntry.objects.filter(pk=entry.pk).update(**change)
    entry.evidence = "forged"
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()

    entry.refresh_from_db()
    assert (entry.status, entry.evidence) == ("granted", "")


def test_ledger_rows_cannot_be_deleted_while_their_contact_exists(anna):
    entry = _grant(anna)

    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentEntry.objects.filter(pk=entry.pk).delete()

    assert ConsentEntry.objects.filter(pk=entry.pk).exists()


def test_the_recorder_cannot_be_swapped_but_may_be_deleted(anna, agent, admin_user):
    entry = _grant(anna, actor=agent)

    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentEntry.objects.filter(pk=entry.pk).update(recorded_by=admin_user)
    agent.delete()

    entry.refresh_from_db()
    assert (entry.recorded_by, entry.recorded_by_label) == (None, "somchai")


def test_deleting_a_contact_keeps_its_ledger(anna):
    entry = _grant(anna)
    services.contact_jurisdiction_set(actor=None, contact=anna, country="DE")

    contact_delete(actor=None, contact=anna, actor_label="test")

    assert ConsentEntry.objects.filter(pk=entry.pk).exists()
    assert ContactJurisdiction.objects.count() == 0


def test_merging_moves_the_ledger_to_the_kept_contact(anna):
    duplicate = make_contact(given_name="Anna", family_name="Wiśniewska", country="PL")
    entry = _grant(duplicate, "marketing-email", "email", status="withdrawn")

    contacts_merge(actor=None, keep=anna, merge=duplicate)

    entry.refresh_from_db()
    assert entry.contact_id == anna.pk
    assert entry.status == "withdrawn"


def test_admins_add_a_purpose_with_its_names(admin_user):
    purpose = services.purpose_create(
        actor=admin_user,
        slug="event-invites",
        name="Event invitations",
        kind="marketing",
        channels=["email"],
        translations={"th": "คำเชิญเข้าร่วมงาน", "pl": "Zaproszenia na wydarzenia"},
    )

    assert selectors.purpose_name(purpose, "pl-PL") == "Zaproszenia na wydarzenia"
    assert selectors.purpose_name(purpose, "th") == "คำเชิญเข้าร่วมงาน"
    assert selectors.purpose_name(purpose, "ja") == "Event invitations"
    with pytest.raises(Conflict):
        services.purpose_create(
            actor=admin_user, slug="event-invites", name="Again", kind="marketing"
        )


def test_only_admins_add_purposes(agent):
    with pytest.raises(PermissionDenied):
        services.purpose_create(actor=agent, slug="x", name="X", kind="marketing")


def test_seeded_purposes_have_stable_slugs_and_thai_and_polish_names(db):
    purposes = selectors.purposes()

    assert [p.slug for p in purposes] == [
        "marketing-email",
        "marketing-sms",
        "marketing-chat",
        "phone-calls",
        "surveys",
        "profiling",
        "partner-sharing",
    ]
    assert selectors.purpose_name(purposes[0], "th") == "การตลาดทางอีเมล"
    assert selectors.purpose_name(purposes[0], "pl") == "Marketing e-mailowy"


def test_state_of_one_contact_is_one_query(anna, django_assert_num_queries):
    for channel_purpose in ["marketing-sms", "marketing-chat", "phone-calls"]:
        _grant(anna, channel_purpose, "")
        _grant(anna, channel_purpose, "", status="withdrawn")

    with django_assert_num_queries(1):
        state = selectors.consent_state(anna)

    assert {entry.status for entry in state.values()} == {"withdrawn"}


def test_deciding_for_many_contacts_takes_two_queries_whatever_their_number(
    db, django_assert_num_queries
):
    purpose = Purpose.objects.prefetch_related("translations").get(slug="marketing-email")
    contacts = [
        make_contact(given_name=given, family_name=family, country=country)
        for given, family, country in [
            ("Anna", "Nowak", "PL"),
            ("สมชาย", "ใจดี", "TH"),
            ("太郎", "山田", "JP"),
            ("Beatriz", "Alves", "US"),
        ]
    ]
    _grant(contacts[2], "marketing-email", "email")
    services.contact_jurisdiction_set(actor=None, contact=contacts[0], country="DE")

    with django_assert_num_queries(2):
        decisions = may_contact_many(contacts, purpose, "email")

    assert {pk: d.allowed for pk, d in decisions.items()} == {
        contacts[0].pk: False,
        contacts[1].pk: False,
        contacts[2].pk: True,
        contacts[3].pk: True,
    }
    assert decisions[contacts[0].pk].regime.code == "EU"
    more = [
        make_contact(given_name=f"Ola {i}", family_name="Kowalska", country="PL") for i in range(6)
    ]
    with django_assert_num_queries(2):
        assert len(may_contact_many(contacts + more, purpose, "email")) == 10
