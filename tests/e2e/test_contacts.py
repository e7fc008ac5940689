"""What a user does with contacts through the real pages: the list's live search, a contact's
page in Polish with the contact's local time and the timeline, "load more" on a long
timeline, a rule segment built with its live count, and an import run by the background
worker while the page polls."""

import re
import signal
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import formats, translation
from playwright.sync_api import expect

from amity.core.permissions import Role
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Interaction
from amity.interactions.services import interaction_log
from amity.people.models import Contact, ImportJob, Segment
from e2e.pages import ContactListPage, ContactPage, ImportStartPage, LoginPage, SegmentEditorPage
from factories import PASSWORD, UserFactory, make_contact

pytestmark = pytest.mark.e2e

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def sign_in(page, user):
    return LoginPage(page).open().sign_in(user.username, PASSWORD)


def log_call(contact, subject: str, when: datetime) -> Interaction:
    return interaction_log(
        actor=None,
        actor_label="test",
        data=InteractionData(
            channel="phone", occurred_at=when, subject=subject, contact_ids=(contact.pk,)
        ),
    )


def iso_at_offset(offset: str) -> re.Pattern:
    """An ISO 8601 moment written at the given UTC offset."""
    return re.compile(rf"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?{re.escape(offset)}$")


def query_with(search: str) -> re.Pattern:
    """The list's address once HTMX has pushed the search typed into its box."""
    return re.compile(rf"/contacts/\?(.*&)?{re.escape(urlencode({'q': search}))}(&|$)")


def run_worker_batch() -> None:
    """Run what is queued with the project's own `amity worker --batch`, in this process
    (the live server's in-memory SQLite test database is not reachable from another one).
    The worker installs its own SIGINT/SIGTERM handlers; pytest gets its own back."""
    names = ("SIGINT", "SIGTERM", "SIGQUIT")
    saved = {name: signal.getsignal(getattr(signal, name)) for name in names}
    try:
        call_command("worker", batch=True)
    finally:
        for name, handler in saved.items():
            signal.signal(getattr(signal, name), handler)


def test_contact_list_search_filters_live_in_latin_and_thai(page, live_server):
    user = UserFactory(username="nok", display_name="Nok Lee", language="en")
    make_contact(given_name="Łukasz", family_name="Żółkiewski", country="PL")
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    make_contact(given_name="太郎", family_name="山田", country="JP")
    sign_in(page, user)
    contacts = ContactListPage(page).open()
    expect(contacts.names).to_have_count(3)
    contacts.document.mark()

    names = contacts.type_in_list_search("lukasz")

    expect(names).to_have_text(["Łukasz Żółkiewski"])
    expect(contacts.contact_link("สมชาย ใจดี")).to_have_count(0)
    expect(contacts.result_status).to_have_text("1 contact.")
    expect(contacts.list_search_box).to_be_focused()
    expect(page).to_have_url(query_with("lukasz"))  # hx-push-url
    assert contacts.document.still_marked(), "the page was reloaded instead of swapped"

    names = contacts.type_in_list_search("สมชาย")

    expect(names).to_have_text(["สมชาย ใจดี"])
    expect(contacts.contact_link("Łukasz Żółkiewski")).to_have_count(0)
    expect(page).to_have_url(query_with("สมชาย"))
    assert contacts.document.still_marked()


