"""Scale: build time, RAM, disk, query p50/p99 and recall@10 for flat vs approximate indexes (issue 6, goals 3-4).

    nice -n 10 .venv/bin/python bench/bench_scale.py --sizes 10000,100000 [--kinds flat,ivf,hnsw]
    nice -n 10 .venv/bin/python bench/bench_scale.py --sizes 1000000 --kinds flat,ivf   # ~15 min on 2 cores

Vectors: random vectors are the worst case for approximate search and unlike text embeddings, so the
designs are built from real embeddings instead. The base set is the ONNX fp32 embedding of every
catalog design plus the gui-rerank-dev corpus (when present); beyond that, each synthetic design is
normalize(a*x_i + (1-a)*x_j + noise) of two random real embeddings (a ~ U(0.5, 1), noise sigma
0.02 a dimension), which keeps the clustered, anisotropic shape of text embeddings. Queries are the
real embedded prompts of catalog/eval (and gui-rerank-dev). Nothing is embedded per design: an
embedder that looks vectors up by row number stands in for the model, so the real indexer (catalog
read, SQLite rows with metadata, FAISS, atomic publish) is what gets timed.

Recall@10 is against exact search over the same vectors. RAM is the process RSS growth when the
index is opened and its vectors loaded. Warm (goal 4): p50 of `Index.search` with the real ONNX
embedder encoding each prompt, on the largest size run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUI_RERANK_DEV = ROOT.parent / "shared" / "data" / "gui-rerank-dev"
NUMBER = re.compile(r"#(\d+)")


def _dense_only() -> dict:
    """Vector search only: where the engine also offers lexical/hybrid modes, ask for dense."""
    import inspect

    from ui_search.search import Index

    return {"mode": "dense"} if "mode" in inspect.signature(Index.search).parameters else {}


DENSE = _dense_only()


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def real_embeddings(work: Path, from_index: Path | None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(design vectors, query vectors, query texts), embedded once with ONNX fp32 and cached as .npz.

    `from_index` takes the design vectors from a built (ONNX fp32 or torch) index instead of
    embedding the catalog again, e.g. the 5,000-design index bench_cold_query.py builds.
    """
    from ui_search.beir import load_beir
    from ui_search.embedders import load_embedder

    cache = work / "real-embeddings.npz"
    data_sets = [load_beir(ROOT / "catalog" / "eval")] + ([load_beir(GUI_RERANK_DEV)] if GUI_RERANK_DEV.exists() else [])
    prompts = [text for data in data_sets for text in data.queries.values()]
    if cache.exists():
        saved = np.load(cache)
        return saved["designs"], saved["queries"], prompts
    embedder = load_embedder(None, "onnx")
    if from_index is not None:
        from ui_search import store, vector_index

        index = vector_index.read(store.require_version(from_index) / store.VECTORS_FILE)
        designs = vector_index.reconstruct(index, vector_index.all_ids(index))
        queries = embedder.encode(prompts)
        np.savez(cache, designs=designs, queries=queries)
        return designs, queries, prompts
    texts = []
    with (ROOT / "catalog" / "designs.jsonl").open(encoding="utf-8") as handle:
        texts += [f"{row['title']}\n{row['description']}" for row in map(json.loads, handle)]
    if GUI_RERANK_DEV.exists():
        texts += [load_beir(GUI_RERANK_DEV).doc_text(d) for d in load_beir(GUI_RERANK_DEV).corpus]
    designs = embedder.encode(texts, batch_size=32)
    queries = embedder.encode(prompts)
    np.savez(cache, designs=designs, queries=queries)  # vectors only: no corpus text is copied
    return designs, queries, prompts


def synthetic(base: np.ndarray, count: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((count, base.shape[1]), dtype=np.float32)
    head = min(count, len(base))
    out[:head] = base[:head]
    for start in range(head, count, 100_000):
        n = min(100_000, count - start)
        a = rng.uniform(0.5, 1.0, size=(n, 1)).astype(np.float32)
        mixed = a * base[rng.integers(0, len(base), n)] + (1 - a) * base[rng.integers(0, len(base), n)]
        mixed += rng.normal(0, 0.02, size=mixed.shape).astype(np.float32)
        out[start : start + n] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    return out


class LookupEmbedder:
    """Stands in for the model during the build: 'design #12' -> row 12 of the vectors given."""

    backend = "onnx"

    def __init__(self, vectors: np.ndarray, fingerprint: str, name: str):
        self.vectors, self.fingerprint, self.name, self.dim = vectors, fingerprint, name, vectors.shape[1]

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        return self.vectors[[int(NUMBER.search(t).group(1)) for t in texts]]


def write_catalog(path: Path, count: int) -> None:
    platforms = ["mobile", "web", "tablet", "desktop"]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps({"id": f"d{i}", "title": f"design #{i}", "description": "synthetic",
                                     "platform": platforms[i % 4], "rating": i % 5}) + "\n")


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    best = []
    for start in range(0, len(queries), 64):
        scores = queries[start : start + 64] @ vectors.T
        top = np.argpartition(-scores, k, axis=1)[:, :k]
        best.append(top)
    return np.vstack(best)


