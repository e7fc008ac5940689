"""Reading spreadsheets people export from other systems: CSV in whatever encoding it came in,
and XLSX, row by row in constant memory."""

from amity.core.tabular.encodings import detect_encoding
from amity.core.tabular.readers import TabularError, TabularFile, open_tabular

__all__ = ["TabularError", "TabularFile", "detect_encoding", "open_tabular"]
