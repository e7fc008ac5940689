"""The one place that knows which database engine runs: each engine's search index.

SQLite: an FTS5 table with the trigram tokenizer over ``core_searchentry.text`` (external
content, kept in step by triggers), so any substring of three or more characters (inside Thai
text without spaces too) is found through the index.
PostgreSQL: a GIN trigram index (pg_trgm) on the same column, used by ``LIKE '%...%'``.
Two-letter fragments of non-Latin words ("田中") are looked up as whole tokens in ``pairs``:
an FTS5 table with the ascii tokenizer (every non-ASCII character is a token character) on
SQLite, a GIN index over the token array on PostgreSQL. Other short fragments fall back to a
scan that stops at the limit.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS core_searchentry_fts USING fts5(
        text, content='core_searchentry', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER IF NOT EXISTS core_searchentry_ai AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS core_searchentry_ad AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS core_searchentry_au AFTER UPDATE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO core_searchentry_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS core_searchentry_pairs USING fts5(
        pairs, content='core_searchentry', content_rowid='id', tokenize='ascii')""",
    """CREATE TRIGGER IF NOT EXISTS core_searchentry_pairs_ai AFTER INSERT ON core_searchentry
        BEGIN INSERT INTO core_searchentry_pairs(rowid, pairs) VALUES (new.id, new.pairs); END""",
    """CREATE TRIGGER IF NOT EXISTS core_searchentry_pairs_ad AFTER DELETE ON core_searchentry
        BEGIN INSERT INTO core_searchentry_pairs(core_searchentry_pairs, rowid, pairs)
        VALUES ('delete', old.id, old.pairs); END""",
    """CREATE TRIGGER IF NOT EXISTS core_searchentry_pairs_au AFTER UPDATE ON core_searchentry
        BEGIN INSERT INTO core_searchentry_pairs(core_searchentry_pairs, rowid, pairs)
        VALUES ('delete', old.id, old.pairs);
        INSERT INTO core_searchentry_pairs(rowid, pairs) VALUES (new.id, new.pairs); END""",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS core_searchentry_pairs_au",
    "DROP TRIGGER IF EXISTS core_searchentry_pairs_ad",
    "DROP TRIGGER IF EXISTS core_searchentry_pairs_ai",
    "DROP TABLE IF EXISTS core_searchentry_pairs",
    "DROP TRIGGER IF EXISTS core_searchentry_au",
    "DROP TRIGGER IF EXISTS core_searchentry_ad",
    "DROP TRIGGER IF EXISTS core_searchentry_ai",
    "DROP TABLE IF EXISTS core_searchentry_fts",
]
POSTGRESQL_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS core_searchentry_text_trgm
        ON core_searchentry USING gin (text gin_trgm_ops)""",
    """CREATE INDEX IF NOT EXISTS core_searchentry_pairs_gin
        ON core_searchentry USING gin (string_to_array(pairs, ' '))""",
]
POSTGRESQL_UNINSTALL = [
    "DROP INDEX IF EXISTS core_searchentry_pairs_gin",
    "DROP INDEX IF EXISTS core_searchentry_text_trgm",
]

# New entries reach the full-text tables from ``full_text_fed`` rather than from the insert
# triggers above: one INSERT ... SELECT per batch costs a fifth of a trigger firing per row
# (20,000 entries: 0.2 s instead of 1.1 s), which is most of an import's writing time.
SQLITE_FEED_FROM_WRITER = [
    "DROP TRIGGER IF EXISTS core_searchentry_pairs_ai",
    "DROP TRIGGER IF EXISTS core_searchentry_ai",
]

# What ``full_text_fed`` runs: the entries above an id into both full-text tables.
SQLITE_FEED = [
    "INSERT INTO core_searchentry_fts(rowid, text)"
    " SELECT id, text FROM core_searchentry WHERE id > %s",
    "INSERT INTO core_searchentry_pairs(rowid, pairs)"
    " SELECT id, pairs FROM core_searchentry WHERE id > %s",
]

TRIGRAM = 3


def feed_from_writer(schema_editor) -> None:
    """Drop the insert triggers (called from the migration; SQLite only)."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FEED_FROM_WRITER:
            schema_editor.execute(statement)


