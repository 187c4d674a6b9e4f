"""The benchmark behind `make bench` (docs/performance.md): a seeded synthetic Dutch corpus,
imported the way editors import, then timed requests against references on the same data: the
raw engine query with the same filters, top 20 and facets (the engine floor), the same requests
answered by the database alone (today's SQL path, the fallback), the bare full-text query of
the database and Wagtail's plain `.search()` (what we replaced).
"""

import datetime
import io
import json
import math
import os
import random
import resource
import time
from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import OperationalError, connection
from django.http import QueryDict
from django.template import Context, Template
from django.test import Client, override_settings
from wagtail.search.models import IndexEntry

from kennisbank.interchange import import_stream
from kennisbank.models import KennisItem, Parel, Visibility
from kennisbank.privacy import Viewer
from search.analysis import stem
from search.engine import engine_request, facet_names, required_groups
from search.engines import configured
from search.forms import SearchForm
from search.query import parse
from search.registry import setup
from search.semantic import embed_pending
from search.semantic import vectors as semantic_vectors

# type → share of the corpus
TYPE_SHARES = {"parel": 0.3, "knoop": 0.15, "beleidskader": 0.05, "besluit": 0.2, "artikel": 0.3}
GEMEENTEN = [
    "Dalfsen", "Deventer", "Hardenberg", "Kampen", "Olst-Wijhe", "Ommen", "Raalte", "Staphorst",
    "Steenwijkerland", "Zwartewaterland", "Zwolle",
]  # fmt: skip
THEMES = [
    "Huisvesting statushouders", "Opvang", "Onderwijs", "Werk en inkomen", "Zorg",
    "Inburgering", "Oekraïners", "Jeugd", "Gezinshereniging", "Veiligheid",
]  # fmt: skip
DOELGROEPEN = ["Statushouders", "AMV", "Gezinnen", "Asielzoekers", "Ontheemden uit Oekraïne"]
ORGANISATIES = ["COA", "Vluchtelingenwerk", "Nidos", "GGD IJsselland", "Woningcorporatie"]
SUBJECTS = [
    "De gemeente {gemeente}", "Het COA", "De regietafel", "Vluchtelingenwerk",
    "De woningcorporatie", "Het wijkteam", "De GGD", "Nidos", "De provincie", "Het college",
]  # fmt: skip
VERBS = [
    "zoekt", "organiseert", "regelt", "bespreekt", "financiert", "versnelt", "ondersteunt",
    "evalueert", "verbetert", "agendeert",
]  # fmt: skip
TOPICS = [
    "huisvesting voor statushouders", "crisisnoodopvang in de sporthal", "huurwoningen voor "
    "gezinnen", "begeleiding van AMV", "een nieuw azc", "de CNO-locatie", "taallessen en "
    "inburgering", "werk voor nieuwkomers", "opvang van Oekraïners", "zorg in de noodopvang",
    "flexwoningen", "schoolplekken voor kinderen", "de taakstelling", "gezinshereniging",
    "schuldhulpverlening", "kleinschalige opvang voor jongeren", "doorstroom uit het azc",
    "tijdelijke woonunits", "een buddyproject voor statushouders", "dagbesteding",
]  # fmt: skip
TAILS = [
    "in {year}", "samen met de corporaties", "omdat de wachtlijsten groeien",
    "binnen de regio IJsselland", "met steun van de provincie", "na overleg met het COA",
    "voor de komende twee jaar", "zodat gezinnen sneller een woning krijgen",
]  # fmt: skip
BEGRIPPEN = [
    {
        "slug": "amv",
        "term": "alleenstaande minderjarige vreemdeling",
        "abbreviation": "AMV",
        "definition": "Een minderjarige die zonder ouders asiel aanvraagt.",
        "synonyms": ["alleenstaande minderjarige vreemdelingen", "alleenreizende minderjarige"],
    },
    {
        "slug": "azc",
        "term": "asielzoekerscentrum",
        "abbreviation": "azc",
        "definition": "Een opvanglocatie van het COA.",
        "synonyms": ["asielzoekerscentra"],
    },
    {
        "slug": "cno",
        "term": "crisisnoodopvang",
        "abbreviation": "CNO",
        "definition": "Tijdelijke opvang met spoed ingericht.",
        "synonyms": ["crisisnoodopvanglocatie"],
    },
]
# Planted in one item in a thousand, and nowhere else.
RARE_WORD = "zwaluwnesten"
RARE_EVERY = 1000


