"""Row-by-row readers for CSV and XLSX files; each row is a dict keyed by the header."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from amity.core.tabular.encodings import SAMPLE_BYTES, detect_encoding


class TabularError(Exception):
    """The file cannot be read at all (not rows in it: those are reported one by one)."""


@dataclass
class TabularFile:
    path: Path
    format: str  # "csv" or "xlsx"
    encoding: str | None
    headers: list[str]
    _rows: Iterator[list]
    _handle: object

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line number as the user sees it, {header: value}) for every non-empty row."""
        width = len(self.headers)
        for number, raw in enumerate(self._rows, start=2):
            values = ["" if v is None else str(v).strip() for v in raw]
            if not any(values):
                continue
            values = (values + [""] * width)[:width]
            yield number, dict(zip(self.headers, values, strict=True))

    def close(self) -> None:
        close = getattr(self._handle, "close", None)
        if close:
            close()

    def __enter__(self) -> "TabularFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _clean_headers(raw: list) -> list[str]:
    headers = []
    for index, value in enumerate(raw):
        name = "" if value is None else str(value).strip().lstrip("\ufeff")
        headers.append(name or f"column_{index + 1}")
    if not any(raw):
        raise TabularError(_("The first row must name the columns; it is empty."))
    return headers


def _open_csv(path: Path, encoding: str | None) -> TabularFile:
    with path.open("rb") as probe:
        sample = probe.read(SAMPLE_BYTES)
    if not sample.strip():
        raise TabularError(_("The file is empty."))
    if b"\x00" in sample[:4096]:
        raise TabularError(_("This is not a text CSV file (it holds binary data)."))
    encoding = encoding or detect_encoding(sample)
    try:
        text = sample.decode(encoding, errors="replace")
    except LookupError as error:
        raise TabularError(_("Unknown encoding %(encoding)s.") % {"encoding": encoding}) from error
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    # Undecodable bytes become U+FFFD, so one damaged row is rejected, not the whole file.
    handle = path.open("r", encoding=encoding, errors="replace", newline="")
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        headers = _clean_headers(next(reader))
    except StopIteration as error:
        handle.close()
        raise TabularError(_("The file is empty.")) from error
    return TabularFile(path, "csv", encoding, headers, reader, handle)


def _open_xlsx(path: Path) -> TabularFile:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # A file object, so a workbook saved as "export.csv" by mistake still opens.
        workbook = load_workbook(path.open("rb"), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise TabularError(_("This is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = _clean_headers(list(next(rows)))
    except StopIteration as error:
        workbook.close()
        raise TabularError(_("The file is empty.")) from error
    return TabularFile(path, "xlsx", None, headers, rows, workbook)


def open_tabular(path: str | Path, *, encoding: str | None = None) -> TabularFile:
    """Open a CSV or XLSX file for reading rows; raises TabularError with a clear reason."""
    path = Path(path)
    if not path.is_file():
        raise TabularError(_("No file at %(path)s.") % {"path": path})
    with path.open("rb") as probe:
        magic = probe.read(4)
    if magic == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _open_xlsx(path)
    return _open_csv(path, encoding)
