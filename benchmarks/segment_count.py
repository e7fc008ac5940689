"""Segment counts over a large book (issue 3's target: a segment count over 1,000,000 contacts
and 10,000,000 interactions in under 1 s).

    AMITY_DATA_DIR=/tmp/amity-bench python benchmarks/segment_count.py \
        [--contacts 1000000] [--interactions 10000000]

Run benchmarks/search_contacts.py first with the same data directory (it generates the
contacts); this script adds the interactions straight into the tables (raw executemany, the
same way the baseline is measured) and then times each rule's count. Each figure is one JSON
line; the baseline is ``SELECT COUNT(*)`` over the contacts table in the same database.
"""

import argparse
import json
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from amity.interactions.models import Interaction, InteractionContact  # noqa: E402
from amity.people.models import Contact  # noqa: E402
from amity.people.segments import contacts_for_rules  # noqa: E402

CHANNELS = ["email", "phone", "video", "chat", "meeting", "sms"]


def _add_interactions(count: int, contact_ids: list[int]) -> None:
    rnd = random.Random(2026)
    now = datetime.now(UTC)
    interaction = Interaction._meta.db_table
    through = InteractionContact._meta.db_table
    start = (Interaction.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    batch = 100_000
    for offset in range(0, count, batch):
        rows, links = [], []
        for pk in range(start + offset, start + min(offset + batch, count)):
            when = now - timedelta(minutes=rnd.randrange(2 * 365 * 24 * 60))
            channel = rnd.choice(CHANNELS)
            rows.append((pk, channel, "outbound", "", "", "", when, "", "bench", now))
            links.append((pk, rnd.choice(contact_ids), when, channel))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {interaction} (id, channel, direction, subject, body, language,"  # noqa: S608
                " occurred_at, outcome, source, created_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                rows,
            )
            cursor.executemany(
                f"INSERT INTO {through} (interaction_id, contact_id, occurred_at, channel)"  # noqa: S608
                " VALUES (%s, %s, %s, %s)",
                links,
            )


def _timed(run, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        samples.append(time.perf_counter() - started)
    return samples, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interactions", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    contacts = Contact.objects.count()
    missing = options.interactions - Interaction.objects.count()
    if missing > 0:
        started = time.perf_counter()
        _add_interactions(missing, list(Contact.objects.values_list("id", flat=True)))
        print(
            json.dumps(
                {
                    "name": "generate_interactions",
                    "n": missing,
                    "seconds": round(time.perf_counter() - started, 1),
                }
            ),
            flush=True,
        )
    baseline, _count = _timed(lambda: Contact.objects.count(), options.repeat)
    rules = {
        "country_in": {"field": "country", "op": "in", "value": ["TH", "PL"]},
        "country_and_language": {
            "match": "all",
            "rules": [
                {"field": "country", "op": "in", "value": ["TH", "JP"]},
                {"field": "language", "op": "in", "value": ["th"]},
            ],
        },
        "phone_calls_90_days_at_least_2": {
            "field": "interactions",
            "op": "at_least",
            "value": {"count": 2, "days": 90, "channel": "phone"},
        },
        "quiet_for_30_days_in_poland": {
            "match": "all",
            "rules": [
                {"field": "country", "op": "in", "value": ["PL"]},
                {"field": "interactions", "op": "fewer_than", "value": {"count": 1, "days": 30}},
            ],
        },
    }
    for label, rule in rules.items():
        samples, count = _timed(lambda r=rule: contacts_for_rules(r).count(), options.repeat)
        print(
            json.dumps(
                {
                    "name": f"segment_count:{label}",
                    "engine": connection.vendor,
                    "contacts": contacts,
                    "interactions": Interaction.objects.count(),
                    "count": count,
                    "median_s": round(statistics.median(samples), 3),
                    "max_s": round(max(samples), 3),
                    "baseline_count_all_s": round(statistics.median(baseline), 3),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
