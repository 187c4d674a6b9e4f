"""Dutch text analysis, shared by indexing, querying and highlighting on every backend.

- Folding: lower case, accents removed ("Oekraïne" = "oekraine").
- Stemming: Snowball 3's Dutch stemmer (it joins "kamertje" and "kamertjes", "les" and
  "lessen", which the older Porter stemmer split), and where simplemma's Dutch lemma list
  knows the word a second stem, of its lemma ("toetsen" -> "toets", "kinderen" -> "kind").
  Both are kept resources; a text holds both stems of each word, a query asks for either.
- Compounds: a compound is split into the words it is made of, by wordfreq's Dutch word
  frequencies ("tandartskosten" -> "tandarts", "kosten"; "crisisnoodopvang" -> "crisis",
  "nood", "opvang"). A split counts only when each part is a known word that is more common
  than the compound itself, so the word list keeps "huisvesting" whole ("vesting" is rarer).
  A text holds the parts too, marked as parts, so a query word finds the compounds it starts
  or ends (ranked below the word itself); a compound in a query also finds its parts anywhere
  in a text.

The extra stems (lemmas, parts) follow the text's own stems, so phrases still match their
positions.
"""

import gzip
import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import msgpack
import simplemma
import snowballstemmer

from .engines.base import Alternative

WORD_RE = re.compile(r"\w+")
# Moves on when the analysis changes what a text's tokens are: cached stems go stale, and the
# indexes want `manage.py update_index`.
ANALYSIS_VERSION = 2
# A compound: at least this long, of parts at least PART_MIN_LENGTH long (shorter "parts" are
# mostly prefixes: "be", "ver", "aan"), each at least KNOWN_ZIPF common (wordfreq's scale:
# 3 is once per million words) and joined directly or by a linking sound ("tussenklank").
COMPOUND_MIN_LENGTH = 8
PART_MIN_LENGTH = 4
KNOWN_ZIPF = 3.0
LINKS = ("", "s", "e", "en", "er")
# A word at least this common (about the 300 most common Dutch words: "staan", "lang", "twee",
# "mensen", "nieuwe") says little of what a query asks; it still ranks, but need not match.
COMMON_ZIPF = 5.5
# A compound's parts are indexed marked ("0opvang": a digit, a token character in FTS5 too),
# and weigh less than a whole word.
PART_MARK = "0"
PARTS_BOOST = 0.5

# Words that carry no meaning in a query; documents keep them so phrases still match. Snowball's
# Dutch stop words (what PostgreSQL's 'dutch' drops, so both databases ignore the same words),
# and the words a question is asked with.
STOPWORDS = frozenset(
    """
    aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
    dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog
    nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor was
    waren want wat we wel welke werd wezen wie wij wil wordt worden zal ze zelf zich zij zijn zo
    zonder zou
    waar wanneer waarom hoeveel welk mag mogen moeten kun kunt krijg krijgt gaat
    """.split()
)

_stemmer = snowballstemmer.stemmer("dutch")


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
def lemma(word):
    """The word's dictionary form where simplemma knows it, else the word."""
    # low_memory: the same lemmas read from simplemma's packed list (5 MB) instead of a dict
    # of 370,000 words (44 MB in each process); lru_cache keeps the lookups fast.
    return simplemma.lemmatize(word, lang="nl", low_memory=True) if word.isalpha() else word


@lru_cache(maxsize=1)
def _known_words():
    """Zipf of the Dutch words at least KNOWN_ZIPF common, read from wordfreq's list. A rarer
    word counts as unknown, which decides nothing differently (a part must be KNOWN_ZIPF common
    and commoner than its whole) and keeps 29,000 words in each process instead of 311,000.
    The list is read a bucket at a time, stopping at the first rarer one, and without importing
    wordfreq, whose tokenizers this needs none of: read whole and imported, it left 18 MB
    behind in each process, against 3 MB now."""
    (package,) = importlib.util.find_spec("wordfreq").submodule_search_locations
    with gzip.open(Path(package) / "data" / "large_nl.msgpack.gz") as file:
        # wordfreq's "cBpack": [header, bucket 0, bucket 1, …], bucket i the words whose
        # frequency is -i centibel, so zipf (900 - i) / 100.
        unpacker = msgpack.Unpacker(file, raw=False)
        buckets = unpacker.read_array_header() - 1
        header = unpacker.unpack()
        if header != {"format": "cB", "version": 1}:
            raise ValueError(f"wordfreq's list has an unknown header: {header!r}")
        known = {}
        for index in range(buckets):
            value = (900 - index) / 100
            if value < KNOWN_ZIPF:
                break
            known.update(dict.fromkeys(unpacker.unpack(), value))
    return known


