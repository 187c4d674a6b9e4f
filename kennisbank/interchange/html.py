"""Text and HTML of an import: plain text or HTML in, Wagtail's body blocks and rich text out,
and back to HTML for the export."""

import re
from html import escape
from html.parser import HTMLParser

import nh3
from wagtail.rich_text import expand_db_html

from kennisbank.limits import MAX_NESTING_DEPTH

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "ul", "ol"}
# Layout elements have no place in Wagtail's rich text, but they do separate paragraphs.
CONTAINERS = {
    "div", "section", "article", "header", "footer", "main", "aside", "pre", "figure",
    "figcaption", "table", "thead", "tbody", "tr", "td", "th", "dl", "dt", "dd",
}  # fmt: skip
KEPT = BLOCKS | {"li", "b", "i", "a"}  # what Wagtail's rich text editor itself stores
RENAMES = {"strong": "b", "em": "i"}  # Wagtail stores bold and italic as <b> and <i>
ALLOWED = HEADINGS | CONTAINERS | KEPT | set(RENAMES) | {"br", "blockquote", "cite"}
BLOCK_LEVEL = HEADINGS | BLOCKS | CONTAINERS | {"li", "blockquote"}
LINE_BREAKS = BLOCK_LEVEL | {"br"}  # where a quote's text breaks
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# HTML nested deeper than this is refused: cleaning and splitting it take time per level.
# What the cleaning removes that an author would miss, by what the notice calls it.
REPORTED_TAGS = {tag: f"<{tag}>" for tag in ("script", "style", "iframe", "object", "embed")}
REPORTED_TAGS["img"] = "afbeelding"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Tags whose next sibling of the same name ends them, as in HTML (<li>a<li>b).
SELF_ENDING = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
BULLET = re.compile(r"^[-*•]\s+")
SPACES = re.compile(r"\s+")


def collapse(text):
    return SPACES.sub(" ", text).strip()


def plain_to_html(text):
    """Blank lines separate paragraphs; lines starting with -, * or • make a list."""
    parts = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        while lines:
            bullets = bool(BULLET.match(lines[0]))
            count = next(
                (n for n, line in enumerate(lines) if bool(BULLET.match(line)) != bullets),
                len(lines),
            )
            group, lines = lines[:count], lines[count:]
            if bullets:
                items = "".join(f"<li>{escape(BULLET.sub('', line))}</li>" for line in group)
                parts.append(f"<ul>{items}</ul>")
            else:
                # Hard-wrapped lines belong to one paragraph.
                parts.append(f"<p>{escape(' '.join(group))}</p>")
    return "".join(parts)


class TooDeep(ValueError):
    """HTML nested deeper than MAX_NESTING_DEPTH."""


