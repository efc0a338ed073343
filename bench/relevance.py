"""Relevance routes on two benchmarks, one row per route: nDCG@10, MRR@10, Recall@10 and ms/query.

    .venv/bin/python bench/relevance.py                       # gui-rerank-dev + catalog/eval
    .venv/bin/python bench/relevance.py --model models/X      # the same rows for another model folder
    .venv/bin/python bench/relevance.py --expansion           # + prompt-expansion rows (mode expanded's grid)
    .venv/bin/python bench/relevance.py --ensemble FOLDER     # + rows fusing a second model's cosine

Benchmarks (BEIR layout):
- gui-rerank-dev (../shared/data/gui-rerank-dev): real crowd queries over Rico screens; only 20 screens
  judged per query, so the figure is the judged-only ranking (unjudged screens dropped before the cut).
- catalog/eval: the in-domain set; its judgments are complete (every design graded against every
  query), so the figure is the full-corpus ranking.

Two kinds of rows:
- "product": the real `Index.search_many(mode=...)` path over a built index (ui_search.evaluation),
  ms/query = median over the queries, one prompt at a time, warm, the modes interleaved prompt by
  prompt so that load from other processes falls on all of them alike; ratio to dense from that run.
- "route": query-time ideas computed from the same vectors and BM25 scores as matrices. Any free
  setting is chosen by 5-fold cross-validation over the benchmark's queries (3 shuffles): picked
  on 4 folds, scored on the 5th; the held-out mean is printed, with the setting most often picked.
  ms/query there = the median single-prompt encode + the route's own extra work (mean), measured.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui_search import designs_db, hybrid, lexical, vector_index  # noqa: E402
from ui_search.beir import BeirData, load_beir  # noqa: E402
from ui_search.evaluation import build_corpus_index, evaluate_index, score_query  # noqa: E402
from ui_search.search import Index  # noqa: E402

GUI = ROOT.parent / "shared" / "data" / "gui-rerank-dev"
IN_DOMAIN = ROOT / "catalog" / "eval"
TEMPLATES = ["{q}", "An app screen showing {q}.", "A mobile app screen with {q}.", "{q}. {q}", "a screenshot of {q}"]


class Bench:
    """One benchmark over one built index: per-query metrics of any score matrix."""

    def __init__(self, name: str, data: BeirData, idx: Index, judged_only: bool):
        self.name, self.data, self.idx, self.judged_only = name, data, idx, judged_only
        self.qids = list(data.queries)
        self.prompts = [data.queries[q] for q in self.qids]
        self.doc_ids = list(data.corpus)
        pk_of = {row[1]: row[0] for row in idx._db.execute("select pk, id from designs")}
        self.pks = [pk_of[d] for d in self.doc_ids]
        self.docs = vector_index.reconstruct(idx.vectors, self.pks)
        times, rows = [], []
        for prompt in self.prompts:
            started = time.perf_counter()
            rows.append(idx.encode([prompt]))
            times.append(1000 * (time.perf_counter() - started))
        self.queries = np.vstack(rows)
        self.encode_ms = float(np.median(times))
        self.dense = self.queries @ self.docs.T
        row_of = {pk: n for n, pk in enumerate(self.pks)}
        self.bm25 = np.zeros_like(self.dense)
        started = time.perf_counter()
        for qi, prompt in enumerate(self.prompts):
            for pk, score in lexical.search(idx._db, prompt, len(self.pks), total=len(self.pks)):
                self.bm25[qi, row_of[pk]] = score
        self.bm25_ms = 1000 * (time.perf_counter() - started) / len(self.prompts)
        # BM25 over each prompt's best match: the lexical term of the product's hybrid fusion
        self.bm25_scaled = self.bm25 / np.maximum(self.bm25.max(1, keepdims=True), 1e-9)

    def per_query(self, scores: np.ndarray) -> np.ndarray:
        """(queries x 3) nDCG@10, MRR@10, Recall@10 of each query's ranking by `scores`."""
        rows = []
        for qi, qid in enumerate(self.qids):
            order = np.argsort(-scores[qi], kind="stable")
            full, judged = score_query([self.doc_ids[i] for i in order], self.data.qrels[qid], self.data.top_grade)
            s = judged if self.judged_only else full
            rows.append((s.ndcg_at_10, s.mrr_at_10, s.recall_at_10))
        return np.array(rows)