def zipf(word):
    """How common a word is: log10 of its frequency per billion words, 0 when unknown (or
    rarer than KNOWN_ZIPF)."""
    return _known_words().get(word, 0.0)


def common(word):
    return zipf(word) >= COMMON_ZIPF


def _known_part(word, whole):
    return word not in STOPWORDS and zipf(word) >= KNOWN_ZIPF and zipf(word) > whole


@lru_cache(maxsize=50_000)
def parts(word):
    """The words a compound is made of, split where its parts are most common; () when the
    word is not a compound the word list knows. Split in its dictionary form, so that
    "asielzoekers" splits as "asielzoeker" does."""
    word = lemma(word)
    if len(word) < COMPOUND_MIN_LENGTH or not word.isalpha():
        return ()
    whole = zipf(word)
    best, best_score = (), 0.0
    for cut in range(PART_MIN_LENGTH, len(word) - PART_MIN_LENGTH + 1):
        first = word[:cut]
        if not _known_part(first, whole):
            continue
        for link in LINKS:
            rest = word[cut + len(link) :]
            if not word.startswith(link, cut) or len(rest) < PART_MIN_LENGTH:
                continue
            rest_parts = (rest,) if _known_part(rest, whole) else parts(rest)
            if rest_parts:
                score = min(zipf(first), *(zipf(part) for part in rest_parts))
                if score > best_score:
                    best, best_score = (first, *rest_parts), score
    return best


@lru_cache(maxsize=50_000)
def forms(word):
    """The stems a word may be found by: its own, its lemma's."""
    return tuple(dict.fromkeys((stem(word), stem(lemma(word)))))


@lru_cache(maxsize=50_000)
def part_stems(word):
    """The stems of a compound's parts (in every form)."""
    return tuple(dict.fromkeys(s for part in parts(word) for s in forms(part)))


@lru_cache(maxsize=50_000)
def extra_stems(word):
    """What a text holds of a word beyond its own stem: its lemma's stem, and its parts'
    stems marked as parts (so that a quoted word or a whole word outweighs a part)."""
    found = dict.fromkeys(forms(word)[1:])
    found.update(dict.fromkeys(PART_MARK + s for s in part_stems(word)))
    return tuple(found)


def extra_words(word):
    """The same for PostgreSQL, which stems the words itself: the lemma, the marked parts."""
    lemma_word = lemma(word)
    return ((lemma_word,) if lemma_word != word else ()) + tuple(
        PART_MARK + part for part in parts(word)
    )


def tokens(text):
    """The text as the engines index it: its stems in order (phrases match their positions),
    then each extra stem (lemmas, compound parts) once."""
    text_words = words(text)
    stems = [stem(w) for w in text_words]
    own = set(stems)
    extras = dict.fromkeys(s for w in dict.fromkeys(text_words) for s in extra_stems(w))
    return stems + [s for s in extras if s not in own]


def stemmed_text(text):
    """The text as SQLite's full-text index stores it."""
    return " ".join(tokens(text))


def folded_text(text):
    """The text as PostgreSQL's ``dutch`` configuration receives it: folded words, then the
    lemmas and marked compound parts."""
    text_words = words(text)
    own = set(text_words)
    extras = dict.fromkeys(e for w in dict.fromkeys(text_words) for e in extra_words(w))
    return " ".join(text_words + [e for e in extras if e not in own])


def ways_of(word):
    """Every way a query word may be found: itself, its lemma, and a compound's parts
    together (a frozenset: all of them, anywhere)."""
    ways = [(word,)]
    if stem(lemma(word)) != stem(word):
        ways.append((lemma(word),))
    if found := parts(word):
        ways.append(frozenset(found))
    return ways


def alternatives(ways, exact=False):
    """A query group's ways to match as the engines' alternatives: a tuple of folded words as
    a phrase of stems, a lone word also as a compound's part; a frozenset (a compound's parts)
    as all of them anywhere, each as a word or a part. Parts weigh less."""
    found = []
    for way in ways:
        if isinstance(way, frozenset):
            stems = sorted({stem(w) for w in way})
            options = tuple((s, PART_MARK + s) for s in stems)
            found.append(Alternative(options, together=True, boost=PARTS_BOOST))
            continue
        found.append(Alternative(tuple(stem(w) for w in way)))
        if len(way) == 1 and not exact:
            found.append(Alternative((PART_MARK + stem(way[0]),), boost=PARTS_BOOST))
    return tuple(dict.fromkeys(found))
