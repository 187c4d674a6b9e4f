"""A short excerpt around the best match, with the query's words (in any of their forms, or as
a compound's part) and its phrases (only where they stand whole) marked."""

import re
from functools import lru_cache

from django.utils.html import escape

from .analysis import fold, forms, part_stems

TOKEN_RE = re.compile(r"\w+")
WINDOW = 30  # words in an excerpt
# Characters of a text an excerpt is chosen from: its start, so a huge text costs no more.
SOURCE_LENGTH = 20_000


@lru_cache(maxsize=32)
def _matcher(stems):
    """Whether a word, by one of its forms or compound parts, matches these stems; each
    distinct word of the excerpts is analysed once per query."""

    @lru_cache(maxsize=2048)
    def is_match(word):
        folded = fold(word)
        return any(s in stems for s in (*forms(folded), *part_stems(folded)))

    return is_match


def _phrase_hits(tokens, phrases):
    """Which tokens belong to one of the phrases (tuples of stems) standing whole."""
    hits = [False] * len(tokens)
    if phrases:
        stems = [forms(fold(token.group())) for token in tokens]
        for phrase in phrases:
            for start in range(len(tokens) - len(phrase) + 1):
                if all(want in stems[start + n] for n, want in enumerate(phrase)):
                    hits[start : start + len(phrase)] = [True] * len(phrase)
    return hits


def highlight(text, query, window=WINDOW):
    """Escaped HTML: the `window` words with the most matches in the text's first
    SOURCE_LENGTH characters, matches in <mark>."""
    text = text[:SOURCE_LENGTH]
    tokens = list(TOKEN_RE.finditer(text))
    if not tokens:
        return ""
    if query:
        is_match = _matcher(frozenset(query.stems))
        in_phrase = _phrase_hits(tokens, query.phrases)
        hits = [p or is_match(t.group()) for t, p in zip(tokens, in_phrase, strict=True)]
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
