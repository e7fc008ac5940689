"""The guidance Amity ships: one JSON file per country in ``guidance_data/<CC>.json``, each
field citing the public sources it rests on, checked when read.

Data format, one file per country (``PL.json``)::

    {"country": "PL",
     "sources": [{"url": "https://...", "title": "...", "accessed": "2026-11-24"}, ...],
     "formality": {"note": "Business etiquette is often formal: ...",
                   "note_th": "มารยาททางธุรกิจมักเป็นทางการ ...",
                   "note_pl": "Etykieta biznesowa jest często formalna: ...",
                   "sources": [1], "value": "formal"},
     ...}

"note" is the English text (required), ``note_<language code>`` a faithful translation of it
(same claims, same cautious wording), "sources" indexes the file's sources, "value" (optional)
is one of VALUE_LABELS. Field names and fixed values are interface strings (gettext catalogs).
A reader gets each shipped note in their language (the active interface language, or the one
an API call asks for), else the English note marked as a ``fallback``. Administrators' edits
and organizations' and contacts' preferences are shown as written, in whatever language their
author used (their ``language`` is "").
"""

import importlib.resources
import json
import re
from functools import cache
from urllib.parse import urlsplit

from amity.culture.countries import country_codes
from amity.culture.guidance.entries import (
    FIELDS,
    SOURCE_LANGUAGE,
    VALUE_LABELS,
    CountryGuidance,
    GuidanceEntry,
    Source,
)

DATA_PACKAGE = "amity.culture"
DATA_DIRECTORY = "guidance_data"
TRANSLATED_NOTE = re.compile(r"note_([a-z]{2,3})")
ENTRY_KEYS = {"value", "note", "sources"}


class GuidanceDataError(ValueError):
    """A shipped guidance file is malformed (a packaging mistake, caught by the tests)."""


def problems_in(raw: object, *, expected_country: str = "") -> list[str]:
    """Everything wrong with one country's file (empty when it is good): every field has a
    valid value and cites sources the file lists, and every source has a URL and a title."""
    if not isinstance(raw, dict):
        return ["the file is not a JSON object"]
    found: list[str] = []
    country = raw.get("country")
    if not isinstance(country, str) or country not in country_codes():
        found.append(f"unknown country {country!r}")
    elif expected_country and country != expected_country:
        found.append(f"file of {expected_country} describes {country}")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        return [*found, "no sources"]
    for index, source in enumerate(sources):
        if not isinstance(source, dict):
            found.append(f"source {index} is not an object")
            continue
        url = source.get("url", "")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            found.append(f"source {index} has no http(s) URL")
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            found.append(f"source {index} has no title")
    unknown = set(raw) - {"country", "sources", *FIELDS}
    if unknown:
        found.append(f"unknown keys {sorted(unknown)}")
    for name in FIELDS:
        if name in raw:
            found.extend(
                f"{name}: {problem}" for problem in _entry_problems(name, raw[name], sources)
            )
    return found


def _entry_problems(name: str, entry: object, sources: list) -> list[str]:
    if not isinstance(entry, dict):
        return ["not an object"]
    found = []
    value = entry.get("value", "")
    if value and value not in VALUE_LABELS.get(name, {}):
        found.append(f"invalid value {value!r}")
    note = entry.get("note", "")
    if not isinstance(note, str) or not note.strip():
        found.append("no note")
    for key in sorted(entry):
        if key in ENTRY_KEYS:
            continue
        matched = TRANSLATED_NOTE.fullmatch(key)
        if matched is None or matched.group(1) == SOURCE_LANGUAGE:
            found.append(f"unknown key {key!r}")
        elif not isinstance(entry[key], str) or not entry[key].strip():
            found.append(f"empty {key}")
    cited = entry.get("sources")
    if not isinstance(cited, list) or not cited:
        found.append("cites no source")
    elif any(not isinstance(i, int) or not 0 <= i < len(sources) for i in cited):
        found.append("cites a source the file does not list")
    return found


def _entry_from(name: str, raw: dict, sources: tuple[Source, ...]) -> GuidanceEntry:
    translated = sorted(
        (matched.group(1), text.strip())
        for key, text in raw.items()
        if (matched := TRANSLATED_NOTE.fullmatch(key))
    )
    return GuidanceEntry(
        field=name,
        value=raw.get("value", ""),
        note=raw["note"].strip(),
        sources=tuple(sources[i] for i in raw["sources"]),
        translations=((SOURCE_LANGUAGE, raw["note"].strip()), *translated),
    )


@cache
def shipped_guidance() -> dict[str, CountryGuidance]:
    """Every country's guidance as shipped (notes in English, every translation kept on the
    entry), keyed by ISO 3166-1 code; a malformed file stops here with what is wrong with it
    instead of showing half-checked guidance."""
    directory = importlib.resources.files(DATA_PACKAGE).joinpath(DATA_DIRECTORY)
    found: dict[str, CountryGuidance] = {}
    for item in sorted(directory.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".json"):
            continue
        code = item.name.removesuffix(".json")
        raw = json.loads(item.read_text(encoding="utf-8"))
        problems = problems_in(raw, expected_country=code)
        if problems:
            raise GuidanceDataError(f"{item.name}: {'; '.join(problems)}")
        sources = tuple(
            Source(url=s["url"], title=s["title"].strip(), accessed=s.get("accessed", ""))
            for s in raw["sources"]
        )
        entries = {name: _entry_from(name, raw[name], sources) for name in FIELDS if name in raw}
        found[code] = CountryGuidance(country=code, entries=entries)
    return found
