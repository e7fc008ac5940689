"""Importing from the web: upload, check the guessed mapping, run in the background (the
immediate task backend in tests), watch the progress and read the report."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from amity.people.models import Contact, ImportJob
from factories import UserFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def importer(client, admin_user):
    client.force_login(admin_user)
    return client


def _upload(client, name: str, kind: str = "contacts"):
    with (DATA / name).open("rb") as handle:
        return client.post("/imports/", {"kind": kind, "file": handle})


def _mapping(job: ImportJob, **changes) -> dict:
    data = {"action": "start"}
    for index, header in enumerate(job.headers):
        data[f"column_{index}"] = changes.get(header, job.mapping[header])
    return data


def test_upload_shows_the_guessed_mapping_with_first_values(importer):
    response = _upload(importer, "hubspot_contacts.csv")

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/imports/{job.pk}/"
    assert (job.status, job.format, job.encoding) == ("draft", "csv", "utf-8")
    assert job.mapping["Record ID"] == "external_id"
    assert job.mapping["Lifecycle Stage"] == "ignore"
    page = importer.get(response["Location"]).content.decode()
    assert '<option value="external_id" selected>' in page
    assert "Łukasz" in page
    assert "สมชาย" in page
    lifecycle = page.index("Lifecycle Stage")
    assert "not recognized" in page[lifecycle : lifecycle + 200]
    assert Contact.objects.count() == 0  # nothing imported before the mapping is confirmed


def test_confirming_the_mapping_runs_the_import_in_the_background_and_reports(
    importer, django_capture_on_commit_callbacks
):
    _upload(importer, "hubspot_contacts.csv")
    job = ImportJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = importer.post(f"/imports/{job.pk}/", _mapping(job))

    assert len(callbacks) == 1  # the task is queued after the commit
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.rows_total, job.rows_done) == ("done", 4, 4)
    report = job.report
    assert (report["created"], report["rejected"]) == (2, 2)  # nobody here owns two of them
    assert report["unknown_columns"] == ["Lifecycle Stage", "Create Date"]
    page = importer.get(f"/imports/{job.pk}/").content.decode()
    assert 'data-count="created">2<' in page
    assert "There is no active user named somchai." in page
    assert 'hx-trigger="every 1s"' not in page  # finished: the page stops polling
    rejects = importer.get(f"/imports/{job.pk}/rejects.csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(rejects.streaming_content).decode("utf-8-sig")))
    )
    assert [(r["rejected_line"], r["Record ID"]) for r in rows] == [("2", "501"), ("4", "503")]
    assert rows[0]["rejected_column"] == "Contact owner"


def test_a_column_mapped_to_nothing_is_left_out(importer, django_capture_on_commit_callbacks):
    _upload(importer, "hubspot_contacts.csv")
    job = ImportJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        importer.post(f"/imports/{job.pk}/", _mapping(job, **{"Contact owner": "ignore"}))

    job.refresh_from_db()
    assert (job.report["created"], job.report["rejected"]) == (4, 0)
    assert Contact.objects.filter(owner__isnull=False).count() == 0
    assert job.rejects_file.name == ""


def test_running_an_import_again_updates_instead_of_duplicating(
    importer, django_capture_on_commit_callbacks
):
    _upload(importer, "salesforce_contacts.csv")
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        importer.post(f"/imports/{job.pk}/", _mapping(job))

    with django_capture_on_commit_callbacks(execute=True):
        importer.post(f"/imports/{job.pk}/", {"action": "rerun"})

    job.refresh_from_db()
    assert (job.status, job.report["created"], job.report["unchanged"]) == ("done", 0, 3)
    assert Contact.objects.count() == 3


def test_organizations_import_from_the_web(importer, django_capture_on_commit_callbacks):
    _upload(importer, "salesforce_accounts.csv", kind="organizations")
    job = ImportJob.objects.get()
    assert job.mapping["NIP"] == "identifier.pl_nip"

    with django_capture_on_commit_callbacks(execute=True):
        importer.post(f"/imports/{job.pk}/", _mapping(job))

    job.refresh_from_db()
    assert (job.report["created"], job.report["rejected"]) == (3, 1)


def test_a_queued_import_page_polls_and_htmx_gets_only_the_progress(importer):
    _upload(importer, "hubspot_contacts.csv")
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="running", rows_total=4, rows_done=2)

    page = importer.get(f"/imports/{job.pk}/").content.decode()
    fragment = importer.get(f"/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()

    assert 'hx-trigger="every 1s"' in page
    assert 'max="4" value="2"' in page
    assert fragment.lstrip().startswith('<section id="import-progress"')
    assert "<html" not in fragment


def test_an_unreadable_upload_is_refused_with_the_reason(importer):
    response = importer.post(
        "/imports/",
        {"kind": "contacts", "file": io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")},
    )

    assert response.status_code == 200
    assert "binary data" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_mapping_that_fills_nothing_is_refused(importer):
    _upload(importer, "salesforce_contacts.csv")
    job = ImportJob.objects.get()

    response = importer.post(
        f"/imports/{job.pk}/", _mapping(job, **dict.fromkeys(job.headers, "ignore"))
    )

    assert response.status_code == 200
    assert "Map at least one column to a field." in response.content.decode()
    job.refresh_from_db()
    assert job.status == "draft"


def test_a_viewer_cannot_import(client, viewer):
    client.force_login(viewer)

    page = client.get("/imports/")
    upload = _upload(client, "hubspot_contacts.csv")

    assert (page.status_code, upload.status_code) == (403, 403)
    assert ImportJob.objects.count() == 0


def test_an_import_is_shown_only_to_the_person_who_started_it(importer, client):
    _upload(importer, "hubspot_contacts.csv")
    job = ImportJob.objects.get()
    other = UserFactory(username="kasia", language="en")
    client.force_login(other)

    assert client.get(f"/imports/{job.pk}/").status_code == 404
    assert client.get(f"/imports/{job.pk}/rejects.csv").status_code == 404


def test_an_import_whose_worker_died_can_be_run_again(importer, django_capture_on_commit_callbacks):
    _upload(importer, "salesforce_contacts.csv")
    job = ImportJob.objects.get()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", started_at=an_hour_ago, updated_at=an_hour_ago, mapping=job.mapping
    )

    page = importer.get(f"/imports/{job.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        importer.post(f"/imports/{job.pk}/", {"action": "rerun"})

    assert "made no progress for a while" in page
    assert 'hx-trigger="every 1s"' not in page
    job.refresh_from_db()
    assert (job.status, job.report["created"]) == ("done", 3)
