"""A new record kind shows on timelines and in segment rules through the kit alone: its
entries' own template (or the generic part without one), and its rule field's value kind,
input words and sentence, with no change to people or to the timeline panel."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings as django_settings
from django.db.models import Q

from amity.core import records
from amity.core.records import RecordKind, record_kind_register
from amity.interactions import timeline
from amity.interactions.timeline import TimelineEntry
from amity.people.rule_fields import SegmentField
from amity.people.segment_forms import RulesForm
from amity.people.segment_values import ACTIVITY
from amity.people.segment_words import rules_in_words
from factories import make_contact

pytestmark = pytest.mark.django_db
WHEN = datetime(2026, 4, 13, 9, 30, tzinfo=UTC)
TICKET_TEMPLATE = (
    '{% load i18n %}<p class="meta"><span class="status">{{ entry.detail.status }}</span>'
    '<span class="actor">{% blocktranslate with name=entry.actor %}by {{ name }}'
    "{% endblocktranslate %}</span></p>"
)


def _tickets(query):
    return [
        TimelineEntry(
            "ticket",
            7,
            WHEN,
            "Drukarka nie działa",
            summary="เครื่องพิมพ์เสีย",
            channel="ticket",
            actor="Ola",
            language="th",
            detail={"status": "open"},
        )
    ]


def _tickets_in_words(op: str, value) -> str:
    return f"{op}: {value['count']} tickets, {value['days']} days"


@pytest.fixture
def tickets_source():
    timeline.register("ticket", _tickets)
    yield
    timeline._sources.pop("ticket")


@pytest.fixture
def ticket_kind(settings):
    """A "ticket" kind as a support app would register it, with its entry template."""
    engine = {**django_settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", {"support/ticket.html": TICKET_TEMPLATE}),
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine]
    record_kind_register(
        RecordKind(
            key="ticket",
            app="support",
            label="Ticket",
            plural_label="Tickets",
            timeline_template="support/ticket.html",
            segment_fields=(
                SegmentField(
                    "tickets",
                    "Tickets lately",
                    ("at_least", "fewer_than"),
                    lambda op, value: Q(pk__in=[]),
                    ACTIVITY,
                    input_labels={"count": "How many tickets"},
                    describe=_tickets_in_words,
                ),
            ),
        )
    )
    yield
    records._kinds.pop("ticket")


def _ticket_entry(client, contact) -> str:
    html = client.get(f"/contacts/{contact.pk}/timeline/", HTTP_HX_REQUEST="true")
    entries = re.findall(r'<li class="timeline-entry channel-ticket">(.*?)</li>', html.text, re.S)
    assert len(entries) == 1
    return entries[0]


def test_an_entry_of_a_kind_without_a_template_gets_the_generic_part(
    client, viewer, tickets_source
):
    contact = make_contact()
    client.force_login(viewer)

    entry = _ticket_entry(client, contact)

    assert '<h3 dir="auto">Drukarka nie działa</h3>' in entry
    assert re.search(r'<p class="meta">\s*<span class="actor">by Ola</span>\s*</p>', entry)
    assert '<div class="summary" dir="auto" lang="th">เครื่องพิมพ์เสีย</div>' in entry


def test_an_entry_of_a_registered_kind_shows_its_own_template(
    client, viewer, tickets_source, ticket_kind
):
    contact = make_contact()
    client.force_login(viewer)

    entry = _ticket_entry(client, contact)

    assert (
        '<p class="meta"><span class="status">open</span><span class="actor">by Ola</span></p>'
        in entry
    )
    assert '<div class="summary" dir="auto" lang="th">เครื่องพิมพ์เสีย</div>' in entry


def test_a_contributed_rule_field_is_built_and_worded_by_its_own_parts(ticket_kind):
    rules = {
        "match": "all",
        "rules": [{"field": "tickets", "op": "fewer_than", "value": {"count": 2, "days": 7}}],
    }

    form = RulesForm(rules=rules)
    words = rules_in_words(rules)

    assert form.editor == "builder"
    assert form.rules() == rules
    assert [str(bound.label) for bound in form.row_forms[0].shown] == [
        "How many tickets",
        "In the last how many days",
        "Channel",
    ]
    assert [child.text for child in words.children] == ["fewer_than: 2 tickets, 7 days"]
