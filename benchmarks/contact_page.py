"""A contact page with many interactions (issue 3's target: a contact with 10,000
interactions, first page in under 100 ms with a fixed number of queries).

    AMITY_DATA_DIR=/tmp/amity-page python benchmarks/contact_page.py [--interactions 10000]

Creates one Thai contact through the services, adds the interactions straight into the
tables, then requests /contacts/<id>/ through Django's test client as a signed-in agent (the
whole stack: middleware, view, template). The baseline is the raw SQL that reads the 25
newest interaction rows of the contact. Each figure is one JSON line.
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

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from amity.accounts.models import User  # noqa: E402
from amity.interactions.models import Interaction, InteractionContact  # noqa: E402
from amity.people.contracts import ContactData, EmailData, PhoneData  # noqa: E402
from amity.people.services import contact_create  # noqa: E402


def _contact_with_interactions(count: int):
    contact = contact_create(
        actor=None,
        data=ContactData(
            given_name="สมชาย",
            family_name="ใจดี",
            country="TH",
            languages=("th",),
            emails=(EmailData("somchai@example.co.th"),),
            phones=(PhoneData("+66812345678"),),
        ),
    )
    rnd = random.Random(2026)
    now = datetime.now(UTC)
    rows = [
        Interaction(
            channel=rnd.choice(["email", "phone", "chat"]),
            direction="inbound",
            subject=f"เรื่องที่ {n}",
            body="สรุปการสนทนา " * 5,
            language="th",
            occurred_at=now - timedelta(minutes=rnd.randrange(3 * 365 * 24 * 60)),
        )
        for n in range(count)
    ]
    with transaction.atomic():
        Interaction.objects.bulk_create(rows, batch_size=2000)
        InteractionContact.objects.bulk_create(
            (
                InteractionContact(
                    interaction=row,
                    contact=contact,
                    occurred_at=row.occurred_at,
                    channel=row.channel,
                )
                for row in rows
            ),
            batch_size=2000,
        )
    return contact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interactions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    contact = _contact_with_interactions(options.interactions)
    user = User.objects.filter(username="bench").first() or User.objects.create_user(
        "bench", password=None, role="agent", timezone="Europe/Warsaw"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = f"/contacts/{contact.pk}/"
    assert client.get(url).status_code == 200
    # The record page, then its first timeline page (loaded into it by HTMX), then both.
    timeline_url = f"/contacts/{contact.pk}/timeline/"
    measured = {"record_page": [], "timeline_first_page": [], "page_with_timeline": []}
    queries: dict[str, set[int]] = {name: set() for name in measured}
    for _ in range(options.repeat):
        total_ms, total_queries = 0.0, 0
        for name, target, headers in (
            ("record_page", url, {}),
            ("timeline_first_page", timeline_url, {"HTTP_HX_REQUEST": "true"}),
        ):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(target, **headers)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            measured[name].append(elapsed)
            queries[name].add(len(captured))
            total_ms += elapsed
            total_queries += len(captured)
        measured["page_with_timeline"].append(total_ms)
        queries["page_with_timeline"].add(total_queries)
    table = InteractionContact._meta.db_table
    sql = (
        f"SELECT interaction_id FROM {table} WHERE contact_id = %s "  # noqa: S608
        "ORDER BY occurred_at DESC, interaction_id DESC LIMIT 25"
    )
    baseline = []
    for _ in range(options.repeat):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [contact.pk])
            cursor.fetchall()
        baseline.append((time.perf_counter() - started) * 1000)
    for name, samples in measured.items():
        print(
            json.dumps(
                {
                    "name": f"contact_{name}",
                    "engine": connection.vendor,
                    "interactions": options.interactions,
                    "p50_ms": round(statistics.median(samples), 1),
                    "p95_ms": round(statistics.quantiles(samples, n=20)[18], 1),
                    "queries": sorted(queries[name]),
                    "baseline_raw_sql_ms": round(statistics.median(baseline), 3),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