def cross_validate(bench: Bench, score: Callable[[object], np.ndarray], grid: Sequence[object],
                   folds: int = 5, seeds: Sequence[int] = (0, 1, 2)) -> tuple[np.ndarray, object, np.ndarray]:
    """(held-out mean metrics, setting picked most often, in-sample metrics of the best setting)."""
    per = {g: bench.per_query(score(g)) for g in grid}
    held, picked = [], []
    for seed in seeds:
        fold_held, fold_picks = held_out_picks(per, np.random.RandomState(seed).permutation(len(bench.qids)), folds)
        held += fold_held
        picked += fold_picks
    best_in_sample = max(grid, key=lambda g: per[g][:, 0].mean())
    return np.vstack(held).mean(0), collections.Counter(picked).most_common(1)[0][0], per[best_in_sample].mean(0)


def held_out_picks(per: Mapping[Any, np.ndarray], order: np.ndarray, folds: int) -> tuple[list[np.ndarray], list[Any]]:
    """One K-fold pass: `per` maps each choice to its (queries x metrics) rows, nDCG@10 first; the
    queries are dealt to folds in `order`. Per fold: the choice with the best mean nDCG@10 on the
    other folds, and its rows on the held-out fold."""
    held, picks = [], []
    for f in range(folds):
        test = order[f::folds]
        train = np.setdiff1d(np.arange(len(order)), test)
        best = max(per, key=lambda g: per[g][train, 0].mean())
        picks.append(best)
        held.append(per[best][test])
    return held, picks


def timed(fn: Callable[[], np.ndarray], n: int) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    out = fn()
    return out, 1000 * (time.perf_counter() - started) / n


def _z(m: np.ndarray) -> np.ndarray:
    return (m - m.mean(1, keepdims=True)) / np.maximum(m.std(1, keepdims=True), 1e-9)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.linalg.norm(m, axis=-1, keepdims=True)


def product_rows(bench: Bench, out: list) -> None:
    modes = hybrid.MODES
    for prompt in bench.prompts[:5]:
        for mode in modes:
            bench.idx.search(prompt, k=10, mode=mode)  # warm
    # interleaved, one prompt at a time, so load from other processes hits every mode alike
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    for prompt in bench.prompts:
        for mode in modes:
            started = time.perf_counter()
            bench.idx.search(prompt, k=10, mode=mode)
            times[mode].append(1000 * (time.perf_counter() - started))
    ms = {mode: float(np.median(values)) for mode, values in times.items()}
    retrieval = retrieval_ms(bench, modes)
    for mode in modes:
        report = evaluate_index(bench.idx, bench.data, mode=mode)
        s = report.judged_only if bench.judged_only else report.full_corpus
        note = (f"x{ms[mode] / ms['dense']:.2f} of dense; without the encoder {retrieval[mode]:.2f} ms "
                f"(dense {retrieval['dense']:.2f})")
        emit(out, (bench.name, f"product: --mode {mode}", s.ndcg_at_10, s.mrr_at_10, s.recall_at_10, ms[mode], note))


class _CachedEncoder:
    """The index's embedder remembering every text's vector: once warm, it times retrieval alone."""

    def __init__(self, inner, prompts: Sequence[str]):
        self.inner = inner
        self.name, self.backend, self.dim, self.fingerprint = inner.name, inner.backend, inner.dim, inner.fingerprint
        self.vectors = {p: inner.encode([p])[0] for p in prompts}

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        for t in texts:
            if t not in self.vectors:  # an expanded prompt: met in the untimed warm-up pass
                self.vectors[t] = self.inner.encode([t])[0]
        return np.vstack([self.vectors[t] for t in texts])