def _sentence(rng, gemeente, year):
    subject = rng.choice(SUBJECTS).format(gemeente=gemeente)
    tail = rng.choice(TAILS).format(year=year)
    return f"{subject} {rng.choice(VERBS)} {rng.choice(TOPICS)} {tail}."


def _item(number, type_slug, rng):
    gemeenten = rng.sample(GEMEENTEN, rng.choice([1, 1, 2]))
    date = datetime.date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))

    def paragraph():
        return " ".join(_sentence(rng, gemeenten[0], date.year) for _ in range(rng.randint(3, 5)))

    paragraphs = [paragraph() for _ in range(rng.randint(2, 4))]
    if number % RARE_EVERY == 7:
        paragraphs.append(f"In {gemeenten[0]} kregen de {RARE_WORD} onder het dak een plek.")
    topic = rng.choice(TOPICS)
    item = {
        "type": type_slug,
        "slug": f"{type_slug}-{number}",
        "title": f"{topic[0].upper()}{topic[1:]} in {gemeenten[0]}",
        "summary": _sentence(rng, gemeenten[0], date.year),
        "date": date.isoformat(),
        "visibility": "network" if rng.random() < 0.2 else "public",
        "body": "\n\n".join(paragraphs),
        "themes": rng.sample(THEMES, rng.choice([1, 2])),
        "gemeenten": gemeenten,
        "doelgroepen": rng.sample(DOELGROEPEN, 1),
        "organisaties": rng.sample(ORGANISATIES, 1),
    }
    if type_slug == "knoop":
        item["status"] = rng.choice(["gesignaleerd", "geagendeerd", "geescaleerd", "opgelost"])
    elif type_slug == "besluit":
        item["decision_body"] = rng.choice(["RRVIJ", "BOV", "PRT"])
        item["meeting_date"] = item["date"]
        item["decision_points"] = [_sentence(rng, gemeenten[0], date.year) for _ in range(2)]
    return item


def corpus(size, seed):
    """The same size and seed give the same JSON Lines, begrippen first."""
    rng = random.Random(seed)
    types = rng.choices(list(TYPE_SHARES), weights=list(TYPE_SHARES.values()), k=size)
    lines = [{"type": "begrip", **begrip} for begrip in BEGRIPPEN]
    lines += [_item(number, type_slug, rng) for number, type_slug in enumerate(types)]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def percentiles(seconds, prefix=""):
    """p50 and p95 (nearest rank) in milliseconds."""
    ordered = sorted(seconds)

    def rank(share):
        return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)] * 1000, 2)

    return {f"{prefix}p50_ms": rank(0.5), f"{prefix}p95_ms": rank(0.95)}


@contextmanager
def time_limit(seconds):
    """Stop the database's work after `seconds` with an OperationalError: on SQLite through
    its progress handler, on PostgreSQL by statement_timeout. (Plain Wagtail's search on SQLite
    takes hours for a common word at 100,000 items: waiting for it is no option.)"""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        deadline = time.perf_counter() + seconds
        connection.connection.set_progress_handler(lambda: time.perf_counter() > deadline, 10_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


def timed(call, repetitions, cap=None):
    """Call once to warm up, then `repetitions` times; a call slower than the cap (stopped
    there) ends it. What the warm-up call returns (a number of results) is reported as
    `found`."""
    start = time.perf_counter()
    try:
        with time_limit(cap) if cap else nullcontext():
            found = call()
    except OperationalError:
        return {"over_cap": True, "first_call_s": round(time.perf_counter() - start, 2)}
    first = time.perf_counter() - start
    if cap is not None and first > cap:
        return {"over_cap": True, "first_call_s": round(first, 2)}
    # This process's CPU time too: on a busy machine it stays close to what an idle one would
    # take, while the clock also counts the waits for a core (SQLite works in the process).
    seconds, cpu = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "n": repetitions,
        **percentiles(seconds),
        **percentiles(cpu, prefix="cpu_"),
        **({} if found is None else {"found": found}),
    }


