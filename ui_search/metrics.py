"""Ranking metrics for one query: pure functions over a ranked list of ids and graded judgments.

    ranked = ["d3", "d1", "d7"]             # best first
    grades = {"d1": 2, "d3": 0, "d9": 1}    # judged ids -> grade (0 = not relevant)
    ndcg_at_k(ranked, grades, 10)           # gain 2^grade - 1, log2 discount
    mrr_at_k(ranked, {"d1"}, 10)            # 0.5: first relevant id at rank 2
    recall_at_k(ranked, {"d1", "d9"}, 10)   # 0.5

Unjudged ids in a ranking count as not relevant (grade 0). Nothing here imports numpy or torch.
"""
from __future__ import annotations

import math
from typing import Collection, Iterable, Mapping, Sequence


def dcg(grades: Iterable[float]) -> float:
    """Discounted cumulative gain of grades in rank order: sum of (2^g - 1) / log2(rank + 1)."""
    return sum((2.0 ** g - 1.0) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, float], k: int = 10) -> float:
    """nDCG@k: DCG of the top k over the DCG of the best possible order of the judged grades.

    0.0 when no judged id has a positive grade (nothing could be found, so nothing was).
    """
    _check_k(k)
    ideal = dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    return dcg(max(grades.get(doc, 0.0), 0.0) for doc in ranked[:k]) / ideal


def mrr_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """Reciprocal rank of the first relevant id within the top k; 0.0 if none is there."""
    _check_k(k)
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            return 1.0 / rank
    return 0.0


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """Share of the relevant ids found in the top k; 0.0 when there are no relevant ids."""
    _check_k(k)
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / len(set(relevant))


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """Share of the top k that is relevant (divides by k even when fewer ids were ranked)."""
    _check_k(k)
    return len(set(ranked[:k]) & set(relevant)) / k


def judged_only(ranked: Sequence[str], grades: Mapping[str, float]) -> list[str]:
    """The ranking with unjudged ids removed, order kept ("condensed list" of Sakai 2007).

    Judgments are often incomplete; scoring the condensed list keeps a good but unjudged design from
    counting as a miss.
    """
    return [doc for doc in ranked if doc in grades]


def relevant_ids(grades: Mapping[str, float], min_grade: float) -> set[str]:
    """Ids judged at `min_grade` or above (the evaluation uses the top grade of the qrels set)."""
    return {doc for doc, g in grades.items() if g >= min_grade}


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