def retrieval_ms(bench: Bench, modes: Sequence[str]) -> dict[str, float]:
    """Median ms of one search per mode with the prompt already embedded (encoder cost excluded)."""
    inner = bench.idx._embedder
    bench.idx._embedder = _CachedEncoder(inner, bench.prompts)
    try:
        for prompt in bench.prompts:  # untimed: fills the cache with the expanded prompts too
            for mode in modes:
                bench.idx.search(prompt, k=10, mode=mode)
        times: dict[str, list[float]] = {mode: [] for mode in modes}
        for _ in range(3):
            for prompt in bench.prompts:
                for mode in modes:
                    started = time.perf_counter()
                    bench.idx.search(prompt, k=10, mode=mode)
                    times[mode].append(1000 * (time.perf_counter() - started))
        return {mode: float(np.median(values)) for mode, values in times.items()}
    finally:
        bench.idx._embedder = inner


def emit(out: list, row: tuple) -> None:
    out.append(row)
    print(f"# {row[0]} | {row[1]} | {row[2]:.3f} | {row[5]:.1f} ms | {row[6]}", file=sys.stderr, flush=True)


def route_rows(bench: Bench, out: list) -> None:
    n = len(bench.prompts)
    base = bench.encode_ms

    def add(route: str, metrics: np.ndarray, ms: float, note: str) -> None:
        emit(out, (bench.name, route, *metrics, ms, note))

    add("route: dense (matrix, sanity)", bench.per_query(bench.dense).mean(0), base, "")
    add("route: BM25 alone (FTS5 porter)", bench.per_query(bench.bm25).mean(0), bench.bm25_ms, "")
    add("route: BM25 alone, no stemming (FTS5 unicode61)", bench.per_query(bm25_unstemmed(bench)).mean(0), bench.bm25_ms, "")

    weights = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5]
    held, pick, _ = cross_validate(bench, lambda w: bench.dense + w * bench.bm25_scaled, weights)
    add("route: cos + w*BM25/max (hybrid's fusion), w by CV", held, base + bench.bm25_ms, f"w={pick}")
    held, _, _ = cross_validate(bench, lambda w: bench.dense + w * bench.bm25_scaled, [0.3])
    add("route: the same at the shipped w=0.3", held, base + bench.bm25_ms, "fixed")
    held, pick, _ = cross_validate(bench, lambda w: _z(bench.dense) + w * _z(bench.bm25), weights)
    add("route: z(cos) + w*z(BM25), w by CV", held, base + bench.bm25_ms, f"w={pick}")
    rank_d = np.argsort(np.argsort(-bench.dense, 1), 1) + 1
    rank_b = np.argsort(np.argsort(-bench.bm25, 1), 1) + 1
    held, pick, _ = cross_validate(bench, lambda p: 1 / (p[0] + rank_d) + p[1] / (p[0] + rank_b),
                                   [(k, w) for k in (10, 20, 60) for w in (0.3, 0.5, 1.0)])
    add("route: RRF(dense, BM25), k and w by CV", held, base + bench.bm25_ms, f"k,w={pick}")

    def prf(p):
        alpha, m = p
        if alpha == 0:
            return bench.dense
        top = np.argsort(-bench.dense, 1)[:, :m]
        return _unit(bench.queries + alpha * bench.docs[top].mean(1)) @ bench.docs.T

    _, prf_ms = timed(lambda: prf((0.5, 5)), n)
    held, pick, _ = cross_validate(bench, prf, [(a, m) for a in (0, 0.25, 0.5, 1.0) for m in (3, 5, 10)])
    add("route: dense PRF (Rocchio q + a*mean top m), a,m by CV", held, base + prf_ms, f"a,m={pick}")

    sims = bench.docs @ bench.docs.T
    np.fill_diagonal(sims, -1)
    neighbours = np.argsort(-sims, 1)[:, :20]

    def smooth(p):
        beta, m = p
        return bench.dense if beta == 0 else bench.queries @ _unit(bench.docs + beta * bench.docs[neighbours[:, :m]].mean(1)).T

    held, pick, _ = cross_validate(bench, smooth, [(b, m) for b in (0, 0.25, 0.5) for m in (3, 5, 10)])
    add("route: docs smoothed with their m nearest (index time), by CV", held, base, f"b,m={pick}")

    variants = [np.vstack([bench.idx.encode([t.format(q=p)]) for p in bench.prompts]) for t in TEMPLATES]
    held, pick, _ = cross_validate(bench, lambda i: variants[i] @ bench.docs.T, list(range(len(TEMPLATES))))
    add("route: prompt template, picked by CV", held, base, f"'{TEMPLATES[pick]}'")
    for i, template in enumerate(TEMPLATES[1:], start=1):
        add(f"route:   template '{template}'", bench.per_query(variants[i] @ bench.docs.T).mean(0), base, "fixed")