def feed_from_triggers(schema_editor) -> None:
    """Undo ``feed_from_writer``: the insert triggers again."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            if "AFTER INSERT" in statement:
                schema_editor.execute(statement)


@contextmanager
def full_text_fed() -> Iterator[None]:
    """Entries inserted inside the block are added to the full-text tables at its end (SQLite;
    PostgreSQL's indexes follow their table). Use inside a transaction: ids only grow
    (AUTOINCREMENT), so the new entries are the ones above the largest id seen at the start."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM core_searchentry")
        (last,) = cursor.fetchone()
    yield
    with connection.cursor() as cursor:
        for statement in SQLITE_FEED:
            cursor.execute(statement, [last])


def install(schema_editor) -> None:
    """Create the engine's index (called from the migration)."""
    statements = (
        SQLITE_INSTALL if schema_editor.connection.vendor == "sqlite" else POSTGRESQL_INSTALL
    )
    for statement in statements:
        schema_editor.execute(statement)


def uninstall(schema_editor) -> None:
    statements = (
        SQLITE_UNINSTALL if schema_editor.connection.vendor == "sqlite" else POSTGRESQL_UNINSTALL
    )
    for statement in statements:
        schema_editor.execute(statement)


def _like(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching_sql(
    fragments: list[str],
    pairs: list[str],
    kinds: list[str] | None,
    *,
    select: str = "e.id",
    stream: bool = False,
) -> tuple[str, list]:
    """SQL (and its parameters) selecting ``select`` of the entries whose text contains every
    fragment (already folded) and whose pairs include every pair; usable as a subquery.
    ``stream``: for a LIMIT on SQLite, read the full-text table as the outer loop (CROSS JOIN)
    so the LIMIT stops it; "IN (SELECT rowid ...)" first collects every match (300 ms for a
    term in all of 1,000,000 entries)."""
    long = [f for f in fragments if len(f) >= TRIGRAM]
    short = [f for f in fragments if len(f) < TRIGRAM and f not in pairs]
    sqlite = connection.vendor == "sqlite"
    where, params = [], []
    source = "core_searchentry e"
    if sqlite:
        # The full-text tables drive the query (subqueries, and "+e.kind" keeps the planner
        # from scanning by kind and probing the full-text index once per row instead).
        if long and stream:
            source = "core_searchentry_fts f CROSS JOIN core_searchentry e ON e.id = f.rowid"
            where.append("core_searchentry_fts MATCH %s")
            params.append(" AND ".join(_quoted(f) for f in long))
        elif long:
            where.append(
                "e.id IN (SELECT rowid FROM core_searchentry_fts"
                " WHERE core_searchentry_fts MATCH %s)"
            )
            params.append(" AND ".join(_quoted(f) for f in long))
        if pairs and stream and not long:
            source = "core_searchentry_pairs f CROSS JOIN core_searchentry e ON e.id = f.rowid"
            where.append("core_searchentry_pairs MATCH %s")
            params.append(" AND ".join(_quoted(p) for p in pairs))
        elif pairs:
            where.append(
                "e.id IN (SELECT rowid FROM core_searchentry_pairs"
                " WHERE core_searchentry_pairs MATCH %s)"
            )
            params.append(" AND ".join(_quoted(p) for p in pairs))
        for fragment in short:
            where.append("e.text LIKE %s ESCAPE '\\'")
            params.append(_like(fragment))
    else:
        for fragment in long + short:
            where.append("e.text LIKE %s")
            params.append(_like(fragment))
        if pairs:
            where.append("string_to_array(e.pairs, ' ') @> %s")
            params.append(pairs)
    if kinds:
        column = "+e.kind" if sqlite and (long or pairs) else "e.kind"
        where.append(f"{column} IN (" + ", ".join(["%s"] * len(kinds)) + ")")
        params.extend(kinds)
    # Only fixed SQL pieces are joined here; every value travels as a parameter.
    return f"SELECT {select} FROM {source} WHERE {' AND '.join(where)}", params  # noqa: S608


COMMON_SHARE = 0.1
PROBE_ENTRIES = 2048


def _share_of_entries(fragments: list[str], pairs: list[str], kind: str) -> float:
    """The share of the entries of ``kind`` among the first ``PROBE_ENTRIES`` that match."""
    conditions, params = _like_conditions(fragments, pairs)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), sum(CASE WHEN " + conditions + " THEN 1 ELSE 0 END) FROM"  # noqa: S608
            " (SELECT text, kind FROM core_searchentry ORDER BY id LIMIT %s) e WHERE e.kind = %s",
            [*params, PROBE_ENTRIES, kind],
        )
        seen, matched = cursor.fetchone()
    return (matched or 0) / seen if seen else 0.0


