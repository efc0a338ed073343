"""Metrics against values worked out by hand on a tiny qrels set."""
from __future__ import annotations

import math

import pytest

from ui_search import metrics
from ui_search.evaluation import score_query

# one query: a judged 0, b judged 2, c judged 1, e judged 2 (never retrieved); x, y unjudged
GRADES = {"a": 0, "b": 2, "c": 1, "e": 2}
TOP = {"b", "e"}
L3 = math.log2(3)  # discount at rank 2


def test_dcg_uses_exponential_gain_and_log2_discount():
    # (2^2-1)/log2(2) + (2^1-1)/log2(3) + 0
    assert metrics.dcg([2, 1, 0]) == pytest.approx(3 + 1 / L3)
    assert metrics.dcg([]) == 0.0


def test_ndcg_by_hand():
    # ranking a, b, c: DCG = 0 + 3/log2 3 + 1/log2 4; ideal order 2, 2, 1: 3 + 3/log2 3 + 1/2
    expected = (3 / L3 + 0.5) / (3 + 3 / L3 + 0.5)
    assert expected == pytest.approx(0.44370, abs=1e-5)
    assert metrics.ndcg_at_k(["a", "b", "c"], GRADES, 10) == pytest.approx(expected)


def test_ndcg_cutoff_and_perfect_order():
    assert metrics.ndcg_at_k(["b", "e", "c", "a"], GRADES, 10) == pytest.approx(1.0)
    # at k=2 the ideal is the two grade-2 documents: 3 + 3/log2 3
    assert metrics.ndcg_at_k(["b", "a", "c"], GRADES, 2) == pytest.approx(3 / (3 + 3 / L3))
    assert metrics.ndcg_at_k(["x", "y"], GRADES, 10) == 0.0
    assert metrics.ndcg_at_k(["a"], {"a": 0}, 10) == 0.0  # nothing relevant: 0, not a division by zero


def test_unjudged_documents_count_as_not_relevant_in_the_full_ranking():
    ranked = ["x", "a", "y", "b", "c"]
    full = (3 / math.log2(5) + 1 / math.log2(6)) / (3 + 3 / L3 + 0.5)
    assert full == pytest.approx(0.31132, abs=1e-5)
    assert metrics.ndcg_at_k(ranked, GRADES, 10) == pytest.approx(full)
    assert metrics.judged_only(ranked, GRADES) == ["a", "b", "c"]


def test_mrr_and_recall_by_hand():
    ranked = ["x", "a", "y", "b", "c"]
    assert metrics.mrr_at_k(ranked, TOP, 10) == pytest.approx(1 / 4)
    assert metrics.mrr_at_k(ranked, TOP, 3) == 0.0
    assert metrics.recall_at_k(ranked, TOP, 10) == pytest.approx(1 / 2)
    assert metrics.recall_at_k(ranked + ["e"], TOP, 10) == pytest.approx(1.0)
    assert metrics.recall_at_k(ranked, TOP, 3) == 0.0
    assert metrics.recall_at_k(ranked, set(), 10) == 0.0
    assert metrics.precision_at_k(ranked, TOP, 5) == pytest.approx(1 / 5)


def test_relevant_ids_takes_a_minimum_grade():
    assert metrics.relevant_ids(GRADES, 2) == {"b", "e"}
    assert metrics.relevant_ids(GRADES, 1) == {"b", "c", "e"}


def test_score_query_labels_full_and_judged_only():
    full, judged = score_query(["x", "a", "y", "b", "c"], GRADES, top_grade=2)
    assert full.ndcg_at_10 == pytest.approx(0.31132, abs=1e-5)
    assert judged.ndcg_at_10 == pytest.approx(0.44370, abs=1e-5)
    assert (full.mrr_at_10, judged.mrr_at_10) == (pytest.approx(0.25), pytest.approx(0.5))
    assert full.recall_at_10 == judged.recall_at_10 == pytest.approx(0.5)


def test_bad_k_is_refused():
    with pytest.raises(ValueError):
        metrics.ndcg_at_k(["a"], GRADES, 0)