def bm25_unstemmed(bench: Bench) -> np.ndarray:
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("create virtual table f using fts5(text, tokenize='unicode61 remove_diacritics 2')")
    db.executemany("insert into f(rowid, text) values (?, ?)", [(n, bench.data.doc_text(d)) for n, d in enumerate(bench.doc_ids)])
    scores = np.zeros_like(bench.dense)
    for qi, prompt in enumerate(bench.prompts):
        expression = lexical.match_expression(prompt)
        if expression:
            for row, score in db.execute("select rowid, -bm25(f) from f where f match ?", [expression]):
                scores[qi, row] = score
    return scores


def sentence_rows(bench: Bench, out: list) -> None:
    """Multi-vector designs: each sentence embedded alone; score = cosine + w * best sentence cosine."""
    import re

    owner, sentences = [], []
    for n, doc_id in enumerate(bench.doc_ids):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", bench.data.doc_text(doc_id).strip()):
            if sentence.strip():
                owner.append(n)
                sentences.append(sentence.strip())
    vectors = bench.idx.embedder.encode(sentences, batch_size=64)
    started = time.perf_counter()
    per_sentence = bench.queries @ vectors.T
    best = np.full_like(bench.dense, -1.0)
    np.maximum.at(best.T, np.array(owner), per_sentence.T)
    extra_ms = 1000 * (time.perf_counter() - started) / len(bench.prompts)
    emit(out, (bench.name, "route: best sentence cosine alone", *bench.per_query(best).mean(0), bench.encode_ms + extra_ms,
               f"{len(sentences)} sentence vectors"))
    held, pick, _ = cross_validate(bench, lambda w: bench.dense + w * best, [0.0, 0.25, 0.5, 1.0, 2.0])
    emit(out, (bench.name, "route: cosine + w * best sentence cosine, w by CV", *held, bench.encode_ms + extra_ms, f"w={pick}"))


