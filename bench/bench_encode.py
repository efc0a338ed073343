"""Indexing throughput and quality of the embedding backends against sentence-transformers (issue 6, goal 2).

    .venv/bin/python bench/bench_encode.py [--count 1000] [--repeats 3] [--threads 2]

Baseline: `SentenceTransformer.encode` (the `torch` backend) on the same texts, batch size and threads,
timed in the same run (interleaved rounds, median), so ratios hold on a noisy machine. Quality: cosine of
each backend's vectors to the fp32 torch vectors, and nDCG@10 of exact search on catalog/eval and on
gui-rerank-dev (when /work/shared/data holds it) with each backend embedding both queries and corpus.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUI_RERANK_DEV = ROOT.parent / "shared" / "data" / "gui-rerank-dev"


def catalog_texts(path: Path, count: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts.append(f"{row['title']}\n{row['description']}")  # what the indexer embeds by default
            if len(texts) == count:
                break
    return texts


def ndcg_of(embedder, data) -> dict[str, float]:
    from ui_search.evaluation import evaluate

    doc_ids = list(data.corpus)
    docs = embedder.encode([data.doc_text(d) for d in doc_ids], batch_size=32)

    def rank(prompts: list[str]):
        scores = embedder.encode(prompts) @ docs.T
        order = np.argsort(-scores, axis=1, kind="stable")
        return [[(doc_ids[j], float(s[j])) for j in row] for s, row in zip(scores, order)]

    report = evaluate(data, rank)
    return {"full": report.full_corpus.ndcg_at_10, "judged": report.judged_only.ndcg_at_10}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, default=ROOT / "catalog" / "designs.jsonl")
    parser.add_argument("--count", type=int, default=1000, help="catalog texts timed per round")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved timing rounds (median reported)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--backends", default="torch,onnx,onnx-int8", help="comma list; the first is the baseline")
    parser.add_argument("--no-quality", action="store_true", help="skip the nDCG runs")
    parser.add_argument("--quality-backends", default="onnx,onnx-int8",
                        help="backends scored for nDCG; the first is the reference. ONNX fp32 stands in for torch "
                             "fp32 by default (cosine 1.0000 above) since torch takes minutes per corpus here")
    args = parser.parse_args()

    os.environ["UI_SEARCH_THREADS"] = str(args.threads)
    import torch

    torch.set_num_threads(args.threads)
    from ui_search.embedders import load_embedder

    names = args.backends.split(",")
    texts = catalog_texts(args.catalog, args.count)
    embedders = {name: load_embedder(None, name) for name in dict.fromkeys(names + args.quality_backends.split(","))}
    for embedder in embedders.values():
        embedder.encode(texts[:8])  # load weights (and export ONNX once) outside the timing

    seconds: dict[str, list[float]] = {name: [] for name in names}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.repeats):
        for name in names:
            embedder = embedders[name]
            started = time.perf_counter()
            vectors[name] = embedder.encode(texts, batch_size=args.batch_size)
            seconds[name].append(time.perf_counter() - started)

    base = names[0]
    base_rate = len(texts) / statistics.median(seconds[base])
    print(f"# encode {len(texts)} catalog texts, {args.threads} threads, batch {args.batch_size}, "
          f"{args.repeats} interleaved rounds; baseline {base}")
    print("| backend | texts/s median (min-max) | ratio to baseline | cosine to baseline min / p1 / mean |")
    print("|---|---|---|---|")
    for name in names:
        rates = sorted(len(texts) / s for s in seconds[name])
        cosine = (vectors[name] * vectors[base]).sum(axis=1)
        print(f"| {name} | {statistics.median(rates):.1f} ({rates[0]:.1f}-{rates[-1]:.1f}) | "
              f"{statistics.median(rates) / base_rate:.2f}x | "
              f"{cosine.min():.4f} / {np.percentile(cosine, 1):.4f} / {cosine.mean():.4f} |")
    sys.stdout.flush()

    if args.no_quality:
        return
    from ui_search.beir import load_beir

    sets = [ROOT / "catalog" / "eval"] + ([GUI_RERANK_DEV] if GUI_RERANK_DEV.exists() else [])
    names = args.quality_backends.split(",")
    base = names[0]
    print("\n| dataset | " + " | ".join(f"{n} nDCG@10 full / judged-only" for n in names) + " | max abs diff to baseline |")
    print("|---|" + "---|" * (len(names) + 1))
    for folder in sets:
        data = load_beir(folder)
        scores = {name: ndcg_of(embedders[name], data) for name in names}
        diff = max(abs(scores[n][kind] - scores[base][kind]) for n in names for kind in ("full", "judged"))
        cells = " | ".join(f"{scores[n]['full']:.4f} / {scores[n]['judged']:.4f}" for n in names)
        print(f"| {folder.name} ({len(data.queries)} queries, {len(data.corpus)} docs) | {cells} | {diff:.4f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
