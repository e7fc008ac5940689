"""Catalog quality gate: every marked string is in the Thai and Polish catalogs, translated,
not fuzzy, with the same placeholders as its source, and the committed .mo files match.

Used by ``amity checktranslations`` (run in CI) and ``amity compiletranslations``.
"""

import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

# %(name)s, %s, %d, {name}: the placeholders Python, Django and str.format fill in.
PLACEHOLDER = re.compile(
    r"%\([a-zA-Z_][a-zA-Z0-9_]*\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}"
)
SOURCE_DIR = Path(settings.BASE_DIR)


@dataclass(frozen=True)
class Problem:
    language: str
    message: str

    def __str__(self) -> str:
        return f"[{self.language}] {self.message}"


def target_languages() -> list[str]:
    """Every configured language except English, the source language."""
    return [code for code, _name in settings.LANGUAGES if code != "en"]


def po_path(language: str, locale_dir: Path | None = None) -> Path:
    base = locale_dir or SOURCE_DIR / "locale"
    return base / language / "LC_MESSAGES" / "django.po"


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _key(message) -> tuple:
    return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _translations(mo: bytes) -> tuple:
    catalog = read_mo(io.BytesIO(mo))
    messages = {
        (m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m.string for m in catalog
    }
    return catalog.plural_forms, {key: value for key, value in messages.items() if key[1]}


def mo_matches(mo: bytes, catalog: Catalog) -> bool:
    """Whether a compiled catalog gives readers what ``catalog`` says: plural rule and messages.
    Header lines do not count (Generated-By names the Babel version that compiled it)."""
    return _translations(mo) == _translations(_compiled(catalog))


def fresh_catalogs(languages: list[str]) -> dict[str, Catalog]:
    """Extract the marked strings as they are in the source now (makemessages on a copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "amity"
        shutil.copytree(SOURCE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        with chdir(copy), override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages",
                locale=languages,
                no_obsolete=True,
                no_location=True,
                verbosity=0,
            )
        return {code: _read(po_path(code, copy / "locale"), code) for code in languages}


def catalog_problems(language: str, catalog: Catalog, fresh: Catalog | None) -> Iterator[Problem]:
    """Everything wrong with one language's catalog, as readable lines."""
    entries = [message for message in catalog if message.id]
    if fresh is not None:
        have = {_key(message) for message in entries}
        want = {_key(message) for message in fresh if message.id}
        for _context, msgid in sorted(want - have, key=str):
            yield Problem(language, f"missing from the catalog (run makemessages): {msgid!r}")
        for _context, msgid in sorted(have - want, key=str):
            yield Problem(language, f"no longer in the source (run makemessages): {msgid!r}")
    plurals = catalog.num_plurals
    for message in entries:
        label = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            yield Problem(language, f"fuzzy: {label!r}")
        if isinstance(message.id, str):
            pairs = [(message.id, message.string)]
        else:
            forms = list(message.string)
            if len(forms) != plurals:
                yield Problem(
                    language, f"needs {plurals} plural forms, has {len(forms)}: {label!r}"
                )
            pairs = [(message.id[-1], form) for form in forms]
        for source, translation in pairs:
            if not translation:
                yield Problem(language, f"untranslated: {label!r}")
            elif _placeholders(source) != _placeholders(translation):
                yield Problem(
                    language,
                    f"placeholders differ: {label!r} has {_placeholders(source)}, "
                    f"translation {translation!r} has {_placeholders(translation)}",
                )


def check_translations(*, compare_with_source: bool = True) -> list[Problem]:
    """All problems in all target catalogs; an empty list means CI may pass."""
    languages = target_languages()
    fresh = fresh_catalogs(languages) if compare_with_source else {}
    problems: list[Problem] = []
    for language in languages:
        path = po_path(language)
        if not path.exists():
            problems.append(Problem(language, f"no catalog at {path}"))
            continue
        catalog = _read(path, language)
        problems.extend(catalog_problems(language, catalog, fresh.get(language)))
        mo = path.with_suffix(".mo")
        if not mo.exists() or not mo_matches(mo.read_bytes(), catalog):
            problems.append(Problem(language, f"{mo.name} is stale; run amity compiletranslations"))
    return problems


def compile_translations() -> list[Path]:
    """Write each catalog's .mo next to its .po; returns the files written."""
    written = []
    for language in target_languages():
        path = po_path(language)
        mo = path.with_suffix(".mo")
        mo.write_bytes(_compiled(_read(path, language)))
        written.append(mo)
    return written