def expansion_rows(bench: Bench, out: list) -> None:
    """Prompt expansion with the catalog's own words (ui_search.expansion): the prompt + the t heaviest
    tf-idf words of its m first results, re-encoded; scored alone and with the prompt's BM25 (hybrid).
    The m first results come from dense or from hybrid. Corpus statistics only."""
    from collections import Counter

    from ui_search.expansion import expanded_prompt, expansion_words, words

    texts = [bench.data.doc_text(d) for d in bench.doc_ids]
    df = Counter(w for text in texts for w in set(words(text)))
    weight = hybrid.SETTINGS.weight
    first = {"dense": bench.dense, "hybrid": bench.dense + weight * bench.bm25_scaled}
    tops = {name: np.argsort(-scores, 1, kind="stable")[:, :10] for name, scores in first.items()}
    grid = [("-", 0, 0)] + [(src, m, t) for src in first for m in (3, 5, 10) for t in (4, 8, 12, 16)]
    vectors, times, example = {}, [], ""
    for src, m, t in grid:
        if m == 0:
            vectors[(src, m, t)] = bench.queries
            continue
        rows = []
        for qi, prompt in enumerate(bench.prompts):
            started = time.perf_counter()
            extra = expansion_words(prompt, [texts[i] for i in tops[src][qi, :m]], lambda _: df, len(texts), t)
            rows.append(bench.idx.encode([expanded_prompt(prompt, extra)]))
            times.append(1000 * (time.perf_counter() - started))
            example = example or expanded_prompt(prompt, extra)
        vectors[(src, m, t)] = np.vstack(rows)
    print(f"# {bench.name}: e.g. {example!r}", file=sys.stderr)
    ms = bench.encode_ms + float(np.median(times))  # the first search's encode, then the expansion and its encode
    dense = {g: vectors[g] @ bench.docs.T for g in grid}
    # "mix": the expanded prompt's vector averaged with the prompt's own, so the prompt keeps its sway
    mixed = {g: _unit(bench.queries + vectors[g]) @ bench.docs.T for g in grid}
    held, pick, _ = cross_validate(bench, dense.__getitem__, grid)
    emit(out, (bench.name, "route: prompt + words of its m first results (tf-idf), dense; source,m,t by CV", *held, ms, f"{pick}"))
    final = {(how, *g): (dense if how == "replace" else mixed)[g] + weight * bench.bm25_scaled
             for g in grid for how in ("replace", "mix")}
    held, pick, _ = cross_validate(bench, final.__getitem__, list(final))
    emit(out, (bench.name, "route: the same + 0.3*BM25/max of the prompt (hybrid); vector,source,m,t by CV", *held,
               ms + bench.bm25_ms, f"{pick}"))
    for g in grid[1:]:
        emit(out, (bench.name, f"route:   expansion {g} + 0.3*BM25/max", *bench.per_query(final[("replace", *g)]).mean(0),
                   ms + bench.bm25_ms, f"dense alone {bench.per_query(dense[g])[:, 0].mean():.3f}; "
                                       f"mixed vector {bench.per_query(final[('mix', *g)])[:, 0].mean():.3f}"))


def ensemble_rows(bench: Bench, other: Bench, name: str, out: list) -> None:
    """Two embedding models at once: the second model's cosine alone, then z(cos) + w * z(second cos).

    Both models embed the whole corpus at index time; a query costs one encode of each."""
    ms = bench.encode_ms + other.encode_ms
    emit(out, (bench.name, f"route: {name} dense alone", *other.per_query(other.dense).mean(0), other.encode_ms, ""))
    weights = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0]
    held, pick, _ = cross_validate(bench, lambda w: _z(bench.dense) + w * _z(other.dense), weights)
    emit(out, (bench.name, f"route: z(cos) + w*z({name} cos), w by CV", *held, ms, f"w={pick}"))
    equal = bench.per_query(_z(bench.dense) + _z(other.dense)).mean(0)
    emit(out, (bench.name, f"route: z(cos) + z({name} cos), equal weights", *equal, ms, "fixed"))


def fts_word_skipping(catalog: Path, queries: Path, count: int = 100) -> None:
    """BM25 top 100 with every prompt word vs without words in over half the designs: time and top-10 agreement."""
    import json
    import sqlite3
    import statistics

    from ui_search.catalog import read_catalog

    designs = read_catalog(catalog)
    db = sqlite3.connect(":memory:")
    db.execute("create table designs (pk integer primary key, text text)")
    db.executemany("insert into designs values (?, ?)", [(n, d.text) for n, d in enumerate(designs, start=1)])
    db.execute(f"create virtual table {lexical.FTS_TABLE} using fts5(text, content='designs', content_rowid='pk', "
               f"tokenize='{lexical.TOKENIZER}')")
    db.execute(f"insert into {lexical.FTS_TABLE}({lexical.FTS_TABLE}) values('rebuild')")
    prompts = [json.loads(line)["text"] for line in queries.read_text().splitlines()[:count]]
    times: dict[int, list[float]] = {0: [], len(designs): []}
    same = 0
    for prompt in prompts:
        tops = {}
        for total in times:  # interleaved: the machine's load falls on both alike
            started = time.perf_counter()
            tops[total] = [pk for pk, _ in lexical.search(db, prompt, 100, total=total)][:10]
            times[total].append(1000 * (time.perf_counter() - started))
        same += tops[0] == tops[len(designs)]
    full, skipping = (statistics.median(times[t]) for t in times)
    print(f"# FTS5 BM25 top 100 over {len(designs)} designs ({catalog}), {len(prompts)} prompts: every word "
          f"{full:.2f} ms, common words skipped {skipping:.2f} ms (x{full / skipping:.1f}); same top 10 in {same}/{len(prompts)}")


