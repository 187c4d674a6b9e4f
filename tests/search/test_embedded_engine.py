"""The embedded engine across processes: several web workers and the background worker
share one index folder. One writes at a time, the others see a commit at once, a writer
killed mid-way leaves the last commit searchable, and a rebuild swaps a new index in while
searches go on."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.engines.base import Document, EngineUnavailable, Request
from search.engines.embedded import EmbeddedEngine

ROOT = Path(__file__).resolve().parents[2]
# Run in another process: index `count` documents from `start`, one commit per `batch`.
WRITER = """
import datetime, sys
from search.engines.base import Document
from search.engines.embedded import EmbeddedEngine
root, start, count, batch = sys.argv[1], *map(int, sys.argv[2:5])
engine = EmbeddedEngine(root)
for first in range(start, start + count, batch):
    engine.index(
        Document(id=pk, date=datetime.date(2024, 1, 1), title=("woning",))
        for pk in range(first, min(first + batch, start + count))
    )
    print(first + batch - start, flush=True)
"""


def writer(root, start, count, batch=None):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), str(start), str(count), str(batch or count)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )


def doc(pk, title="woning", **keywords):
    return Document(
        id=pk,
        date=datetime.date(2024, 1, 1),
        title=(title,),
        keywords={"type": ("parel",), **keywords},
    )


def total(engine):
    return engine.search(Request(limit=0)).total


@pytest.fixture
def engine(tmp_path):
    return EmbeddedEngine(tmp_path / "index")


def test_what_another_process_commits_is_found_at_once(engine):
    engine.index([doc(1)])
    assert total(engine) == 1  # this process has the index open
    assert writer(engine.root, 100, 1).wait(timeout=30) == 0
    start = time.monotonic()
    assert total(engine) == 2
    assert time.monotonic() - start < 1


def test_processes_writing_together_lose_nothing(engine):
    writers = [writer(engine.root, start, 200, batch=20) for start in (1000, 2000, 3000)]
    engine.index([doc(pk) for pk in range(1, 51)])
    assert [process.wait(timeout=60) for process in writers] == [0, 0, 0]
    assert total(engine) == 650


def test_a_writer_killed_mid_way_leaves_the_last_commit_usable(engine):
    process = writer(engine.root, 1, 100_000, batch=500)
    assert int(process.stdout.readline()) == 500  # the first commit is done
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    committed = total(engine)
    assert committed >= 500 and committed % 500 == 0
    engine.index([doc(200_000)])  # its lock died with it: others write on
    assert total(engine) == committed + 1


def test_search_answers_from_the_old_index_during_a_rebuild_and_keeps_what_changed(engine):
    engine.index([doc(pk) for pk in range(1, 11)])
    seen = []

    def documents():
        for pk in range(1, 3001):
            if pk == 1500:
                seen.append(total(engine))  # mid-rebuild: the old index answers
                engine.index([doc(5000)])  # published meanwhile
                engine.remove([7])  # deleted meanwhile
            yield doc(pk)

    def changed(ids):
        assert ids == [7, 5000]
        return [doc(5000, "nieuw")]

    engine.rebuild(documents(), changed)
    assert seen == [10]
    assert total(engine) == 3000  # 3000, less 7, plus 5000
    assert engine.search(Request(filters={"type": ["parel"]}, limit=0)).total == 3000
    assert len(list(engine.root.glob("index-*"))) == 1  # the old folder is gone


def test_more_than_ten_thousand_matches_counted_exactly(engine):
    engine.rebuild(
        doc(pk, "opvang" if pk % 3 else "woning", gemeente=("zwolle" if pk % 2 else "kampen",))
        for pk in range(1, 15_001)
    )
    result = engine.search(Request(filters={"gemeente": ["zwolle"]}, facets=("gemeente",)))
    assert result.total == 7_500
    assert result.facets["gemeente"] == {"zwolle": 7_500, "kampen": 7_500}
    assert engine.search(Request(limit=0)).total == 15_000


def test_missing_or_corrupt_index_is_unavailable_not_an_error(engine):
    with pytest.raises(EngineUnavailable):
        engine.search(Request())
    engine.index([doc(1)])
    (engine.current() / "meta.json").write_text("{ kapot")
    fresh = EmbeddedEngine(engine.root.parent / "elsewhere")
    fresh.root.mkdir()
    (fresh.root / "current").write_text(engine.current().name)
    (fresh.root / engine.current().name).symlink_to(engine.current())
    with pytest.raises(EngineUnavailable):
        fresh.search(Request())


def test_an_index_of_an_older_format_is_not_searched(engine):
    """After an upgrade that changes the analysis, the old index is not asked (its tokens no
    longer match the queries'): unavailable until rebuilt."""
    engine.index([doc(1)])
    old = engine.root / "index-1-123"
    engine.current().rename(old)
    engine.pointer.write_text(old.name)
    with pytest.raises(EngineUnavailable):
        engine.search(Request())
    engine.rebuild([doc(1)])
    assert engine.search(Request()).ids == [1]
