"""The search-quality evaluation behind `make evaluate` (docs/search-quality.md): our own set of
documents and judged queries (tests/tools/evaluation/), imported into a fresh database the way
the held-out evaluation does it, then every query asked through /api/zoeken/ anonymously and as
a Gemeente member, scored by nDCG@10 and MRR, overall and per kind of query.

    python -m tests.tools.run evaluate [--database-url URL] [--json out.json]

The settings read the database and the index folder from the environment once, at start-up, so
the tool starts itself again in a child process with a fresh temporary SQLite file (or a new,
uniquely named PostgreSQL database on the server of --database-url) and a temporary index.
"""

import io
import json
import math
import os
import subprocess
import sys
import tempfile
import uuid
import warnings
from collections import defaultdict
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from kennisbank.accounts.roles import GEMEENTE
from tests.factories import create_member
from tests.tools.bench import postgres_database
from tests.tools.benchmark import PLAIN_STATIC

DATA = Path(__file__).parent / "evaluation"
DOCUMENTS = DATA / "documents.jsonl"
QUERIES = DATA / "queries.jsonl"
CUTOFF = 10
KINDS = ("typo", "wording", "question", "forms", "distractor", "plain")
WORST = 15
CHILD_FLAG = "--in-fresh-database"


# ------------------------------------------------------------------ scoring (pure functions)


def dcg(gains):
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg(ranking, relevant, cutoff=CUTOFF):
    """nDCG@cutoff of a ranking (keys, best first) against graded judgments {key: 2 or 1},
    with gain 2**grade - 1 (an answer weighs three times a merely useful item). None when
    nothing is judged relevant: such a query cannot be scored."""
    ideal = dcg(2**grade - 1 for grade in sorted(relevant.values(), reverse=True)[:cutoff])
    if not ideal:
        return None
    return dcg(2 ** relevant.get(key, 0) - 1 for key in ranking[:cutoff]) / ideal


def reciprocal_rank(ranking, relevant, cutoff=CUTOFF):
    """1 / the rank of the first judged item within the cutoff, 0 when there is none."""
    for rank, key in enumerate(ranking[:cutoff], 1):
        if relevant.get(key, 0) > 0:
            return 1 / rank
    return 0.0


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def summarise(rows):
    """{kind or "alle": {"n", "ndcg", "mrr"}} over the scored rows of one audience."""
    by_kind = defaultdict(list)
    for row in rows:
        if row["ndcg"] is not None:
            by_kind[row["kind"]].append(row)
            by_kind["alle"].append(row)
    return {
        kind: {
            "n": len(scored),
            "ndcg": mean(row["ndcg"] for row in scored),
            "mrr": mean(row["mrr"] for row in scored),
        }
        for kind, scored in by_kind.items()
    }


# ------------------------------------------------------------------ the data


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def document_keys():
    """{"type/slug": visibility} of the items in documents.jsonl (glossary entries too)."""
    return {
        f"{doc['type']}/{doc['slug']}": doc.get("visibility", "public")
        for doc in read_jsonl(DOCUMENTS)
    }


def public_judgments(relevant, visibility):
    """The judgments an anonymous visitor can meet: network-only items dropped."""
    return {key: grade for key, grade in relevant.items() if visibility[key] == "public"}


# ------------------------------------------------------------------ running the queries


def ask(client, query):
    """The keys (type/slug) and visibilities of the first CUTOFF results, in order."""
    url = "/api/zoeken/?" + urlencode({"q": query, "per_page": CUTOFF})
    # As over HTTPS, which the site requires unless DEBUG is on or HTTPS=0.
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise CommandError(f"{url}: status {response.status_code}")
    return [
        (f"{result['type']}/{result['slug']}", result["visibility"])
        for result in response.json()["results"]
    ]


def run_queries(clients, queries, visibility):
    """One row per query and audience: the ranking, its scores and any leak."""
    rows = []
    for audience, client in clients.items():
        for item in queries:
            results = ask(client, item["query"])
            ranking = [key for key, _visibility in results]
            relevant = item["relevant"]
            if audience == "anoniem":
                relevant = public_judgments(relevant, visibility)
            rows.append(
                {
                    "audience": audience,
                    "kind": item["kind"],
                    "query": item["query"],
                    "ndcg": ndcg(ranking, relevant),
                    "mrr": reciprocal_rank(ranking, relevant),
                    "ranking": ranking,
                    "judged": relevant,
                    # Counted from what the API itself says, and from the file: both must be 0.
                    "leaks": [
                        key
                        for key, shown in results
                        if audience == "anoniem"
                        and (shown != "public" or visibility.get(key) == "network")
                    ],
                }
            )
    return rows


def evaluate():
    """Fresh (migrated, empty) database → import, worker, member, queries → figures."""
    call_command("migrate", verbosity=0, interactive=False)
    call_command("import_kennis", str(DOCUMENTS), stdout=io.StringIO())
    # As on the command line: given as a keyword, --backend would leave argparse to check its
    # default ("default", not a database backend) and fail.
    call_command(
        "db_worker",
        "--backend",
        "background",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        verbosity=0,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    member = create_member("evaluatie", GEMEENTE, "Zwolle", gemeente="Zwolle")
    anonymous, logged_in = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    logged_in.force_login(member)
    queries = read_jsonl(QUERIES)
    # Whitenoise warns that the static folder was never collected: the API needs none.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    # A fresh database has no collected static files: pages link to them by their plain names.
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}):
        rows = run_queries({"anoniem": anonymous, "gemeente": logged_in}, queries, document_keys())
    return {
        "database": connection.vendor,
        "queries": len(queries),
        "summary": {
            audience: summarise(r for r in rows if r["audience"] == audience)
            for audience in ("anoniem", "gemeente")
        },
        "leaks": sum(len(row["leaks"]) for row in rows),
        "distractor_misses": [
            row
            for row in rows
            if row["kind"] == "distractor"
            and row["judged"]
            and (not row["ranking"] or row["judged"].get(row["ranking"][0], 0) == 0)
        ],
        "rows": rows,
    }


