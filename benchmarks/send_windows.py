"""Next send window for many recipients spread over many countries (issue 4's target:
1,000,000 recipients over 100+ countries in under 10 s).

    python benchmarks/send_windows.py [--recipients 1000000]

Recipients are generated in memory (country, its zones) and the company's office-hour settings
are pinned in memory, so the figure is the engine's own and no database is needed;
reading them from the database is measured by benchmarks/reachable_now.py. The baseline is
the naive way, one ``next_send_window`` call per recipient, timed on a sample (``--sample``)
and scaled to the full count; ``ratio`` is batch seconds / baseline seconds.
"""

import argparse
import json
import os
import random
import time
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

import django

django.setup()

from amity.culture.countries import country_codes, country_time_zones  # noqa: E402
from amity.culture.selectors import (  # noqa: E402
    CompanyCalendarSettings,
    forget_company_calendar_settings,
)
from amity.culture.send_windows import (  # noqa: E402
    Recipient,
    next_send_window,
    next_send_windows,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000, help="recipients for the baseline")
    options = parser.parse_args()
    # The company's office-hour settings pinned in memory: the engine's figure, no database.
    forget_company_calendar_settings(replacement=CompanyCalendarSettings(hours={}, closures=()))
    rng = random.Random(2026)
    places = [(code, zone) for code in country_codes() for zone in country_time_zones(code)]
    recipients = [Recipient(index, *rng.choice(places)) for index in range(options.recipients)]
    countries = len({r.country for r in recipients})
    after = datetime(2026, 4, 12, 20, tzinfo=UTC)
    started = time.perf_counter()
    answers = next_send_windows(recipients, after=after, channel="email")
    seconds = time.perf_counter() - started
    assert len(answers) == options.recipients
    sample = recipients[: options.sample]
    started = time.perf_counter()
    for r in sample:
        moment = next_send_window(country=r.country, zone=r.zone, after=after, channel="email")
        assert moment == answers[r.key]
    baseline = (time.perf_counter() - started) * options.recipients / len(sample)
    print(
        json.dumps(
            {
                "name": "next_send_windows",
                "n": options.recipients,
                "countries": countries,
                "groups": len({(r.country, r.zone) for r in recipients}),
                "seconds": round(seconds, 3),
                "baseline": "one next_send_window call per recipient (sample, scaled)",
                "baseline_sample": len(sample),
                "baseline_seconds": round(baseline, 3),
                "ratio": round(seconds / baseline, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
