"""Full-text matching over Wagtail's own database index, as one set-based SQL query.

Wagtail's database search scores candidates with a correlated subquery (quadratic on SQLite),
and cannot count facets. The kennisbank reads the same index tables directly: one pass over
the FTS5 table on SQLite, one GIN-indexed ``@@`` on PostgreSQL, yielding (page id, score).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from wagtail.search.models import IndexEntry

from kennisbank.models import ITEM_TYPES

from .analysis import head_marker, may_be_head, stem

AND, OR = "AND", "OR"


def item_content_type_ids():
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*ITEM_TYPES.values()).values())


class DatabaseIndex:
    """What the engine asks of an index: scores of matching items, and those items as a filter."""

    def matches(self, query, operator):
        """{page id: score} for the items that match the query."""
        sql, params = self.match_sql(query, operator)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def restrict(self, items, query, operator, scores):
        """The items that match, as a subquery: no id list to pass around."""
        sql, params = self.match_sql(query, operator)
        return items.filter(pk__in=RawSQL(f"SELECT page_id FROM ({sql}) matched", params))


class SQLiteIndex(DatabaseIndex):
    name = "sqlite"
    # bm25 weights for the FTS5 columns (autocomplete, body, title): a title match counts most.
    weights = (0.0, 1.0, 6.0)

    def match_sql(self, query, operator):
        table = IndexEntry._meta.db_table
        placeholders = ", ".join(["%s"] * len(types := item_content_type_ids()))
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) AS page_id, "
            f"-bm25({table}_fts, %s, %s, %s) AS score "
            f"FROM {table}_fts JOIN {table} e ON e.id = {table}_fts.rowid "
            f"WHERE {table}_fts MATCH %s AND e.content_type_id IN ({placeholders})"
        )
        return sql, [*self.weights, self.expression(query, operator), *types]

    def expression(self, query, operator):
        groups = [
            " OR ".join(self.alternative(alt, g.exact) for alt in g.alternatives)
            for g in query.groups
        ]
        return "{body title} : (" + f" {operator} ".join(f"({group})" for group in groups) + ")"

    @staticmethod
    def alternative(words, exact):
        phrase = '"' + " ".join(stem(word) for word in words) + '"'
        if len(words) == 1 and not exact and may_be_head(words[0]):
            return f'{phrase} OR "{head_marker(words[0])}"*'
        return phrase


class PostgresIndex(DatabaseIndex):
    name = "postgresql"
    title_weight = 6

    def match_sql(self, query, operator):
        tsquery, params = self.tsquery(query, operator)
        types = item_content_type_ids()
        placeholders = ", ".join(["%s"] * len(types))
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) AS page_id, "
            f"ts_rank(e.title, q.q) * {self.title_weight} + ts_rank(e.body, q.q) AS score "
            f"FROM {IndexEntry._meta.db_table} e, (SELECT {tsquery} AS q) q "
            f"WHERE (e.title || e.body) @@ q.q AND e.content_type_id IN ({placeholders})"
        )
        return sql, [*params, *types]

    def tsquery(self, query, operator):
        """The query as tsquery SQL: words stemmed by PostgreSQL's 'dutch' configuration."""
        groups, params = [], []
        for group in query.groups:
            alternatives = []
            for words in group.alternatives:
                alternatives.append("phraseto_tsquery('dutch', %s)")
                params.append(" ".join(words))
                if len(words) == 1 and not group.exact and may_be_head(words[0]):
                    alternatives.append("to_tsquery('simple', %s)")
                    params.append(head_marker(words[0]) + ":*")
            groups.append("(" + " || ".join(alternatives) + ")")
        joiner = " && " if operator == AND else " || "
        return "(" + joiner.join(groups) + ")", params


def database_index():
    return PostgresIndex() if connection.vendor == "postgresql" else SQLiteIndex()
