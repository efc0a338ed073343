"""Issue 5 probe: a cross-encoder trained here from the packaged MiniLM on generated pairs, as a reranker.

    .venv/bin/python bench/cross_encoder_probe.py --steps 500 --out /tmp/ce-probe

No cross-encoder weights can be had offline from a package (bench/README, issue 5), so this trains
one: the packaged all-MiniLM-L6-v2 weights with a fresh one-logit head, BinaryCrossEntropyLoss on
generated title -> description pairs (soft labels 0.25 / 0.5 / 0.75 from the generator's rule),
batch 8, lr 5e-5, linear decay, seed 42. It then reranks:
- gui-rerank-dev: each query's 20 judged screens (the data README's "rerank" task; the base's
  cosine order over the same 20 is the judged-only dense figure);
- catalog/eval: the base model's dense top 20 (judgments are complete, so nDCG@10 is full-corpus).
Printed beside the cosine order of the same candidates, with ms/query for the 20 cross-encodings.
A probe, not a product route: the weights stay in --out (outside the repo).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from ui_search.beir import load_beir  # noqa: E402
from ui_search.embedders import packaged_model_path  # noqa: E402
from ui_search.evaluation import score_query  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GUI = REPO.parent / "shared" / "data" / "gui-rerank-dev"
IN_DOMAIN = REPO / "catalog" / "eval"


def train_cross_encoder(out: Path, steps: int, seed: int) -> Path:
    import torch
    from datasets import Dataset
    from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
    from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from ui_search.generator import build
    from ui_search.generator.pairs import generate_pairs

    torch.set_num_threads(2)
    designs, _, _ = build(42, 6000, 10, 10, 10)
    pairs = generate_pairs(random.Random("ce-probe"), designs, steps * 8, kind_shares={"td": 1.0})
    init = out / "init"
    # the packaged folder is a sentence-transformers bi-encoder; its BERT weights get a new head
    head = AutoModelForSequenceClassification.from_pretrained(packaged_model_path(), num_labels=1)
    head.save_pretrained(init)
    AutoTokenizer.from_pretrained(packaged_model_path()).save_pretrained(init)
    model = CrossEncoder(str(init), num_labels=1, max_length=256, device="cpu")
    data = Dataset.from_dict({"query": [p.sentence_0 for p in pairs], "doc": [p.sentence_1 for p in pairs],
                              "label": [float(p.label) for p in pairs]})
    args = CrossEncoderTrainingArguments(
        output_dir=str(out / "trainer"), max_steps=steps, per_device_train_batch_size=8, learning_rate=5e-5,
        lr_scheduler_type="linear", seed=seed, data_seed=seed, logging_steps=max(1, steps // 10),
        save_strategy="no", report_to="none", use_cpu=True, disable_tqdm=True, dataloader_num_workers=0,
    )
    started = time.perf_counter()
    CrossEncoderTrainer(model=model, args=args, train_dataset=data, loss=BinaryCrossEntropyLoss(model)).train()
    print(f"trained {steps} steps on {len(pairs)} title -> description pairs in {time.perf_counter() - started:.0f} s")
    model.save(str(out / "model"))
    return out / "model"


def rerank_rows(ce_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.cross_encoder import CrossEncoder

    bi = SentenceTransformer(packaged_model_path(), device="cpu")
    ce = CrossEncoder(str(ce_dir), device="cpu")
    print("| benchmark | candidates | order | nDCG@10 | MRR@10 | Recall@10 | ms/query (20 cross-encodings) |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for bench in (GUI, IN_DOMAIN):
        if not bench.exists():
            print(f"skipped {bench}: not found")
            continue
        data = load_beir(bench)
        doc_ids = list(data.corpus)
        judged = bench == GUI
        doc_vecs = None if judged else bi.encode([data.doc_text(d) for d in doc_ids], normalize_embeddings=True, batch_size=64)
        # rows of (nDCG@10, MRR@10, Recall@10) per query, scored as `ui-search eval` scores a ranking
        scores: dict[str, list[tuple[float, float, float]]] = {"cosine": [], "cross-encoder": [], "z(cosine) + z(cross-encoder)": []}
        times = []
        for qid, prompt in data.queries.items():
            grades = data.qrels[qid]
            qvec = bi.encode([prompt], normalize_embeddings=True)[0]
            if judged:
                cands = list(grades)
                cos = bi.encode([data.doc_text(d) for d in cands], normalize_embeddings=True) @ qvec
            else:
                all_cos = doc_vecs @ qvec
                top = np.argsort(-all_cos)[:20]
                cands, cos = [doc_ids[i] for i in top], all_cos[top]
            started = time.perf_counter()
            ce_scores = np.asarray(ce.predict([(prompt, data.doc_text(d)) for d in cands], batch_size=32))
            times.append(1000 * (time.perf_counter() - started))
            z = lambda v: (v - v.mean()) / (v.std() + 1e-9)  # noqa: E731
            for name, s in (("cosine", cos), ("cross-encoder", ce_scores), ("z(cosine) + z(cross-encoder)", z(cos) + z(ce_scores))):
                ranked = [cands[i] for i in np.argsort(-s, kind="stable")]
                full, _ = score_query(ranked, grades, data.top_grade)
                scores[name].append((full.ndcg_at_10, full.mrr_at_10, full.recall_at_10))
        where = "its 20 judged screens" if judged else "base dense top 20"
        for name, values in scores.items():
            ndcg, mrr, recall = np.mean(values, axis=0)
            print(f"| {bench.name} | {where} | {name} | {ndcg:.4f} | {mrr:.4f} | {recall:.4f} | {np.median(times):.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("/tmp/ce-probe"))
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", action="store_true", help="Score the model already in --out/model.")
    args = parser.parse_args()
    ce_dir = args.out / "model" if args.reuse else train_cross_encoder(args.out, args.steps, args.seed)
    rerank_rows(ce_dir)


if __name__ == "__main__":
    main()
