"""Opening what someone wants imported: a CSV or XLSX table (through ``core.tabular``) or a
vCard file, as a stream of records with the column mapping already applied."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from amity.core.errors import DomainError
from amity.core.tabular import TabularError, detect_encoding, open_tabular
from amity.core.tabular.encodings import SAMPLE_BYTES
from amity.people.importing import mapping as mappings
from amity.people.importing.rows import Record
from amity.people.importing.values import unescape_cell
from amity.people.importing.vcards import (
    VCARD_COLUMNS,
    looks_like_vcard,
    vcard_count,
    vcard_records,
)

SAMPLE_ROWS = 5
REPLACEMENT = "\ufffd"


class ImportFailed(DomainError):
    """The file cannot be imported at all (unreadable, or no column fills any field)."""

    code = "import_failed"


@dataclass
class Source:
    path: Path
    kind: str
    format: str  # "csv", "xlsx" or "vcard"
    encoding: str | None
    headers: list[str]
    mapping: mappings.Mapping
    _text: str = field(default="", repr=False)  # a vCard file's text
    _encoding_override: str | None = field(default=None, repr=False)

    def records(self) -> Iterator[Record]:
        if self.format == "vcard":
            yield from vcard_records(self._text)
            return
        columns = list(self.mapping.columns.items())
        with open_tabular(self.path, encoding=self._encoding_override) as table:
            for line, row in table.rows():
                values: dict[str, list[str]] = {}
                for header, target in columns:
                    value = unescape_cell(row[header]).strip()
                    if value:
                        values.setdefault(target, []).append(value)
                damaged = any(REPLACEMENT in value for value in row.values())
                yield Record(
                    line=line,
                    raw=row,
                    values=values,
                    unreadable=self._damaged_reason() if damaged else "",
                )

    def _damaged_reason(self) -> str:
        # The reader turns bytes the encoding cannot decode into U+FFFD; storing them would
        # lose letters for good, so the row is rejected and the file can be read again.
        return _(
            "The row holds bytes that are not text in the %(encoding)s encoding; save the file "
            "as UTF-8 or give its encoding (--encoding)."
        ) % {"encoding": self.encoding}

    def count(self) -> int:
        """How many rows (or cards) the file holds, for the progress bar."""
        if self.format == "vcard":
            return vcard_count(self._text)
        with open_tabular(self.path, encoding=self._encoding_override) as table:
            return sum(1 for _row in table.rows())

    def samples(self, limit: int = SAMPLE_ROWS) -> list[dict[str, str]]:
        """The first rows as read, for a person checking the mapping."""
        found = []
        for record in self.records():
            found.append(record.raw)
            if len(found) >= limit:
                break
        return found


def _read_vcard_text(path: Path, encoding: str | None) -> tuple[str, str]:
    data = path.read_bytes()
    encoding = encoding or detect_encoding(data[:SAMPLE_BYTES])
    try:
        return data.decode(encoding, errors="replace"), encoding
    except LookupError as error:
        raise ImportFailed(_("Unknown encoding %(encoding)s.") % {"encoding": encoding}) from error


def source_open(
    path: str | Path,
    *,
    kind: str,
    overrides: dict[str, str] | None = None,
    encoding: str | None = None,
) -> Source:
    """The file as records for ``kind``; raises ImportFailed with the reason when the file
    cannot be read or no column of it fills a field."""
    path = Path(path)
    if kind not in mappings.KINDS:
        raise ImportFailed(_("Import contacts or organizations, not %(kind)s.") % {"kind": kind})
    try:
        with path.open("rb") as probe:
            sample = probe.read(64)
    except OSError as error:
        raise ImportFailed(_("No file at %(path)s.") % {"path": path}) from error
    if looks_like_vcard(sample) or path.suffix.lower() in (".vcf", ".vcard"):
        if kind != mappings.CONTACTS:
            raise ImportFailed(_("A vCard file holds contacts; import it as contacts."))
        text, detected = _read_vcard_text(path, encoding)
        if not vcard_count(text):
            raise ImportFailed(_("The file holds no vCard."))
        columns = {column: column for column in VCARD_COLUMNS}
        mapping = mappings.Mapping(kind=kind, columns=columns)
        return Source(path, kind, "vcard", detected, list(VCARD_COLUMNS), mapping, text)
    try:
        with open_tabular(path, encoding=encoding) as table:
            headers, file_format, detected = table.headers, table.format, table.encoding
    except TabularError as error:
        raise ImportFailed(str(error)) from error
    try:
        mapping = mappings.build(kind, headers, overrides)
    except mappings.MappingError as error:
        raise ImportFailed(error.message) from error
    if not mapping.fills_anything:
        raise ImportFailed(
            _(
                "No column of this file fills a field of %(kind)s (columns: %(columns)s); "
                "give a mapping file."
            )
            % {"kind": kind, "columns": ", ".join(headers)}
        )
    return Source(
        path,
        kind,
        file_format,
        detected,
        headers,
        mapping,
        _encoding_override=encoding,
    )
