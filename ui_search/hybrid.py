"""Retrieval modes beyond plain dense search: lexical (BM25 via FTS5) and hybrid (dense fused with BM25).

`Index.search_many(..., mode=...)` hands non-dense modes to `rank`, which returns (pk, score) pairs
best first; filters apply before the cut in every mode (the lexical query joins the same filter SQL,
the dense side searches only the allowed pks).

Hybrid: the dense top `depth` and the BM25 top `depth` are merged; every candidate gets its exact
cosine (reconstructed for lexical-only candidates) and its exact BM25 (0 when no prompt word occurs
in it), then `fuse` combines them. The fusion and its weight were chosen by 5-fold cross-validation
over catalog/eval's queries and checked on gui-rerank-dev (bench/relevance.py, bench/README.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from . import designs_db, fusion, lexical, vector_index
from .designs_db import Where
from .errors import BadQuery

if TYPE_CHECKING:  # pragma: no cover
    from .search import Index

MODES = ("dense", "lexical", "hybrid")
DEFAULT_MODE = "hybrid"


@dataclass
class HybridSettings:
    method: str = "maxscaled"  # maxscaled: cosine + weight * BM25 / best BM25 of the prompt; or rrf, z
    weight: float = 0.3
    rrf_k: float = 20.0
    depth: int = 100           # candidates taken from each side before fusing


SETTINGS = HybridSettings()


def check_mode(mode: str | None, db: designs_db.sqlite_utils.Database, index_dir: object) -> str:
    if mode is None:
        # the default must keep working on indexes built before the FTS table existed
        return DEFAULT_MODE if DEFAULT_MODE == "dense" or lexical.available(db) else "dense"
    mode = str(mode).lower()
    if mode not in MODES:
        raise BadQuery(f"unknown search mode '{mode}': choose one of {', '.join(MODES)}")
    if mode != "dense" and not lexical.available(db):
        raise BadQuery(
            f"{index_dir} has no lexical index (built before lexical search): run `ui-search index` on it again "
            f"to add one (nothing is re-embedded), or use --mode dense"
        )
    return mode


def fuse(dense: dict[int, float], bm25: dict[int, float], settings: HybridSettings | None = None) -> dict[int, float]:
    """One score per candidate from its cosine and its BM25; every key of `dense` must be a candidate."""
    settings = settings or SETTINGS
    if settings.method == "maxscaled":
        # scaling BM25 by the prompt's best match keeps both terms in [0, 1]-ish ranges whatever the
        # candidate depth, unlike min-max or z-scores over a truncated list
        best = max(bm25.values(), default=0.0)
        scale = settings.weight / best if best > 0 else 0.0
        return {pk: cos + scale * bm25.get(pk, 0.0) for pk, cos in dense.items()}
    if settings.method == "rrf":
        return fusion.reciprocal_rank_fusion([dense, bm25], k=settings.rrf_k, weights=[1.0, settings.weight])
    if settings.method == "z":
        full_bm25 = {pk: bm25.get(pk, 0.0) for pk in dense}
        return fusion.normalized_score_fusion([dense, full_bm25], weights=[1.0, settings.weight], method="z")
    raise ValueError(f"unknown fusion method '{settings.method}'")


def rank(
    index: "Index", prompts: Sequence[str], k: int, where: Where | None, allowed: list[int] | None, mode: str,
    settings: HybridSettings | None = None,
) -> list[list[tuple[int, float]]]:
    """(pk, score) best first, at most k per prompt, for mode lexical or hybrid."""
    settings = settings or SETTINGS
    filter_sql = designs_db.filter_sql(where, index.facts.get("metadata_fields", [])) if where else None
    if mode == "lexical":
        return [lexical.search(index._db, prompt, k, filter_sql, total=len(index)) for prompt in prompts]
    depth = max(k, settings.depth)
    queries = index.encode(prompts)
    scores, ids = vector_index.search(index.vectors, queries, depth, allowed)
    results = []
    for query, row_scores, row_ids, prompt in zip(queries, scores, ids, prompts):
        dense = {int(pk): float(s) for s, pk in zip(row_scores, row_ids) if pk >= 0}
        bm25 = dict(lexical.search(index._db, prompt, depth, filter_sql, total=len(index)))
        missing = [pk for pk in bm25 if pk not in dense]
        if missing:
            vectors = vector_index.reconstruct(index.vectors, missing)
            dense.update(zip(missing, (vectors @ query).astype(float).tolist()))
        results.append(fusion.top(fuse(dense, bm25, settings), k))
    return results

