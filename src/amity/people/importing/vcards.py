"""Reading vCard files (3.0 and 4.0, as phones, Google, Apple and Outlook export them) into the
same records a spreadsheet row becomes, so one row reader validates both."""

import re
from collections.abc import Iterator

import vobject
from django.utils.translation import gettext as _

from amity.people.importing.rows import Record

# The fields a card can fill, in the order the rejects file lists them.
VCARD_COLUMNS = [
    "external_id",
    "full_name",
    "given_name",
    "family_name",
    "middle_name",
    "honorific_prefix",
    "name_order",
    "preferred_name",
    "name_latin",
    "languages",
    "country",
    "timezone",
    "emails",
    "phones",
    "organization",
    "job_title",
    "tags",
]
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
EMAIL_TYPES = {"work": "work", "home": "home"}
PHONE_TYPES = {"cell": "mobile", "mobile": "mobile", "work": "work", "home": "home"}


def looks_like_vcard(sample: bytes) -> bool:
    return sample.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCARD")


def _cards(text: str) -> Iterator[tuple[int, str]]:
    """(line where the card begins, the card's text) for each card in the file."""
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            lines, start = [line], number
        elif lines:
            lines.append(line)
            if _END.match(line):
                yield start, "\r\n".join(lines) + "\r\n"
                lines = []


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _types(line) -> list[str]:
    types = []
    for value in line.params.get("TYPE", []):
        types.extend(part.strip().lower() for part in value.split(","))
    return types


def _label(line, known: dict[str, str]) -> str:
    return next((known[t] for t in _types(line) if t in known), "")


def _preference(line) -> int:
    try:
        return int(line.params.get("PREF", ["100"])[0])
    except ValueError:
        return 100


def _name_order(given: str, family: str, middle: str, full: str) -> str:
    if not (given and family and full):
        return ""
    squeezed = " ".join(full.split())
    if squeezed == " ".join(p for p in (family, given, middle) if p):
        return "family_given"
    if squeezed == " ".join(p for p in (given, middle, family) if p):
        return "given_family"
    return ""


def card_values(card) -> dict[str, list[str]]:
    """The fields one parsed card fills, as the row reader expects them."""
    values: dict[str, list[str]] = {}

    def put(target: str, value: str) -> None:
        if value:
            values.setdefault(target, []).append(value)

    contents = card.contents
    for line in contents.get("uid", [])[:1]:
        put("external_id", _text(line.value))
    for line in contents.get("n", [])[:1]:
        name = line.value
        put("family_name", _text(name.family))
        put("given_name", _text(name.given))
        put("middle_name", _text(name.additional))
        put("honorific_prefix", _text(name.prefix))
    for line in contents.get("fn", []):
        language = (line.params.get("LANGUAGE") or [""])[0]
        if language.lower().endswith("-latn"):
            put("name_latin", _text(line.value))
        elif "full_name" not in values:
            put("full_name", _text(line.value))
    for line in contents.get("x-amity-name-latin", [])[:1]:
        put("name_latin", _text(line.value))
    order = _name_order(
        values.get("given_name", [""])[0],
        values.get("family_name", [""])[0],
        values.get("middle_name", [""])[0],
        values.get("full_name", [""])[0],
    )
    put("name_order", order)
    for line in contents.get("nickname", [])[:1]:
        put("preferred_name", _text(line.value))
    languages = sorted(contents.get("lang", []) + contents.get("x-amity-lang", []), key=_preference)
    for line in languages:
        put("languages", _text(line.value))
    for line in contents.get("tz", [])[:1]:
        zone = _text(line.value)
        if "/" in zone:  # an IANA name; a bare UTC offset tells no zone
            put("timezone", zone)
    for line in contents.get("adr", []):
        country = _text(getattr(line.value, "country", ""))
        if country:
            put("country", country)
            break
    emails = sorted(contents.get("email", []), key=_preference)
    for line in emails:
        label = _label(line, EMAIL_TYPES)
        address = _text(line.value).removeprefix("mailto:")
        put("emails", f"{label}: {address}" if label else address)
    phones = sorted(contents.get("tel", []), key=_preference)
    for line in phones:
        label = _label(line, PHONE_TYPES)
        number = _text(line.value).removeprefix("tel:")
        put("phones", f"{label}: {number}" if label else number)
    for line in contents.get("org", [])[:1]:
        units = line.value if isinstance(line.value, list) else [line.value]
        put("organization", str(units[0]).strip() if units else "")
    for line in contents.get("title", [])[:1]:
        put("job_title", _text(line.value))
    tags = [str(t).strip() for line in contents.get("categories", []) for t in line.value]
    put("tags", "; ".join(t for t in tags if t))
    return values


def vcard_records(text: str) -> Iterator[Record]:
    """One record per card; a card that does not parse becomes a record the row reader
    rejects with the reason, and the cards after it are still read."""
    for line, card_text in _cards(text):
        if "\ufffd" in card_text:  # bytes the file's encoding could not decode
            yield Record(
                line=line,
                raw={},
                values={},
                unreadable=_("This vCard holds bytes that are not text; save the file as UTF-8."),
            )
            continue
        try:
            card = vobject.readOne(card_text, ignoreUnreadable=True)
            values = card_values(card)
        except Exception as error:  # vobject raises many kinds on malformed cards
            yield Record(
                line=line,
                raw={},
                values={},
                unreadable=_("This vCard cannot be read: %(error)s") % {"error": error},
            )
            continue
        raw = {column: "; ".join(values.get(column, [])) for column in VCARD_COLUMNS}
        yield Record(line=line, raw=raw, values=values)


def vcard_count(text: str) -> int:
    return sum(1 for line in text.splitlines() if _BEGIN.match(line))
