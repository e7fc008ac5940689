from dataclasses import FrozenInstanceError, dataclass, replace
from datetime import UTC, date, datetime, time

import pytest
from django.db import transaction

from amity.core import events
from amity.core.actors import Actor, ActorKind, Via, as_actor
from amity.core.events import Event, RecordEvent, event_types, publish, subscribe
from amity.culture.events import BusinessHoursSet, ClosureCreated, CountryGuidanceEdited
from amity.culture.guidance.edits import country_guidance_edit
from amity.culture.services import business_hours_set, closure_create
from amity.interactions.contracts import InteractionData
from amity.interactions.events import InteractionChanged, InteractionDeleted, InteractionLogged
from amity.interactions.services import interaction_delete, interaction_log, interaction_update
from amity.people.events import ContactChanged, ContactCreated, CustomFieldDefined
from amity.people.services import contact_update, custom_field_define
from amity.privacy.events import ConsentRecorded, PurposeCreated
from amity.privacy.models import AuditEntry
from amity.privacy.services import consent_record, purpose_create
from factories import make_contact

pytestmark = pytest.mark.django_db


@dataclass(frozen=True, kw_only=True)
class Pinged(RecordEvent):
    name = "test.pinged"
    subject_kind = "contact"


@pytest.fixture
def heard():
    """Every event published during the test, as in-transaction subscribers see them."""
    seen: list[Event] = []
    subscribe(Event, seen.append, in_transaction=True)
    yield seen
    events._subscriptions.during[Event].remove(seen.append)


@pytest.fixture
def after_commit():
    seen: list[Event] = []
    subscribe(Pinged, seen.append)
    yield seen
    events._subscriptions.after[Pinged].remove(seen.append)


def test_an_event_reaches_after_commit_subscribers_only_once_committed(
    admin_user, after_commit, django_capture_on_commit_callbacks
):
    ping = Pinged(actor=Actor.of_user(admin_user), record_id=7)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish(ping)
        assert after_commit == []

    assert after_commit == [ping]


def test_a_rolled_back_write_delivers_nothing_after_commit(
    admin_user, after_commit, django_capture_on_commit_callbacks
):
    def failing_write():
        with transaction.atomic():
            publish(Pinged(actor=Actor.of_user(admin_user), record_id=7))
            raise RuntimeError("the write fails")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_write()

    assert after_commit == []


def test_subscribing_twice_delivers_once(
    admin_user, after_commit, django_capture_on_commit_callbacks
):
    subscribe(Pinged, after_commit.append)

    with django_capture_on_commit_callbacks(execute=True):
        publish(Pinged(actor=Actor.system(), record_id=1))

    assert len(after_commit) == 1


def test_events_are_frozen_and_named():
    ping = Pinged(actor=Actor.system(), record_id=1)

    with pytest.raises(FrozenInstanceError):
        ping.record_id = 2  # type: ignore[misc]
    assert event_types()["contact.created"] is ContactCreated
    assert "interaction.logged" in event_types()
    with pytest.raises(TypeError):
        publish(Event(actor=Actor.system()))


def test_the_actor_says_who_and_through_which_door(admin_user):
    assert as_actor(admin_user, "api") == Actor(
        ActorKind.USER, Via.API, user=admin_user, label="api"
    )
    assert as_actor(None, "cli").kind is ActorKind.SYSTEM
    assert as_actor(None, "cli").via is Via.CLI
    assert as_actor(admin_user).audit_name == f"user:{admin_user.pk}"
    assert Actor.of_contact(5).audit_name == "contact:5"
    workflow = Actor.for_workflow(admin_user, label="welcome workflow")
    assert (workflow.kind, workflow.user, workflow.via) == (ActorKind.TASK, admin_user, Via.TASK)


def test_contact_writes_publish_typed_events_with_their_actor(agent, heard):
    contact = make_contact(given_name="สมศรี", family_name="ใจดี")
    heard.clear()

    contact_update(
        actor=agent, contact=contact, data=_data(contact, family_name="รักไทย"), actor_label="api"
    )

    (changed,) = [e for e in heard if isinstance(e, ContactChanged)]
    assert (changed.record_id, changed.fields) == (contact.pk, ("family_name",))
    assert (changed.actor.user, changed.actor.via) == (agent, Via.API)


def test_interaction_writes_publish_events(agent, heard):
    contact = make_contact(given_name="Łukasz", family_name="Wiśniewski")
    data = InteractionData(
        channel="phone", occurred_at=datetime(2026, 4, 14, 8, tzinfo=UTC), contact_ids=(contact.pk,)
    )

    logged = interaction_log(actor=agent, data=data)
    logged_id = logged.pk
    interaction_update(
        actor=agent, interaction=logged, data=replace(data, subject="Umowa"), fields={"subject"}
    )
    interaction_delete(actor=agent, interaction=logged)

    published = [e for e in heard if e.subject_kind == "interaction"]
    assert [type(e) for e in published] == [
        InteractionLogged,
        InteractionChanged,
        InteractionDeleted,
    ]
    assert all(e.contact_ids == (contact.pk,) and e.record_id == logged_id for e in published)
    assert published[1].fields == ("subject",)


