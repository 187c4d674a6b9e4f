"""A short excerpt around the best match, with matched words (in any form) marked."""

import re
from functools import lru_cache

from django.utils.html import escape

from .analysis import COMPOUND_MIN_LENGTH, fold, light_stem, stem

TOKEN_RE = re.compile(r"\w+")
WINDOW = 30  # words in an excerpt
# Characters of a text an excerpt is chosen from: its start, so a huge text costs no more.
SOURCE_LENGTH = 20_000


@lru_cache(maxsize=32)
def _matcher(stems, heads):
    """Whether a word (in any form) matches these stems or ends in one of these heads; each
    distinct word of the excerpts is analysed once per query."""

    @lru_cache(maxsize=2048)
    def is_match(word):
        folded = fold(word)
        if stem(folded) in stems:
            return True
        return len(folded) >= COMPOUND_MIN_LENGTH and light_stem(folded).endswith(heads)

    return is_match


def highlight(text, query, window=WINDOW):
    """Escaped HTML: the `window` words with the most matches in the text's first
    SOURCE_LENGTH characters, matches in <mark>."""
    text = text[:SOURCE_LENGTH]
    tokens = list(TOKEN_RE.finditer(text))
    if not tokens:
        return ""
    if query:
        is_match = _matcher(frozenset(query.stems), tuple(sorted(query.heads)))
        hits = [is_match(token.group()) for token in tokens]
    else:
        hits = [False] * len(tokens)
    start = _best_window_start(hits, window)
    end = min(start + window, len(tokens))
    first = 0 if start == 0 else tokens[start].start()
    last = len(text) if end == len(tokens) else tokens[end - 1].end()
    parts, position = [], first
    for token, hit in zip(tokens[start:end], hits[start:end], strict=True):
        if hit:
            parts.append(escape(text[position : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    parts.append(escape(text[position:last]))
    excerpt = "".join(parts).strip()
    return ("… " if start else "") + excerpt + (" …" if end < len(tokens) else "")


def _best_window_start(hits, window):
    """Start of the window with the most hits; the first hit leads it when it can."""
    if not any(hits):
        return 0
    best_start, best_count = 0, -1
    count = sum(hits[:window])
    for start in range(len(hits) - window + 1 if len(hits) > window else 1):
        if start:
            count += hits[start + window - 1] - hits[start - 1]
        if count > best_count and hits[start]:
            best_start, best_count = start, count
    # Give the first match a little context before it.
    return max(0, best_start - 3)
