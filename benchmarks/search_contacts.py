"""Search and segment counts over a large book of contacts (issue 3's targets: search p95
under 30 ms through the selector at 1,000,000 contacts; a segment count under 1 s).

    AMITY_DATA_DIR=/tmp/amity-bench python benchmarks/search_contacts.py [--contacts 1000000]
    AMITY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amity_bench python benchmarks/...

The book is generated straight into the tables (names in Thai, Polish, Japanese, Arabic,
Portuguese, with romanized forms and emails), because creating a million contacts through
the services is the import benchmark's subject, not this one's. Each figure is one JSON line
(the index itself, the contacts list selector's first page, the API's ``/contacts?q=`` and
the search box's HTMX fragment through the whole Django stack); the baseline is a plain
indexed lookup of one contact by primary key in the same database.
"""

import argparse
import gc
import json
import os
import random
import statistics
import time
from urllib.parse import quote

import phonenumbers

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from amity.accounts.models import User  # noqa: E402
from amity.accounts.services import token_create  # noqa: E402
from amity.core import search  # noqa: E402
from amity.core.models import SearchEntry  # noqa: E402
from amity.core.search import engines  # noqa: E402
from amity.people.models import Contact, ContactEmail, ContactPhone  # noqa: E402
from amity.people.names import full_name, match_key, sort_key  # noqa: E402
from amity.people.search_documents import CONTACT, contact_document_from  # noqa: E402
from amity.people.segments import contacts_for_rules  # noqa: E402
from amity.people.selectors import (  # noqa: E402
    ContactFilters,
    contacts_matching,
    contacts_ranked,
)

NAMES = {
    "TH": (
        ["สมชาย", "สมศรี", "มาลี", "วิชัย", "ปรีชา", "สุดา", "อนุชา", "กนกพร"],
        ["ใจดี", "ศรีสุข", "รักไทย", "มั่นคง", "วงศ์สวัสดิ์", "ทองดี"],
        "th",
    ),
    "PL": (
        ["Łukasz", "Agnieszka", "Małgorzata", "Paweł", "Zofia", "Grzegorz"],
        ["Żółkiewski", "Wójcik", "Kowalczyk", "Nowak", "Dąbrowska", "Szymański"],
        "pl",
    ),
    "JP": (
        ["太郎", "花子", "健", "由紀", "翔太", "美咲"],
        ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺"],
        "ja",
    ),
    "SA": (
        ["ليلى", "محمد", "فاطمة", "عبدالله", "نورة"],
        ["الحربي", "العتيبي", "القحطاني", "الشمري"],
        "ar",
    ),
    "BR": (
        ["Beatriz", "João", "Conceição", "Luís", "Ana"],
        ["Conceição", "Araújo", "Gonçalves", "Sá", "Pereira"],
        "pt",
    ),
}


# One contact in RARE_EVERY gets a family name nobody else has (about 20 each at 1,000,000):
# the rare name searches.
RARE_EVERY = 50_000
RARE_FAMILIES = {
    "TH": "ณ อยุธยา",
    "PL": "Brzęczyszczykiewicz",
    "JP": "勅使河原",
    "SA": "الزهراني",
    "BR": "Vasconcelos",
}
# Mobile numbers, unique per contact: the country's prefix and the contact id.
PHONE_PREFIX = {"TH": "+668", "PL": "+4860", "JP": "+81901", "SA": "+9665", "BR": "+55119"}
PHONE_DIGITS = {"TH": 8, "PL": 7, "JP": 7, "SA": 8, "BR": 8}


def contact_email(pk: int, country: str) -> str:
    return f"c{pk}@example.{country.lower()}"


def contact_phone(pk: int, country: str) -> str:
    return f"{PHONE_PREFIX[country]}{pk:0{PHONE_DIGITS[country]}d}"