def requests_to_time():
    """name → URL of the requests measured; facet values that exist in every corpus."""
    detail = Parel.objects.visible_to(Viewer.anonymous()).order_by("pk").first()
    return {
        "api common word": "/api/zoeken/?q=opvang",
        "api rare word": f"/api/zoeken/?q={RARE_WORD}",
        "api two words": "/api/zoeken/?q=statushouders+huisvesting",
        "api abbreviation": "/api/zoeken/?q=AMV",
        "api word + 2 facets": "/api/zoeken/?q=opvang&thema=opvang&gemeente=zwolle",
        "api facet only": "/api/zoeken/?type=parel",
        "html search page": "/zoeken/?q=opvang",
        "detail page": detail.url,
        "section index": "/parels/",
        "suggestions": "/api/zoeken/suggesties/?q=stat",
    }


# The text queries the references answer too: name → query
REFERENCE_QUERIES = {
    "common word": "opvang",
    "rare word": RARE_WORD,
    "two words": "statushouders huisvesting",
    "abbreviation": "AMV",
}


def floor_query(query):
    """The bare backend query, top 20 by rank, through a raw cursor."""
    table = IndexEntry._meta.db_table
    if connection.vendor == "postgresql":
        # Each column on its own, as the engine matches (search/backends.py): `title || body`
        # builds a tsvector per row, which no index serves (twice as slow at 10,000 items).
        sql = (
            f"SELECT object_id FROM {table}, plainto_tsquery('dutch', %s) q "
            "WHERE title @@ q OR body @@ q ORDER BY ts_rank(title, q) + ts_rank(body, q) DESC "
            "LIMIT 20"
        )
        params = [query]
    else:
        sql = (
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s "
            f"ORDER BY bm25({table}_fts) LIMIT 20"
        )
        params = [" ".join(f'"{stem(word.lower())}"' for word in query.split())]

    def call():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    return call


def engine_floor(url):
    """The raw engine query of an /api/zoeken/ URL: the same words, filters, privacy, facets
    and top 20 (per_page) as the API asks, and a minimal JSON of what it answered; no
    database, labels, highlight or Django request."""
    form = SearchForm(QueryDict(url.partition("?")[2]))
    assert form.is_valid(), form.errors
    params = form.cleaned_data
    query = parse(params["q"])
    selected = {name: params[name] for name in facet_names() if params.get(name)}
    anonymous = type("Anonymous", (), {"user": AnonymousUser(), "session": {}})()
    denied = setup().denied_keys(anonymous)
    request = engine_request(query, selected, params, denied)
    request.required = required_groups(query)
    engine = configured()

    def call():
        result = engine.search(request)
        json.dumps({"ids": result.ids, "count": result.total, "facets": result.facets})
        return result.total

    return call


PLAIN_TEMPLATE = Template(
    "<ul>{% for page in results %}<li><a href='{{ page.url }}'>{{ page.title }}</a></li>"
    "{% endfor %}</ul>"
)


def plain_wagtail_query(query):
    """Wagtail's own way: search the live public items, render the first 20, no facets. Public
    by the visibility column: `Page.objects.public()` adds a clause per restricted page, which
    SQLite refuses ("Expression tree is too large") beyond about a thousand of them."""

    def call():
        items = KennisItem.objects.live().filter(visibility=Visibility.PUBLIC)
        results = items.specific().search(query)[:20]
        PLAIN_TEMPLATE.render(Context({"results": results}))
        return len(results)

    return call


def load_corpus(size, seed, out=print):
    """Import the corpus through the import path; returns the seconds it took."""
    text = corpus(size, seed)
    start, start_cpu = time.perf_counter(), time.process_time()
    import_stream(io.StringIO(text))
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    out(f"import: {size} items in {seconds:.1f} s ({size / seconds:.0f} items/s), CPU {cpu:.1f} s")
    return seconds, cpu


# How many items the benchmark imports again, changed, to time the update path.
REIMPORT_SIZE = 1000


def reimport(corpus_size, size, seed, out=print):
    """Import the first `size` items of the corpus again, each with a new summary and nothing
    else changed: the update path a nightly sync takes. Returns the items, seconds and CPU
    seconds. Taken from the corpus as imported: a smaller corpus of the same seed draws every
    other field anew (its random numbers come in another order)."""
    lines = corpus(corpus_size, seed).splitlines()[: len(BEGRIPPEN) + size]
    changed = []
    for line in lines:
        item = json.loads(line)
        if item["type"] != "begrip":
            item["summary"] = "Bijgewerkt: " + item["summary"]
        changed.append(json.dumps(item, ensure_ascii=False))
    items = len(changed) - len(BEGRIPPEN)
    start, start_cpu = time.perf_counter(), time.process_time()
    import_stream(io.StringIO("\n".join(changed) + "\n"))
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    out(
        f"re-import: {items} items updated in {seconds:.1f} s ({items / seconds:.0f} items/s), "
        f"CPU {cpu:.1f} s"
    )
    return items, seconds, cpu


