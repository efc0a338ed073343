"""FAISS inner-product indexes keyed by SQLite row ids.

Vectors are unit length, so inner product is cosine. `flat` is exact; approximate kinds are built
through the FAISS index factory and chosen by size (see `choose_index_type`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .errors import UISearchError

INDEX_TYPES = ("auto", "flat")


def _faiss() -> Any:
    import faiss

    return faiss


def choose_index_type(requested: str, count: int) -> str:
    if requested not in INDEX_TYPES:
        raise UISearchError(f"unknown index type '{requested}': choose one of {', '.join(INDEX_TYPES)}")
    return "flat" if requested == "auto" else requested


def new_index(index_type: str, dim: int) -> Any:
    faiss = _faiss()
    if index_type == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    raise UISearchError(f"unknown index type '{index_type}'")


def read(path: Path) -> Any:
    return _faiss().read_index(str(path))


def write(index: Any, path: Path) -> None:
    _faiss().write_index(index, str(path))


def add(index: Any, vectors: np.ndarray, ids: Sequence[int]) -> None:
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))


def remove(index: Any, ids: Sequence[int]) -> None:
    if len(ids):
        index.remove_ids(np.asarray(ids, dtype=np.int64))


def reconstruct(index: Any, ids: Sequence[int]) -> np.ndarray:
    return np.vstack([index.reconstruct(int(i)) for i in ids]) if len(ids) else np.zeros((0, index.d), np.float32)


def search(index: Any, queries: np.ndarray, k: int, allowed: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (scores, ids) per query; ids of -1 mark empty slots.

    With `allowed`, only those ids are candidates, and the filter applies before the cut, so k
    matches come back whenever k exist.
    """
    faiss = _faiss()
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    k = max(1, min(k, index.ntotal))
    if allowed is None:
        return index.search(queries, k)
    allowed_ids = np.asarray(allowed, dtype=np.int64)
    k = max(1, min(k, len(allowed_ids)))
    if len(allowed_ids) <= 4096:
        # a small allowed set is cheapest, and always exact, by brute force over its own vectors
        vectors = reconstruct(index, allowed_ids)
        scores = queries @ vectors.T
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(scores, order, axis=1), allowed_ids[order]
    params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed_ids))
    return index.search(queries, k, params=params)
