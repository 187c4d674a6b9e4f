"""This request's search, held in two temporary tables of the database connection.

`search_matches`: what the full-text index found (page id, groups matched, score), one pass over
the index per search. `search_candidates`: of those, the items this user may see, with the
columns the facets and the ordering read (type, year, date). Every later step (each facet's
counts, the count, the ranked page) reads the candidates instead of checking the index,
visibility or the page table again.
"""

from django.db import connection
from django.db.models import CharField, IntegerField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Left

TABLE = "search_matches"
CANDIDATES = "search_candidates"
COLUMNS = {
    TABLE: "page_id INTEGER PRIMARY KEY, hits INTEGER NOT NULL, score FLOAT NOT NULL",
    CANDIDATES: "page_id INTEGER PRIMARY KEY, hits INTEGER NOT NULL, score FLOAT NOT NULL, "
    "content_type_id INTEGER NOT NULL, year INTEGER NOT NULL, date DATE NOT NULL",
}


def clear(cursor, table=TABLE):
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} ({COLUMNS[table]})")
    # PostgreSQL's autovacuum never visits temporary tables: truncate them, don't delete.
    empty = "TRUNCATE" if connection.vendor == "postgresql" else "DELETE FROM"
    cursor.execute(f"{empty} {table}")


def fill_from_sql(sql, params):
    """Store the (page_id, hits, score) rows that a SELECT yields."""
    with connection.cursor() as cursor:
        clear(cursor)
        cursor.execute(f"INSERT INTO {TABLE} (page_id, hits, score) {sql}", params)


def select(items, matched):
    """Hold `items` (the items a user may see) as the candidates: those among the matches, with
    their hits and score, when `matched`; all of them otherwise. Returns whether there are any."""
    if matched:
        # Looked up from the matches: otherwise SQLite walks every visible item to find the
        # few that match (a rare word at 100,000 items: 59 ms instead of 0.4).
        items = items.filter(pk__in=RawSQL(f"SELECT page_id FROM {TABLE}", []))
    # The year as the date's first four characters: SQLite would extract it in Python.
    year = Cast(Left(Cast("date", CharField()), 4), IntegerField())
    visible = items.order_by().annotate(year=year).values("pk", "content_type", "year", "date")
    sql, params = visible.query.sql_with_params()
    if matched:
        source = f"v JOIN {TABLE} m ON m.page_id = v.page_id"
        hits = "m.hits, m.score"
    else:
        source, hits = "v", "0, 0"
    with connection.cursor() as cursor:
        clear(cursor, CANDIDATES)
        cursor.execute(
            f"WITH v (page_id, content_type_id, year, date) AS ({sql}) "
            f"INSERT INTO {CANDIDATES} "
            f"SELECT v.page_id, {hits}, v.content_type_id, v.year, v.date FROM {source}",
            params,
        )
        # Not the INSERT's rowcount: Python 3.11's sqlite3 reports -1 for WITH … INSERT.
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {CANDIDATES})")
        return bool(cursor.fetchone()[0])


def among(queryset):
    """A condition on the candidates: their page among the ids the one-column queryset gives."""
    sql, params = queryset.query.sql_with_params()
    return f"c.page_id IN ({sql})", list(params)


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