def open_bench(name: str, folder: Path, work: Path, model: str | None, backend: str | None, judged_only: bool) -> Bench:
    data = load_beir(folder)
    index_dir = work / name
    report = build_corpus_index(data, index_dir, model=model, backend=backend)
    print(f"# {name}: index {index_dir} ({report.total} docs, {report.embedded} embedded now)", file=sys.stderr)
    return Bench(name, data, Index(index_dir, model=model, backend=backend), judged_only)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gui", type=Path, default=GUI)
    parser.add_argument("--in-domain", type=Path, default=IN_DOMAIN)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ui-search-relevance"), help="Where the benchmark indexes live (reused).")
    parser.add_argument("--model", default=None, help="Model folder (default: the packaged MiniLM).")
    parser.add_argument("--backend", default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-routes", action="store_true", help="Only the product rows.")
    parser.add_argument("--sentences", action="store_true", help="Also the sentence-vector routes (embeds every sentence: slow).")
    parser.add_argument("--fts-timing", action="store_true",
                        help="Only time lexical search with and without common-word skipping on catalog/designs.jsonl.")
    parser.add_argument("--expansion", action="store_true", help="Also the prompt-expansion rows (catalog words of the nearest designs).")
    parser.add_argument("--ensemble", default=None, metavar="MODEL",
                        help="Also the rows that fuse --model's cosine with this second model folder's (its own index under --work).")
    parser.add_argument("--ensemble-backend", default="torch")
    parser.add_argument("--only", choices=["gui-rerank-dev", "catalog/eval"], default=None, help="One benchmark only.")
    args = parser.parse_args()
    try:
        import torch

        torch.set_num_threads(args.threads)
    except ImportError:
        pass
    if args.fts_timing:
        fts_word_skipping(ROOT / "catalog" / "designs.jsonl", args.in_domain / "queries.jsonl")
        return
    tag = "minilm" if args.model is None else Path(args.model).name
    rows: list = []
    for name, folder, judged_only in (("gui-rerank-dev", args.gui, True), ("catalog/eval", args.in_domain, False)):
        if args.only and name != args.only:
            continue
        if not (folder / "corpus.jsonl").exists():
            print(f"# {name}: {folder} absent, skipped", file=sys.stderr)
            continue
        bench = open_bench(name, folder, args.work / tag, args.model, args.backend, judged_only)
        product_rows(bench, rows)
        if not args.no_routes:
            route_rows(bench, rows)
        if args.sentences:
            sentence_rows(bench, rows)
        if args.expansion:
            expansion_rows(bench, rows)
        if args.ensemble:
            other = open_bench(name, folder, args.work / Path(args.ensemble).name, args.ensemble, args.ensemble_backend, judged_only)
            ensemble_rows(bench, other, Path(args.ensemble).name, rows)
            other.idx.close()
        bench.idx.close()
    print(f"model: {tag}; gui-rerank-dev = judged-only ranking, catalog/eval = full-corpus ranking")
    print("| benchmark | route | nDCG@10 | MRR@10 | Recall@10 | ms/query | setting / ratio |")
    print("|---|---|---|---|---|---|---|")
    for bench_name, route, ndcg, mrr, recall, ms, note in rows:
        print(f"| {bench_name} | {route} | {ndcg:.3f} | {mrr:.3f} | {recall:.3f} | {ms:.1f} | {note} |")


if __name__ == "__main__":
    main()
