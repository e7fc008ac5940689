"""Where the erasure tests look for what is left of a person: every row of every table
(any engine) and the raw bytes of a SQLite database file and its WAL."""

import json
from pathlib import Path

from django.db import connection


def _forms(needles) -> list[str]:
    # As typed, and as JSON columns spell non-ASCII text (\uXXXX).
    forms = set()
    for needle in needles:
        forms.add(needle)
        forms.add(json.dumps(needle)[1:-1])
    return sorted(forms)


def _text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "ignore")
    return str(value)


def rows_mentioning(needles) -> dict[str, list[str]]:
    """{table: [needles found]} over every column of every row of every table."""
    found: dict[str, list[str]] = {}
    forms = _forms(needles)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(_text(v) for v in row if v is not None)
                hits = [f for f in forms if f in text]
                if hits:
                    found.setdefault(table, []).extend(hits)
    return found


def bytes_mentioning(paths: list[Path], needles) -> dict[str, list[str]]:
    """{file: [needles found]} in the raw bytes (UTF-8 and JSON-escaped spellings)."""
    found: dict[str, list[str]] = {}
    for path in paths:
        raw = path.read_bytes() if path.exists() else b""
        hits = [f for f in _forms(needles) if f.encode("utf-8") in raw]
        if hits:
            found[path.name] = hits
    return found
