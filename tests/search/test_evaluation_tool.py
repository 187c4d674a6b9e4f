"""The search-quality tool (tests/tools/evaluate.py, docs/search-quality.md): its scores on a
hand-made ranking, and its data: every document passes the import's checks and every judged
item exists."""

import io
import math

import pytest

from kennisbank.interchange import parse_lines
from tests.tools.evaluate import (
    DOCUMENTS,
    KINDS,
    QUERIES,
    document_keys,
    ndcg,
    public_judgments,
    read_jsonl,
    reciprocal_rank,
    summarise,
)


def test_ndcg_of_a_hand_made_ranking():
    relevant = {"parel/a": 2, "knoop/b": 1}
    # Gains 2**grade - 1: the answer (3) at rank 2, the useful item (1) at rank 3.
    found = 3 / math.log2(3) + 1 / math.log2(4)
    ideal = 3 / math.log2(2) + 1 / math.log2(3)
    assert ndcg(["artikel/x", "parel/a", "knoop/b"], relevant) == pytest.approx(found / ideal)
    assert ndcg(["parel/a", "knoop/b", "artikel/x"], relevant) == pytest.approx(1.0)
    assert ndcg([], relevant) == 0.0


def test_ndcg_counts_only_the_first_ten():
    ranking = [f"artikel/{n}" for n in range(10)] + ["parel/a"]
    assert ndcg(ranking, {"parel/a": 2}) == 0.0


def test_ndcg_of_a_query_without_judgments_is_not_scored():
    assert ndcg(["parel/a"], {}) is None


def test_reciprocal_rank_is_one_over_the_first_judged_rank():
    assert reciprocal_rank(["artikel/x", "knoop/b", "parel/a"], {"parel/a": 2, "knoop/b": 1}) == 0.5
    assert reciprocal_rank(["artikel/x"], {"parel/a": 2}) == 0.0
    assert reciprocal_rank([f"artikel/{n}" for n in range(10)] + ["parel/a"], {"parel/a": 2}) == 0


def test_summary_averages_per_kind_and_overall_and_skips_unscored_queries():
    rows = [
        {"kind": "typo", "ndcg": 1.0, "mrr": 1.0},
        {"kind": "typo", "ndcg": 0.5, "mrr": 0.5},
        {"kind": "plain", "ndcg": 0.0, "mrr": 0.0},
        {"kind": "plain", "ndcg": None, "mrr": 0.0},
    ]
    summary = summarise(rows)
    assert summary["typo"] == {"n": 2, "ndcg": 0.75, "mrr": 0.75}
    assert summary["plain"]["n"] == 1
    assert summary["alle"] == {"n": 3, "ndcg": 0.5, "mrr": 0.5}


def test_anonymous_judgments_drop_network_items():
    visibility = {"parel/a": "public", "knoop/b": "network"}
    assert public_judgments({"parel/a": 2, "knoop/b": 2}, visibility) == {"parel/a": 2}


@pytest.mark.django_db
def test_every_document_passes_the_import_checks():
    records, errors = parse_lines(io.BytesIO(DOCUMENTS.read_bytes()))
    assert errors == []
    assert len(records) == len(read_jsonl(DOCUMENTS))


def test_every_judged_item_exists_and_every_query_has_a_known_kind():
    known = document_keys()
    for query in read_jsonl(QUERIES):
        assert query["kind"] in KINDS, query
        assert query["relevant"], query
        for key, grade in query["relevant"].items():
            assert key in known, (query["query"], key)
            assert not key.startswith("begrip/"), "the search returns items, not glossary entries"
            assert grade in (1, 2), (query["query"], key)
