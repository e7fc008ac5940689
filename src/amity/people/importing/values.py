"""Reading one cell of an imported row the way the person who typed it meant it: a country by
its name in any of several languages, "yes"/"tak"/"ใช่", a list of languages, an industry from
another CRM's picklist, a head count as a size band. Each reader returns the value Amity stores
or raises ValueError; the row reader turns that into a rejection naming the column."""

import re
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from amity.core.text import fold
from amity.culture.countries import country_codes
from amity.people.importing.mapping import header_key
from amity.people.models import Industry, NameOrder, SizeBand

# Locales whose country and language names are recognized: Amity's interface languages, the
# languages of the exports we meet most, and the large languages of the regions we serve.
NAME_LOCALES = (
    "en", "pl", "th", "ja", "ar", "de", "fr", "es", "pt", "it", "nl", "zh", "zh_Hant", "ko",
    "vi", "id", "ms", "tr", "ru", "uk", "cs", "he", "hi",
)  # fmt: skip
# Names CLDR does not list but exports use.
COUNTRY_EXTRAS = {
    "usa": "US", "unitedstatesofamerica": "US", "america": "US", "uk": "GB",
    "greatbritain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northernireland": "GB", "korea": "KR", "republicofkorea": "KR", "hongkong": "HK",
    "macau": "MO", "uae": "AE", "czechrepublic": "CZ", "russianfederation": "RU",
    "vietnam": "VN", "holland": "NL", "turkey": "TR", "burma": "MM", "siam": "TH",
    "ksa": "SA",
}  # fmt: skip
THAI_COUNTRY_WORD = "ประเทศ"  # "country", often written before the name: ประเทศไทย
TRUE_WORDS = {"1", "true", "yes", "y", "x", "t", "tak", "prawda", "ใช่", "จริง", "はい", "نعم"}
FALSE_WORDS = {"0", "false", "no", "n", "f", "nie", "fałsz", "falsz", "ไม่", "ไม่ใช่", "いいえ", "لا"}
# Other CRMs' industry picklists (Salesforce's, HubSpot's COMPUTER_SOFTWARE style) by the word
# that decides the ISIC section; checked in order, the first word found wins.
INDUSTRY_WORDS = [
    ("hospitality", "I"), ("biotech", "C"),
    ("agricultur", "A"), ("farming", "A"), ("fisher", "A"), ("forestry", "A"), ("ranching", "A"),
    ("mining", "B"), ("oil", "B"), ("quarr", "B"),
    ("realestate", "L"), ("property", "L"),
    ("insur", "K"), ("bank", "K"), ("financ", "K"), ("invest", "K"), ("capital", "K"),
    ("hospital", "Q"), ("health", "Q"), ("medical", "Q"), ("pharmac", "Q"), ("care", "Q"),
    ("education", "P"), ("school", "P"), ("university", "P"), ("learning", "P"),
    ("government", "O"), ("military", "O"), ("publicadministration", "O"), ("defen", "O"),
    ("software", "J"), ("internet", "J"), ("telecom", "J"), ("communication", "J"),
    ("media", "J"), ("publishing", "J"), ("broadcast", "J"), ("computer", "J"),
    ("informationtechnology", "J"), ("technology", "J"),
    ("hotel", "I"), ("hospitality", "I"), ("restaurant", "I"), ("foodservice", "I"),
    ("foodbeverage", "I"), ("leisure", "I"),
    ("transport", "H"), ("shipping", "H"), ("logistic", "H"), ("airline", "H"),
    ("aviation", "H"), ("freight", "H"), ("maritime", "H"),
    ("utilit", "D"), ("energy", "D"), ("electric", "D"), ("renewable", "D"),
    ("water", "E"), ("waste", "E"), ("environment", "E"),
    ("construct", "F"), ("building", "F"), ("civilengineering", "F"),
    ("retail", "G"), ("wholesale", "G"), ("consumergoods", "G"), ("automotive", "G"),
    ("apparel", "C"), ("manufactur", "C"), ("machinery", "C"), ("chemical", "C"),
    ("electronic", "C"), ("textile", "C"), ("semiconductor", "C"),
    ("food", "C"), ("plastic", "C"), ("packaging", "C"), ("steel", "C"),
    ("legal", "M"), ("law", "M"), ("consult", "M"), ("accounting", "M"), ("research", "M"),
    ("engineering", "M"), ("architect", "M"), ("marketing", "M"), ("advertis", "M"),
    ("design", "M"),
    ("staffing", "N"), ("recruit", "N"), ("security", "N"), ("facilit", "N"), ("travel", "N"),
    ("outsourc", "N"),
    ("entertainment", "R"), ("recreation", "R"), ("sport", "R"), ("arts", "R"),
    ("museum", "R"), ("gambling", "R"), ("music", "R"), ("fitness", "R"),
    ("nonprofit", "S"), ("notforprofit", "S"), ("religio", "S"), ("philanthrop", "S"),
    ("association", "S"), ("civic", "S"),
    ("diplomatic", "U"), ("internationalaffairs", "U"),
]  # fmt: skip
# Picklist values that say "no industry"; Salesforce's "Other" is not ISIC's section S.
NO_INDUSTRY = {"other", "others", "unknown", "none", "na", "inne", "brak", "อื่นๆ", "ไม่ระบุ"}
_EMPLOYEES = re.compile(r"^\s*(\d[\d\s.,']*)\s*(?:[-\u2013]\s*(\d[\d\s.,']*)|\+)?\s*$")


