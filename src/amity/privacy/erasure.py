"""Erasure: a person is anonymized everywhere their data can live, in one transaction, and
the storage is scrubbed after the commit so no old copy stays behind.

What stays is an anonymous stub (id, country, languages, time zone, owner, team, tags, the
month it was created) so segment counts and metrics by country still add up, the consent
facts (purpose, status, basis, dates) without their free text, and interactions' channel,
direction, time and duration. See docs/adr/0011.
"""

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import phonenumbers
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core.audit_hooks import audit
from amity.core.erasure_hooks import redact
from amity.core.errors import Conflict
from amity.core.permissions import Action, PermissionDenied, Role, require
from amity.core.records import personal_data_parts
from amity.people import search_documents
from amity.people.guidance_models import GuidancePreference
from amity.people.models import (
    Contact,
    ContactEmail,
    ContactOrganization,
    ContactPhone,
    ImportJob,
    PeopleEvent,
)
from amity.privacy import requests
from amity.privacy.models import ConsentEntry, ContactJurisdiction, DataSubjectRequest, Erasure

logger = logging.getLogger(__name__)

# Event data keys that name no one (field names, ids); everything else in an event about an
# erased person (snapshots of a merge, old values) goes.
SAFE_EVENT_KEYS = ("fields", "merged_id", "contact_id", "organization_id", "kept_id")
ERASER_ROLES = (Role.ADMIN, Role.MANAGER)
TABLES = (
    "people_contact",
    "people_contactemail",
    "people_contactphone",
    "people_contactorganization",
    "people_peopleevent",
    "people_guidancepreference",
    "people_importjob",
    "privacy_consententry",
    "privacy_contactjurisdiction",
    "core_searchentry",
    "django_tasks_database_dbtaskresult",
)


def require_eraser(actor: Any) -> None:
    """Only managers and administrators erase (it cannot be undone); scripts (no actor) may."""
    if actor is None:
        return
    require(actor, Action.WRITE_RECORDS)
    if getattr(actor, "role", None) not in ERASER_ROLES:
        raise PermissionDenied(Action.MANAGE_TEAMS)


def person_needles(contact: Contact, *, distinctive: bool = False) -> tuple[str, ...]:
    """The strings that identify the person: names, addresses, numbers (E.164 and national).
    ``distinctive``: only those unlikely to belong to someone else too (the full name,
    addresses, numbers, external id), for scanning other people's records; a given name
    alone ("Anna") would redact strangers."""
    values = [contact.full_name, contact.name_latin, contact.external_id or ""]
    if not distinctive:
        values += [
            contact.given_name,
            contact.family_name,
            contact.middle_name,
            contact.preferred_name,
            contact.form_of_address,
        ]
    for email in contact.emails.all():
        values += [email.address, email.normalized]
    for phone in contact.phones.all():
        values.append(phone.number)
        try:
            parsed = phonenumbers.parse(phone.number)
        except phonenumbers.NumberParseException:
            continue
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        values += [national, "".join(ch for ch in national if ch.isdigit())]
    return tuple(sorted({v.strip() for v in values if v and len(v.strip()) >= 2}, key=len))


