"""People's names as they write them: parts in the culture's order, a sort key, and the
romanized forms search matches."""

from amity.core.text import fold, romanize
from amity.culture.countries import FAMILY_NAME_FIRST
from amity.people.models import NameOrder


def default_name_order(country: str) -> str:
    """The order most people in ``country`` use; the contact's own record overrides it."""
    return (
        NameOrder.FAMILY_GIVEN if country.upper() in FAMILY_NAME_FIRST else NameOrder.GIVEN_FAMILY
    )


def full_name(
    *, given: str, family: str, middle: str = "", order: str = NameOrder.GIVEN_FAMILY
) -> str:
    """ "山田 太郎" (family first), "Łukasz Nowak", "สมชาย ใจดี" (given first)."""
    family_first = order == NameOrder.FAMILY_GIVEN
    parts = [family, given, middle] if family_first else [given, middle, family]
    return " ".join(part.strip() for part in parts if part and part.strip())


def sort_key(*, family: str, given: str, fallback: str) -> str:
    """Family name first, folded, so "Łukasz Nowak" sorts with "nowak"."""
    return fold(" ".join(p for p in (family, given) if p) or fallback)[:400]


def romanized(name: str, *, language: str | None = None) -> str:
    """The Latin-letter form search matches ("สมชาย ใจดี" -> "somchai chaidi"); "" when the
    name is already in Latin letters."""
    if not name or fold(name).isascii():
        return ""
    return romanize(name, language=language)


def match_key(name: str, *, language: str | None = None) -> str:
    """The name's words in Latin letters, folded and sorted, so one person written in two
    scripts or orders matches: "山田 太郎" and "Taro Yamada" both give "taro yamada"."""
    latin = fold(romanized(name, language=language) or name).replace("-", " ")
    # Long vowels are written "ou", "oo", "ō" or "o" ("Tarou", "Taro"): compare without them.
    for long_vowel, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        latin = latin.replace(long_vowel, short)
    return " ".join(sorted(latin.split()))[:400]
