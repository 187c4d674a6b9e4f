"""The embedded engine: a tantivy index on local disk, in every web and worker process.

    <root>/current      the name of the folder searched (replaced atomically)
    <root>/index-<format>-<n>/   a tantivy index
    <root>/lock         held (flock) by the one process writing at a time
    <root>/building     while a rebuild runs: its folder, then the ids written meanwhile

A commit is atomic (tantivy writes its meta.json last), so a process killed while indexing
leaves the last commit searchable. Readers look at the folder's meta.json before each search
and reload when another process committed. A rebuild fills a new folder while searches go on
in the old one, then writes again what changed meanwhile and points `current` at the new one.
"""

import fcntl
import json
import os
import shutil
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import tantivy

from .base import (
    GROUP_STEP,
    KEYWORDS,
    NEAR_BOOST,
    NEAR_SLOP,
    TITLE_WEIGHT,
    Engine,
    EngineUnavailable,
    Result,
    sort_title,
)

TOKENIZER = "whitespace"  # the tokens arrive analysed
# Moves on when the schema or the analysis changes: an index of another format is not searched
# (the search falls back to the database and a rebuild is asked for).
FORMAT = 4  # 3: the keyword fields toegepast and kwaliteit; 4: what a result shows
WRITER_HEAP = 15_000_000  # tantivy's least: a publish or a chunk of an import
REBUILD_HEAP = 100_000_000  # fewer segments to merge in a whole rebuild
FACET_SIZE = 10_000  # more values than any vocabulary has: the counts are exact
Occur = tantivy.Occur
_NOTHING = tantivy.Query.empty_query()


def schema():
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", indexed=True, fast=True)
    builder.add_integer_field("order", fast=True)  # see order_key()
    builder.add_text_field("title_sort", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title", tokenizer_name=TOKENIZER)
    builder.add_text_field("body", tokenizer_name=TOKENIZER)
    builder.add_text_field("title_words", tokenizer_name=TOKENIZER, index_option="basic")
    builder.add_text_field("words", tokenizer_name=TOKENIZER, index_option="basic")
    for name in KEYWORDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_bytes_field("shown", stored=True, indexed=False)  # JSON, never searched
    return builder.build()


SCHEMA = schema()
_ANALYZER = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
# Per process: root -> (folder, meta.json's stamp, Index)
_open = {}
_open_lock = threading.Lock()


class EmbeddedEngine(Engine):
    name = "embedded"

    def __init__(self, root):
        self.root = Path(root)

    # ------------------------------------------------------------------ where the index is

    @property
    def pointer(self):
        return self.root / "current"

    def current(self):
        """The folder searched, or None before the first index of this FORMAT exists."""
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            return None
        return self.root / name if name.startswith(f"index-{FORMAT}-") else None

    def exists(self):
        folder = self.current()
        return folder is not None and (folder / "meta.json").exists()

    def _point_at(self, folder):
        temporary = self.root / "current.new"
        temporary.write_text(folder.name)
        os.replace(temporary, self.pointer)

    def _new_folder(self):
        folder = self.root / f"index-{FORMAT}-{time.time_ns()}"
        folder.mkdir(parents=True)
        _index(folder, create=True)
        return folder

    @contextmanager
    def _writing(self):
        """The folder to write, held by this process alone; created on first use."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not self.exists():
                    self._point_at(self._new_folder())
                yield self.current()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def searcher(self):
        """A searcher of the last commit of the current folder, any process's."""
        folder = self.current()
        try:
            stamp = _stamp(folder)
        except (TypeError, FileNotFoundError):
            raise EngineUnavailable(f"no search index in {self.root}") from None
        with _open_lock:
            known = _open.get(self.root)
            if known and known[0] == folder:
                index = known[2]
                if known[1] != stamp:
                    index.reload()
            else:
                try:
                    index = _index(folder)
                except ValueError as error:
                    raise EngineUnavailable(f"search index unreadable: {error}") from error
            _open[self.root] = (folder, stamp, index)
        return index.searcher()

    # ------------------------------------------------------------------------- writing

    def index(self, documents):
        documents = list(documents)
        if documents:
            self._write(lambda writer: _add(writer, documents), [d.id for d in documents])

    def remove(self, ids):
        ids = list(ids)
        if ids:
            self._write(lambda writer: _delete(writer, ids), ids)

    def clear(self):
        self._write(lambda writer: writer.delete_all_documents(), [])

    def _write(self, change, ids):
        with self._writing() as folder:
            _commit(_index(folder), change)
            building = self.root / "building"
            if ids and building.exists():
                with open(building, "a") as file:
                    file.write("".join(f"{pk}\n" for pk in ids))

    def rebuild(self, documents, changed=None, progress=None):
        self.root.mkdir(parents=True, exist_ok=True)
        with self._writing():
            folder = self._new_folder()
            (self.root / "building").write_text(folder.name + "\n")
        index = _index(folder)
        with index.writer(heap_size=REBUILD_HEAP, num_threads=1) as writer:
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) == 1000:
                    _add(writer, batch, replace=False)
                    if progress:
                        progress(len(batch))
                    batch = []
            _add(writer, batch, replace=False)
            if progress and batch:
                progress(len(batch))
            writer.commit()
            writer.wait_merging_threads()
        with self._writing():
            building = self.root / "building"
            written = building.read_text().split("\n")[1:]
            ids = sorted({int(pk) for pk in written if pk})
            if ids and changed:
                again = list(changed(ids))
                _commit(index, lambda writer: (_delete(writer, ids), _add(writer, again)))
            self._point_at(folder)
            building.unlink()
            for old in self.root.glob("index-*"):
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True)

    # ------------------------------------------------------------------------ searching

    def search(self, request):
        searcher = self.searcher()
        base = [*_text(request), *_restrictions(request)]
        facet_filters = {f: v for f, v in request.filters.items() if f in request.facets}
        base += [
            (Occur.Must, _terms(field, values))
            for field, values in request.filters.items()
            if field not in facet_filters
        ]
        full = _all(
            base
            + [(Occur.Must, _terms(f, v)) for f, v in facet_filters.items()]
            + _near(request)  # ranks only: left out of the facet counts
        )
        rows, total = _top(searcher, full, request)
        return Result(
            ids=[row[0] for row in rows],
            scores=[row[1] for row in rows],
            total=total,
            facets=_facets(searcher, base, facet_filters, request.facets),
            shown=[_shown(searcher, row[2]) for row in rows] if request.shown else [],
        )

    def suggest(self, words, request):
        searcher = self.searcher()
        clauses = [
            (Occur.Must, tantivy.Query.term_query(SCHEMA, "title_words", word))
            for word in words[:-1]
        ]
        clauses.append((Occur.Must, _prefix(searcher, "title_words", words[-1])))
        clauses += _restrictions(request)
        clauses += [(Occur.Must, _terms(f, v)) for f, v in request.filters.items()]
        rows, total = _top(searcher, _all(clauses), request)
        return Result(ids=[row[0] for row in rows], scores=[row[1] for row in rows], total=total)


# ---------------------------------------------------------------------------- the index


def _index(folder, create=False):
    index = tantivy.Index(SCHEMA, path=str(folder)) if create else tantivy.Index.open(str(folder))
    index.register_tokenizer(TOKENIZER, _ANALYZER)
    index.config_reader(reload_policy="manual")
    return index


def _stamp(folder):
    """Changes whenever a commit replaced meta.json."""
    status = os.stat(folder / "meta.json")
    return status.st_ino, status.st_mtime_ns, status.st_size


def _commit(index, change):
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
    try:
        change(writer)
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        # Merges the small segments each commit makes, so searches stay fast.
        writer.wait_merging_threads()


def _add(writer, documents, replace=True):
    if replace:
        _delete(writer, [document.id for document in documents])
    for document in documents:
        fields = {**document.fields(), "order": order_key(document)}
        if "shown" in fields:
            fields["shown"] = fields["shown"].encode()
        writer.add_document(tantivy.Document.from_dict(fields, SCHEMA))


def _shown(searcher, address):
    stored = searcher.doc(address).get_first("shown")
    return None if stored is None else json.loads(stored)


def _delete(writer, ids):
    # By a query: deleting by a term of an unsigned field deletes nothing in tantivy 0.27.
    if ids:
        writer.delete_documents_by_query(_ids(ids))


def _ids(ids):
    return tantivy.Query.term_set_query(SCHEMA, "id", [int(pk) for pk in ids])


# ------------------------------------------------------------------------------ queries


def _all(clauses):
    if not clauses:
        return tantivy.Query.all_query()
    if all(occur == Occur.MustNot for occur, _query in clauses):
        clauses = [(Occur.Must, tantivy.Query.all_query()), *clauses]
    return tantivy.Query.boolean_query(clauses)


def _terms(field, values):
    return tantivy.Query.term_set_query(SCHEMA, field, [str(value) for value in values])


def _prefix(searcher, field, token):
    """The terms that start with `token`, looked up in the term dictionary: a quarter of the
    time tantivy takes to build a regular expression's automaton."""
    terms = [term for term, _count in searcher.terms_with_prefix(field, token)]
    return tantivy.Query.term_set_query(SCHEMA, field, terms) if terms else _NOTHING


def _alternative(field, alternative):
    tokens = alternative.tokens
    if len(tokens) == 1 and not alternative.together:
        return tantivy.Query.term_query(SCHEMA, field, tokens[0])
    if alternative.together:
        return tantivy.Query.boolean_query([(Occur.Must, _terms(field, ts)) for ts in tokens])
    return tantivy.Query.phrase_query(SCHEMA, field, list(tokens))


def _group(group):
    should = []
    for alternative in group:
        if alternative.fuzzy:
            word, distance = alternative.tokens[0], alternative.fuzzy
            fuzzy = tantivy.Query.fuzzy_term_query(SCHEMA, "words", word, distance)
            should.append((Occur.Should, tantivy.Query.boost_query(fuzzy, alternative.boost)))
            continue
        for field, weight in (("title", TITLE_WEIGHT), ("body", 1)):
            query = _alternative(field, alternative)
            should.append(
                (Occur.Should, tantivy.Query.boost_query(query, weight * alternative.boost))
            )
    return tantivy.Query.boolean_query(should)


def _text(request):
    """The clauses matching the query's groups (or the shared values of similar items), or
    the ids it also asks for."""
    clauses = _words(request)
    if request.also and clauses:
        also = tantivy.Query.const_score_query(_ids(request.also), 0.0)
        words = tantivy.Query.boolean_query(clauses)
        return [
            (Occur.Must, tantivy.Query.boolean_query([(Occur.Should, words), (Occur.Should, also)]))
        ]
    return clauses


def _words(request):
    if request.shared:
        should = [
            (Occur.Should, tantivy.Query.const_score_query(_terms(field, [value]), 1.0))
            for field, values in request.shared.items()
            for value in values
        ]
        return [(Occur.Must, tantivy.Query.boolean_query(should))] if should else []
    if not request.groups:
        return []
    groups = [_group(group) for group in request.groups]
    if request.minimum == len(groups):
        return [(Occur.Must, group) for group in groups]
    # A fixed step per matched group, so that items matching more groups rank first.
    stepped = [
        tantivy.Query.boolean_query(
            [
                (Occur.Must, group),
                (Occur.Should, tantivy.Query.const_score_query(group, GROUP_STEP)),
            ]
        )
        for group in groups
    ]
    should = [(Occur.Should, group) for group in stepped]
    return [(Occur.Must, tantivy.Query.boolean_query(should, request.minimum))]


