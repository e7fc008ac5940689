"""The "reachable now" filter over a large book (issue 4: decided per (country, zone) group,
never per contact; the query count stays constant).

    AMITY_DATA_DIR=/tmp/amity-reach python benchmarks/reachable_now.py [--contacts 100000]
    AMITY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amity_reach python benchmarks/...

Contacts are generated straight into the table (a country and, for countries with several
zones, one of its zones; a tenth with no zone at all), because creating them through the
services is the import benchmark's subject. Each figure is one JSON line: the groups query
with the calendar decisions, the first API-sized page (50) of reachable contacts, and the
count of reachable contacts; the baseline is the first page of the plain list in the same
database, and every figure reports its query count.
"""

import argparse
import json
import os
import random
import statistics
import time
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from amity.core.pagination import Ordering, keyset_page  # noqa: E402
from amity.culture.countries import country_codes, country_time_zones  # noqa: E402
from amity.people.models import Contact  # noqa: E402
from amity.people.reachability import contacts_reachable_now, reachable_now_filter  # noqa: E402

ORDERING = Ordering(("sort_name", "id"))
MOMENT = datetime(2026, 11, 12, 9, tzinfo=UTC)  # Thursday: Europe and Asia at work


def _generate(count: int) -> None:
    rng = random.Random(2026)
    codes = [code for code in country_codes() if country_time_zones(code)]
    batch = []
    for index in range(count):
        country = rng.choice(codes)
        zones = country_time_zones(country)
        zone = "" if len(zones) == 1 or rng.random() < 0.1 else rng.choice(zones)
        name = f"Contact {index:07d}"
        batch.append(
            Contact(
                given_name=name,
                full_name=name,
                sort_name=name.lower(),
                match_key=name.lower(),
                country=country,
                timezone=zone,
            )
        )
        if len(batch) == 10_000:
            Contact.objects.bulk_create(batch)
            batch = []
    Contact.objects.bulk_create(batch)


def _timed(label: str, run, repeat: int, baseline: float | None = None) -> float:
    runs, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            run()
            runs.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    median = statistics.median(runs)
    line = {"name": label, "n": Contact.objects.count(), "seconds": round(median, 4)}
    line["queries"] = queries
    if baseline:
        line["ratio"] = round(median / baseline, 2)
    print(json.dumps(line))
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    missing = options.contacts - Contact.objects.count()
    if missing > 0:
        _generate(missing)
    reachable_now_filter(now=MOMENT)  # warm the holiday tables, as a running server has them
    contacts = Contact.objects.all()
    baseline = _timed(
        "contacts_first_page (baseline)",
        lambda: keyset_page(contacts, ordering=ORDERING, limit=50),
        options.repeat,
    )
    _timed(
        "reachable_now_groups", lambda: reachable_now_filter(now=MOMENT), options.repeat, baseline
    )
    _timed(
        "reachable_now_first_page",
        lambda: keyset_page(
            contacts_reachable_now(contacts, now=MOMENT), ordering=ORDERING, limit=50
        ),
        options.repeat,
        baseline,
    )
    _timed(
        "reachable_now_count",
        lambda: contacts_reachable_now(contacts, now=MOMENT).count(),
        options.repeat,
        baseline,
    )


if __name__ == "__main__":
    main()
