"""Score a ranking function on a BEIR benchmark, two ways.

Judgments are incomplete (a few documents judged per query), so every report carries two rankings,
labelled:

- full corpus: the ranking as the search returns it; unjudged documents count as not relevant.
- judged only: unjudged documents removed before the cut at k (the "condensed list"); this is the
  figure comparable with rerank-style benchmarks such as gui-rerank-dev's published numbers.

Any ranking function can be scored, so a new search mode needs no new evaluation code:

    data = load_beir("../shared/data/gui-rerank-dev")
    report = evaluate(data, lambda prompts: [[(doc_id, score), ...] for each prompt])
    report = evaluate_index(open_index("gui"), data, mode="hybrid")   # kwargs go to Index.search_many
    report = evaluate_model(data, model=None)                         # temporary index of the corpus
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from . import metrics
from .beir import BeirData

Ranking = list[tuple[str, float]]
RankFn = Callable[[list[str]], list[Ranking]]  # prompts -> one ranking (doc id, score), best first, per prompt

CUTOFF = 10
DEEP_CUTOFF = 100


@dataclass
class RankingScores:
    """Means over queries for one kind of ranking."""

    ndcg_at_10: float
    mrr_at_10: float
    recall_at_10: float
    recall_at_100: float


@dataclass
class QueryResult:
    query_id: str
    full_corpus: RankingScores
    judged_only: RankingScores
    judged_ranked: int  # judged documents that appear in the ranking (all, unless it was truncated)
    judged: int


@dataclass
class EvalReport:
    dataset: str
    label: str
    queries: int
    corpus_size: int
    top_grade: int                  # MRR and Recall count documents judged at this grade as relevant
    full_corpus: RankingScores
    judged_only: RankingScores
    queries_per_second: float       # query encoding + ranking, measured around the ranking function only
    rank_seconds: float
    judged_coverage: float          # share of judged documents the rankings contained (1.0 = judged-only is exact)
    notes: list[str] = field(default_factory=list)
    per_query: list[QueryResult] = field(default_factory=list)

    def as_dict(self, per_query: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not per_query:
            data.pop("per_query")
        return data


def score_query(ranked: Sequence[str], grades: dict[str, int], top_grade: int) -> tuple[RankingScores, RankingScores]:
    """(full-corpus scores, judged-only scores) of one ranking."""
    relevant = metrics.relevant_ids(grades, top_grade) if top_grade > 0 else set()

    def scores(ids: Sequence[str]) -> RankingScores:
        return RankingScores(
            ndcg_at_10=metrics.ndcg_at_k(ids, grades, CUTOFF),
            mrr_at_10=metrics.mrr_at_k(ids, relevant, CUTOFF),
            recall_at_10=metrics.recall_at_k(ids, relevant, CUTOFF),
            recall_at_100=metrics.recall_at_k(ids, relevant, DEEP_CUTOFF),
        )

    return scores(ranked), scores(metrics.judged_only(ranked, grades))


def evaluate(data: BeirData, rank: RankFn, label: str = "", batch_size: int = 64) -> EvalReport:
    """Run `rank` over every judged query (in batches) and score its rankings both ways.

    `rank` should rank the whole corpus, or at least every judged document, for the judged-only
    figures to be exact; `judged_coverage` says how far that held.
    """
    query_ids = list(data.queries)
    rankings: list[Ranking] = []
    rank_seconds = 0.0
    for start in range(0, len(query_ids), batch_size):
        texts = [data.queries[qid] for qid in query_ids[start : start + batch_size]]
        started = time.perf_counter()
        batch = rank(texts)
        rank_seconds += time.perf_counter() - started
        if len(batch) != len(texts):
            raise ValueError(f"the ranking function returned {len(batch)} rankings for {len(texts)} queries")
        rankings.extend(batch)

    top_grade = data.top_grade
    results: list[QueryResult] = []
    for qid, ranking in zip(query_ids, rankings):
        ids = _dedupe([doc for doc, _ in ranking])
        grades = data.qrels[qid]
        full, judged = score_query(ids, grades, top_grade)
        results.append(QueryResult(qid, full, judged, judged_ranked=sum(1 for d in ids if d in grades), judged=len(grades)))

    judged_total = sum(r.judged for r in results)
    coverage = sum(r.judged_ranked for r in results) / judged_total if judged_total else 1.0
    notes = list(data.notes)
    if coverage < 1.0:
        notes.append(f"the rankings missed {1 - coverage:.1%} of judged documents: judged-only figures are a lower bound")
    return EvalReport(
        dataset=str(data.path),
        label=label,
        queries=len(results),
        corpus_size=len(data.corpus),
        top_grade=top_grade,
        full_corpus=_mean_scores([r.full_corpus for r in results]),
        judged_only=_mean_scores([r.judged_only for r in results]),
        queries_per_second=round(len(results) / rank_seconds, 2) if rank_seconds > 0 else 0.0,
        rank_seconds=round(rank_seconds, 3),
        judged_coverage=round(coverage, 4),
        notes=notes,
        per_query=results,
    )


def evaluate_index(idx: Any, data: BeirData, label: str | None = None, batch_size: int = 64, **search_kwargs: Any) -> EvalReport:
    """Score an open `Index` whose ids are the corpus ids; extra kwargs go to `Index.search_many`.

    k is the whole index (up to the engine's limit) so the judged-only ranking is exact.
    """
    from .search import MAX_K

    k = max(1, min(len(idx), MAX_K))

    def rank(prompts: list[str]) -> list[Ranking]:
        return [[(hit.id, hit.score) for hit in hits] for hits in idx.search_many(prompts, k=k, **search_kwargs)]

    if label is None:
        label = str(idx.facts.get("model_label") or idx.facts.get("model", ""))
        if search_kwargs:
            label += " " + " ".join(f"{key}={value}" for key, value in sorted(search_kwargs.items()))
    return evaluate(data, rank, label=label, batch_size=batch_size)


def build_corpus_index(data: BeirData, index_dir: str | Path, model: str | None = None, backend: str | None = None,
                       embedder: Any = None, progress: Any = None, batch_size: int = 32) -> Any:
    """Index a BEIR corpus (title + text, ids from `_id`) into `index_dir`; returns the BuildReport."""
    from .indexer import build_index

    return build_index(data.corpus_file, index_dir, id_field="_id", text_fields=["title", "text"], model=model,
                       backend=backend, embedder=embedder, progress=progress, batch_size=batch_size)


def evaluate_model(data: BeirData, model: str | None = None, backend: str | None = None, embedder: Any = None,
                   progress: Any = None, label: str | None = None, **search_kwargs: Any) -> EvalReport:
    """Build a throw-away index of the corpus with a model, score it, delete the index."""
    from .search import Index

    with tempfile.TemporaryDirectory(prefix="ui-search-eval-") as tmp:
        index_dir = Path(tmp) / "index"
        build_corpus_index(data, index_dir, model=model, backend=backend, embedder=embedder, progress=progress)
        idx = Index(index_dir, model=model, backend=backend, embedder=embedder)
        try:
            return evaluate_index(idx, data, label=label, **search_kwargs)
        finally:
            idx.close()


def _mean_scores(rows: list[RankingScores]) -> RankingScores:
    return RankingScores(**{
        name: round(metrics.mean([getattr(r, name) for r in rows]), 4)
        for name in ("ndcg_at_10", "mrr_at_10", "recall_at_10", "recall_at_100")
    })


def _dedupe(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return [d for d in ids if not (d in seen or seen.add(d))]
