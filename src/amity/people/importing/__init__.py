"""Importing contacts and organizations from CSV, XLSX and vCard files, from the terminal
(``amity import``) or the web (an ImportJob run in the background).

``mapping`` decides which column fills which field, ``values`` and ``rows`` read the cells,
``sources`` opens the files, ``checking`` validates rows (in worker processes for large files:
``parallel``), ``runner`` runs the batches, each written in one transaction by ``writing``
with ``contacts`` or ``organizations``, ``report`` keeps the counts and the rejected rows,
``jobs`` and ``tasks`` run web imports in the background.
"""

from amity.people.importing.mapping import CONTACTS, KINDS, ORGANIZATIONS, MappingError
from amity.people.importing.report import ImportSummary, Rejection, summary_lines
from amity.people.importing.runner import default_rejects_path, import_file, import_source
from amity.people.importing.sources import ImportFailed, Source, source_open

__all__ = [
    "CONTACTS",
    "KINDS",
    "ORGANIZATIONS",
    "ImportFailed",
    "ImportSummary",
    "MappingError",
    "Rejection",
    "Source",
    "default_rejects_path",
    "import_file",
    "import_source",
    "source_open",
    "summary_lines",
]
