"""``amity import contacts`` end to end on a large CSV, against a raw baseline in the same run.

    python benchmarks/import_contacts.py [--rows 100000] [--batch-size 500]
    AMITY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amity_bench_import \
        python benchmarks/import_contacts.py          # an empty, dedicated database

The file looks like a HubSpot export (Record ID, First Name, ..., Country/Region) with Thai,
Polish, Japanese and Arabic people, valid mobile numbers written the national way (made from
phonenumbers' example numbers, so the import reads each in its row's country), countries by
code or by their name in the country's own language, and a few hundred companies (which the
import creates as organizations). Without AMITY_DATABASE_URL it runs on SQLite in a fresh data
directory.

Figures, one JSON line each (name, n, seconds, ratio to the baseline):
- ``baseline_executemany``: read the same CSV with the csv module and insert its rows into a bare
  table of text columns in the same database, one transaction: ``executemany`` on SQLite,
  ``COPY`` on PostgreSQL;
- ``amity_import_contacts``: the ``amity import contacts FILE --json`` process, start to exit
  (validation, services, events, search index, organizations), with the import's own split of
  its time (reading the file, validating rows, writing them: ``write_ratio_to_baseline``
  compares the writing with the raw baseline), its resident memory over the run, how many
  worker processes validated rows alongside the writing (``validation_seconds`` is then the
  time the writer waited for them) and the CPU seconds of the process and its workers;
- ``baseline_same_rows``: the database's own cost of what the import wrote: exactly its rows
  (organizations, contacts, emails, phones, roles, events, search entries and their full-text
  index), copied out after the import and written again into an empty copy of the schema with
  every index, one transaction, ``executemany`` on SQLite and ``COPY`` on PostgreSQL;
  ``import_write_ratio_to_it`` compares the import's writing with it (the rest is Amity's own
  work: building the rows, looking up what exists, committing batch by batch);
- ``amity_import_contacts_rerun``: the same command again (every row found, nothing written).
"""

import argparse
import csv
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import phonenumbers

PEOPLE = {
    "TH": (
        ["สมชาย", "สมศรี", "มาลี", "วิชัย", "ปรีชา", "สุดา", "อนุชา", "กนกพร"],
        ["ใจดี", "ศรีสุข", "รักไทย", "มั่นคง", "วงศ์สวัสดิ์", "ทองดี"],
        ["TH", "ประเทศไทย", "Thailand"],
        ["บริษัท สยาม", "ห้างหุ้นส่วน เชียงใหม่", "บริษัท กรุงเทพ"],
        ["ผู้จัดการ", "นักบัญชี", "วิศวกร"],
        "co.th",
    ),
    "PL": (
        ["Łukasz", "Agnieszka", "Małgorzata", "Paweł", "Zofia", "Grzegorz"],
        ["Żółkiewski", "Wójcik", "Kowalczyk", "Nowak", "Dąbrowska", "Szymański"],
        ["PL", "Polska", "Poland"],
        ["Zakłady Łódź", "Spółdzielnia Gdańsk", "Hurtownia Kraków"],
        ["Dyrektor", "Księgowa", "Kierownik"],
        "pl",
    ),
    "JP": (
        ["太郎", "花子", "健", "由紀", "翔太", "美咲"],
        ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺"],
        ["JP", "日本", "Japan"],
        ["株式会社サンプル", "有限会社東京", "株式会社大阪"],
        ["部長", "課長", "営業"],
        "jp",
    ),
    "SA": (
        ["ليلى", "محمد", "فاطمة", "عبدالله", "نورة"],
        ["الحربي", "العتيبي", "القحطاني", "الشمري"],
        ["SA", "المملكة العربية السعودية", "Saudi Arabia"],
        ["شركة المثال", "مؤسسة الرياض", "شركة جدة"],
        ["مدير", "محاسب", "مهندس"],
        "sa",
    ),
}
HEADERS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Country/Region",
]
COMPANIES_PER_NAME = 60