def _like_conditions(fragments: list[str], pairs: list[str]) -> tuple[str, list]:
    return " AND ".join(["e.text LIKE %s ESCAPE '\\'"] * len(fragments)), [
        _like(f) for f in fragments
    ]


def matching_sql_for_lists(
    fragments: list[str], pairs: list[str], kind: str, *, outer_id: str | None
) -> tuple[str, list]:
    """``matching_sql`` shaped for a list in its own order. A term in a large share of the
    entries becomes a row-by-row check correlated with ``outer_id`` (the list walks its order
    index and stops after a page); a rarer one is materialized first (on PostgreSQL behind
    OFFSET 0: its LIKE estimate cannot tell 3 % from rare, and walking the name index while
    probing each row took 3.3 s for 33,000 matches at 1,000,000)."""
    if outer_id is not None and _share_of_entries(fragments, pairs, kind) >= COMMON_SHARE:
        conditions, params = _like_conditions(fragments, pairs)
        return (
            "SELECT e.object_id FROM core_searchentry e WHERE e.kind = %s"  # noqa: S608
            f" AND e.object_id = {outer_id} AND {conditions}",
            [kind, *params],
        )
    sql, params = matching_sql(fragments, pairs, [kind], select="e.object_id")
    if connection.vendor != "sqlite":
        sql += " OFFSET 0"
    return sql, params


