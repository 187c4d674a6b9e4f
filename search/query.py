"""From what a searcher typed to groups of alternatives that every backend can match.

A query is a list of groups; a document matches a group when it contains any of the group's
alternatives, and matches the query when it matches every group (or, as a fallback when that
finds nothing, any group). An alternative is a word or a phrase (a tuple of folded words).
Glossary entries turn an abbreviation or term into a group of all ways to say it.
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache

from .analysis import ANALYSIS_VERSION, STOPWORDS, common, stem, ways_of, words
from .registry import setup

PHRASE_RE = re.compile(r'"([^"]*)"')
GLOSSARY_CACHE_KEY = f"search:glossary:{ANALYSIS_VERSION}"  # keyed by stems
MAX_WORDS = 32


@dataclass(frozen=True)
class Group:
    # Tuples of folded words (a word or a phrase), or a frozenset of them: a compound's parts,
    # all of them anywhere.
    alternatives: tuple
    exact: bool = False  # a quoted phrase: no other forms, no compound parts

    @property
    def words(self):
        return [word for alternative in self.alternatives for word in alternative]

    @property
    def common(self):
        """A typed word of the most common ones ("staan", "twee"): filler rather than what
        the query is about (analysis.COMMON_ZIPF)."""
        typed = self.alternatives[0]
        return not self.exact and len(typed) == 1 and common(typed[0])


@dataclass
class Query:
    text: str
    groups: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.groups)

    @property
    def stems(self):
        """Stems of the query's meaningful single words and compound parts, for highlighting."""
        return {
            stem(word)
            for group in self.groups
            for way in group.alternatives
            if len(way) == 1 or isinstance(way, frozenset)
            for word in way
            if word not in STOPWORDS
        }

    @property
    def pairs(self):
        """Stems of each two neighbouring words of the query (stop words left out): found near
        each other in a text, they say it is about what the query means."""
        typed = [group.alternatives[0] for group in self.groups if not group.exact]
        return tuple(
            (stem(first[0]), stem(second[0]))
            for first, second in zip(typed, typed[1:])
            if len(first) == 1 and len(second) == 1
        )

    @property
    def phrases(self):
        """The query's phrases as tuples of stems: highlighted only where they stand whole."""
        return {
            tuple(stem(word) for word in way)
            for group in self.groups
            for way in group.alternatives
            if len(way) > 1 and not isinstance(way, frozenset)
        }


def glossary():
    """The registered glossary's synonyms (see synonyms_of)."""
    synonyms = cache.get(GLOSSARY_CACHE_KEY)
    if synonyms is None:
        model = setup().glossary_model
        synonyms = synonyms_of(entry.expressions for entry in model.objects.all()) if model else {}
        cache.set(GLOSSARY_CACHE_KEY, synonyms, None)
    return synonyms


def synonyms_of(concepts):
    """Map each way of saying a concept (as stems) to all its ways (as words), from the
    expressions of each concept."""
    synonyms = {}
    for expressions in concepts:
        ways = _proper_ways(dict.fromkeys(tuple(words(e)) for e in expressions))
        for way in ways:
            synonyms.setdefault(tuple(stem(w) for w in way), set()).update(ways)
    return {key: tuple(sorted(ways)) for key, ways in synonyms.items()}


def _proper_ways(ways):
    """Drop the ways that extend another way of the same concept ("AMV-statushouder",
    "college van B&W"): they name something narrower, and would swallow a searcher's extra
    words into the concept."""
    stemmed = {way: tuple(stem(w) for w in way) for way in ways if way}
    return tuple(
        way
        for way, stems in stemmed.items()
        if not any(other != stems and _contains(stems, other) for other in stemmed.values())
    )


def _contains(longer, shorter):
    return any(
        longer[start : start + len(shorter)] == shorter
        for start in range(len(longer) - len(shorter) + 1)
    )


def forget_glossary():
    cache.delete(GLOSSARY_CACHE_KEY)


def parse(text, synonyms=None):
    """Parse a query: quoted phrases stay phrases; words are expanded with the glossary's
    synonyms (the registered glossary unless `synonyms` is given, as glossary() maps them)."""
    text = text or ""
    query = Query(text=text)
    for phrase in PHRASE_RE.findall(text):
        phrase_words = tuple(words(phrase))
        if phrase_words:
            query.groups.append(Group((phrase_words,), exact=True))
    query_words = words(PHRASE_RE.sub(" ", text))[:MAX_WORDS]
    query.groups += _word_groups(query_words, glossary() if synonyms is None else synonyms)
    query.groups = list(dict.fromkeys(query.groups))
    return query


def _word_groups(query_words, synonyms):
    longest = max((len(key) for key in synonyms), default=1)
    groups, position = [], 0
    while position < len(query_words):
        for length in range(min(longest, len(query_words) - position), 0, -1):
            window = tuple(stem(w) for w in query_words[position : position + length])
            if window in synonyms:
                groups.append(Group(_expanded(synonyms[window])))
                position += length
                break
        else:
            groups.append(Group(_expanded([(query_words[position],)])))
            position += 1
    meaningful = [g for g in groups if _meaningful(g.alternatives[0])]
    # A query of only stop words still searches for them.
    return meaningful or groups


def _expanded(ways):
    """The ways with each single word's other forms and compound parts (analysis.ways_of)."""
    found = [
        other
        for way in ways
        for other in (ways_of(way[0]) if len(way) == 1 and way[0] not in STOPWORDS else [way])
    ]
    return tuple(dict.fromkeys(found))


def _meaningful(alternative):
    return len(alternative) > 1 or (len(alternative[0]) > 1 and alternative[0] not in STOPWORDS)
