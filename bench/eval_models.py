"""Base vs fine-tuned relevance on the in-domain and the external benchmark (issue 4).

    .venv/bin/python bench/eval_models.py --model models/ui-minilm-l6
    .venv/bin/python bench/eval_models.py --model models/a --model models/b --bench catalog/eval

For each benchmark it indexes the corpus with the packaged all-MiniLM-L6-v2 (the baseline, scored in
the same command) and with each --model, prints nDCG@10 / MRR@10 / Recall@10 for both rankings,
the difference to the baseline, and records the figures on each trained model's card.
Scores are deterministic for a given model and corpus, so they are cached in bench/results/ by
model fingerprint and file sizes (--no-cache recomputes).

Retrieval is scored in `--mode dense` by default (cosine only): the question is what fine-tuning
does to the embedding model, and hybrid fusion would blur it. `--mode hybrid` scores the fused pipeline.

Which ranking the headline table uses: gui-rerank-dev judges only 20 screens per query, so its
judged-only ranking is the comparable one; catalog/eval judges every document (a missing line means
grade 0), so its full-corpus ranking is the honest one.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ui_search.beir import load_beir  # noqa: E402
from ui_search.embedders import model_fingerprint, resolve_model  # noqa: E402
from ui_search.evaluation import evaluate_model  # noqa: E402

GUI_RERANK_DEV = REPO.parent / "shared" / "data" / "gui-rerank-dev"
DEFAULT_BENCHES = [REPO / "catalog" / "eval", GUI_RERANK_DEV]
CACHE = REPO / "bench" / "results" / "eval_cache.json"


def headline_ranking(bench: Path) -> str:
    return "judged_only" if bench.resolve() == GUI_RERANK_DEV.resolve() else "full_corpus"


def cache_key(model: str | None, bench: Path, mode: str, backend: str) -> str:
    _, folder = resolve_model(model)
    files = sorted(p for p in bench.rglob("*") if p.is_file())
    sizes = hashlib.sha256("".join(f"{p.relative_to(bench)}:{p.stat().st_size};" for p in files).encode()).hexdigest()[:12]
    return f"{model_fingerprint(folder)}|{bench.resolve()}|{sizes}|{mode}|{backend}"


def score(model: str | None, bench: Path, cache: dict, use_cache: bool, mode: str, backend: str) -> dict:
    key = cache_key(model, bench, mode, backend)
    if use_cache and key in cache:
        return cache[key]
    report = evaluate_model(load_beir(bench), model=model, backend=backend, mode=mode).as_dict()
    cache[key] = report
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    # re-read before writing: one run per benchmark may go in parallel, and none should drop another's result
    merged = {**(json.loads(CACHE.read_text()) if CACHE.exists() else {}), key: report}
    tmp = CACHE.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(merged, indent=1))
    tmp.replace(CACHE)
    return report


def row(report: dict, ranking: str) -> dict:
    return {"ranking": ranking.replace("_", "-"), **{k: report[ranking][k] for k in ("ndcg_at_10", "mrr_at_10", "recall_at_10")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", default=[], help="Fine-tuned model folder (repeatable).")
    parser.add_argument("--bench", action="append", type=Path, help="BEIR folder (repeatable). Default: catalog/eval and gui-rerank-dev.")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--no-card", action="store_true", help="Do not write figures to the models' cards.")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--backend", default="torch", help="Embedding backend (default: torch, the reference; onnx ones are approximations).")
    parser.add_argument("--mode", default="dense", help="Retrieval mode passed to Index.search (default: dense).")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    benches = [b for b in (args.bench or DEFAULT_BENCHES) if b.is_dir()]
    missing = [str(b) for b in (args.bench or DEFAULT_BENCHES) if not b.is_dir()]
    if missing:
        print(f"skipping absent benchmark(s): {', '.join(missing)}", file=sys.stderr)
    cache = json.loads(CACHE.read_text()) if CACHE.exists() and not args.no_cache else {}
    command = "python bench/eval_models.py " + " ".join(f"--model {m}" for m in args.model)
    if args.mode != "dense":
        command += f" --mode {args.mode}"
    if args.backend != "torch":
        command += f" --backend {args.backend}"

    print("| benchmark | ranking | model | nDCG@10 | MRR@10 | Recall@10 | nDCG@10 vs base |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for bench in benches:
        ranking = headline_ranking(bench)
        label = f"{ranking.replace('_', '-')}, {args.mode}, {args.backend}"
        base = score(None, bench, cache, not args.no_cache, args.mode, args.backend)
        base_row = row(base, ranking)
        name = bench.name if bench.name != "eval" else "catalog/eval"
        print(f"| {name} | {label} | all-MiniLM-L6-v2 (base) | {base_row['ndcg_at_10']:.4f} | "
              f"{base_row['mrr_at_10']:.4f} | {base_row['recall_at_10']:.4f} | 1.000 |", flush=True)
        for model in args.model:
            tuned = score(model, bench, cache, not args.no_cache, args.mode, args.backend)
            tuned_row = row(tuned, ranking)
            ratio = tuned_row["ndcg_at_10"] / base_row["ndcg_at_10"] if base_row["ndcg_at_10"] else float("nan")
            print(f"| {name} | {label} | {model} | {tuned_row['ndcg_at_10']:.4f} | "
                  f"{tuned_row['mrr_at_10']:.4f} | {tuned_row['recall_at_10']:.4f} | {ratio:.3f} |", flush=True)
            if not args.no_card and (Path(model) / ".ui_search_training.json").exists():
                from ui_search.training import record_eval

                record_eval(model, name, tuned_row, base_row, command=command.strip())
    if not benches:
        sys.exit("no benchmark folder found")


if __name__ == "__main__":
    main()
