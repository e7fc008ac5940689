from datetime import UTC, datetime, timedelta

import pytest

from amity.core.errors import DomainError
from amity.interactions import timeline
from amity.interactions.contracts import InteractionData
from amity.interactions.services import interaction_log
from amity.interactions.timeline import TimelineEntry
from amity.people.contracts import RoleData
from factories import make_contact, make_organization

pytestmark = pytest.mark.django_db
SONGKRAN = datetime(2026, 4, 13, 2, 0, tzinfo=UTC)


def _log(contact_ids=(), organization_id=None, when=SONGKRAN, subject=""):
    return interaction_log(
        actor=None,
        data=InteractionData(
            channel="phone",
            occurred_at=when,
            subject=subject,
            contact_ids=tuple(contact_ids),
            organization_id=organization_id,
        ),
    )


def _walk(**query):
    pages, cursor = [], None
    while True:
        page = timeline.timeline(cursor=cursor, limit=3, **query)
        pages.append(page.entries)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_a_contacts_timeline_is_newest_first_and_pages_without_gaps_or_repeats():
    contact = make_contact()
    other = make_contact(given_name="Anna", country="PL")
    logged = [_log([contact.pk], when=SONGKRAN + timedelta(hours=i % 4)) for i in range(8)]
    _log([other.pk])

    pages = _walk(contact_ids=(contact.pk,), kinds=["interaction"])

    entries = [e for page in pages for e in page]
    assert [len(page) for page in pages] == [3, 3, 2]
    assert sorted(e.key for e in entries) == sorted(i.pk for i in logged)
    assert [e.position for e in entries] == sorted((e.position for e in entries), reverse=True)


def test_the_timeline_merges_interactions_and_record_events():
    contact = make_contact()
    _log([contact.pk], when=datetime(2020, 1, 1, tzinfo=UTC), subject="สอบถามราคา")

    entries = timeline.timeline(contact_ids=(contact.pk,)).entries

    assert [(e.kind, e.title) for e in entries] == [
        ("people_event", "Contact created"),
        ("interaction", "สอบถามราคา"),
    ]


def test_an_organizations_timeline_includes_its_peoples_interactions():
    organization = make_organization()
    member = make_contact(roles=(RoleData(organization.pk, "CEO"),))
    direct = _log(organization_id=organization.pk)
    via_member = _log([member.pk], when=SONGKRAN - timedelta(days=1))
    _log([make_contact(given_name="Ola", country="PL").pk])

    entries = timeline.timeline(organization_id=organization.pk, kinds=["interaction"]).entries

    assert [e.key for e in entries] == [direct.pk, via_member.pk]


def test_another_app_plugs_its_own_entries_in_without_changing_this_one():
    contact = make_contact()
    _log([contact.pk])

    def tickets(query):
        return [TimelineEntry("ticket", 7, SONGKRAN + timedelta(minutes=5), "Ticket #7")]

    timeline.register("ticket", tickets)
    try:
        entries = timeline.timeline(contact_ids=(contact.pk,), kinds=["ticket", "interaction"])
    finally:
        timeline._sources.pop("ticket")

    assert [e.kind for e in entries.entries] == ["ticket", "interaction"]


@pytest.mark.parametrize("cursor", ["garbage", "MjAyNnx4fDE", "", "!!!"])
def test_a_broken_cursor_is_a_clear_error(cursor):
    if not cursor:
        assert timeline.timeline(contact_ids=(1,), cursor=cursor).entries == []
        return
    with pytest.raises(DomainError) as error:
        timeline.timeline(contact_ids=(1,), cursor=cursor)
    assert error.value.code == "invalid_cursor"


def test_a_naive_time_is_refused():
    contact = make_contact()

    with pytest.raises(DomainError) as error:
        _log([contact.pk], when=datetime(2026, 4, 13, 9, 0))  # noqa: DTZ001 (the point)
    assert error.value.field == "occurred_at"