def _mobile_numbers(region: str, rnd: random.Random, count: int = 300) -> list[str]:
    """Valid mobile numbers of a region, written nationally: phonenumbers' example number
    with its last digits varied, each checked."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    digits = str(example.national_number)
    found: set[str] = set()
    while len(found) < count:
        candidate = digits[:-4] + f"{rnd.randrange(10_000):04d}"
        parsed = phonenumbers.parse(candidate, region)
        if phonenumbers.is_valid_number(parsed):
            found.add(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
    return sorted(found)


def generate(path: Path, rows: int, seed: int = 2026) -> None:
    rnd = random.Random(seed)
    phones = {region: _mobile_numbers(region, rnd) for region in PEOPLE}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(rows):
            region = rnd.choice(list(PEOPLE))
            givens, families, countries, companies, titles, domain = PEOPLE[region]
            company = f"{rnd.choice(companies)} {rnd.randrange(COMPANIES_PER_NAME)}"
            writer.writerow(
                [
                    f"B-{n}",
                    rnd.choice(givens),
                    rnd.choice(families),
                    f"person{n}@example.{domain}",
                    rnd.choice(phones[region]),
                    company,
                    rnd.choice(titles),
                    rnd.choice(countries),
                ]
            )


def baseline(path: Path) -> float:
    """Seconds to read the CSV and executemany its rows into a bare table (one transaction)."""
    from django.db import connection, transaction

    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_contacts")
        cursor.execute(f"CREATE TABLE bench_raw_contacts ({columns})")
    placeholders = ", ".join(["%s"] * len(HEADERS))
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # PostgreSQL's fastest way in: one COPY
            with cursor.cursor.copy("COPY bench_raw_contacts FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO bench_raw_contacts VALUES ({placeholders})", rows)  # noqa: S608
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_contacts")
    return elapsed


def written_tables() -> list[str]:
    """The tables an import writes, parents first."""
    from amity.core.models import SearchEntry
    from amity.people.models import (
        Contact,
        ContactEmail,
        ContactOrganization,
        ContactPhone,
        Organization,
        PeopleEvent,
        Tag,
    )

    models = [Organization, Tag, Contact, ContactEmail, ContactPhone, ContactOrganization]
    models += [Contact.tags.through, PeopleEvent, SearchEntry]
    return [model._meta.db_table for model in models]


def empty_copy(scratch: Path) -> str:
    """A copy of the migrated, still empty database, for ``same_rows_baseline`` to write into:
    a file on SQLite, a database made from it as a template on PostgreSQL."""
    from django.db import connection

    settings = connection.settings_dict
    connection.close()
    if connection.vendor == "sqlite":
        copy = scratch / "same_rows.sqlite3"
        source, target = sqlite3.connect(settings["NAME"]), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        return str(copy)
    copy = f"{settings['NAME']}_same_rows"
    with _postgresql("postgres") as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        maintenance.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{settings["NAME"]}"')
    return copy


def _postgresql(name: str):
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname=name,
        autocommit=True,
    )


def same_rows_baseline(copy: str) -> float:
    """Seconds to write exactly the rows the import wrote (organizations, contacts, emails,
    phones, roles, events, search entries) into an empty copy of the schema, with all its
    indexes, in one transaction: ``executemany`` and the full-text tables fed as the import
    feeds them on SQLite, ``COPY`` on PostgreSQL. What the database alone costs for them."""
    from django.db import connection

    from amity.core.config import sqlite_options
    from amity.core.search.engines import SQLITE_FEED

    tables = written_tables()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        select = 'SELECT * FROM "{}"'
        rows = {table: source.execute(select.format(table)).fetchall() for table in tables}
        source.close()
        target = sqlite3.connect(copy, isolation_level=None)
        target.executescript(sqlite_options()["init_command"])
        started = time.perf_counter()
        target.execute("BEGIN IMMEDIATE")
        for table, values in rows.items():
            if values:
                marks = ", ".join("?" * len(values[0]))
                target.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)  # noqa: S608
        for statement in SQLITE_FEED:
            target.execute(statement.replace("%s", "?"), [0])
        target.execute("COMMIT")
        elapsed = time.perf_counter() - started
        target.close()
        return elapsed
    data = {}
    with _postgresql(connection.settings_dict["NAME"]) as source:
        for table in tables:
            with source.cursor().copy(f'COPY "{table}" TO STDOUT') as copying:
                data[table] = b"".join(bytes(chunk) for chunk in copying)
    with _postgresql(copy) as target:
        started = time.perf_counter()
        with target.transaction(), target.cursor() as cursor:
            for table, block in data.items():
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copying:
                    copying.write(block)
        elapsed = time.perf_counter() - started
    with _postgresql("postgres") as maintenance:
        maintenance.execute(f'DROP DATABASE "{copy}"')
    return elapsed


def _rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def _cpu_seconds() -> float:
    """CPU time of the finished child processes (and their own children: the import's
    validating workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def amity(args: list[str]) -> tuple[float, dict, list[float], float]:
    """Run ``amity ARGS``: seconds, its --json output, its resident memory sampled every
    0.1 s (to show whether memory stays flat while rows stream through) and the CPU seconds
    it and its workers used."""
    cpu = _cpu_seconds()
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "amity", *args], stdout=out, stderr=err, text=True
        )
        samples = []
        while process.poll() is None:
            if (rss := _rss_mib(process.pid)) is not None:
                samples.append(rss)
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            sys.exit(f"amity {' '.join(args)} failed:\n{err.read()}")
        summary = json.loads(out.read()) if "--json" in args else {}
        return elapsed, summary, samples, _cpu_seconds() - cpu