def matching_ids(
    fragments: list[str], pairs: list[str], kinds: list[str] | None, limit: int
) -> list[int]:
    """Ids of entries matching (see ``matching_sql``), at most ``limit``."""
    if not fragments:
        return []
    sql, params = matching_sql(fragments, pairs, kinds, stream=True)
    with connection.cursor() as cursor:
        cursor.execute(sql + " LIMIT %s", [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def _quoted(fragment: str) -> str:
    return '"' + fragment.replace('"', '""') + '"'


# Relevance tiers of a ranked list: 0 = a word starts with the first fragment (a word follows a
# space or an email's or a number's punctuation; the text starts with a space and every other
# value follows " | "), 1 = it occurs only inside words. Each tier is read in entry id order
# from the index itself, a chunk at a time, so a page of a common term never ranks (or even
# reads) every match. (FTS5's "^" for the very start of the text would walk every entry
# containing the fragment: 150 ms for "example" at 300,000 entries.)
TIERS = 2
MAX_WINDOW = 65_536
WORD_SEPARATORS = (" ", "@", ".", "-", "_", "/")


def _escaped(fragment: str) -> str:
    return fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _word_start_likes(fragment: str) -> list[str]:
    return [f"%{_escaped(separator + fragment)}%" for separator in WORD_SEPARATORS]


def _word_start_phrases(fragment: str) -> str:
    return "(" + " OR ".join(_quoted(separator + fragment) for separator in WORD_SEPARATORS) + ")"


def ranked_chunk(
    fragments: list[str], pairs: list[str], *, kind: str, tier: int, after: int, size: int
) -> tuple[list[tuple[int, int]], int | None]:
    """(entry id, object id) of the entries of ``kind`` in ``tier`` that match every fragment,
    with entry ids above ``after``, in entry id order, looking at up to ``size`` candidates;
    and the entry id to continue after, None when the tier has no more candidates."""
    if connection.vendor == "sqlite":
        return _sqlite_ranked_chunk(fragments, pairs, kind=kind, tier=tier, after=after, size=size)
    return _postgresql_ranked_chunk(fragments, pairs, kind=kind, tier=tier, after=after, size=size)


def _starts_sql(fragment: str) -> tuple[str, list[str]]:
    likes = _word_start_likes(fragment)
    return "(" + " OR ".join(["e.text LIKE %s ESCAPE '\\'"] * len(likes)) + ")", likes


def _sqlite_ranked_chunk(
    fragments: list[str], pairs: list[str], *, kind: str, tier: int, after: int, size: int
) -> tuple[list[tuple[int, int]], int | None]:
    first, long = fragments[0], [f for f in fragments if len(f) >= TRIGRAM]
    # The candidates come from a full-text table in rowid order (FTS5 stops after ``size``);
    # what the table cannot express is checked on each candidate row.
    checks: list[tuple[str, list]] = [("e.kind = %s", [kind])]
    checks += [("e.text LIKE %s ESCAPE '\\'", [_like(f)]) for f in fragments if len(f) < TRIGRAM]
    table, expression = "core_searchentry_fts", " AND ".join(_quoted(f) for f in long)
    if len(first) + 1 >= TRIGRAM:
        # " nowak", " 山田" or " zo" (a trigram too) finds the words starting with the fragment.
        starts = _word_start_phrases(first)
        if tier == 0:
            expression = f"({expression}) AND {starts}" if long else starts
        elif long:
            expression = f"({expression}) NOT {starts}"
        else:  # a two-letter query: the rest of its matches come from the pairs or a walk
            sql, params = _starts_sql(first)
            checks.append((f"NOT {sql}", params))
            if first in pairs:
                table = "core_searchentry_pairs"
                expression = " AND ".join(_quoted(p) for p in pairs)
            else:
                table = ""
    else:
        sql, params = _starts_sql(first)
        checks.append((sql if tier == 0 else f"NOT {sql}", params))
        if not long:
            table = ""
    if table:
        driving = (
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND rowid > %s"  # noqa: S608
            " ORDER BY rowid LIMIT %s"
        )
        driving_params: list = [expression, after, size]
    else:  # nothing long enough for an index: walk the entries in id order
        driving = "SELECT id FROM core_searchentry WHERE id > %s ORDER BY id LIMIT %s"
        driving_params = [after, size]
    condition = " AND ".join(sql for sql, _params in checks)
    sql = (
        f"SELECT e.id, e.object_id, {condition} FROM core_searchentry e"  # noqa: S608
        f" WHERE e.id IN ({driving}) ORDER BY e.id"
    )
    params = [p for _sql, values in checks for p in values] + driving_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = [(row[0], row[1]) for row in rows if row[2]]
    return found, (rows[-1][0] if len(rows) == size else None)


def _postgresql_ranked_chunk(
    fragments: list[str], pairs: list[str], *, kind: str, tier: int, after: int, size: int
) -> tuple[list[tuple[int, int]], int | None]:
    sql, params = matching_sql(fragments, pairs, [kind], select="e.id, e.object_id")
    starts, starts_params = _starts_sql(fragments[0])
    conditions = sql.split(" WHERE ", 1)[1] + (
        f" AND {starts}" if tier == 0 else f" AND NOT {starts}"
    )
    params = [*params, *starts_params]
    # The planner cannot tell a term in 3 % of the entries from a rare one (pg_trgm's LIKE
    # estimate), and a bitmap scan then reads and sorts every match (300 ms for 33,000). So a
    # window of the next entries in id order is tried first: a common term fills the chunk
    # there; a rare one leaves it nearly empty, and the trigram index finds its few matches.
    window = max(size * 32, 2048)
    with connection.cursor() as cursor:
        for _attempt in range(2):
            cursor.execute(
                "WITH e AS (SELECT id, object_id, kind, text, pairs FROM core_searchentry"  # noqa: S608
                " WHERE id > %s ORDER BY id LIMIT %s)"
                f" SELECT e.id, e.object_id FROM e WHERE {conditions}"
                " UNION ALL SELECT max(id), -count(*) FROM e ORDER BY 1, 2 DESC",
                [after, window, *params],
            )
            found = cursor.fetchall()
            last, seen = found.pop()  # the window's last entry id and its size, negated
            if -seen < window or len(found) * 4 >= size:
                return found, (None if -seen < window else last)
            if not found:
                break
            # Some matches but a sparse window: one window sized to fill the chunk, when
            # that stays small; else the trigram index.
            window = window * size * 3 // (2 * len(found))
            if window > MAX_WINDOW:
                break
        cursor.execute(
            f"SELECT e.id, e.object_id FROM core_searchentry e WHERE {conditions}"  # noqa: S608
            " AND e.id > %s ORDER BY e.id LIMIT %s",
            [*params, after, size],
        )
        rows = cursor.fetchall()
    return rows, (rows[-1][0] if len(rows) == size else None)