def _book(count: int, seed: int = 2026) -> None:
    rnd = random.Random(seed)
    batch: list = []
    start_id = (Contact.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for offset in range(count):
        country = rnd.choice(list(NAMES))
        givens, families, language = NAMES[country]
        pk = start_id + offset
        given = rnd.choice(givens)
        family = RARE_FAMILIES[country] if pk % RARE_EVERY == 0 else rnd.choice(families)
        order = "family_given" if country == "JP" else "given_family"
        name = full_name(given=given, family=family, order=order)
        batch.append(
            Contact(
                pk=pk,
                given_name=given,
                family_name=family,
                name_order=order,
                full_name=name,
                sort_name=sort_key(family=family, given=given, fallback=name),
                match_key=match_key(name, language=language),
                languages=[language],
                language_tags=f" {language} ",
                country=country,
            )
        )
        if len(batch) == 20_000:
            _flush(batch)
    _flush(batch)


def _flush(batch: list) -> None:
    if not batch:
        return
    emails = [
        ContactEmail(
            contact_id=c.pk,
            address=contact_email(c.pk, c.country),
            normalized=contact_email(c.pk, c.country),
            is_primary=True,
        )
        for c in batch
    ]
    phones = [
        ContactPhone(contact_id=c.pk, number=contact_phone(c.pk, c.country), is_primary=True)
        for c in batch
    ]
    documents = [
        contact_document_from(c, emails=[e.address], phones=[p.number], organizations=[])
        for c, e, p in zip(batch, emails, phones, strict=True)
    ]
    with transaction.atomic():
        Contact.objects.bulk_create(batch, batch_size=5000)
        ContactEmail.objects.bulk_create(emails, batch_size=5000)
        ContactPhone.objects.bulk_create(phones, batch_size=5000)
        search.index_new(documents)
    batch.clear()


def _generate(count: int) -> None:
    """Write ``count`` more contacts; on PostgreSQL the trigram indexes are dropped during the
    load and built once at the end (as a bulk load would), which is minutes faster."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            for statement in engines.POSTGRESQL_UNINSTALL:
                cursor.execute(statement)
    try:
        _book(count)
    finally:
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                for statement in engines.POSTGRESQL_INSTALL:
                    cursor.execute(statement)
                cursor.execute("ANALYZE")


def _api_client() -> Client:
    """A signed-in agent with a personal API token, as a script would call the API."""
    user = User.objects.filter(username="bench").first() or User.objects.create_user(
        "bench", password=None, role="agent"
    )
    _token, secret = token_create(user=user, name="benchmark")
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.force_login(user)
    return client


def _second_page(client: Client, query: str) -> None:
    first = client.get(f"/api/v1/contacts?q={quote(query)}&limit=50").json()
    client.get(f"/api/v1/contacts?q={quote(query)}&limit=50&cursor={first['next_cursor']}")


def _timed(run, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _report(name: str, n: int, samples: list[float], baseline_ms: float) -> None:
    p95 = statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)
    print(
        json.dumps(
            {
                "name": name,
                "n": n,
                "engine": connection.vendor,
                "p50_ms": round(statistics.median(samples), 2),
                "p95_ms": round(p95, 2),
                "baseline_ms": round(baseline_ms, 3),
                "ratio_to_baseline": round(p95 / baseline_ms, 1) if baseline_ms else None,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--by-name-repeat", type=int, default=20)
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() once set up: full collections of the startup objects otherwise add"
        " 40-60 ms to one request in 10-20 (the p95 of a 10 ms page)",
    )
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    have = Contact.objects.count()
    if have < options.contacts:
        started = time.perf_counter()
        _generate(options.contacts - have)
        print(
            json.dumps(
                {
                    "name": "generate_book",
                    "n": options.contacts - have,
                    "seconds": round(time.perf_counter() - started, 1),
                }
            ),
            flush=True,
        )
    if options.generate_only:
        return
    n = Contact.objects.count()
    some = Contact.objects.order_by("id").values_list("id", flat=True)[n // 2]
    baseline = statistics.median(_timed(lambda: Contact.objects.get(pk=some), options.repeat))
    email = ContactEmail.objects.filter(contact_id=some).values_list("address", flat=True)[0]
    phone = ContactPhone.objects.filter(contact_id=some).values_list("number", flat=True)[0]
    parsed = phonenumbers.parse(phone)
    spaced = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    queries = {
        # common: 2.5-5 % of the book each; "example" is in every contact's email
        "common_latin": "nowak",
        "common_accent_free_two_words": "lukasz zolk",
        "common_thai_inside_word": "สมชาย",
        "common_romanized_thai": "somchai",
        "common_japanese_two_chars": "山田",
        "common_romanized_japanese": "yamada",
        "common_arabic": "الحربي",
        "every_contact_email_domain": "example",
        # rare: about 20 contacts each, or one
        "rare_polish": "brzeczyszczykiewicz",
        "rare_thai": "อยุธยา",
        "rare_japanese": "勅使河原",
        "rare_arabic": "الزهراني",
        "rare_email_whole": email,
        "rare_email_fragment": email.split("@")[0] + "@exa",
        "rare_phone_international": spaced,
        "rare_phone_national": national,
    }
    load = os.getloadavg()
    print(json.dumps({"name": "load_average_before", "1m_5m_15m": load}), flush=True)
    client = _api_client()
    if options.gc_freeze:
        gc.collect()
        gc.freeze()
    for label, query in queries.items():
        _report(
            f"search_box_selector:{label}",
            n,
            _timed(lambda q=query: search.search(q, kinds=[CONTACT]), options.repeat),
            baseline,
        )
        _report(
            f"contacts_selector_relevance_first_page:{label}",
            n,
            _timed(lambda q=query: contacts_ranked(ContactFilters(q=q), limit=50), options.repeat),
            baseline,
        )
        _report(
            f"contacts_selector_by_name_first_page:{label}",
            n,
            _timed(
                lambda q=query: list(
                    contacts_matching(ContactFilters(q=q)).order_by("sort_name", "id")[:50]
                ),
                options.by_name_repeat,
            ),
            baseline,
        )
        for name, url in (
            ("api_search", f"/api/v1/search?q={quote(query)}"),
            ("api_contacts_q_relevance", f"/api/v1/contacts?q={quote(query)}&limit=50"),
            ("api_contacts_q_by_name", f"/api/v1/contacts?q={quote(query)}&limit=50&ordering=name"),
        ):
            response = client.get(url)
            assert response.status_code == 200, response.content
            repeat = options.by_name_repeat if name.endswith("by_name") else options.repeat
            _report(f"{name}:{label}", n, _timed(lambda u=url: client.get(u), repeat), baseline)
    _report(
        "api_contacts_q_relevance_page_2:common_latin",
        n,
        _timed(lambda: _second_page(client, "nowak"), options.repeat),
        baseline,
    )
    segment = {
        "match": "all",
        "rules": [
            {"field": "country", "op": "in", "value": ["TH", "JP"]},
            {"field": "language", "op": "in", "value": ["th"]},
        ],
    }
    _report(
        "segment_count:country_and_language",
        n,
        _timed(lambda: contacts_for_rules(segment).count(), 5),
        baseline,
    )
    print(json.dumps({"name": "search_entries", "n": SearchEntry.objects.count()}), flush=True)
    print(
        json.dumps(
            {
                "name": "load_average_after",
                "1m_5m_15m": os.getloadavg(),
                "gc_freeze": options.gc_freeze,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
