"""Import and export of the kennisbank as JSON Lines: one item (page or begrip) per line.

The format is described in docs/import-format.md. An import reads and checks every line before
it writes anything, and writes in one transaction: it is all or nothing.

html.py turns text and HTML into body blocks and back; kinds.py checks, stores and reads each
kind of value; format.py holds the table of keys (SPECS) and reads and checks lines; writer.py
writes checked records, new pages in bulk (bulk.py); export.py writes the export.
"""

from .export import export_stream
from .format import SPECS, ImportFailed, Record, parse_lines
from .html import blocks_html, html_blocks, plain_to_html, rich_html
from .kinds import Invalid
from .writer import import_records, import_stream

__all__ = [
    "SPECS",
    "ImportFailed",
    "Invalid",
    "Record",
    "blocks_html",
    "export_stream",
    "html_blocks",
    "import_records",
    "import_stream",
    "parse_lines",
    "plain_to_html",
    "rich_html",
]
