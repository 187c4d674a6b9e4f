"""Full-text matching in Elasticsearch or OpenSearch, finding what the database index finds.

Wagtail's backend (WAGTAILSEARCH_BACKENDS "default") indexes the text DutchSearchField
prepares: folded words (stems on SQLite) and compound head markers. INDEX_SETTINGS makes
Dutch analysis the engine's default: fold, drop Dutch stop words, stem with Snowball's Dutch
(Porter) stemmer, and leave head markers unstemmed. A query alternative asks for its folded
words and for their Python stems, as phrases: the engine stems either form of the indexed text
the same way as the query. A word that may end a compound also asks for its head marker as a
prefix. The database then keeps what the user may see: privacy and facets stay there.

Settings import this module for INDEX_SETTINGS, so it must not import models at load time.
"""

import logging
import re

import elasticsearch
import opensearchpy
from django.core.cache import cache
from wagtail.search.backends import get_search_backend

from . import matches
from .analysis import MARKER, head_marker, may_be_head, stem
from .registry import setup

logger = logging.getLogger(__name__)

# Merged by Wagtail into its index settings; "default" analyses every text field without
# an analyzer of its own (the autocomplete fields keep their edge n-grams).
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "dutch_stop",
                        "head_markers",
                        "dutch_stemmer",
                    ],
                },
            },
            "filter": {
                # Snowball's Dutch stop words, as PostgreSQL's 'dutch' configuration drops.
                "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                # A head marker is a reversed word: stemming would cut letters off the word's
                # start and break the prefix match. Keyword-marked tokens are not stemmed.
                "head_markers": {
                    "type": "keyword_marker",
                    "keywords_pattern": re.escape(MARKER) + ".+",
                },
                # Lucene's Snowball "dutch" is Porter's Dutch stemmer: snowballstemmer's
                # "dutch_porter" and PostgreSQL's 'dutch'.
                "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
            },
        },
    },
}

PING_TIMEOUT = 2  # seconds a search may wait to learn that the engine is down
REACHABLE_SECONDS = 30  # how long a ping's answer holds
MAX_HITS = 10_000  # the engines' default result window
# Whatever the engine fails with (unreachable, or answering with an error such as a missing
# index), the database answers instead.
UNREACHABLE = (
    elasticsearch.TransportError,
    elasticsearch.ApiError,
    opensearchpy.OpenSearchException,
)


class ExternalIndex:
    """Elasticsearch or OpenSearch, with the database index answering while it is down."""

    def __init__(self, kind, database):
        self.kind = kind
        self.database = database
        self.backend = get_search_backend("default")
        self.reachable = self.ping()

    @property
    def name(self):
        return self.kind if self.reachable else f"{self.database.name} ({self.kind} onbereikbaar)"

    @property
    def reachable_key(self):
        return f"search:reachable:{self.kind}"

    def ping(self):
        """Whether the engine answers; asked at most once per REACHABLE_SECONDS."""
        reachable = cache.get(self.reachable_key)
        if reachable is None:
            client = self.backend.es
            if self.kind == "elasticsearch":  # elasticsearch-py sets request options apart
                reachable = client.options(request_timeout=PING_TIMEOUT, max_retries=0).ping()
            else:
                reachable = client.ping(request_timeout=PING_TIMEOUT)
            cache.set(self.reachable_key, reachable, REACHABLE_SECONDS)
        return reachable

    def fill(self, query, required):
        """Hold the items matching `required` groups for this request, as the engine finds
        them, or as the database does while the engine is down."""
        if self.reachable:
            try:
                return matches.fill_from_rows(self.search(query, required))
            except UNREACHABLE:
                logger.warning("%s unreachable, searching the database", self.kind, exc_info=True)
                cache.set(self.reachable_key, False, REACHABLE_SECONDS)
                self.reachable = False
        self.database.fill(query, required)

    def search(self, query, required):
        model = setup().item_model
        response = self.backend.es.search(
            index=self.backend.get_index_for_model(model).name,
            body={
                "query": self.query_body(query, required, model),
                "size": MAX_HITS,
                "_source": False,
            },
        )
        return [
            (int(hit["_id"]), len(hit.get("matched_queries", ())), hit["_score"])
            for hit in response["hits"]["hits"]
        ]

    def query_body(self, query, required, model):
        """Each group, named to count the groups a hit matches, matches by any alternative in
        any field; a hit must match `required` groups."""
        mapping = self.backend.mapping_class(model)
        fields = [
            (mapping.get_field_column_name(field), field.boost or 1)
            for field in model.get_searchable_search_fields()
        ]
        groups = [
            {
                "bool": {
                    "_name": f"group{number}",
                    "should": [
                        # Per field the best alternative counts; matches in more fields add up.
                        {"dis_max": {"queries": self.field_clauses(group, field, boost)}}
                        for field, boost in fields
                    ],
                    "minimum_should_match": 1,
                }
            }
            for number, group in enumerate(query.groups)
        ]
        return {
            "bool": {
                "should": groups,
                "minimum_should_match": required,
                "filter": [{"term": {"_django_content_type": mapping.get_content_type()}}],
            }
        }

    @staticmethod
    def field_clauses(group, field, boost):
        clauses = []
        for words in group.alternatives:
            for form in dict.fromkeys([" ".join(words), " ".join(stem(w) for w in words)]):
                clauses.append({"match_phrase": {field: {"query": form, "boost": boost}}})
            if len(words) == 1 and not group.exact and may_be_head(words[0]):
                marker = head_marker(words[0])
                clauses.append({"prefix": {field: {"value": marker, "boost": boost}}})
        return clauses
