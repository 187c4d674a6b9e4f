"""The items matching the current search, held once per request in a temporary table.

Every later step (the visible items, each facet's counts, the ranked page) joins this table
instead of running the full-text match again: one pass over the index per search.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

TABLE = "search_matches"


def clear(cursor):
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {TABLE} "
        "(page_id INTEGER PRIMARY KEY, hits INTEGER NOT NULL, score FLOAT NOT NULL)"
    )
    # PostgreSQL's autovacuum never visits temporary tables: truncate them, don't delete.
    empty = "TRUNCATE" if connection.vendor == "postgresql" else "DELETE FROM"
    cursor.execute(f"{empty} {TABLE}")


def fill_from_sql(sql, params):
    """Store the (page_id, hits, score) rows that a SELECT yields."""
    with connection.cursor() as cursor:
        clear(cursor)
        cursor.execute(f"INSERT INTO {TABLE} (page_id, hits, score) {sql}", params)


def fill_from_rows(rows):
    """Store (page_id, hits, score) rows that an external engine returned."""
    with connection.cursor() as cursor:
        clear(cursor)
        cursor.executemany(f"INSERT INTO {TABLE} (page_id, hits, score) VALUES (%s, %s, %s)", rows)


def only_matching(items):
    return items.filter(pk__in=RawSQL(f"SELECT page_id FROM {TABLE}", ()))


def ranked(items):
    """Items with more of the query's groups first, then the better score, then the newer."""
    column = f"{items.model._meta.db_table}.{items.model._meta.pk.column}"
    lookup = f"SELECT {{}} FROM {TABLE} m WHERE m.page_id = {column}"
    return items.annotate(
        match_hits=RawSQL(lookup.format("hits"), ()),
        match_score=RawSQL(lookup.format("score"), ()),
    ).order_by("-match_hits", "-match_score", "-date", "pk")