class _Scanner(HTMLParser):
    """One pass over HTML before it is cleaned: what cleaning will remove that matters (scripts,
    event handlers, javascript: links, images), and whether it nests deeper than MAX_NESTING_DEPTH.
    It stops at the first level too deep, so its work never grows with the depth."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed, self.open = [], []

    def _note(self, what):
        if what not in self.removed:
            self.removed.append(what)

    def handle_starttag(self, tag, attrs):
        if tag in REPORTED_TAGS:
            self._note(REPORTED_TAGS[tag])
        for name, value in attrs:
            if name.startswith("on"):
                self._note(f"{name}-attribuut")
            elif name == "href" and tag == "a" and value:
                scheme = URL_SCHEME.match(SPACES.sub("", value))
                if scheme and scheme[1].lower() not in URL_SCHEMES:
                    self._note(f"{scheme[1].lower()}:-link")
        if tag in VOID:
            return
        if tag in SELF_ENDING and self.open and self.open[-1] == tag:
            self.open.pop()
        self.open.append(tag)
        if len(self.open) > MAX_NESTING_DEPTH:
            raise TooDeep

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in self.open:  # at most MAX_NESTING_DEPTH to look through
            while self.open.pop() != tag:
                pass


def scan_html(text):
    """What cleaning removes from this text that matters, in the words of a notice (empty for
    plain text). Raises TooDeep for HTML nested deeper than MAX_NESTING_DEPTH."""
    if not TAG.search(text):
        return []
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.removed


class _BlockParser(HTMLParser):
    """Splits sanitized HTML into body blocks: headings, quotes and rich text paragraphs.

    Each top-level p, ul or ol becomes one paragraph block; loose text and inline tags are
    wrapped in a paragraph of their own, which ends at the next block-level tag. The output
    is canonical: parsing it again gives the same blocks, so export → import → export is stable.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.collecting = None  # "heading" or "quote" while their text is gathered
        self.quote_depth = 0
        self.in_cite = False
        self.text, self.source = [], []
        self._reset_block()

    def _reset_block(self):
        # open_tags: (tag, kept) of the current paragraph block; implicit: opened by the parser
        self.parts, self.open_tags, self.implicit, self.has_text = [], [], False, False

    def handle_starttag(self, tag, attrs):
        tag = RENAMES.get(tag, tag)
        if self.collecting:
            if tag == "blockquote":
                self.quote_depth += 1
            elif tag == "cite":
                self.in_cite = True
            elif tag in LINE_BREAKS:
                self.text.append("\n")
            return
        if self.implicit and tag in BLOCK_LEVEL:
            self._close_block()
        if not self.open_tags and tag in BLOCK_LEVEL:
            if tag in HEADINGS:
                self.collecting = "heading"
            elif tag == "blockquote":
                self.collecting, self.quote_depth = "quote", 1
            elif tag in BLOCKS:
                self._open(tag, {})
            return  # a layout element, or a list item outside any list: only its content counts
        if not self.open_tags:
            self._open("p", {})
            self.implicit = True
        self._open(tag, dict(attrs))

    def _open(self, tag, attrs):
        if tag == "br":
            self.parts.append("<br/>")
            return
        if tag in ("li", "a"):
            self._close_open(tag)
        kept = tag in KEPT and (tag != "a" or bool(attrs.get("href")))
        if kept:
            self.parts.append(f'<a href="{escape(attrs["href"])}">' if tag == "a" else f"<{tag}>")
        self.open_tags.append((tag, kept))

    def _close_open(self, tag):
        """A new li or a ends the open one, as in HTML, unless a list lies between them."""
        for depth in range(len(self.open_tags) - 1, 0, -1):
            open_tag = self.open_tags[depth][0]
            if tag == "li" and open_tag in BLOCKS:
                return
            if open_tag == tag:
                while len(self.open_tags) > depth:
                    self._end(*self.open_tags.pop())
                return

    def _end(self, tag, kept):
        if kept:
            self.parts.append(f"</{tag}>")

    def handle_endtag(self, tag):
        tag = RENAMES.get(tag, tag)
        if self.collecting:
            self._collect_end(tag)
        elif self.open_tags and self.open_tags[-1][0] == tag:
            self._end(*self.open_tags.pop())
            if not self.open_tags:
                self._close_block()
        elif self.implicit and tag in BLOCK_LEVEL:
            self._close_block()

    def _collect_end(self, tag):
        if self.collecting == "quote" and tag == "blockquote":
            self.quote_depth -= 1
            if self.quote_depth == 0:
                lines = [collapse(line) for line in "".join(self.text).split("\n")]
                text = "\n".join(line for line in lines if line)
                if text:
                    source = collapse("".join(self.source))
                    self.blocks.append({"type": "quote", "value": {"text": text, "source": source}})
                self._end_collecting()
        elif self.collecting == "heading" and tag in HEADINGS:
            if text := collapse("".join(self.text)):
                self.blocks.append({"type": "heading", "value": text})
            self._end_collecting()
        elif tag == "cite":
            self.in_cite = False
        elif tag in LINE_BREAKS:
            self.text.append("\n")

    def _end_collecting(self):
        self.collecting, self.in_cite, self.text, self.source = None, False, [], []

    def handle_data(self, data):
        if self.collecting:
            (self.source if self.in_cite else self.text).append(data)
            return
        data = SPACES.sub(" ", data)
        if not self.open_tags:
            if not data.strip():
                return
            self._open("p", {})
            self.implicit = True
        if data.startswith(" ") and self.parts[-1].endswith(" "):
            data = data[1:]  # a dropped tag can leave two runs of space side by side
        if data:
            self.parts.append(_text(data))
        self.has_text = self.has_text or bool(data.strip())

    def _close_block(self):
        while self.open_tags:
            self._end(*self.open_tags.pop())
        if self.has_text:
            self.blocks.append({"type": "paragraph", "value": "".join(self.parts)})
        self._reset_block()

    def close(self):
        super().close()
        self._close_block()


def html_blocks(text):
    """Body blocks from plain text or HTML; HTML is sanitized to what Wagtail's editor stores.
    Check HTML of unknown depth with scan_html() first: cleaning takes time per level."""
    if not TAG.search(text):
        text = plain_to_html(text)
    clean = nh3.clean(
        text, tags=ALLOWED, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES, link_rel=None
    )
    parser = _BlockParser()
    parser.feed(clean)
    parser.close()
    return parser.blocks


def _text(text):
    return escape(text, quote=False)


def blocks_html(blocks):
    """The HTML of body blocks: what the export writes and html_blocks() reads back."""
    parts = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "heading":
            parts.append(f"<h2>{_text(value)}</h2>")
        elif block["type"] == "quote":
            lines = "<br/>".join(_text(line) for line in value["text"].splitlines())
            cite = f"<cite>{_text(value['source'])}</cite>" if value.get("source") else ""
            parts.append(f"<blockquote>{lines}{cite}</blockquote>")
        else:
            parts.append(expand_db_html(value))  # links to pages and documents become hrefs
    return "".join(parts)


def rich_html(text):
    """Rich text for a RichTextField, which has no headings or quotes: those become paragraphs."""
    parts = []
    for block in html_blocks(text):
        value = block["value"]
        if block["type"] == "paragraph":
            parts.append(value)
        else:
            lines = [value] if block["type"] == "heading" else [value["text"], value["source"]]
            lines = [line for text in lines for line in text.splitlines()]
            parts.append(f"<p>{'<br/>'.join(_text(line) for line in lines)}</p>")
    return "".join(parts)
