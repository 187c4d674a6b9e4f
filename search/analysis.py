"""Dutch text analysis, shared by indexing, querying and highlighting on every backend.

- Folding: lower case, accents removed ("Oekraïne" = "oekraine").
- Stemming: Snowball's Dutch (Porter) stemmer, the same algorithm as PostgreSQL's ``dutch``
  text search configuration, so SQLite (stemmed here) and PostgreSQL (stemmed by the
  database) join the same word forms.
- Compounds: Dutch puts the head of a compound last ("crisisnoodopvang", "huurwoningen").
  Every long word is also indexed as a *head marker*: its lightly stemmed form reversed,
  prefixed by "0". A query word then finds every compound it ends with through one prefix
  query on the markers ("opvang" -> ``0gnavpo*`` matches ``0gnavpodoonsisirc``).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from .engines.base import Alternative

WORD_RE = re.compile(r"\w+")
MARKER = "0"
# A word this long may be a compound worth a head marker; a query word this long may be a head.
COMPOUND_MIN_LENGTH = 7
HEAD_MIN_LENGTH = 4

# Words that carry no meaning in a query; documents keep them so phrases still match. Snowball's
# Dutch stop words (what PostgreSQL's 'dutch' drops, so both databases ignore the same words),
# and a few more.
STOPWORDS = frozenset(
    """
    aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
    dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog
    nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor was
    waren want wat we wel welke werd wezen wie wij wil wordt worden zal ze zelf zich zij zijn zo
    zonder zou
    """.split()
)

_stemmer = snowballstemmer.stemmer("dutch_porter")


def fold(text):
    """Lower case without accents."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_fold_word = lru_cache(maxsize=50_000)(fold)


def words(text):
    """The folded words of a text, in order. Folded a word at a time, and only words with
    accents: a whole text folded a character at a time was a tenth of an import's time."""
    if text.isascii():
        return WORD_RE.findall(text.lower())
    return [_fold_word(word) for word in WORD_RE.findall(unicodedata.normalize("NFC", text))]


@lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer.stemWord(word)


@lru_cache(maxsize=50_000)
def light_stem(word):
    """Strip only plural and inflection endings: the form a compound's head keeps."""
    for ending in ("'s", "en", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= HEAD_MIN_LENGTH:
            word = word[: -len(ending)]
            if ending == "en" and len(word) > 2 and word[-1] == word[-2]:
                word = word[:-1]  # plekken -> plek
            break
    return word


def may_be_head(word):
    """Whether a query word is long enough to be looked for at the end of compounds."""
    return len(light_stem(word)) >= HEAD_MIN_LENGTH


def head_marker(word):
    return MARKER + light_stem(word)[::-1]


def markers(text_words):
    """Head markers for the words that may be compounds, each once."""
    return list(dict.fromkeys(head_marker(w) for w in text_words if len(w) >= COMPOUND_MIN_LENGTH))


def stemmed_text(text):
    """The text as SQLite's full-text index stores it: stems, then head markers."""
    text_words = words(text)
    return " ".join([stem(w) for w in text_words] + markers(text_words))


def folded_text(text):
    """The text as PostgreSQL's ``dutch`` configuration receives it: folded, plus markers."""
    text_words = words(text)
    return " ".join(text_words + markers(text_words))


def tokens(text):
    """The text as the engines index it: its stems in order (phrases match their positions),
    then its head markers."""
    text_words = words(text)
    return [stem(w) for w in text_words] + markers(text_words)


def alternatives(ways, exact=False):
    """A query group's ways to match (tuples of folded words) as the engines' alternatives: the
    stems as a phrase, and for a lone word that may end a compound its head marker as a
    prefix (not in a quoted phrase)."""
    found = []
    for way in ways:
        found.append(Alternative(tuple(stem(w) for w in way)))
        if len(way) == 1 and not exact and may_be_head(way[0]):
            found.append(Alternative((head_marker(way[0]),), prefix=True))
    return tuple(found)
