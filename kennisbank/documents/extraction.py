"""Text from uploaded documents (PDF, DOCX, ODT, TXT), for search. Pure Python, and bounded:
a document that is too big, too slow, damaged or locked gives a reason instead of text.

The parsers are imported when a file of their kind is read: they cost a web worker, which never
reads one, about 45 MB."""

import io
import time
from pathlib import PurePath

from odf.namespaces import TEXTNS

MAX_BYTES = 20 * 1024 * 1024  # the largest file read, as WAGTAILDOCS_MAX_UPLOAD_SIZE
MAX_PAGES = 500  # PDF pages read, at most
MAX_CHARS = 1_000_000  # text kept per document: enough for search, small enough to index
TIME_LIMIT = 30.0  # seconds; checked between pages, so one slow page can take a little longer

REASON_TOO_BIG = "Bestand is te groot om te doorzoeken."
REASON_DAMAGED = "Bestand is beschadigd of geen geldig {kind}-bestand."
REASON_ENCRYPTED = "Bestand is versleuteld (beveiligd met een wachtwoord)."
REASON_NO_TEXT = "Geen tekstlaag gevonden (misschien een scan)."
REASON_UNSUPPORTED = "Van dit bestandstype wordt de tekst niet doorzocht."
REASON_CUT_SHORT = "Alleen het begin is doorzoekbaar: {why}."


class Limits:
    """The clock and the budget of one extraction."""

    def __init__(self, time_limit=TIME_LIMIT, max_chars=MAX_CHARS):
        self.deadline = time.monotonic() + time_limit
        self.max_chars = max_chars
        self.chars = 0

    def exhausted(self):
        """Why to stop now, or None to go on."""
        if time.monotonic() > self.deadline:
            return "tijdslimiet bereikt"
        if self.chars >= self.max_chars:
            return "maximale hoeveelheid tekst bereikt"
        return None

    def take(self, text):
        self.chars += len(text)
        return text


class EncryptedError(Exception):
    pass


def extract_text(name, read, limits=None):
    """(text, reason) for a document called `name`; `read(n)` gives its first n bytes.
    Never raises: a document that cannot be read gives empty text and the reason."""
    limits = limits or Limits()
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in EXTRACTORS:
        return "", REASON_UNSUPPORTED
    extractor, kind = EXTRACTORS[extension]
    data = read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return "", REASON_TOO_BIG
    try:
        parts, cut_short = extractor(data, limits)
    except EncryptedError:
        return "", REASON_ENCRYPTED
    # Parsers of untrusted files fail in many ways; any failure means "damaged", not a crash.
    except Exception:  # noqa: BLE001
        return "", REASON_DAMAGED.format(kind=kind)
    text = "\n".join(part.strip() for part in parts if part and part.strip())[: limits.max_chars]
    if not text:
        return "", REASON_NO_TEXT
    return text, REASON_CUT_SHORT.format(why=cut_short) if cut_short else ""


def _collect(pieces, limits, max_pieces=None):
    """(texts, why cut short) of `pieces` (callables giving text) until a limit is reached."""
    parts = []
    for number, piece in enumerate(pieces):
        why = limits.exhausted()
        if max_pieces is not None and number >= max_pieces:
            why = "maximaal aantal pagina's bereikt"
        if why:
            return parts, why
        parts.append(limits.take(piece() or ""))
    return parts, None


def pdf_text(data, limits):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # Many PDFs are locked only against editing and open with an empty password.
        try:
            if not reader.decrypt(""):
                raise EncryptedError
        except (DependencyError, FileNotDecryptedError, NotImplementedError) as error:
            raise EncryptedError from error
    return _collect((page.extract_text for page in reader.pages), limits, MAX_PAGES)


def docx_text(data, limits):
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs += [cell.text for row in table.rows for cell in row.cells]
    return _paragraphs(paragraphs, limits)


ODF_BLOCKS = {(TEXTNS, "h"), (TEXTNS, "p")}  # headings and paragraphs


def odt_text(data, limits):
    from odf import teletype
    from odf.opendocument import load as load_odf

    document = load_odf(io.BytesIO(data))
    blocks = _odf_blocks(document.text)
    return _paragraphs([teletype.extractText(block) for block in blocks], limits)


def _odf_blocks(node):
    """Headings and paragraphs in reading order, also those in tables and lists."""
    for child in node.childNodes:
        if getattr(child, "qname", None) in ODF_BLOCKS:
            yield child
        else:
            yield from _odf_blocks(child)


def plain_text(data, limits):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older Windows text files
    return _paragraphs(text.splitlines(), limits)


def _paragraphs(paragraphs, limits, per_piece=100):
    """Paragraphs in groups of `per_piece`, so limits are checked every so often."""
    groups = (
        (lambda start=start: "\n".join(paragraphs[start : start + per_piece]))
        for start in range(0, len(paragraphs), per_piece)
    )
    return _collect(groups, limits)


# extension -> (extractor, the kind of file named in a "damaged" reason)
EXTRACTORS = {
    "pdf": (pdf_text, "PDF"),
    "docx": (docx_text, "Word (DOCX)"),
    "odt": (odt_text, "OpenDocument (ODT)"),
    "txt": (plain_text, "tekst"),
    "csv": (plain_text, "CSV"),
}
