"""Merge several rankings of the same designs into one (pure functions, no I/O).

Each input is a mapping key -> score, higher is better (a dense cosine, a BM25 score...). A key
missing from one input simply gets nothing from it, so a design that only one retriever found
still competes.
"""
from __future__ import annotations

from typing import Hashable, Mapping, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)

# Cormack et al.'s constant; small k trusts the head of each list more.
DEFAULT_RRF_K = 60


def ranks(scores: Mapping[K, float]) -> dict[K, int]:
    """1-based rank of each key, best score first; ties keep the input order."""
    ordered = sorted(scores, key=lambda key: -scores[key])
    return {key: rank for rank, key in enumerate(ordered, start=1)}


def _check_weights(inputs: Sequence[Mapping[K, float]], weights: Sequence[float] | None) -> list[float]:
    weights = [1.0] * len(inputs) if weights is None else [float(w) for w in weights]
    if len(weights) != len(inputs):
        raise ValueError(f"{len(weights)} weights for {len(inputs)} rankings")
    if any(w < 0 for w in weights):
        raise ValueError(f"weights must not be negative, got {weights}")
    return weights


def reciprocal_rank_fusion(
    inputs: Sequence[Mapping[K, float]], k: float = DEFAULT_RRF_K, weights: Sequence[float] | None = None
) -> dict[K, float]:
    """sum_i w_i / (k + rank_i(key)): only ranks matter, so scores on unlike scales mix safely."""
    if k <= 0:
        raise ValueError(f"rrf k must be positive, got {k}")
    weights = _check_weights(inputs, weights)
    fused: dict[K, float] = {}
    for scores, weight in zip(inputs, weights):
        for key, rank in ranks(scores).items():
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return fused


def minmax(scores: Mapping[K, float]) -> dict[K, float]:
    """Scale to [0, 1] over the given keys; a constant list maps to 1 (all equally good)."""
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high == low:
        return {key: 1.0 for key in scores}
    return {key: (value - low) / (high - low) for key, value in scores.items()}


def zscore(scores: Mapping[K, float]) -> dict[K, float]:
    """Centre and scale by the standard deviation over the given keys; a constant list maps to 0."""
    if not scores:
        return {}
    values = list(scores.values())
    mean = sum(values) / len(values)
    spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    if spread == 0:
        return {key: 0.0 for key in scores}
    return {key: (value - mean) / spread for key, value in scores.items()}


NORMALIZERS = {"minmax": minmax, "z": zscore}


def normalized_score_fusion(
    inputs: Sequence[Mapping[K, float]], weights: Sequence[float] | None = None, method: str = "minmax"
) -> dict[K, float]:
    """sum_i w_i * norm_i(score); a key absent from a ranking gets that ranking's lowest normalized value."""
    if method not in NORMALIZERS:
        raise ValueError(f"unknown normalization '{method}': choose one of {', '.join(NORMALIZERS)}")
    weights = _check_weights(inputs, weights)
    normalized = [NORMALIZERS[method](scores) for scores in inputs]
    keys: list[K] = list(dict.fromkeys(key for scores in inputs for key in scores))
    fused = {key: 0.0 for key in keys}
    for scores, weight in zip(normalized, weights):
        floor = min(scores.values(), default=0.0)
        for key in keys:
            fused[key] += weight * scores.get(key, floor)
    return fused


def top(fused: Mapping[K, float], n: int) -> list[tuple[K, float]]:
    """The n best (key, score) pairs, best first; ties keep insertion order."""
    return sorted(fused.items(), key=lambda item: -item[1])[:n]