def _redacted(value: Any, needles: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return redact(value, needles)
    if isinstance(value, list):
        return [_redacted(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _redacted(item, needles) for key, item in value.items()}
    return value


def _json_forms(needles: Iterable[str]) -> list[str]:
    # JSON columns keep non-ASCII text as \uXXXX escapes: look for both spellings.
    forms = set()
    for needle in needles:
        forms.add(needle)
        forms.add(json.dumps(needle)[1:-1])
    return sorted(forms)


def _mentioning(rows, fields: list[str], needles: tuple[str, ...]):
    condition = Q()
    annotations = {f"_{name}_text": Cast(name, TextField()) for name in fields}
    for name in fields:
        for form in _json_forms(needles):
            condition |= Q(**{f"_{name}_text__icontains": form})
    return rows.annotate(**annotations).filter(condition)


def _erase_events(contact_id: int, needles: tuple[str, ...]) -> int:
    """Events about the person keep field names and ids; other events lose the person's
    (distinctive) strings."""
    events = PeopleEvent.objects.filter(
        Q(contact_id=contact_id) | Q(data__merged_id=contact_id) | Q(data__contact_id=contact_id)
    )
    touched = 0
    for event in events:
        event.data = {k: v for k, v in (event.data or {}).items() if k in SAFE_EVENT_KEYS}
        event.save(update_fields=["data"])
        touched += 1
    for event in _mentioning(PeopleEvent.objects.exclude(pk__in=events), ["data"], needles):
        event.data = _redacted(event.data, needles)
        event.save(update_fields=["data"])
        touched += 1
    return touched


def _drop_lines(path: Path, needles: tuple[str, ...]) -> bool:
    """Remove the lines of a text file (an import's upload or rejects) that mention the
    person; binary files (spreadsheets) are left and logged for an operator."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        logger.warning("import file %s is not text; check it for an erased person", path.name)
        return False
    lowered = [n.casefold() for n in needles]
    lines = text.splitlines(keepends=True)  # line endings kept as they were
    kept = [line for line in lines if not any(n in line.casefold() for n in lowered)]
    if len(kept) == len(lines):
        return False
    path.write_bytes(bom + "".join(kept).encode("utf-8"))
    return True


def _erase_imports(needles: tuple[str, ...]) -> int:
    touched = 0
    for job in _mentioning(ImportJob.objects.all(), ["report"], needles):
        job.report = _redacted(job.report, needles)
        job.save(update_fields=["report"])
        touched += 1
    for job in ImportJob.objects.exclude(status__in=("queued", "running")):
        for stored in (job.file, job.rejects_file):
            if stored and Path(stored.path).is_file() and _drop_lines(Path(stored.path), needles):
                touched += 1
    return touched


def _erase_task_payloads(needles: tuple[str, ...]) -> int:
    from django_tasks_db.models import DBTaskResult

    touched = 0
    fields = ["args_kwargs", "return_value", "traceback"]
    for row in _mentioning(DBTaskResult.objects.all(), fields, needles):
        row.args_kwargs = _redacted(row.args_kwargs, needles)
        row.return_value = _redacted(row.return_value, needles)
        row.traceback = redact(row.traceback, needles)
        row.save(update_fields=fields)
        touched += 1
    return touched


def _stub(contact: Contact) -> None:
    """The contact row as an anonymous stub: no name, no identifier, never contacted."""
    created = contact.created_at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    Contact.objects.filter(pk=contact.pk).update(
        given_name="",
        family_name="",
        middle_name="",
        honorific_prefix="",
        preferred_name="",
        name_latin="",
        full_name=f"#{contact.pk}",
        sort_name=f"~{contact.pk:012d}",
        match_key="",
        form_of_address="",
        external_id=None,
        custom={},
        preferred_channels=[],
        do_not_contact=True,
        created_at=created,
        updated_at=timezone.now(),
    )
    ContactEmail.objects.filter(contact_id=contact.pk).delete()
    ContactPhone.objects.filter(contact_id=contact.pk).delete()
    ContactOrganization.objects.filter(contact_id=contact.pk).delete()


def _forget_search_entries(contact_id: int) -> None:
    search_documents.contacts_unindex([contact_id])
    if connection.vendor == "sqlite":
        # FTS5 (3.40) keeps a deleted document's trigrams in older index segments until they
        # are merged; 'optimize' merges them all, so the erased terms are gone for good.
        with connection.cursor() as cursor:
            for table in ("core_searchentry_fts", "core_searchentry_pairs"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608


def consents_erase(contact_id: int, needles: tuple[str, ...]) -> int:
    """The consent kind's erasure part: the ledger keeps its facts (who agreed to what, when)
    but not the evidence and wording, which may quote the person; nor does an override keep
    its reason."""
    ContactJurisdiction.objects.filter(contact_id=contact_id).update(reason="")
    return ConsentEntry.objects.filter(contact_id=contact_id).update(evidence="", wording="")


def scrub_storage(tables: Iterable[str]) -> None:
    """After the commit: SQLite moves the WAL into the (secure_delete) file and truncates it;
    PostgreSQL vacuums the touched tables so dead row versions and index entries go."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    elif connection.vendor == "postgresql" and connection.get_autocommit():
        quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {quoted}")


def person_erase(
    *,
    contact: Contact,
    actor: Any = None,
    reason: str = "",
    channel: str = "",
    actor_label: str = "",
    request: DataSubjectRequest | None = None,
) -> Erasure:
    """Anonymize a person everywhere; returns the erasure mark with per-part counts.

    ``reason`` is a short code (``request``, ``retention``) kept in the audit entry; free text
    would be dropped there. Raises DomainError when the person was already erased."""
    require_eraser(actor)
    if Erasure.objects.filter(contact_id=contact.pk).exists():
        raise Conflict(_("This contact has already been erased."), code="already_erased")
    contact = Contact.objects.prefetch_related("emails", "phones").get(pk=contact.pk)
    needles = person_needles(contact)
    # Other people's records are scanned for the distinctive strings only.
    elsewhere = person_needles(contact, distinctive=True)
    tables = set(TABLES)
    with transaction.atomic():
        if request is None:
            request = requests.request_log(
                contact=contact, kind=DataSubjectRequest.Kind.ERASURE, actor=actor, channel=channel
            )
        erasure = Erasure.objects.create(contact_id=contact.pk, request=request)
        counts: dict[str, int] = {}
        for part in personal_data_parts():
            counts[part.name] = part.erase(contact.pk, needles)
            tables.update(part.tables)
        counts["events"] = _erase_events(contact.pk, elsewhere)
        counts["guidance"] = GuidancePreference.objects.filter(contact_id=contact.pk).update(
            note=""
        )
        counts["imports"] = _erase_imports(elsewhere)
        counts["tasks"] = _erase_task_payloads(elsewhere)
        _forget_search_entries(contact.pk)
        _stub(contact)
        erasure.counts = counts
        erasure.save(update_fields=["counts"])
        requests.request_update(request=request, status=requests.State.DONE, actor=actor)
        audit(
            action="erased",
            actor=actor,
            actor_label=actor_label,
            channel=channel,
            subject_kind="contact",
            subject_id=contact.pk,
            count=sum(counts.values()),
            kind=reason or "request",
        )
        transaction.on_commit(lambda: scrub_storage(sorted(tables)))
    return erasure


def is_erased(contact_id: int) -> bool:
    return Erasure.objects.filter(contact_id=contact_id).exists()
