"""One search index for every app: apps describe their records as ``SearchDocument``s when
they change, and ``search`` finds them by any fragment of any value, in any script.

Matching is case- and accent-insensitive ("lukasz" finds "Łukasz"), works inside Thai text
without spaces ("สมชาย" finds "นายสมชาย ใจดี"), and finds romanized forms when the document
lists them. Phone numbers match on their digits whatever the punctuation.
"""

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from amity.core.bulk_insert import insert_rows
from amity.core.models import SearchEntry
from amity.core.pagination import DEFAULT_LIMIT
from amity.core.search import engines
from amity.core.search.ranking import RankedPage, ranked_page
from amity.core.text import fold

SEPARATOR = " | "
CANDIDATES = 200
MAX_QUERY_LENGTH = 200
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{5,}$")
_NON_DIGITS = re.compile(r"\D")
_WHOLE_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")

# Apps that keep emails or phone numbers in indexed columns of their own answer a whole
# address or number by equality there (see ``exact_finder_register``).
ExactFinder = Callable[[str], list[int]]
_EXACT_FINDERS: dict[str, ExactFinder] = {}


@dataclass(frozen=True)
class SearchDocument:
    kind: str
    object_id: int
    title: str
    subtitle: str = ""
    values: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    subtitle: str


def _is_phone_like(value: str) -> bool:
    return (
        bool(value) and (value[0] == "+" or value[0].isdigit()) and bool(_PHONE_LIKE.match(value))
    )


def letter_pairs(folded: str) -> set[str]:
    """Two-letter pieces of the words that are not plain ASCII (CJK, Thai, Hangul, Arabic)."""
    found = set()
    for word in folded.split():
        if not word.isascii():
            found.update(word[i : i + 2] for i in range(len(word) - 1))
    return found


def document_text(document: SearchDocument) -> tuple[str, str]:
    """The folded text stored for a document (its title and every value, once each) and the
    letter pairs of its non-Latin words."""
    seen: dict[str, None] = {}
    pairs: set[str] = set()
    for value in [document.title, *document.values]:
        value = value.strip()
        folded = fold(value)
        if not folded:
            continue
        seen.setdefault(folded, None)
        if not folded.isascii():
            pairs |= letter_pairs(folded)
        elif _is_phone_like(value):
            digits = _NON_DIGITS.sub("", value)
            if len(digits) >= 5:
                seen.setdefault(digits, None)
    # A leading space: the title's first word starts a word like every other (see engines).
    return " " + SEPARATOR.join(seen), " ".join(sorted(pairs))


def _entries(
    documents: Iterable[SearchDocument], texts: Iterable[tuple[str, str]] | None = None
) -> list[dict]:
    rows = []
    texts = iter(texts) if texts is not None else None
    for document in documents:
        text, pairs = next(texts) if texts is not None else document_text(document)
        rows.append(
            {
                "kind": document.kind,
                "object_id": document.object_id,
                "title": document.title[:300],
                "subtitle": document.subtitle[:300],
                "text": text,
                "pairs": pairs,
            }
        )
    return rows


def index(documents: Iterable[SearchDocument]) -> int:
    """Add or replace documents in the index; returns how many were written."""
    rows = _entries(documents)
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["object_id"])
    with transaction.atomic():
        for kind, object_ids in by_kind.items():
            for start in range(0, len(object_ids), 500):
                chunk = object_ids[start : start + 500]
                SearchEntry.objects.filter(kind=kind, object_id__in=chunk).delete()
        with engines.full_text_fed():
            insert_rows(SearchEntry, rows)
    return len(rows)


def index_new(
    documents: Iterable[SearchDocument], *, texts: Iterable[tuple[str, str]] | None = None
) -> int:
    """Add documents of records created in this transaction: no entry can exist for them
    yet, so nothing is looked up or replaced. ``texts``: each document's ``document_text``
    when the caller made it already. Returns how many were written."""
    rows = _entries(documents, texts)
    with transaction.atomic(), engines.full_text_fed():
        insert_rows(SearchEntry, rows)
    return len(rows)


def unindex(kind: str, object_ids: Iterable[int]) -> None:
    """Remove documents (a deleted or erased record must not be findable)."""
    SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def query_fragments(query: str) -> list[str]:
    """The folded pieces of a query that must all occur; a phone number becomes its digits."""
    query = query.strip()
    if _PHONE_LIKE.match(query):
        digits = re.sub(r"\D", "", query)
        # "+66 81 234 5678" and "081 234 5678" share the subscriber digits; the stored text
        # has the E.164 digits, so drop a national trunk "0".
        return [digits.lstrip("0")] if digits.lstrip("0") else []
    return [piece for piece in fold(query).split() if piece]


