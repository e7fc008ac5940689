"""Text as people search and compare it: case- and accent-insensitive, across scripts.

``fold`` makes "Łukasz" and "lukasz" (or "Żółw" and "zolw") equal while leaving Thai, CJK and
Arabic letters untouched (their marks carry meaning). ``romanize`` writes any name in Latin
letters with the convention its readers expect: the Royal Thai General System for Thai
(PyThaiNLP), Hepburn for Japanese (pykakasi), and AnyAscii for everything else. All of it
ships inside the installed packages: nothing is downloaded.
"""

import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii


@cache
def _fold_char(char: str) -> str:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return char
    # Combining marks (the dot of "İ") go with Latin letters; Thai marks are not "COMBINING".
    if name.startswith(("LATIN", "GREEK", "CYRILLIC", "COMBINING")):
        return anyascii(char).lower()
    return char


def fold(text: str) -> str:
    """Lower-case, accent-free form for matching ("Żółw" -> "zolw"; Thai stays Thai)."""
    if text.isascii():  # most emails, phones and Latin names: NFKC changes nothing there
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    return "".join(_fold_char(char) for char in text)


def _script(char: str) -> str:
    code = ord(char)
    if 0x0E00 <= code <= 0x0E7F:
        return "thai"
    if 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "cjk"
    return "other"


@cache
def _thai_romanizer():
    from pythainlp.transliterate import romanize as thai_romanize

    return thai_romanize


@cache
def _japanese_converter():
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=200_000)  # names repeat: imports romanize the same words many times
def _romanize_word(word: str, language: str | None) -> str:
    scripts = {_script(char) for char in word}
    if "thai" in scripts:
        return _thai_romanizer()(word, engine="royin")
    has_kana = any(0x3040 <= ord(char) <= 0x30FF for char in word)
    if "cjk" in scripts and (has_kana or language in (None, "ja")):
        return "".join(part["hepburn"] for part in _japanese_converter().convert(word))
    return anyascii(word)


def romanize(text: str, *, language: str | None = None) -> str:
    """Latin-letter form of a name, lower-cased ("สมชาย ใจดี" -> "somchai chaidi")."""
    if text.isascii():
        return text.lower()
    words = unicodedata.normalize("NFKC", text).split()
    return " ".join(_romanize_word(word, language).lower() for word in words if word)


def romanizers_load() -> None:
    """Load the Thai and Japanese romanizers now (their dictionaries take most of a second):
    before forking worker processes, so that they share one copy."""
    romanize("ไทย")
    romanize("かな")