def test_consent_is_published_and_audited_in_the_same_transaction(admin_user, heard):
    contact = make_contact(given_name="山田", family_name="太郎")
    before = AuditEntry.objects.count()

    consent_record(
        actor=admin_user,
        contact=contact,
        purpose="marketing-email",
        channel="email",
        status="granted",
        source="form",
    )

    (event,) = [e for e in heard if isinstance(e, ConsentRecorded)]
    assert (event.record_id, event.purpose, event.status) == (
        contact.pk,
        "marketing-email",
        "granted",
    )
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.subject_kind, entry.subject_id) == (
        "consent",
        "contact",
        contact.pk,
    )
    assert entry.details == {"purpose": "marketing-email", "source": "form", "status": "granted"}


def test_settings_writes_publish_events_and_stay_out_of_the_audit(admin_user, heard):
    before = AuditEntry.objects.count()

    purpose_create(
        actor=admin_user, slug="event-invites", name="Event invitations", kind="marketing"
    )
    custom_field_define(actor=admin_user, key="loyalty_tier", label="ระดับสมาชิก", type_="text")
    business_hours_set(actor=admin_user, country="PL", opens=time(8), closes=time(16))
    closure_create(
        actor=admin_user, name="Wigilia", first_day=date(2026, 12, 24), last_day=date(2026, 12, 24)
    )
    country_guidance_edit(
        actor=admin_user,
        country="TH",
        field="gifts",
        value="",
        note="Wrap gifts in bright colours.",
        source_url="https://www.thailandnow.in.th/",
        source_title="Thailand Now",
    )

    published = [type(e) for e in heard]
    for expected in (
        PurposeCreated,
        CustomFieldDefined,
        BusinessHoursSet,
        ClosureCreated,
        CountryGuidanceEdited,
    ):
        assert expected in published
    assert AuditEntry.objects.count() == before


def _data(contact, **changes):
    from amity.people.services import contact_data

    return replace(contact_data(contact), **changes)


def test_account_writes_publish_events_beside_their_history_rows(admin_user, heard):
    from amity.accounts.events import TeamCreated, TokenCreated
    from amity.accounts.services import team_create, token_create

    team = team_create(actor=admin_user, name="Zespół Kraków")
    token_create(user=admin_user, name="ระบบบัญชี")

    created = [e for e in heard if isinstance(e, TeamCreated | TokenCreated)]
    assert (type(created[0]), created[0].subject) == (TeamCreated, team.name)
    assert {type(e) for e in created} == {TeamCreated, TokenCreated}
    assert all(e.actor.user == admin_user for e in created)


def test_a_workflow_acts_with_the_rights_of_the_user_who_configured_it(agent, viewer):
    from amity.core.permissions import Action, PermissionDenied, require

    require(Actor.for_workflow(agent, label="welcome"), Action.WRITE_RECORDS)
    with pytest.raises(PermissionDenied):
        require(Actor.for_workflow(viewer, label="welcome"), Action.WRITE_RECORDS)
    with pytest.raises(PermissionDenied):
        require(Actor.for_workflow(agent, label="welcome"), Action.MANAGE_USERS)
    with pytest.raises(PermissionDenied):
        require(Actor.of_contact(7), Action.VIEW_RECORDS)
    require(Actor.system("retention"), Action.MANAGE_SETTINGS)
    agent.is_active = False
    with pytest.raises(PermissionDenied):
        require(Actor.for_workflow(agent, label="welcome"), Action.WRITE_RECORDS)


def test_segments_and_privacy_requests_publish_events(manager, heard):
    from amity.people.events import SegmentCreated, SegmentMembersChanged
    from amity.people.segments import segment_create, segment_members_change
    from amity.privacy.events import RequestChanged, RequestLogged
    from amity.privacy.requests import request_log, request_update

    contact = make_contact(given_name="Zofia", family_name="Wójcik", country="PL")
    segment = segment_create(actor=manager, name="Klienci VIP", kind="static")
    segment_members_change(actor=manager, segment=segment, add=[contact.pk])
    request = request_log(contact=contact, kind="access", actor=manager, channel="ui")
    request_update(request=request, status="in_progress", actor=manager)

    published = {type(e): e for e in heard}
    assert published[SegmentCreated].record_id == segment.pk
    assert published[SegmentMembersChanged].added == (contact.pk,)
    assert published[RequestLogged].contact_id == contact.pk
    assert published[RequestChanged].status == "in_progress"


def test_a_failing_subscriber_after_commit_does_not_stop_the_others(
    admin_user, after_commit, django_capture_on_commit_callbacks
):
    def broken(event):
        raise RuntimeError("a webhook is down")

    subscribe(Pinged, broken)
    subscribe(Pinged, after_commit.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish(Pinged(actor=Actor.of_user(admin_user), record_id=3))
    finally:
        events._subscriptions.after[Pinged].remove(broken)

    assert [e.record_id for e in after_commit] == [3]