def folder_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma list of design counts")
    parser.add_argument("--kinds", default="flat,ivf,hnsw", help="index kinds; recall is against exact search")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ui-search-bench-scale")
    parser.add_argument("--sweep", action="store_true", help="also sweep nprobe (ivf) / efSearch (hnsw)")
    parser.add_argument("--no-warm", action="store_true")
    parser.add_argument("--warm-backend", default="onnx-int8", help="backend that encodes prompts in the warm run")
    parser.add_argument("--from-index", type=Path, help="take the real design vectors from this built index")
    args = parser.parse_args()

    os.environ["UI_SEARCH_THREADS"] = str(args.threads)
    import faiss

    faiss.omp_set_num_threads(args.threads)
    from ui_search import build_index, vector_index
    from ui_search.embedders import PACKAGED_MODEL, load_embedder
    from ui_search.search import Index

    args.work.mkdir(parents=True, exist_ok=True)
    base, query_vectors, prompts = real_embeddings(args.work, args.from_index)
    real = load_embedder(None, "onnx")
    print(f"# base: {len(base)} real design embeddings, {len(query_vectors)} real prompts; {args.threads} threads")
    print("| designs | kind | build s | index RAM MiB | disk MiB | query p50 ms | p99 ms | recall@10 |")
    print("|---|---|---|---|---|---|---|---|")
    warm_index: Path | None = None
    for size in (int(s) for s in args.sizes.split(",")):
        vectors = synthetic(base, size)
        count = min(args.queries, len(query_vectors))
        chosen = np.linspace(0, len(query_vectors) - 1, count).astype(int)  # spread over both prompt sets
        queries = query_vectors[chosen]
        truth = exact_top(vectors, queries, 10)
        catalog = args.work / f"catalog-{size}.jsonl"
        if not catalog.exists():
            write_catalog(catalog, size)
        stand_in = LookupEmbedder(np.vstack([vectors, queries]), real.fingerprint, PACKAGED_MODEL)
        for kind in args.kinds.split(","):
            index_dir = args.work / f"index-{size}-{kind}"
            shutil.rmtree(index_dir, ignore_errors=True)
            started = time.perf_counter()
            build_index(catalog, index_dir, embedder=stand_in, index_type=kind)
            build_seconds = time.perf_counter() - started
            before = rss_mib()
            idx = Index(index_dir, embedder=stand_in)
            _ = idx.vectors.ntotal
            ram = rss_mib() - before
            latencies, found = [], []
            for q in range(count):
                started = time.perf_counter()
                hits = idx.search(f"query #{size + q}", k=10, **DENSE)
                latencies.append((time.perf_counter() - started) * 1000)
                found.append([int(h.id[1:]) for h in hits])
            recall = statistics.mean(len(set(f) & set(t)) / 10 for f, t in zip(found, truth))
            print(f"| {size:,} | {kind} | {build_seconds:.1f} | {ram:.0f} | {folder_mib(index_dir / 'current'):.0f} | "
                  f"{percentile(latencies, 50):.2f} | {percentile(latencies, 99):.2f} | {recall:.3f} |")
            sys.stdout.flush()
            if args.sweep and kind in ("ivf", "hnsw"):
                sweep(idx.vectors, kind, queries, truth)
            idx.close()
            del idx
            if kind == "ivf" or (kind == "flat" and warm_index is None):
                warm_index = index_dir
        if not args.no_warm and warm_index is not None and size == max(int(s) for s in args.sizes.split(",")):
            warm(warm_index, load_embedder(None, args.warm_backend), [prompts[i] for i in chosen], count)


def sweep(index, kind: str, queries: np.ndarray, truth: np.ndarray) -> None:
    import faiss

    from ui_search import vector_index

    settings = [8, 16, 32, 64, 96, 128, 192, 256] if kind == "ivf" else [32, 64, 128, 256, 512]
    for value in settings:
        if kind == "ivf":
            ivf = faiss.extract_index_ivf(index)
            if value > ivf.nlist:
                continue
            params = faiss.SearchParametersIVF(nprobe=value)
        else:
            params = faiss.SearchParametersHNSW(efSearch=value)
        latencies, hits = [], []
        for q in queries:
            started = time.perf_counter()
            with vector_index._single_thread_for(1):  # as the engine searches one prompt
                _, ids = index.search(q[None, :], 10, params=params)
            latencies.append((time.perf_counter() - started) * 1000)
            hits.append(ids[0] - 1)  # a fresh build gives catalog row r the pk r + 1
        recall = statistics.mean(len(set(h) & set(t)) / 10 for h, t in zip(hits, truth))
        name = "nprobe" if kind == "ivf" else "efSearch"
        extra = f" of {faiss.extract_index_ivf(index).nlist} lists" if kind == "ivf" else ""
        print(f"|  | {kind} {name} {value}{extra} |  |  |  | {percentile(latencies, 50):.2f} | "
              f"{percentile(latencies, 99):.2f} | {recall:.3f} |")
        sys.stdout.flush()


def warm(index_dir: Path, embedder, prompts: list[str], count: int) -> None:
    """Goal 4: the API keeps model and index loaded; time whole `search` calls with real prompt encoding."""
    from ui_search.search import Index

    idx = Index(index_dir, embedder=embedder)
    idx.search("warm up", k=10, **DENSE)
    latencies = []
    for prompt in prompts[:count]:
        started = time.perf_counter()
        idx.search(prompt, k=10, **DENSE)
        latencies.append((time.perf_counter() - started) * 1000)
    encode = []
    for prompt in prompts[:count]:
        started = time.perf_counter()
        embedder.encode([prompt])
        encode.append((time.perf_counter() - started) * 1000)
    print(f"\n# warm Index.search on {index_dir.name} ({idx.facts['index_type']}, {len(idx):,} designs), "
          f"{embedder.backend} encoding each prompt, {count} real prompts: p50 {percentile(latencies, 50):.2f} ms, "
          f"p99 {percentile(latencies, 99):.2f} ms; of which encoding p50 {percentile(encode, 50):.2f} ms")
    idx.close()


if __name__ == "__main__":
    main()
