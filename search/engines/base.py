"""The one interface every search engine answers: documents in, a request in, a result out.

Plain data, no database: the text arrives analysed (search/analysis.py) as tokens, so every
engine only splits on whitespace and finds the same documents with the same ranking.

Ranking, the same on every engine: a title token weighs TITLE_WEIGHT times a body token; items
matching more of a request's groups come first; among those, neighbouring query words found near
each other add to the score; equal scores show newer items first. Sorted
by date: newest first. Items of the same date in title order, then by id, so that pages
never overlap.
"""

import datetime
import json
from dataclasses import dataclass, field

TITLE_WEIGHT = 6
# Keyword fields: exact values, filtered (OR within a field, AND between fields) and counted.
KEYWORDS = (
    "type",
    "thema",
    "gemeente",
    "doelgroep",
    "organisatie",
    "tag",
    "jaar",
    "status",
    "niveau",
    "toegepast",
    "kwaliteit",
    "restrictions",  # the privacy keys of the item and its ancestors, "archived" if it is
)
# A score step per matched group, above any text score: more groups rank first on every engine.
GROUP_STEP = 10_000.0
# Two neighbouring words of the query found within NEAR_SLOP words of each other (in order) add
# NEAR_BOOST times a word's weight: "kinderen zonder ouders" is nearer what is meant than an
# item that has the words far apart. On the evaluation set (docs/search-quality.md) slop 0 to 4
# and boost 1 to 3 gave alike figures.
NEAR_SLOP = 2
NEAR_BOOST = 2.0


class EngineUnavailable(Exception):
    """The engine cannot answer (down, unreachable, its index missing or corrupt)."""


@dataclass(frozen=True)
class Document:
    id: int
    date: datetime.date
    title: tuple = ()  # analysed tokens, in order (phrases match positions)
    body: tuple = ()
    # Folded title words, for suggestions as one types.
    title_words: tuple = ()
    # The distinct folded words of title and body, for what a typo may have meant.
    words: tuple = ()
    keywords: dict = field(default_factory=dict)  # KEYWORDS name -> tuple of values
    # What a result shows of the item (plain JSON data), kept beside the index and given back
    # only with a hit (Request.shown), so that a page of results needs no database.
    shown: dict | None = None

    def fields(self):
        """What every engine stores of it: the texts as whitespace-joined tokens, the title order,
        the keywords that have values, as text, and what a result shows, as JSON text (its keys
        in their order, which not every engine's own JSON keeps)."""
        stored = {
            "id": self.id,
            "title_sort": sort_title(self),
            "title": " ".join(self.title),
            "body": " ".join(self.body),
            "title_words": " ".join(self.title_words),
            "words": " ".join(self.words),
        }
        if self.shown is not None:
            stored["shown"] = json.dumps(self.shown, ensure_ascii=False)
        for name, values in self.keywords.items():
            if values:
                stored[name] = [str(value) for value in values]
        return stored


@dataclass(frozen=True)
class Alternative:
    """One way to match a group: a phrase of tokens; or (together) for each tuple of tokens
    one of them, anywhere (a compound's parts, each as a word or a part); or (fuzzy) any
    word within that many edits of the single folded word given (a typo: matched against
    the documents' words, as a stem may differ more)."""

    tokens: tuple
    together: bool = False
    fuzzy: int = 0
    boost: float = 1.0


@dataclass
class Request:
    groups: list = field(default_factory=list)  # of tuples of Alternatives; none: every item
    # Pairs of tokens of neighbouring query words: an item with a pair close together ranks
    # higher (it matches no more or fewer items for it).
    near: tuple = ()
    required: int | None = None  # groups an item must match; None: all of them
    filters: dict = field(default_factory=dict)  # keyword -> values (OR within, AND between)
    denied: tuple = ()  # restriction keys: an item with any of them is left out
    facets: tuple = ()  # keywords to count, each ignoring its own filter
    # Similar items: keyword -> values; each value an item shares scores one.
    shared: dict = field(default_factory=dict)
    exclude: tuple = ()  # ids left out
    only: tuple = ()  # when given, only these ids
    # Ids that match without the words (a query's semantic neighbours), scored below any match.
    also: tuple = ()
    sort: str = "relevance"  # or "date"
    offset: int = 0
    limit: int = 20
    shown: bool = False  # give back what each hit of the page shows (Result.shown)

    @property
    def minimum(self):
        return len(self.groups) if self.required is None else min(self.required, len(self.groups))


@dataclass
class Result:
    ids: list
    scores: list
    total: int
    facets: dict = field(default_factory=dict)  # facet -> {value: count}
    # When asked: each id's Document.shown (None for a document stored without it).
    shown: list = field(default_factory=list)


def sort_title(document):
    """What orders items of the same date: the title's folded words."""
    return " ".join(document.title_words)


class Engine:
    """What search asks of an engine."""

    name = "engine"

    def index(self, documents):
        """Add or replace these documents; searchable once this returns."""
        raise NotImplementedError

    def remove(self, ids):
        raise NotImplementedError

    def search(self, request):
        """One call: the ranked page, the exact total and the facet counts."""
        raise NotImplementedError

    def suggest(self, words, request):
        """Items whose folded title words start with `words` (the last as a prefix), as a
        Result; `request` gives the filters and denied keys."""
        raise NotImplementedError

    def rebuild(self, documents, changed=None, progress=None):
        """Replace the whole index by `documents` while searches go on answering from the old
        one. `changed(ids)` gives again the documents of ids written meanwhile."""
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError
