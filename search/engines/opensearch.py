"""OpenSearch 2/3 or Elasticsearch 8/9 as the engine, engine-native: one search request does
the matching, the privacy and facet filters, every facet's counts (each ignoring its own
selection: the facet filters are a post_filter, each facet's aggregation filters by the
others), the ranking, the page and the exact total.

The tokens arrive analysed, so the index splits on whitespace only (its Dutch would differ
from ours, and osmem-server ignores index analysers anyway). An engine that does not answer
within TIMEOUT seconds counts as down for DOWN_SECONDS: searches fall back without waiting.
"""

import json
import threading
import time

import elastic_transport
import elasticsearch
import opensearchpy

from .base import (
    GROUP_STEP,
    KEYWORDS,
    NEAR_BOOST,
    NEAR_SLOP,
    TITLE_WEIGHT,
    Engine,
    EngineUnavailable,
    Result,
)

TIMEOUT = 2  # seconds to learn that the engine is down (SEARCH_ENGINE_TIMEOUT)
DOWN_SECONDS = 30  # how long that holds
FACET_SIZE = 10_000
BULK_CHUNK = 1000
TEXT = {"type": "text", "analyzer": "tokens"}
INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        "analysis": {"analyzer": {"tokens": {"type": "custom", "tokenizer": "whitespace"}}},
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "date": {"type": "integer"},  # the date's ordinal
            "title_sort": {"type": "keyword"},
            "title": TEXT,
            "body": TEXT,
            "title_words": TEXT,
            "words": TEXT,
            **{name: {"type": "keyword"} for name in KEYWORDS},
            "shown": {"type": "keyword", "index": False, "doc_values": False},  # JSON, kept only
        },
    },
}
_down_until = {}  # url -> time.monotonic() until which the engine counts as down
_down_lock = threading.Lock()


class OpenSearchEngine(Engine):
    """`kind` is "opensearch" or "elasticsearch"; `index_name` an alias to the live index."""

    def __init__(self, kind, url, index_name="kennisbank", timeout=TIMEOUT):
        self.name = kind
        self.kind = kind
        self.url = url
        self.index_name = index_name
        if kind == "elasticsearch":
            self.client = elasticsearch.Elasticsearch(
                url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
            )
            self.failures = (elastic_transport.TransportError, elasticsearch.ApiError)
            self.unreachable = (elastic_transport.TransportError,)
        else:
            self.client = opensearchpy.OpenSearch(
                hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False
            )
            self.failures = (opensearchpy.exceptions.TransportError,)
            self.unreachable = (opensearchpy.exceptions.ConnectionError,)

    # ----------------------------------------------------------------------- the client

    def _call(self, method, **arguments):
        """A client call; the engine's failure as EngineUnavailable, remembered when it is
        unreachable."""
        with _down_lock:
            if _down_until.get(self.url, 0) > time.monotonic():
                raise EngineUnavailable(f"{self.kind} down")
        try:
            if self.kind == "elasticsearch":
                body = arguments.pop("body", None)
                if isinstance(body, dict):
                    arguments.update(body)
                elif body is not None:
                    arguments["operations"] = body
                if "from" in arguments:
                    arguments["from_"] = arguments.pop("from")
            return method(**arguments)
        except self.failures as error:
            if isinstance(error, self.unreachable):
                with _down_lock:
                    _down_until[self.url] = time.monotonic() + DOWN_SECONDS
            raise EngineUnavailable(f"{self.kind}: {error}") from error

    @property
    def indices(self):
        return self.client.indices

    def exists(self):
        return bool(self._call(self.indices.exists, index=self.index_name))

    @property
    def building(self):
        """The alias of the index a rebuild is filling, written to as well meanwhile."""
        return f"{self.index_name}-building"

    def _create(self, alias):
        """A new index under `alias`; its own name is the alias and the time."""
        name = f"{self.index_name}-{time.time_ns()}"
        self._call(self.indices.create, index=name, body={**INDEX_BODY, "aliases": {alias: {}}})
        return name

    # ------------------------------------------------------------------------- writing

    def index(self, documents):
        documents = list(documents)
        if documents:
            if not self.exists():
                self._create(self.index_name)
            for name in self._written():
                self._bulk(name, documents)

    def _written(self):
        """The live index, and the one being rebuilt if any."""
        rebuilding = bool(self._call(self.indices.exists_alias, name=self.building))
        return [self.index_name, self.building] if rebuilding else [self.index_name]

    def _bulk(self, name, documents, refresh=True):
        for start in range(0, len(documents), BULK_CHUNK):
            lines = []
            for document in documents[start : start + BULK_CHUNK]:
                lines += [{"index": {"_index": name, "_id": str(document.id)}}, _source(document)]
            answer = self._call(self.client.bulk, body=lines, refresh=refresh)
            if answer.get("errors"):
                raise EngineUnavailable(f"{self.kind} refused documents")

    def remove(self, ids):
        ids = list(ids)
        if ids and self.exists():
            for name in self._written():
                lines = [{"delete": {"_index": name, "_id": str(pk)}} for pk in ids]
                self._call(self.client.bulk, body=lines, refresh=True)

    def clear(self):
        if self.exists():
            self._call(
                self.client.delete_by_query,
                index=self.index_name,
                body={"query": {"match_all": {}}},
                refresh=True,
            )

    def rebuild(self, documents, changed=None, progress=None):
        """A new index filled while searches go on in the old one (writes meanwhile go to
        both), then given the old one's alias in one step."""
        if self._call(self.indices.exists_alias, name=self.building):  # left by a failed one
            for name in self._call(self.indices.get_alias, name=self.building):
                self._call(self.indices.delete, index=name)
        new = self._create(self.building)
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) == BULK_CHUNK:
                self._bulk(new, batch, refresh=False)
                if progress:
                    progress(len(batch))
                batch = []
        self._bulk(new, batch, refresh=False)
        if progress and batch:
            progress(len(batch))
        self._call(self.indices.refresh, index=new)
        old = []
        if self.exists():
            old = list(self._call(self.indices.get, index=self.index_name))
        if self.index_name in old:  # a plain index of that name, not an alias: make way
            self._call(self.indices.delete, index=self.index_name)
            old.remove(self.index_name)
        actions = [{"remove": {"index": name, "alias": self.index_name}} for name in old]
        actions += [
            {"remove": {"index": new, "alias": self.building}},
            {"add": {"index": new, "alias": self.index_name}},
        ]
        self._call(self.indices.update_aliases, body={"actions": actions})
        for name in old:
            self._call(self.indices.delete, index=name, ignore_unavailable=True)

    # ------------------------------------------------------------------------ searching

    def search(self, request):
        facet_filters = {f: v for f, v in request.filters.items() if f in request.facets}
        query = _bool(
            must=_text(request),
            filters=[_terms(f, v) for f, v in request.filters.items() if f not in facet_filters],
            must_not=_restrictions(request),
        )
        if near := _near(request):  # ranks only: matches no more or fewer items
            query["bool"]["should"] = near
        body = {
            "query": query,
            "track_total_hits": True,
            "from": request.offset,
            "size": request.limit,
            "_source": ["shown"] if request.shown else False,
            "sort": _sort(request),
        }
        if facet_filters:
            body["post_filter"] = _bool(filters=[_terms(f, v) for f, v in facet_filters.items()])
        aggregations = {}
        for name in request.facets:
            others = [_terms(f, v) for f, v in facet_filters.items() if f != name]
            terms = {"terms": {"field": name, "size": FACET_SIZE}}
            aggregations[name] = {"filter": _bool(filters=others), "aggs": {"values": terms}}
        if aggregations:
            body["aggs"] = aggregations
        answer = self._call(self.client.search, index=self.index_name, body=body)
        return _result(answer, request)

    def suggest(self, words, request):
        must = [{"term": {"title_words": word}} for word in words[:-1]]
        must.append({"prefix": {"title_words": {"value": words[-1]}}})
        body = {
            "query": _bool(
                must=must,
                filters=[_terms(f, v) for f, v in request.filters.items()],
                must_not=_restrictions(request),
            ),
            "track_total_hits": True,
            "size": request.limit,
            "_source": False,
            "sort": _sort(request),
        }
        answer = self._call(self.client.search, index=self.index_name, body=body)
        return _result(answer, request)


def _source(document):
    return {**document.fields(), "date": document.date.toordinal()}


def _bool(must=(), filters=(), must_not=(), should=(), minimum=None, boost=None):
    clauses = {} if boost is None else {"boost": boost}
    for key, value in (("must", must), ("filter", filters), ("must_not", must_not)):
        if value:
            clauses[key] = list(value)
    if should:
        clauses["should"] = list(should)
        clauses["minimum_should_match"] = minimum or 1
    return {"bool": clauses} if clauses else {"match_all": {}}


def _terms(field, values):
    return {"terms": {field: [str(value) for value in values]}}


def _alternative(field, alternative, boost):
    tokens = alternative.tokens
    if alternative.together:
        return _bool(must=[_terms(field, options) for options in tokens], boost=boost)
    return {"match_phrase": {field: {"query": " ".join(tokens), "boost": boost}}}


def _group(group):
    should = []
    for alternative in group:
        if alternative.fuzzy:  # a typo, matched against the words
            fuzzy = {"value": alternative.tokens[0], "fuzziness": alternative.fuzzy}
            should.append({"fuzzy": {"words": {**fuzzy, "boost": alternative.boost}}})
            continue
        should += [
            _alternative(field, alternative, weight * alternative.boost)
            for field, weight in (("title", TITLE_WEIGHT), ("body", 1))
        ]
    return _bool(should=should)


def _text(request):
    clauses = _words(request)
    if request.also and clauses:
        also = {"constant_score": {"filter": {"terms": {"id": list(request.also)}}, "boost": 0.0}}
        return [_bool(should=[_bool(must=clauses), also])]
    return clauses


def _words(request):
    if request.shared:
        should = [
            {"constant_score": {"filter": {"term": {field: str(value)}}, "boost": 1.0}}
            for field, values in request.shared.items()
            for value in values
        ]
        return [_bool(should=should)] if should else []
    if not request.groups:
        return []
    groups = [_group(group) for group in request.groups]
    if request.minimum == len(groups):
        return groups
    # A fixed step per matched group, so that items matching more groups rank first.
    stepped = [
        {
            "bool": {
                "must": [group],
                "should": [{"constant_score": {"filter": group, "boost": GROUP_STEP}}],
            }
        }
        for group in groups
    ]
    return [_bool(should=stepped, minimum=request.minimum)]


def _near(request):
    if not request.groups or request.sort == "date":
        return []
    return [
        {
            "match_phrase": {
                field: {"query": " ".join(pair), "slop": NEAR_SLOP, "boost": weight * NEAR_BOOST}
            }
        }
        for pair in request.near
        for field, weight in (("title", TITLE_WEIGHT), ("body", 1))
    ]


def _restrictions(request):
    clauses = []
    if request.denied:
        clauses.append(_terms("restrictions", request.denied))
    if request.exclude:
        clauses.append({"terms": {"id": [int(pk) for pk in request.exclude]}})
    if request.only:
        # Not in the list: everything but these ids is left out.
        clauses.append(_bool(must_not=[{"terms": {"id": [int(pk) for pk in request.only]}}]))
    return clauses


def _sort(request):
    order = [{"date": "desc"}, {"title_sort": "asc"}, {"id": "asc"}]
    if request.sort == "date" or not (request.groups or request.shared):
        return order
    return [{"_score": "desc"}, *order]


def _result(answer, request):
    hits = answer["hits"]["hits"]
    facets = {
        name: {
            bucket["key"]: bucket["doc_count"]
            for bucket in answer["aggregations"][name]["values"]["buckets"]
        }
        for name in request.facets
    }
    shown = [hit.get("_source", {}).get("shown") for hit in hits] if request.shown else []
    return Result(
        ids=[int(hit["_id"]) for hit in hits],
        scores=[hit.get("_score") or 0.0 for hit in hits],
        total=answer["hits"]["total"]["value"],
        facets=facets,
        shown=[None if stored is None else json.loads(stored) for stored in shown],
    )
