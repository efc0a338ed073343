"""Retrieval modes beyond plain dense search: lexical (BM25 via FTS5), hybrid (dense fused with BM25)
and expanded (hybrid, then hybrid again with the prompt expanded by the catalog words of its first results).

`Index.search_many(..., mode=...)` hands non-dense modes to `rank`, which returns (pk, score) pairs
best first; filters apply before the cut in every mode (the lexical query joins the same filter SQL,
the dense side searches only the allowed pks).

Hybrid: the dense top `depth` and the BM25 top `depth` are merged; every candidate gets its exact
cosine (reconstructed for lexical-only candidates) and its exact BM25 (0 when no prompt word occurs
in it), then `fuse` combines them. The fusion and its weight were chosen by 5-fold cross-validation
over catalog/eval's queries and checked on gui-rerank-dev (bench/relevance.py, bench/README.md).

Expanded (the default): the hybrid ranking's first `expansion_neighbours` designs give the prompt
their `expansion_words` heaviest tf-idf words (ui_search/expansion.py; document frequencies from
lexical.WORD_FREQUENCIES); the longer prompt is encoded and fused with the original prompt's BM25. Its
two settings were chosen the same way (bench/README.md, issue 5, "Prompt expansion").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from . import designs_db, expansion, fusion, lexical, vector_index
from .designs_db import Where
from .errors import BadQuery

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from .search import Index

MODES = ("dense", "lexical", "hybrid", "expanded")
DEFAULT_MODE = "expanded"


@dataclass
class HybridSettings:
    method: str = "maxscaled"  # maxscaled: cosine + weight * BM25 / best BM25 of the prompt; or rrf, z
    weight: float = 0.3
    rrf_k: float = 20.0
    depth: int = 100           # candidates taken from each side before fusing
    expansion_neighbours: int = 3   # mode expanded: first results whose words extend the prompt
    expansion_words: int = 12       # ... and how many of their words are added


SETTINGS = HybridSettings()


def check_mode(mode: str | None, db: designs_db.sqlite_utils.Database, index_dir: object) -> str:
    if mode is None:
        # the default must keep working on indexes built before its tables existed: the best mode they can do
        if not lexical.available(db):
            return "dense"
        return DEFAULT_MODE if lexical.words_available(db) else "hybrid"
    mode = str(mode).lower()
    if mode not in MODES:
        raise BadQuery(f"unknown search mode '{mode}': choose one of {', '.join(MODES)}")
    if mode != "dense" and not lexical.available(db):
        raise BadQuery(
            f"{index_dir} has no lexical index (built before lexical search): run `ui-search index` on it again "
            f"to add one (nothing is re-embedded), or use --mode dense"
        )
    if mode == "expanded" and not lexical.words_available(db):
        raise BadQuery(
            f"{index_dir} has no word table for prompt expansion (built before it): run `ui-search index` on it "
            f"again to add one (nothing is re-embedded), or use --mode hybrid"
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
    """(pk, score) best first, at most k per prompt, for mode lexical, hybrid or expanded."""
    settings = settings or SETTINGS
    filter_sql = designs_db.filter_sql(where, index.facts.get("metadata_fields", [])) if where else None
    if mode == "lexical":
        return [lexical.search(index._db, prompt, k, filter_sql, total=len(index)) for prompt in prompts]
    depth = max(k, settings.depth)
    bm25s = [dict(lexical.search(index._db, prompt, depth, filter_sql, total=len(index))) for prompt in prompts]
    first = _fused(index, index.encode(prompts), bm25s, depth, allowed, settings)
    if mode == "hybrid":
        return [fusion.top(scores, k) for scores in first]
    # expanded: the same again, the prompt now carrying the catalog words of its first results; BM25
    # stays the prompt's own, so the added words move the embedding only
    second = _fused(index, index.encode(expanded_prompts(index, prompts, first, settings)), bm25s, depth, allowed, settings)
    return [fusion.top(scores, k) for scores in second]


def expanded_prompts(index: "Index", prompts: Sequence[str], first: list[dict[int, float]],
                     settings: HybridSettings | None = None) -> list[str]:
    """Each prompt extended with the heaviest words of its first `expansion_neighbours` results."""
    settings = settings or SETTINGS
    neighbour_pks = [[pk for pk, _ in fusion.top(scores, settings.expansion_neighbours)] for scores in first]
    rows = designs_db.rows_by_pk(index._db, {pk for pks in neighbour_pks for pk in pks})
    longer = []
    for prompt, pks in zip(prompts, neighbour_pks):
        texts = [rows[pk]["text"] for pk in pks if pk in rows]
        extra = expansion.expansion_words(prompt, texts, index.document_frequencies, len(index), settings.expansion_words)
        longer.append(expansion.expanded_prompt(prompt, extra))
    return longer


def _fused(index: "Index", queries: "np.ndarray", bm25s: list[dict[int, float]], depth: int, allowed: list[int] | None,
           settings: HybridSettings) -> list[dict[int, float]]:
    """Per query: every candidate of the dense top `depth` and the BM25 top `depth`, scored by `fuse`."""
    scores, ids = vector_index.search(index.vectors, queries, depth, allowed)
    results = []
    for query, row_scores, row_ids, bm25 in zip(queries, scores, ids, bm25s):
        dense = {int(pk): float(s) for s, pk in zip(row_scores, row_ids) if pk >= 0}
        missing = [pk for pk in bm25 if pk not in dense]
        if missing:
            vectors = vector_index.reconstruct(index.vectors, missing)
            dense.update(zip(missing, (vectors @ query).astype(float).tolist()))
        results.append(fuse(dense, bm25, settings))
    return results