# ------------------------------------------------------------------ the report


def _figure(value):
    return "-" if value is None else f"{value:.3f}"


def worst(rows, count=WORST):
    """The lowest-scoring queries, each once: its worse audience, or "beide" when both
    audiences got the same score and the same first result."""
    by_query = defaultdict(list)
    for row in rows:
        if row["ndcg"] is not None:
            by_query[row["query"]].append(row)
    picked = []
    for same_query in by_query.values():
        low = min(same_query, key=lambda row: row["ndcg"])
        if (
            len(same_query) > 1
            and len({(r["ndcg"], tuple(r["ranking"][:1])) for r in same_query}) == 1
        ):
            low = {**low, "audience": "beide"}
        picked.append(low)
    return sorted(picked, key=lambda row: (row["ndcg"], row["query"]))[:count]


def report(figures):
    """The table and the lists, as text (Dutch: the people who read it are Dutch)."""
    summary = figures["summary"]
    lines = [
        f"Zoekkwaliteit ({figures['database']}, {figures['queries']} zoekvragen)",
        "",
        "| soort | n anoniem | nDCG@10 anoniem | MRR anoniem | n gemeente | nDCG@10 gemeente "
        "| MRR gemeente |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in ("alle", *KINDS):
        cells = [kind]
        for audience in ("anoniem", "gemeente"):
            scores = summary[audience].get(kind, {"n": 0, "ndcg": None, "mrr": None})
            cells += [str(scores["n"]), _figure(scores["ndcg"]), _figure(scores["mrr"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Netwerkitems in anonieme resultaten: {figures['leaks']} (moet 0 zijn)"]
    for row in figures["rows"]:
        if row["leaks"]:
            lines.append(f"  LEK {row['query']!r}: {', '.join(row['leaks'])}")
    misses = figures["distractor_misses"]
    lines.append(f"Afleiders met een niet-relevant eerste resultaat: {len(misses)}")
    for row in misses:
        first = row["ranking"][0] if row["ranking"] else "(niets gevonden)"
        lines.append(f"  [{row['audience']}] {row['query']!r}: eerst {first}")
    lines += ["", f"De {WORST} slechtste zoekvragen (nDCG@10, wat eerst kwam, wat bedoeld was):"]
    for row in worst(figures["rows"]):
        first = row["ranking"][0] if row["ranking"] else "(niets gevonden)"
        wanted = ", ".join(key for key, grade in row["judged"].items() if grade == 2)
        lines.append(
            f"  {row['ndcg']:.3f} [{row['audience']}, {row['kind']}] {row['query']!r}: "
            f"eerst {first}; bedoeld {wanted or '-'}"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------ the command


def fresh_database_url(url, folder):
    """A temporary SQLite file in `folder`, or the server of a PostgreSQL URL with a new,
    unique database name (created and dropped by the child, see bench.postgres_database)."""
    if not url:
        return f"sqlite:///{folder}/evaluate.sqlite3"
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise CommandError("--database-url: alleen een postgresql://-URL (zonder: SQLite).")
    name = f"kennisbank_evaluate_{uuid.uuid4().hex[:12]}"
    return urlunsplit(parts._replace(path=f"/{name}"))


class Command(BaseCommand):
    help = (
        "Zoekkwaliteit meten (docs/search-quality.md): eigen documenten en beoordeelde "
        "zoekvragen in een verse database, nDCG@10 en MRR per soort zoekvraag."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            help="een PostgreSQL-server (postgresql://user@host:port/naam); de tool maakt er "
            "een eigen database op en verwijdert die weer. Zonder: een tijdelijke SQLite.",
        )
        parser.add_argument("--json", help="schrijf alle cijfers en rangschikkingen hierheen")
        # Internal: this process is the child, on the fresh database its environment names.
        parser.add_argument(CHILD_FLAG, action="store_true", help="intern")

    def handle(self, **options):
        if options["in_fresh_database"]:
            return self.child(options)
        with tempfile.TemporaryDirectory(prefix="kennisbank-evaluate-") as folder:
            env = {
                **os.environ,
                "DATABASE_URL": fresh_database_url(options["database_url"], folder),
                "SEARCH_INDEX_DIR": f"{folder}/search-index",
                "MEDIA_ROOT": f"{folder}/media",
                "ALLOWED_HOSTS": "localhost",
                "SECRET_KEY": os.environ.get("SECRET_KEY") or "evaluate-only-not-secret",
            }
            command = [sys.executable, "-m", "tests.tools.run", "evaluate", CHILD_FLAG]
            if options["json"]:
                command += ["--json", str(Path(options["json"]).resolve())]
            finished = subprocess.run(command, env=env, cwd=Path(__file__).parents[2])
        if finished.returncode:
            raise CommandError(f"De evaluatie stopte met code {finished.returncode}.")

    def child(self, options):
        with postgres_database() if connection.vendor == "postgresql" else nullcontext():
            figures = evaluate()
        self.stdout.write(report(figures))
        if options["json"]:
            path = Path(options["json"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
            self.stdout.write(f"Cijfers geschreven naar {path}")
