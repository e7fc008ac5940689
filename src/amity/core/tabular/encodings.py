"""Which encoding a CSV file was saved in.

Strict UTF-8 (with or without a byte-order mark) is tried first: it almost never decodes text
written in another encoding. Otherwise charset-normalizer chooses among the legacy encodings
our customers' spreadsheets use: Windows-1250 (Polish Excel), Windows-874 (a superset of
TIS-620, Thai Excel) and Latin-1 (Western Europe, the Americas). Windows-1250 and Latin-1 share
most letters, so when they disagree the one whose decoding holds letters where the other holds
symbols wins ("Łódź" is "£ódŸ" in Latin-1).
"""

import codecs

from charset_normalizer import from_bytes

LEGACY = ["cp1250", "cp874", "latin_1"]
SAMPLE_BYTES = 256 * 1024


def _symbols(text: str) -> int:
    return sum(1 for char in text if not char.isascii() and not char.isalpha())


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file, judged from its first bytes (a Python codec name)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut off by the sample's end is still UTF-8.
        if error.start >= len(sample) - 3 and error.reason == "unexpected end of data":
            return "utf-8"
    best = from_bytes(sample, cp_isolation=LEGACY).best()
    encoding = best.encoding if best else "latin_1"
    if encoding in ("cp1250", "latin_1"):
        polish, western = sample.decode("cp1250", "replace"), sample.decode("latin_1")
        encoding = "cp1250" if _symbols(western) > _symbols(polish) else "latin_1"
    return encoding