def _near(request):
    """Optional clauses that score the request's neighbouring words found close together."""
    if not request.groups or request.sort == "date":
        return []
    return [
        (
            Occur.Should,
            tantivy.Query.boost_query(
                tantivy.Query.phrase_query(SCHEMA, field, list(pair), NEAR_SLOP),
                weight * NEAR_BOOST,
            ),
        )
        for pair in request.near
        for field, weight in (("title", TITLE_WEIGHT), ("body", 1))
    ]


def _restrictions(request):
    clauses = []
    if request.denied:
        clauses.append((Occur.MustNot, _terms("restrictions", request.denied)))
    if request.exclude:
        clauses.append((Occur.MustNot, _ids(request.exclude)))
    if request.only:
        clauses.append((Occur.Must, _ids(request.only)))
    return clauses


# Date and title in one number, to sort by in one pass: the date's ordinal above TITLE_BITS
# bits that order the first TITLE_CHARACTERS characters of the title (a character in 6 bits).
TITLE_CHARACTERS = 7
TITLE_BITS = 6 * TITLE_CHARACTERS
CHARACTER_CODES = {
    " ": 1,
    **{c: n for n, c in enumerate("0123456789abcdefghijklmnopqrstuvwxyz", 2)},
}


def order_key(document):
    """Larger for newer items, and of the same date for titles earlier in the alphabet."""
    title = sort_title(document)[:TITLE_CHARACTERS].ljust(TITLE_CHARACTERS, "\0")
    code = 0
    for character in title:
        code = code << 6 | (0 if character == "\0" else CHARACTER_CODES.get(character, 63))
    return document.date.toordinal() << TITLE_BITS | ((1 << TITLE_BITS) - 1 - code)


def _top(searcher, query, request):
    """The page's (id, score, address) rows and the total. Fetched until the rows beyond the page
    differ from its last one in what orders them (the engine breaks no ties), then sorted:
    by score, then date and title (the order key, then the whole title where the key's
    characters are alike), then id."""
    by_date = request.sort == "date" or not (request.groups or request.shared)
    wanted = request.offset + request.limit
    fetch = min(max(wanted, 1) + 10, searcher.num_docs + 1)
    while True:
        result = searcher.search(
            query, limit=fetch, count=True, order_by_field="order" if by_date else None
        )
        hits = result.hits
        if wanted == 0 or len(hits) < fetch or hits[-1][0] != hits[wanted - 1][0]:
            break
        fetch *= 4
    addresses = [address for _value, address in hits]
    ids = searcher.fast_field_values("id", addresses)
    orders = searcher.fast_field_values("order", addresses)
    scores = [0.0 if by_date else value for value, _address in hits]
    alike = {key for key, n in Counter(zip(scores, orders)).items() if n > 1}
    titles = [
        searcher.doc(address).get_first("title_sort") if key in alike else ""
        for key, address in zip(zip(scores, orders), addresses)
    ]
    rows = sorted(
        zip(ids, scores, orders, titles, addresses),
        key=lambda row: (-row[1], -row[2], row[3], row[0]),
    )
    return [(row[0], row[1], row[4]) for row in rows[request.offset : wanted]], result.count


def _facets(searcher, base, facet_filters, facets):
    """{facet: {value: count}}: each facet counted where every filter but its own holds.
    Facets without a selection share one aggregation."""
    counts = {}
    unselected = [name for name in facets if name not in facet_filters]
    passes = [(unselected, facet_filters)] if unselected else []
    passes += [
        ([name], {f: v for f, v in facet_filters.items() if f != name})
        for name in facets
        if name in facet_filters
    ]
    for names, filters in passes:
        query = _all(base + [(Occur.Must, _terms(f, v)) for f, v in filters.items()])
        aggregations = {
            name: {"terms": {"field": name, "size": FACET_SIZE, "segment_size": FACET_SIZE}}
            for name in names
        }
        answer = searcher.aggregate(query, aggregations)
        for name in names:
            counts[name] = {b["key"]: b["doc_count"] for b in answer[name]["buckets"]}
    return counts