# A fresh database has no collected static files: pages link to them by their plain names.
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def machine_speed():
    """Milliseconds a fixed pure-Python loop takes (median of five): on a shared virtual
    machine the same run can be twice as slow one hour as the next, and this tells them apart."""
    seconds = []
    for _ in range(5):
        start = time.perf_counter()
        sum(number * number for number in range(1_000_000))
        seconds.append(time.perf_counter() - start)
    return round(sorted(seconds)[2] * 1000, 1)


# Every request does its work: the pages kept for visitors without a session
# (kennisbank/public/cache.py) are timed on their own, as "kept".
@override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}, PAGE_CACHE_SECONDS=0
)
def run(size, seed, repetitions, plain_repetitions, cap, out=print):
    """One benchmark run on the current (empty, migrated) database; returns every figure."""
    speed = machine_speed()
    import_seconds, import_cpu = load_corpus(size, seed, out)
    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    index_seconds = time.perf_counter() - start
    out(f"index build: {index_seconds:.1f} s")
    updated, update_seconds, update_cpu = reimport(size, min(size, REIMPORT_SIZE), seed, out)
    if connection.vendor == "postgresql":
        # The tables as autovacuum keeps them in production (a test server may run without):
        # the rows the rebuild replaced reclaimed, the GIN indexes' pending entries merged.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    client = Client(HTTP_HOST="localhost")

    def get(url):
        def call():
            # As over HTTPS, which the site requires unless DEBUG is on or HTTPS=0.
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)
            if url.startswith("/api/zoeken/?"):
                return response.json()["count"]

        return call

    requests = {}
    for name, url in requests_to_time().items():
        requests[name] = {"url": url, **timed(get(url), repetitions)}
        out(f"{name}: {requests[name]}")
    kept = {}
    with override_settings(PAGE_CACHE_SECONDS=300):
        for name, url in requests_to_time().items():
            kept[name] = {"url": url, **timed(get(url), repetitions)}
            out(f"kept {name}: {kept[name]}")
    engine, sql = {}, {}
    searches = {name: url for name, url in requests_to_time().items() if "zoeken/?" in url}
    for name, url in searches.items():
        if configured() is not None and url.startswith("/api/"):
            engine[name] = timed(engine_floor(url), repetitions)
            out(f"engine floor {name}: {engine[name]}")
        with override_settings(SEARCH_BACKEND="database"):
            sql[name] = {"url": url, **timed(get(url), repetitions, cap)}
        out(f"SQL path {name}: {sql[name]}")
    floor, plain = {}, {}
    for name, query in REFERENCE_QUERIES.items():
        floor[name] = timed(floor_query(query), repetitions, cap)
        out(f"floor {name}: {floor[name]}")
        plain[name] = timed(plain_wagtail_query(query), plain_repetitions, cap)
        out(f"plain Wagtail {name}: {plain[name]}")

    semantic = semantic_figures(searches, get, repetitions, out)
    ours = requests["api common word"]["p95_ms"]
    return {
        "engine": configured().name if configured() else "database",
        "database": connection.vendor,
        "size": size,
        "seed": seed,
        "items": KennisItem.objects.count(),
        "import_s": round(import_seconds, 2),
        "import_items_per_s": round(size / import_seconds, 1),
        "import_cpu_s": round(import_cpu, 2),
        "index_build_s": round(index_seconds, 2),
        "reimport_items": updated,
        "reimport_items_per_s": round(updated / update_seconds, 1),
        "reimport_cpu_s": round(update_cpu, 2),
        "requests": requests,
        # The same requests answered from the pages kept for visitors (after the first).
        "requests_kept": kept,
        "engine_floor": engine,
        "sql_path": sql,
        # Per search: our p95 over the engine floor's, and over the SQL path's.
        "ratio_p95_to_engine_floor": {
            name: _ratio(requests[name]["p95_ms"], result) for name, result in engine.items()
        },
        "ratio_p95_to_sql_path": {
            name: _ratio(requests[name]["p95_ms"], result) for name, result in sql.items()
        },
        "semantic": semantic,
        "floor": floor,
        "plain_wagtail": plain,
        "ratio_common_p95_to_floor": _ratio(ours, floor["common word"]),
        "ratio_common_p95_to_plain_wagtail": _ratio(ours, plain["common word"]),
        # How busy the machine was (1-minute load average at the end): above its number of
        # cores, other work shared them and the clock times above are too high.
        "load_average": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
        "machine_speed_ms": speed,
        # Linux reports kilobytes.
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def semantic_figures(searches, get, repetitions, out=print):
    """The semantic side: every item embedded as the background worker does it (items/s),
    then the API searches timed with it on and off, and the memory of its vectors."""
    start = time.perf_counter()
    embedded = embed_pending()
    seconds = time.perf_counter() - start
    out(f"embeddings: {embedded} items in {seconds:.1f} s ({embedded / seconds:.0f} items/s)")
    figures = {"embedded": embedded, "embed_items_per_s": round(embedded / seconds, 1)}
    for name, url in searches.items():
        if url.startswith("/api/"):
            with override_settings(SEARCH_SEMANTIC=False):
                without = timed(get(url), repetitions)
            with override_settings(SEARCH_SEMANTIC=True):
                with_semantic = timed(get(url), repetitions)
            figures[name] = {
                "without_p95_ms": without["p95_ms"],
                "with_p95_ms": with_semantic["p95_ms"],
            }
            out(f"semantic {name}: {figures[name]}")
    ids, vectors = semantic_vectors()
    figures["vectors_mb"] = round((ids.nbytes + vectors.nbytes) / 2**20, 1)
    return figures


def _ratio(ours, reference):
    return None if reference.get("over_cap") else round(ours / reference["p95_ms"], 2)


def table(figures):
    """The figures as a Markdown table, as in docs/performance.md."""
    rows = [
        f"| import | {figures['import_items_per_s']} items/s ({figures['import_s']} s, "
        f"CPU {figures['import_cpu_s']} s) |",
        f"| index build (update_index) | {figures['index_build_s']} s |",
        f"| re-import (updates) | {figures['reimport_items_per_s']} items/s "
        f"({figures['reimport_items']} items, CPU {figures['reimport_cpu_s']} s) |",
    ]
    groups = (
        ("requests", ""),
        ("requests_kept", "kept for visitors: "),
        ("engine_floor", "engine floor: "),
        ("sql_path", "SQL path: "),
        ("floor", "database floor: "),
        ("plain_wagtail", "Wagtail: "),
    )
    for group, label in groups:
        for name, result in figures[group].items():
            if result.get("over_cap"):
                value = f"over the cap (stopped after {result['first_call_s']} s)"
            else:
                value = (
                    f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms (n={result['n']}); "
                    f"CPU p50 {result['cpu_p50_ms']} ms, p95 {result['cpu_p95_ms']} ms"
                )
            rows.append(f"| {label}{name} | {value} |")
    for name, ratio in figures["ratio_p95_to_engine_floor"].items():
        rows.append(f"| ratio {name} p95 / engine floor | {ratio} |")
    for name, ratio in figures["ratio_p95_to_sql_path"].items():
        rows.append(f"| ratio {name} p95 / SQL path | {ratio} |")
    semantic = figures["semantic"]
    rows.append(
        f"| embeddings (background worker) | {semantic['embed_items_per_s']} items/s "
        f"({semantic['embedded']} items; vectors {semantic['vectors_mb']} MB) |"
    )
    for name, result in semantic.items():
        if isinstance(result, dict):
            rows.append(
                f"| semantic {name}: p95 without / with | {result['without_p95_ms']} ms / "
                f"{result['with_p95_ms']} ms |"
            )
    rows += [
        f"| ratio common word p95 / database floor | {figures['ratio_common_p95_to_floor']} |",
        f"| ratio common word p95 / plain Wagtail | "
        f"{figures['ratio_common_p95_to_plain_wagtail']} |",
        f"| max resident memory | {figures['max_rss_mb']} MB |",
        f"| load average at the end | {figures['load_average']} on {figures['cores']} cores |",
        f"| machine speed (fixed loop, lower is faster) | {figures['machine_speed_ms']} ms |",
    ]
    head = (
        f"| {figures['engine']} engine, {figures['database']}, {figures['size']} items | |\n"
        "|---|---|\n"
    )
    return head + "\n".join(rows)