def test_thai_contact_page_in_polish_with_local_time_timeline_and_logging(
    page, live_server, manager, ui_text
):
    polish = ui_text(
        "pl",
        "Now there",
        "Timeline",
        "Timeline, newest first",
        "Log an interaction",
        "Channel",
        "When",
        "Subject",
        "Duration in minutes",
        "Log interaction",
        "Interaction logged.",
    )
    contact = make_contact(
        given_name="สมชาย", family_name="ใจดี", country="TH", phones=("+66 81 234 5678",)
    )
    log_call(contact, "โทรนัดประชุม", datetime(2026, 11, 10, 3, 0, tzinfo=UTC))
    log_call(contact, "ติดตามใบเสนอราคา", datetime(2026, 11, 18, 8, 0, tzinfo=UTC))
    log_call(contact, "ส่งใบเสนอราคา", datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    sign_in(page, manager)  # Agnieszka: Polish, Europe/Warsaw

    record = ContactPage(page, contact.pk).open()

    expect(record.html).to_have_attribute("lang", "pl")
    expect(record.heading).to_have_text("สมชาย ใจดี")
    expect(record.term(polish["Now there"])).to_be_visible()
    expect(record.now_there).to_have_attribute("datetime", iso_at_offset("+07:00"))
    there = datetime.fromisoformat(record.now_there.get_attribute("datetime"))
    assert abs(there - datetime.now(UTC)) < timedelta(minutes=2)
    with translation.override("pl"):
        weekday = formats.date_format(there, "l")  # e.g. "środa"
    expect(record.now_there).to_contain_text(there.strftime("%H:%M"))
    expect(record.now_there).to_contain_text(weekday)
    expect(record.timeline_heading).to_have_text(polish["Timeline"])
    expect(record.timeline_list).to_have_attribute("aria-label", polish["Timeline, newest first"])
    expect(record.interaction_titles).to_have_text(
        ["ส่งใบเสนอราคา", "ติดตามใบเสนอราคา", "โทรนัดประชุม"]
    )
    expect(record.log_form_toggle).to_have_text(polish["Log an interaction"])
    record.document.mark()

    record.open_log_form()
    record.log_field(polish["Channel"]).select_option("phone")
    # 10:30 in Warsaw (CET, UTC+1) on 20 November: 09:30 UTC, 16:30 in Bangkok.
    record.log_field(polish["When"]).fill("2026-11-20T10:30")
    record.log_field(polish["Subject"]).fill("Rozmowa o ofercie")
    record.log_field(polish["Duration in minutes"]).fill("15")
    record.submit_log(polish["Log interaction"])

    expect(record.logged_message).to_have_text(polish["Interaction logged."])
    expect(record.interaction_titles).to_have_text(
        ["ส่งใบเสนอราคา", "Rozmowa o ofercie", "ติดตามใบเสนอราคา", "โทรนัดประชุม"]
    )
    logged = record.entry("Rozmowa o ofercie")
    expect(logged.locator("time")).to_have_attribute("datetime", "2026-11-20T09:30:00+00:00")
    expect(logged.locator("time")).to_have_text("20 listopada 2026 10:30")
    expect(logged.locator(".local-there")).to_contain_text("16:30")
    assert record.document.still_marked(), "logging reloaded the page instead of the panel"
    interaction = Interaction.objects.get(subject="Rozmowa o ofercie")
    assert interaction.occurred_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert interaction.occurred_at.astimezone(ZoneInfo("Europe/Warsaw")).hour == 10
    assert (interaction.channel, interaction.duration) == ("phone", timedelta(minutes=15))
    assert interaction.created_by == manager
    assert list(interaction.contacts.all()) == [contact]


def test_a_manager_corrects_then_deletes_a_call_from_the_timeline_in_polish(
    page, live_server, manager, ui_text
):
    polish = ui_text("pl", "When", "Subject", "Save", "Delete", "Interaction saved.")
    with translation.override("pl"):
        correct = translation.pgettext("verb: fix a logged interaction", "Correct")
        deleted = translation.gettext("Interaction deleted.")
    assert correct != "Correct"
    contact = make_contact(given_name="ليلى", family_name="الحربي", country="SA")
    call = log_call(contact, "مكالمة متابعة", datetime(2026, 11, 16, 7, 0, tzinfo=UTC))
    sign_in(page, manager)  # Agnieszka: Polish, Europe/Warsaw (08:00 there)

    record = ContactPage(page, contact.pk).open()
    record.correct("مكالمة متابعة", correct)
    expect(page.get_by_label(polish["When"], exact=True)).to_have_value("2026-11-16T08:00")
    page.get_by_label(polish["When"], exact=True).fill("2026-11-16T09:15")
    page.get_by_label(polish["Subject"], exact=True).fill("مكالمة متابعة العرض")
    page.get_by_role("button", name=polish["Save"], exact=True).click()

    expect(page).to_have_url(re.compile(rf"/contacts/{contact.pk}/#timeline$"))
    expect(page.locator(".messages .message.success")).to_have_text(polish["Interaction saved."])
    corrected = record.entry("مكالمة متابعة العرض")
    expect(corrected.locator("time")).to_have_attribute("datetime", "2026-11-16T08:15:00+00:00")
    call.refresh_from_db()
    assert call.occurred_at == datetime(2026, 11, 16, 8, 15, tzinfo=UTC)

    record.correct("مكالمة متابعة العرض", correct)
    page.get_by_role("link", name=polish["Delete"], exact=True).click()
    page.get_by_role("button", name=polish["Delete"], exact=True).click()

    expect(page).to_have_url(re.compile(rf"/contacts/{contact.pk}/#timeline$"))
    expect(page.locator(".messages .message.success")).to_have_text(deleted)
    expect(record.interaction_titles).to_have_count(0)
    assert not Interaction.objects.filter(pk=call.pk).exists()


def test_timeline_loads_older_entries_on_click_without_duplicates(page, live_server):
    user = UserFactory(username="yuki", display_name="佐藤 由紀", timezone="Asia/Tokyo")
    contact = make_contact(given_name="太郎", family_name="山田", country="JP")
    start = datetime(2026, 10, 1, 0, 0, tzinfo=UTC)
    subjects = [f"打ち合わせ {number:02d}" for number in range(1, 31)]
    # Two calls an hour, logged at the same moment: the page break (after call 12) falls
    # between two calls at the same time, which the cursor must tell apart by id.
    for index, subject in enumerate(subjects):
        log_call(contact, subject, start + timedelta(hours=index // 2))
    newest_first = subjects[::-1]
    sign_in(page, user)

    record = ContactPage(page, contact.pk).open()

    # 31 entries (30 calls and the contact's "created" event), 20 a page.
    expect(record.entries).to_have_count(20)
    expect(record.interaction_titles).to_have_text(newest_first[:19])
    expect(record.load_more).to_have_count(1)
    record.document.mark()

    record.load_more.click()

    expect(record.entries).to_have_count(31)
    expect(record.interaction_titles).to_have_text(newest_first)
    expect(record.load_more).to_have_count(0)
    titles = record.entry_titles.all_inner_texts()
    assert len(titles) == len(set(titles)) == 31
    assert record.document.still_marked()


def test_rule_segment_counts_live_then_lists_exactly_its_contacts(page, live_server):
    user = UserFactory(username="nok", display_name="Nok Lee", language="en", role=Role.MANAGER)
    polish = [
        make_contact(given_name="Łukasz", family_name="Żółkiewski", country="PL"),
        make_contact(given_name="Agnieszka", family_name="Wójcik", country="PL"),
        make_contact(given_name="Zofia", family_name="Nałkowska", country="PL"),
    ]
    make_contact(given_name="สมชาย", family_name="ใจดี", country="TH")
    make_contact(given_name="มาลี", family_name="ศรีสุข", country="TH")
    make_contact(given_name="太郎", family_name="山田", country="JP")
    sign_in(page, user)
    editor = SegmentEditorPage(page).open()
    expect(editor.live_count).to_have_text("Add a rule to see how many contacts match.")

    editor.field("Name").fill("Klienci w Polsce")
    editor.choose_rule_field("Field", "Country")
    editor.type_rule_value("Values", "PL")

    expect(editor.live_count).to_have_text("3 contacts match")
    expect(editor.field("Condition")).to_have_value("in")
    assert Segment.objects.count() == 0  # counted, not saved

    segment_page = editor.save("Create segment")

    segment = Segment.objects.get()
    assert (segment.name, segment.kind) == ("Klienci w Polsce", "rules")
    assert segment.rules == {
        "match": "all",
        "rules": [{"field": "country", "op": "in", "value": ["PL"]}],
    }
    expect(page).to_have_url(f"{live_server.url}/segments/{segment.pk}/")
    expect(segment_page.heading).to_have_text("Klienci w Polsce")
    expect(segment_page.total).to_have_text("3 contacts")
    expect(segment_page.members).to_have_count(3)
    assert sorted(segment_page.members.all_inner_texts()) == sorted(c.full_name for c in polish)


def test_import_from_the_web_runs_in_the_background_and_reports(
    page, live_server, settings, tmp_path
):
    # The suite's autouse fixture runs tasks inline (ImmediateBackend), which would import
    # inside the request that confirms the mapping; use the real database queue instead and
    # run the worker, so the page is seen queued, then polling until the run is done.
    settings.TASKS = DB_QUEUE
    settings.MEDIA_ROOT = tmp_path / "media"
    user = UserFactory(username="nok", display_name="Nok Lee", language="en")
    export = tmp_path / "hubspot-contacts.csv"
    export.write_text(
        "First Name,Last Name,Email,Country/Region\n"
        "Łukasz,Żółkiewski,lukasz.zolkiewski@example.pl,Poland\n"
        "สมชาย,ใจดี,somchai@example.co.th,Thailand\n"
        "Jan,Kowalski,jan.kowalski(at)example.pl,Poland\n",
        encoding="utf-8",
    )
    sign_in(page, user)

    mapping = (
        ImportStartPage(page)
        .open()
        .upload(
            kind_label="The file holds",
            kind="contacts",
            file_label="File",
            path=export,
            button_label="Upload and check the columns",
        )
    )

    expect(mapping.heading).to_have_text("Check the columns of hubspot-contacts.csv")
    expect(mapping.column_field("Field for First Name")).to_have_value("given_name")
    expect(mapping.column_field("Field for Last Name")).to_have_value("family_name")
    expect(mapping.column_field("Field for Email")).to_have_value("email")
    expect(mapping.column_field("Field for Country/Region")).to_have_value("country")
    expect(mapping.mapping).to_contain_text("Łukasz")
    expect(mapping.mapping).to_contain_text("สมชาย")

    progress = mapping.start("Start the import")

    job = ImportJob.objects.get()
    expect(page).to_have_url(f"{live_server.url}/imports/{job.pk}/")
    expect(progress.status).to_have_text("Queued")
    expect(progress.progress).to_have_attribute("hx-trigger", "every 1s")
    assert Contact.objects.count() == 0
    progress.document.mark()

    run_worker_batch()

    expect(progress.status).to_have_text("Done")
    expect(progress.count("created")).to_have_text("2")
    expect(progress.count("rejected")).to_have_text("1")
    expect(progress.rejections.get_by_role("cell")).to_have_text(
        ["4", "Email", "jan.kowalski(at)example.pl is not a valid email address."]
    )
    expect(progress.progress).not_to_have_attribute("hx-trigger", "every 1s")
    assert progress.document.still_marked(), "the summary came by reloading, not by polling"
    assert sorted(str(c) for c in Contact.objects.all()) == ["Łukasz Żółkiewski", "สมชาย ใจดี"]
    assert set(Contact.objects.values_list("country", flat=True)) == {"PL", "TH"}