def memory_figures(samples: list[float]) -> dict:
    """Peak resident memory, and at a quarter, half and three quarters of the run."""
    if not samples:
        return {}
    at = [samples[min(len(samples) - 1, len(samples) * k // 4)] for k in (1, 2, 3)]
    return {
        "rss_peak_mib": round(max(samples), 1),
        "rss_quarter_half_three_quarters_mib": [round(value, 1) for value in at],
    }


def report(name: str, n: int, seconds: float, base: float, engine: str, **extra) -> None:
    line = {
        "name": name,
        "n": n,
        "engine": engine,
        "seconds": round(seconds, 2),
        "rows_per_second": round(n / seconds) if seconds else None,
        "ratio_to_baseline": round(seconds / base, 1) if base else None,
        **extra,
    }
    print(json.dumps(line, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument(
        "--workers", type=int, help="validating processes (default: the import's own choice)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the file and database")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="amity-bench-import-"))
    if not os.environ.get("AMITY_DATABASE_URL"):
        os.environ["AMITY_DATA_DIR"] = str(scratch / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")
    import django

    django.setup()
    from django.db import connection

    path = scratch / "contacts.csv"
    started = time.perf_counter()
    generate(path, options.rows)
    print(
        json.dumps(
            {
                "name": "generate_file",
                "n": options.rows,
                "seconds": round(time.perf_counter() - started, 2),
                "bytes": path.stat().st_size,
            }
        ),
        flush=True,
    )
    amity(["migrate", "-v0"])
    engine = connection.vendor
    copy = empty_copy(scratch)
    base = baseline(path)
    report("baseline_executemany", options.rows, base, base, engine)
    command = ["import", "contacts", str(path), "--json", "--batch-size", str(options.batch_size)]
    if options.workers is not None:
        command += ["--workers", str(options.workers)]
    seconds, summary, samples, cpu = amity(command)
    assert (summary["created"], summary["rejected"]) == (options.rows, 0), summary
    phases = summary["seconds"]
    report(
        "amity_import_contacts",
        options.rows,
        seconds,
        base,
        engine,
        organizations_created=summary["organizations_created"],
        workers=summary["workers"],
        cpu_seconds=round(cpu, 1),
        reading_seconds=round(phases["reading"], 2),
        validation_seconds=round(phases["validating"], 2),
        write_seconds=round(phases["writing"], 2),
        write_ratio_to_baseline=round(phases["writing"] / base, 1),
        **memory_figures(samples),
    )
    same_rows = same_rows_baseline(copy)
    report(
        "baseline_same_rows",
        options.rows,
        same_rows,
        base,
        engine,
        import_write_ratio_to_it=round(phases["writing"] / same_rows, 1),
    )
    seconds, summary, samples, cpu = amity(command)
    assert (summary["created"], summary["unchanged"]) == (0, options.rows), summary
    report(
        "amity_import_contacts_rerun",
        options.rows,
        seconds,
        base,
        engine,
        workers=summary["workers"],
        cpu_seconds=round(cpu, 1),
    )
    if not options.keep:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
