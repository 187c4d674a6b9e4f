"""Glossary abbreviations in body text: the first occurrence of each is explained by an <abbr>."""

import re
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Inside these elements text is left alone: it is a link, already marked, or code.
SKIPPED = {"a", "abbr", "acronym", "dfn", "code", "pre", "kbd", "samp", "script", "style", "button"}


def explain_abbreviations(html, titles):
    """`html` with the first occurrence of every abbreviation in `titles` (abbreviation ->
    explanation) wrapped in <abbr title="…">, outside links and existing markup."""
    if not titles:
        return html
    parser = _AbbreviationMarker(titles)
    parser.feed(str(html))
    parser.close()
    return mark_safe("".join(parser.out))


class _AbbreviationMarker(HTMLParser):
    def __init__(self, titles):
        super().__init__(convert_charrefs=False)  # entities pass through untouched
        self.titles = dict(titles)
        self.pattern = re.compile(
            r"(?<!\w)("
            + "|".join(re.escape(a) for a in sorted(self.titles, key=len, reverse=True))
            + r")(?!\w)"
        )
        self.out = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skip_depth += 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skip_depth or not self.titles:
            self.out.append(data)
            return
        self.out.append(self.pattern.sub(self._mark_first, data))

    def _mark_first(self, match):
        abbreviation = match.group(1)
        title = self.titles.pop(abbreviation, None)
        if title is None:  # explained earlier on the page
            return abbreviation
        return f'<abbr title="{escape(title)}">{abbreviation}</abbr>'

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")
