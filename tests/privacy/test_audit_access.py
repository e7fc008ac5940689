"""The audit trail as administrators, scripts and other users meet it: reads of a contact page
or API record leave one entry each, exports leave one; the /settings/audit/ page and
GET /api/v1/audit search it (administrators only); `amity audit verify|list` for scripts."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from amity.privacy import audit
from amity.privacy.models import AuditEntry
from factories import make_organization


def run(*args) -> str:
    out = StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


def _last() -> AuditEntry:
    return AuditEntry.objects.order_by("-sequence").first()


def test_reading_a_contact_page_leaves_one_entry(signed_in, agent, somchai):
    signed_in(agent).get(f"/contacts/{somchai.pk}/")

    entry = _last()
    assert (entry.action, entry.actor, entry.channel) == ("viewed", f"user:{agent.pk}", "ui")
    assert (entry.subject_kind, entry.subject_id, entry.details) == ("contact", somchai.pk, {})
    assert AuditEntry.objects.filter(action="viewed").count() == 1


def test_reading_an_organization_page_and_api_records(signed_in, api_as, agent, taro):
    organization = make_organization(name="株式会社山田商事", country="JP")
    signed_in(agent).get(f"/organizations/{organization.pk}/")
    api_as(agent).get(f"/organizations/{organization.pk}")
    api_as(agent).get(f"/contacts/{taro.pk}")

    viewed = AuditEntry.objects.filter(action="viewed").order_by("sequence")
    assert [(e.channel, e.subject_kind, e.subject_id) for e in viewed] == [
        ("ui", "organization", organization.pk),
        ("api", "organization", organization.pk),
        ("api", "contact", taro.pk),
    ]


def test_api_changes_and_deletes_are_recorded_with_field_names_only(api_as, agent, layla):
    api = api_as(agent)
    assert api.patch(f"/contacts/{layla.pk}", {"family_name": "العتيبي"}).status_code == 200
    assert api.delete(f"/contacts/{layla.pk}").status_code == 204

    changed, deleted = AuditEntry.objects.order_by("-sequence")[:2][::-1]
    assert (changed.action, changed.channel, changed.details) == (
        "changed", "api", {"fields": ["family_name"]},
    )  # fmt: skip
    assert (deleted.action, deleted.subject_id, deleted.actor) == (
        "deleted", layla.pk, f"user:{agent.pk}",
    )  # fmt: skip
    assert "العتيبي" not in json.dumps(list(AuditEntry.objects.values()), default=str)


def test_a_cli_export_is_recorded_with_format_and_count(anna, somchai, tmp_path):
    call_command("export", "contacts", "--format", "csv", "--output", str(tmp_path / "c.csv"))

    entry = _last()
    assert (entry.action, entry.actor, entry.channel, entry.subject_kind) == (
        "exported", "cli", "cli", "contacts",
    )  # fmt: skip
    assert entry.details == {"count": 2, "format": "csv"}


def test_the_audit_page_is_for_administrators_only(signed_in, manager, viewer):
    assert signed_in(manager).get("/settings/audit/").status_code == 403
    assert signed_in(viewer).get("/settings/audit/").status_code == 403


def test_the_audit_page_searches_and_verifies(signed_in, admin_user, anna, somchai):
    client = signed_in(admin_user)
    client.get(f"/contacts/{anna.pk}/")

    html = client.get(
        "/settings/audit/", {"subject_kind": "contact", "subject_id": anna.pk, "verify": "1"}
    ).content.decode()

    assert 'data-chain="ok"' in html
    assert "3 entries verified; the chain is intact." in html
    assert 'data-sequence="3"' in html  # anna viewed
    assert 'data-sequence="1"' in html  # anna created
    assert 'data-sequence="2"' not in html  # somchai created
    assert "Wiśniewska" not in html


def test_the_audit_page_shows_a_broken_chain_and_bad_dates(signed_in, admin_user, anna, somchai):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER privacy_audit_no_update")
            cursor.execute("UPDATE privacy_auditentry SET action = 'viewed' WHERE sequence = 2")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE privacy_auditentry DISABLE TRIGGER privacy_audit_guard")
            cursor.execute("UPDATE privacy_auditentry SET action = 'viewed' WHERE sequence = 2")
    client = signed_in(admin_user)

    broken = client.get("/settings/audit/", {"verify": "1"}).content.decode()
    bad_date = client.get("/settings/audit/", {"since": "2026-02-30"})

    assert 'data-chain="broken"' in broken
    assert "Entry 2 was changed after it was written." in broken
    assert bad_date.status_code == 200
    assert "Enter a valid date." in bad_date.content.decode()


def test_the_audit_page_pages_by_cursor(signed_in, admin_user, anna, monkeypatch):
    monkeypatch.setattr("amity.privacy.audit_views.PAGE_SIZE", 2)
    for _ in range(3):
        audit.audit_append(action="viewed", subject_kind="contact", subject_id=anna.pk)
    client = signed_in(admin_user)

    first = client.get("/settings/audit/", {"action": "viewed"}).content.decode()
    cursor = first.split("cursor=")[1].split('"')[0]
    second = client.get(f"/settings/audit/?action=viewed&cursor={cursor}").content.decode()

    assert ('data-sequence="4"' in first, 'data-sequence="3"' in first) == (True, True)
    assert 'data-sequence="2"' in second
    assert 'rel="next"' not in second


def test_the_api_lists_filtered_entries_for_administrators(api_as, admin_user, anna, taro):
    api = api_as(admin_user)
    api.get(f"/contacts/{taro.pk}")

    body = api.get(f"/audit?contact_id={taro.pk}").json()

    assert [(e["sequence"], e["action"], e["channel"]) for e in body["items"]] == [
        (3, "viewed", "api"),
        (2, "created", "system"),
    ]
    assert body["next_cursor"] is None
    assert body["items"][0]["actor"] == f"user:{admin_user.pk}"
    assert body["items"][0]["prev_hash"] == body["items"][1]["hash"]
    assert api.get("/audit/verify").json() == {
        "ok": True,
        "verified": 3,
        "broken_at": None,
        "message": "3 entries verified; the chain is intact.",
        "head": body["items"][0]["hash"],
    }


def test_the_api_keeps_the_trail_from_other_roles_and_refuses_bad_input(
    api_as, admin_user, manager, anna
):
    assert api_as(manager).get("/audit").status_code == 403
    assert api_as(manager).get("/audit/verify").status_code == 403
    api = api_as(admin_user)
    for query in ("contact_id=abc", "contact_id=0", "limit=0", "since=yesterday", "cursor=%%%"):
        response = api.get(f"/audit?{query}")
        assert response.status_code in (400, 422), query
        assert set(response.json()) >= {"detail", "code"}, query
    reversed_period = api.get("/audit?since=2026-05-02T00:00:00Z&until=2026-05-01T00:00:00Z")
    assert reversed_period.status_code == 422
    assert reversed_period.json()["detail"] == "The start of the period must be before its end."


def test_the_api_list_costs_a_fixed_number_of_queries(
    api_as, admin_user, anna, django_assert_num_queries
):
    api = api_as(admin_user)
    for _ in range(30):
        audit.audit_append(action="viewed", subject_kind="contact", subject_id=anna.pk)
    api.get("/audit?limit=5")  # the token's first use also stamps its last-used time

    # The token (with its user), then the page (one row more than its size tells if more follow).
    with django_assert_num_queries(2):
        api.get("/audit?limit=5")
    with django_assert_num_queries(2):
        api.get("/audit?limit=50")


def test_cli_verify_says_how_many_and_exits_zero(anna, somchai):
    assert run("verify") == "2 entries verified; the chain is intact.\n"
    answer = json.loads(run("verify", "--json"))
    assert (answer["ok"], answer["verified"], answer["broken_at"]) == (True, 2, None)


def test_cli_verify_fails_a_broken_chain_with_exit_one(anna, somchai, taro):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER privacy_audit_no_delete")
        else:
            cursor.execute("ALTER TABLE privacy_auditentry DISABLE TRIGGER privacy_audit_guard")
        cursor.execute("DELETE FROM privacy_auditentry WHERE sequence = 2")

    with pytest.raises(CommandError, match=r"Entry 2 is missing \(the next one is 3\)\.") as failed:
        run("verify", "--json")

    assert failed.value.returncode == 1


def test_cli_lists_a_contacts_entries_by_email_or_id(anna, somchai):
    by_email = json.loads(run("list", "--contact", "anna.wisniewska@example.pl", "--json"))
    by_id = run("list", "--contact", str(somchai.pk))

    assert [(e["sequence"], e["action"], e["subject_id"]) for e in by_email] == [
        (1, "created", anna.pk)
    ]
    assert by_id.startswith("#2 ")
    assert "created contact:" in by_id
    with pytest.raises(CommandError, match="limit"):
        run("list", "--limit", "0")


def test_a_segment_download_is_recorded_and_shown_in_the_readers_language(
    signed_in, agent, admin_user, anna, layla
):
    from amity.people.segments import segment_create, segment_members_change

    fair = segment_create(actor=None, name="Targi Poznań", kind="static")
    segment_members_change(actor=None, segment=fair, add=[anna.pk, layla.pk])
    response = signed_in(agent).get(f"/segments/{fair.pk}/export.csv")
    b"".join(response.streaming_content)

    entry = _last()
    assert (entry.action, entry.actor, entry.channel, entry.subject_kind) == (
        "exported", f"user:{agent.pk}", "ui", "contacts",
    )  # fmt: skip
    assert entry.details == {"format": "csv", "segment_id": fair.pk}
    admin_user.language = "pl"
    admin_user.save()
    html = signed_in(admin_user).get("/settings/audit/", {"action": "exported"}).content.decode()
    assert "Targi" not in html
    assert 'data-action="exported"' in html


def test_one_entry_is_counted_in_the_singular(anna):
    assert run("verify") == "1 entry verified; the chain is intact.\n"