@cache
def _country_names() -> dict[str, str]:
    known = set(country_codes())
    names: dict[str, str] = {}
    for code in known:
        names[code.lower()] = code
    for alpha3, codes in get_global("territory_aliases").items():
        if len(alpha3) == 3 and alpha3.isalpha() and len(codes) == 1 and codes[0] in known:
            names.setdefault(alpha3.lower(), codes[0])
    for locale_name in NAME_LOCALES:
        try:
            territories = Locale.parse(locale_name).territories
        except UnknownLocaleError:  # pragma: no cover (every listed locale ships with Babel)
            continue
        for code, name in territories.items():
            if code in known:
                names.setdefault(header_key(name), code)
    for name, code in COUNTRY_EXTRAS.items():
        names.setdefault(name, code)
    return names


@lru_cache(maxsize=4096)  # a file names a few dozen countries, in every row
def country_code(value: str) -> str:
    """ "PL", "POL", "Poland", "Polska", "ประเทศไทย", "日本" -> the ISO 3166-1 code."""
    text = value.strip()
    if text.startswith(THAI_COUNTRY_WORD) and len(text) > len(THAI_COUNTRY_WORD):
        text = text[len(THAI_COUNTRY_WORD) :].strip()
    code = _country_names().get(header_key(text))
    if code is None:
        raise ValueError(value)
    return code


def yes_no(value: str) -> bool:
    word = fold(value.strip())
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(value)


@cache
def _language_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for locale_name in ("en", "pl", "th", "ja"):
        for code, name in Locale.parse(locale_name).languages.items():
            names.setdefault(header_key(name), code)
    for code in ("th", "pl", "ja", "ar", "en", "de", "fr", "es", "pt", "zh", "ko", "vi"):
        # Each language by its own name: "polski", "ไทย", "日本語".
        own = Locale.parse(code).languages.get(code)
        if own:
            names.setdefault(header_key(own), code)
    return names


def language_tags(value: str) -> list[str]:
    """ "th, en-GB", "Thai; English", "polski" -> ["th", "en-GB"] (tags are checked later)."""
    tags = []
    for part in re.split(r"[,;/|]+", value):
        part = part.strip()
        if not part:
            continue
        tags.append(_language_names().get(header_key(part), part))
    return tags


def split_list(value: str, separators: str = ";\n") -> list[str]:
    """Items of a multi-value cell: HubSpot and Amity separate them with ";"."""
    items = re.split("[" + re.escape(separators) + "]+", value)
    return [item.strip() for item in items if item.strip()]


def labelled_items(value: str) -> list[tuple[str, str]]:
    """ "work: anna@firma.pl; anna@gmail.com" -> [("work", "anna@firma.pl"), ("", ...)]. The
    label is what comes before ": " (emails and phone numbers never hold that)."""
    found = []
    for item in split_list(value):
        label, separator, rest = item.partition(": ")
        found.append((label.strip(), rest.strip()) if separator else ("", item))
    return found


def name_order(value: str) -> str:
    key = header_key(value)
    for choice, label in NameOrder.choices:
        if key in {header_key(choice), header_key(str(label))}:
            return choice
    if key in {"familyfirst", "surnamefirst", "lastfirst", "eastern"}:
        return NameOrder.FAMILY_GIVEN
    if key in {"givenfirst", "firstfirst", "western"}:
        return NameOrder.GIVEN_FAMILY
    raise ValueError(value)


def industry_code(value: str) -> str:
    """An ISIC section letter from the letter itself, Amity's label, or another CRM's label."""
    text = value.strip()
    if len(text) == 1 and text.upper() in Industry.values:
        return text.upper()
    key = header_key(text)
    if key in NO_INDUSTRY:
        return ""
    for choice, label in Industry.choices:
        if key == header_key(str(label)):
            return choice
    for word, section in INDUSTRY_WORDS:
        if word in key:
            return section
    raise ValueError(value)


def _count(text: str) -> int:
    return int(re.sub(r"[\s.,']", "", text))


def size_band(value: str) -> str:
    """A band from its code ("10-49"), or from a head count ("120", "1,200", "51-200", "1000+"),
    by the count's upper end."""
    text = value.strip()
    if text in SizeBand.values:
        return text
    match = _EMPLOYEES.match(text)
    if not match:
        raise ValueError(value)
    count = _count(match.group(2) or match.group(1))
    for band, limit in (
        (SizeBand.MICRO, 9),
        (SizeBand.SMALL, 49),
        (SizeBand.MEDIUM, 249),
        (SizeBand.LARGE, 999),
    ):
        if count <= limit:
            return band
    return SizeBand.ENTERPRISE


def unescape_cell(value: str) -> str:
    """Undo the quote spreadsheet exports put before text that looks like a formula."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value