def _rank(hit: SearchEntry, fragments: list[str]) -> tuple:
    title = fold(hit.title)
    first = fragments[0]
    starts_title = title.startswith(first)
    starts_word = any(word.startswith(first) for word in re.split(r"[\s|@.,\-]+", hit.text))
    return (not starts_title, not starts_word, len(hit.title), hit.title)


def exact_finder_register(kind: str, finder: ExactFinder) -> None:
    """Let ``finder`` answer a whole email address or phone number for records of ``kind``:
    it returns the ids of the records that have exactly that address or number (an indexed
    equality), or [] when none has or the query is neither."""
    _EXACT_FINDERS[kind] = finder


def _looks_whole(query: str) -> bool:
    query = query.strip()
    return bool(_WHOLE_EMAIL.match(query)) or _is_phone_like(query)


def exact_matches(query: str, kinds: Iterable[str]) -> dict[str, list[int]]:
    """The records of ``kinds`` having exactly the email address or phone number ``query``
    is (by kind; empty when it is neither or nobody has it)."""
    if not _looks_whole(query):
        return {}
    found = {}
    for kind in kinds:
        finder = _EXACT_FINDERS.get(kind)
        ids = finder(query.strip()) if finder else []
        if ids:
            found[kind] = ids
    return found


def search(query: str, *, kinds: list[str] | None = None, limit: int = 20) -> list[Hit]:
    """Records matching every word of ``query``, best first (names that start with it). A
    whole email address or phone number that some record has exactly finds those records."""
    fragments = query_fragments(query)
    if not fragments:
        return []
    exact = exact_matches(query, kinds if kinds is not None else list(_EXACT_FINDERS))
    if exact:
        which = Q()
        for kind, object_ids in exact.items():
            which |= Q(kind=kind, object_id__in=object_ids)
        entries = list(SearchEntry.objects.filter(which).order_by("title", "id")[:limit])
        return [Hit(e.kind, e.object_id, e.title, e.subtitle) for e in entries]
    pairs = [f for f in fragments if len(f) == 2 and not f.isascii()]
    ids = engines.matching_ids(fragments, pairs, kinds, max(limit, CANDIDATES))
    entries = list(
        SearchEntry.objects.filter(id__in=ids).only(
            "kind", "object_id", "title", "subtitle", "text"
        )
    )
    entries.sort(key=lambda entry: _rank(entry, fragments))
    return [Hit(e.kind, e.object_id, e.title, e.subtitle) for e in entries[:limit]]


def matching_records(
    query: str, *, kind: str, outer_id: str | None = None
) -> RawSQL | list[int] | None:
    """A subquery of the ids of every record of ``kind`` matching each word of ``query``
    (``Contact.objects.filter(pk__in=matching_records(q, kind="contact"))``): unranked and
    unlimited, so a list can apply its own order and page through all of them (the ids
    themselves when the query is a whole email or phone a record has exactly). None when
    the query has nothing to search for. ``outer_id``, the quoted id column of the list's
    table, lets a term found in a large share of the entries be checked row by row as the
    list walks its own index (a first page by name then reads about one page of rows)."""
    fragments = query_fragments(query)
    if not fragments:
        return None
    exact = exact_matches(query, [kind])
    if exact:
        return exact[kind]
    pairs = [f for f in fragments if len(f) == 2 and not f.isascii()]
    sql, params = engines.matching_sql_for_lists(fragments, pairs, kind, outer_id=outer_id)
    return RawSQL(sql, params)  # noqa: S611 (fixed SQL from engines; values are parameters)


def ranked(
    query: str,
    *,
    kind: str,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
    accept: Callable[[list[int]], Collection[int]] | None = None,
) -> RankedPage:
    """One page of the ids of every record of ``kind`` matching ``query``, best first: the
    records having exactly a whole email or phone query, else those where a word starts
    with the query's first word, then those containing it inside a word; each group in index
    order, so every match is reached by following ``next_cursor`` and none twice.
    ``accept(ids)`` keeps the ids passing a list's other filters. Raises DomainError for a
    damaged cursor."""
    fragments = query_fragments(query)
    if not fragments:
        return RankedPage([], None)
    exact = exact_matches(query, [kind]).get(kind)
    if exact:
        return ranked_page(
            fragments, [], kind=kind, cursor=cursor, limit=limit, accept=accept, only=exact
        )
    pairs = [f for f in fragments if len(f) == 2 and not f.isascii()]
    return ranked_page(fragments, pairs, kind=kind, cursor=cursor, limit=limit, accept=accept)
