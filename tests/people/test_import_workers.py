"""Large imports validate their rows in worker processes while the importing process writes:
what they write must be exactly what validating in-line writes, rejections included."""

import csv
import threading
from pathlib import Path

from django.utils import translation

from amity.core.models import SearchEntry
from amity.people.importing import import_file
from amity.people.importing.parallel import PARALLEL_FROM_ROWS, workers_for
from amity.people.models import Contact, Organization, PeopleEvent

PEOPLE = [
    ("สมชาย", "ใจดี", "TH", "081 234 5678", "บริษัท สยาม จำกัด"),
    ("Łukasz", "Żółkiewski", "Polska", "600 000 123", "Zakłady Łódź"),
    ("太郎", "山田", "JP", "090-1234-5678", "株式会社サンプル"),
    ("ليلى", "الحربي", "SA", "050 123 4567", "شركة المثال"),
]


def _file(path: Path, rows: int) -> None:
    """Rows in four scripts; every 9th with a phone its country does not have, every 11th
    with a broken address, and row 40 describing row 4's person again (an update)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Email", "Mobile", "Country", "Company"])
        for n in range(rows):
            given, family, country, phone, company = PEOPLE[n % 4]
            email = f"p{4 if n == 40 else n}@example.com"
            if n % 11 == 5:
                email = f"p{n}-at-example.com"
            writer.writerow(
                [given, f"{family}{n}", email, "12" if n % 9 == 7 else phone, country, company]
            )


def _written() -> dict:
    contacts = Contact.objects.prefetch_related("emails", "phones", "roles__organization")
    return {
        "contacts": sorted(
            (
                c.full_name,
                c.country,
                c.timezone,
                c.sort_name,
                c.match_key,
                tuple(e.address for e in c.emails.all()),
                tuple(p.number for p in c.phones.all()),
                tuple(r.organization.name for r in c.roles.all()),
            )
            for c in contacts
        ),
        "organizations": sorted(Organization.objects.values_list("name", flat=True)),
        "entries": sorted(SearchEntry.objects.values_list("kind", "title", "subtitle", "text")),
        "events": sorted((t, str(d)) for t, d in PeopleEvent.objects.values_list("type", "data")),
    }


def _forget_everything() -> None:
    Contact.objects.all().delete()
    Organization.objects.all().delete()
    SearchEntry.objects.all().delete()
    PeopleEvent.objects.all().delete()


def test_worker_processes_write_what_validating_in_line_writes(db, tmp_path):
    path = tmp_path / "people.csv"
    _file(path, 160)
    in_line = import_file(path, kind="contacts", batch_size=16, workers=0)
    expected = _written()
    _forget_everything()

    parallel = import_file(path, kind="contacts", batch_size=16, workers=2)

    assert parallel.workers == 2
    assert _written() == expected
    counts = ("created", "updated", "unchanged", "rejected", "organizations_created")
    assert [getattr(parallel, c) for c in counts] == [getattr(in_line, c) for c in counts]
    assert parallel.rejections == in_line.rejections
    assert (parallel.created, parallel.updated, parallel.organizations_created) == (129, 1, 4)
    assert {r.column for r in parallel.rejections} == {"Email", "Mobile", "Email; Mobile"}


def test_workers_give_rejection_reasons_in_the_importing_persons_language(db, tmp_path):
    path = tmp_path / "people.csv"
    _file(path, 40)

    with translation.override("pl"):
        summary = import_file(path, kind="contacts", batch_size=8, workers=2)

    assert summary.workers == 2
    assert "12 nie jest prawidłowym numerem telefonu." in {r.reason for r in summary.rejections}


def test_a_process_running_other_threads_validates_in_line(db, tmp_path):
    path = tmp_path / "people.csv"
    _file(path, 20)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert workers_for(PARALLEL_FROM_ROWS * 10) == 0
        summary = import_file(path, kind="contacts", workers=2)
    finally:
        release.set()
        other.join()

    assert summary.workers == 0
    assert summary.created == Contact.objects.count() == 17


def test_small_files_are_validated_in_line_and_large_ones_by_several_workers(db):
    assert workers_for(PARALLEL_FROM_ROWS - 1) == 0
    assert workers_for(PARALLEL_FROM_ROWS, requested=0) == 0
    assert workers_for(10, requested=3) == 3


def test_new_rows_after_a_run_of_known_ones_are_still_validated_and_created(db, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    _file(first, 160)
    _file(second, 200)  # the same 160 rows, then 40 new ones (8 of them invalid)
    import_file(first, kind="contacts", batch_size=16, workers=2)

    summary = import_file(second, kind="contacts", batch_size=16, workers=2)

    assert (summary.created, summary.rejected) == (32, 38)
    assert Contact.objects.count() == 129 + 32
    newest = Contact.objects.get(emails__normalized="p199@example.com")
    given, family, *_rest = PEOPLE[199 % 4]
    assert newest.full_name == f"{given} {family}199"
    assert list(newest.phones.values_list("number", flat=True)) == ["+966501234567"]
    assert SearchEntry.objects.filter(kind="contact", object_id=newest.pk).exists()
    reasons = {r.line: r.reason for r in summary.rejections}
    assert reasons[162] == "12 is not a valid phone number."  # row 160 (the header is line 1)


def test_a_rerun_adds_phones_read_in_the_rows_country_or_else_the_contacts(db, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    _file(first, 4)
    import_file(first, kind="contacts", workers=0)
    with second.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "Mobile", "Country"])
        writer.writerow(["p2@example.com", "+81 90-1234-5678", "JP"])  # the same number
        writer.writerow(["p0@example.com", "081 234 5678; 02 123 4567", "TH"])
        writer.writerow(["p1@example.com", "600 000 123; 22 123 45 67", ""])  # read in PL
        writer.writerow(["p3@example.com", "050 123 4567", "SA"])

    # One row a batch: after the first, workers expect known contacts and read the phones.
    summary = import_file(second, kind="contacts", batch_size=1, workers=2)

    assert (summary.updated, summary.unchanged, summary.rejected) == (2, 2, 0)
    phones = {
        email: list(Contact.objects.get(emails__normalized=email).phones.values_list("number"))
        for email in ("p0@example.com", "p1@example.com", "p2@example.com")
    }
    assert phones == {
        "p0@example.com": [("+66812345678",), ("+6621234567",)],
        "p1@example.com": [("+48600000123",), ("+48221234567",)],
        "p2@example.com": [("+819012345678",)],
    }
