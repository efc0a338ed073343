"""Flat and approximate FAISS indexes: round trips, incremental add/remove, filters, the auto choice."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import write_jsonl
from ui_search import build_index, open_index, vector_index
from ui_search.errors import UISearchError

KINDS = ["flat", "ivf", "hnsw"]
DIM = 32


def clustered(n: int, seed: int = 0) -> np.ndarray:
    """Unit vectors around 20 centres: closer to text embeddings than uniform noise."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(20, DIM))
    vectors = centres[rng.integers(0, 20, n)] + 0.6 * rng.normal(size=(n, DIM))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def exact_top(vectors: np.ndarray, ids: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return ids[np.argsort(-(queries @ vectors.T), axis=1)[:, :k]]


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth)]))


@pytest.mark.parametrize("kind", KINDS)
def test_round_trip_and_recall(kind, tmp_path):
    vectors = clustered(2000)
    ids = np.arange(10, 2010, dtype=np.int64) * 3  # ids are SQLite pks, not positions
    index = vector_index.new_index(kind, DIM, len(ids))
    vector_index.add(index, vectors, ids)
    vector_index.write(index, tmp_path / "v.faiss")
    loaded = vector_index.read(tmp_path / "v.faiss")
    assert vector_index.kind_of(loaded) == kind
    assert loaded.ntotal == 2000
    queries = clustered(50, seed=1)
    _, found = vector_index.search(loaded, queries, 10)
    assert recall(found, exact_top(vectors, ids, queries, 10)) >= (1.0 if kind == "flat" else 0.9)
    # search parameters travel inside the file
    if kind == "ivf":
        assert vector_index._faiss().extract_index_ivf(loaded).nprobe == vector_index.ivf_probes(loaded.nlist) > 1
    if kind == "hnsw":
        assert vector_index.faiss_hnsw_params(loaded).efSearch == vector_index.HNSW_EF_SEARCH
    np.testing.assert_allclose(vector_index.reconstruct(loaded, ids[[0, 7, 1999]]), vectors[[0, 7, 1999]], atol=1e-6)
    assert sorted(vector_index.all_ids(loaded)) == sorted(ids)


@pytest.mark.parametrize("kind", KINDS)
def test_incremental_remove_and_add(kind):
    vectors = clustered(1500)
    ids = np.arange(1, 1501, dtype=np.int64)
    index = vector_index.new_index(kind, DIM, len(ids))
    vector_index.add(index, vectors, ids)
    gone = ids[:500]
    index = vector_index.remove(index, gone)
    fresh = clustered(100, seed=5)
    fresh_ids = np.arange(5000, 5100, dtype=np.int64)
    vector_index.add(index, fresh, fresh_ids)
    assert index.ntotal == 1100
    assert set(vector_index.all_ids(index)) == set(ids[500:]) | set(fresh_ids)
    # a removed vector is never found; a fresh one finds itself first
    _, found = vector_index.search(index, vectors[:20], 5)
    assert not set(found.ravel()) & set(gone)
    _, found = vector_index.search(index, fresh[:20], 1)
    assert list(found[:, 0]) == list(fresh_ids[:20])
    np.testing.assert_allclose(vector_index.reconstruct(index, [5003]), fresh[[3]], atol=1e-6)


@pytest.mark.parametrize("kind", KINDS)
def test_filter_applies_before_the_cut(kind):
    vectors = clustered(6000)
    ids = np.arange(1, 6001, dtype=np.int64)
    index = vector_index.new_index(kind, DIM, len(ids))
    vector_index.add(index, vectors, ids)
    queries = clustered(5, seed=2)
    for allowed in (ids[::7], ids[ids % 5 != 0]):  # small set (brute force) and a large one (selector)
        scores, found = vector_index.search(index, queries, 10, allowed=allowed)
        assert set(found.ravel()) <= set(allowed)
        assert (found >= 0).all()
        assert (np.diff(scores, axis=1) <= 1e-6).all()


@pytest.mark.parametrize("source,target", [("flat", "ivf"), ("ivf", "hnsw"), ("hnsw", "flat")])
def test_convert_keeps_vectors_and_ids(source, target):
    vectors = clustered(800)
    ids = np.arange(100, 900, dtype=np.int64)
    index = vector_index.new_index(source, DIM, len(ids))
    vector_index.add(index, vectors, ids)
    converted = vector_index.convert(index, target)
    assert vector_index.kind_of(converted) == target
    assert sorted(vector_index.all_ids(converted)) == list(ids)
    np.testing.assert_allclose(vector_index.reconstruct(converted, ids[::50]), vectors[::50], atol=1e-6)


def test_auto_choice_and_bad_type():
    assert vector_index.choose_index_type("auto", vector_index.AUTO_THRESHOLD - 1) == "flat"
    assert vector_index.choose_index_type("auto", vector_index.AUTO_THRESHOLD) == "ivf"
    assert vector_index.choose_index_type("hnsw", 10) == "hnsw"
    assert vector_index.target_type("auto", "hnsw", 10) == "hnsw"  # an explicit earlier choice sticks
    assert vector_index.target_type("auto", "flat", vector_index.AUTO_THRESHOLD) == "ivf"
    with pytest.raises(UISearchError, match="unknown index type 'annoy'"):
        vector_index.choose_index_type("annoy", 10)


def catalog_rows(n: int, start: int = 0) -> list[dict]:
    words = ["dark", "light", "login", "chat", "music", "settings", "weather", "checkout", "pastel", "neon",
             "dashboard", "profile", "map", "calendar", "grid", "list"]
    rows = []
    for i in range(start, start + n):
        picked = [words[(i * p) % len(words)] for p in (1, 3, 5, 7)]
        rows.append({"id": f"d{i}", "title": " ".join(picked[:2]) + f" screen {i}",
                     "description": " ".join(picked) + f" layout number {i}", "platform": ["web", "mobile"][i % 2]})
    return rows


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_engine_builds_updates_and_queries_approximate_index(kind, tmp_path, fake_backend, indexes_root):
    catalog = write_jsonl(tmp_path / "c.jsonl", catalog_rows(400))
    build_index(catalog, indexes_root / "x", backend="fake", index_type=kind)
    with open_index("x") as idx:
        assert idx.facts["index_type"] == kind
        hits = idx.search("dark login screen 7", k=5, where={"platform": "mobile"})
        assert hits and all(h.metadata["platform"] == "mobile" for h in hits)
    # change one design, drop 100, add 50: nothing stale is found, the change is found
    rows = catalog_rows(300) + catalog_rows(50, start=1000)
    rows[3]["description"] = "zebra aquarium kiosk"
    write_jsonl(catalog, rows)
    report = build_index(catalog, indexes_root / "x")
    assert (report.added, report.updated, report.removed) == (50, 1, 100)
    with open_index("x") as idx:
        assert idx.facts["index_type"] == kind and len(idx) == 350
        assert idx.search("zebra aquarium kiosk", k=1)[0].id == "d3"
        ids = {h.id for h in idx.search("dark login", k=350)}
        assert not {f"d{i}" for i in range(300, 400)} & ids
        assert idx.similar("d1000", k=3)


def test_auto_switches_flat_to_ivf_when_the_catalog_grows(tmp_path, fake_backend, indexes_root, monkeypatch):
    monkeypatch.setattr(vector_index, "AUTO_THRESHOLD", 300)
    catalog = write_jsonl(tmp_path / "c.jsonl", catalog_rows(200))
    build_index(catalog, indexes_root / "g", backend="fake")
    with open_index("g") as idx:
        assert idx.facts["index_type"] == "flat"
    write_jsonl(catalog, catalog_rows(320))
    build_index(catalog, indexes_root / "g")
    with open_index("g") as idx:
        assert idx.facts["index_type"] == "ivf"
        assert len(idx) == 320 and idx.vectors.ntotal == 320
    # an explicit kind on an unchanged catalog still converts, without embedding anything
    fake_backend.texts_encoded = 0
    report = build_index(catalog, indexes_root / "g", index_type="flat")
    assert report.embedded == 0 and fake_backend.texts_encoded == 0
    with open_index("g") as idx:
        assert idx.facts["index_type"] == "flat" and idx.vectors.ntotal == 320


def test_flat_reads_without_faiss_and_answers_the_same(tmp_path):
    vectors = clustered(3000)
    ids = np.arange(7, 3007, dtype=np.int64) * 2
    index = vector_index.new_index("flat", DIM)
    vector_index.add(index, vectors, ids)
    index = vector_index.remove(index, ids[:10])
    vector_index.write(index, tmp_path / "v.faiss")
    light = vector_index.read_for_search(tmp_path / "v.faiss")
    assert isinstance(light, vector_index.NumpyFlat) and light.ntotal == 2990
    queries = clustered(20, seed=3)
    kept = ids[10:]  # allowed ids come from SQLite, so they are always stored ones
    for allowed in (None, kept[::9], kept[kept % 10 != 0]):
        want_scores, want_ids = vector_index.search(index, queries, 10, allowed)
        got_scores, got_ids = vector_index.search(light, queries, 10, allowed)
        np.testing.assert_array_equal(got_ids, want_ids)
        np.testing.assert_allclose(got_scores, want_scores, atol=1e-5)
    np.testing.assert_allclose(vector_index.reconstruct(light, [ids[20]]), vectors[[20]], atol=1e-6)
    # every other kind still goes through FAISS
    ivf = vector_index.new_index("ivf", DIM, 3000)
    vector_index.add(ivf, vectors, ids)
    vector_index.write(ivf, tmp_path / "i.faiss")
    assert vector_index.read_flat_without_faiss(tmp_path / "i.faiss") is None
    assert vector_index.kind_of(vector_index.read_for_search(tmp_path / "i.faiss")) == "ivf"


def test_flat_query_path_does_not_import_faiss(tmp_path, fake_backend, indexes_root):
    import subprocess
    import sys

    catalog = write_jsonl(tmp_path / "c.jsonl", catalog_rows(50))
    build_index(catalog, indexes_root / "light", backend="fake")
    code = (
        "import sys\n"
        "from ui_search.search import Index\n"
        "from conftest import FakeEmbedder\n"
        f"idx = Index({str(indexes_root / 'light')!r}, embedder=FakeEmbedder())\n"
        "print(idx.search('dark login screen 3', k=3)[0].id, 'faiss' in sys.modules)\n"
    )
    tests_dir = str(Path(__file__).parent)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tests_dir, timeout=60)
    assert run.returncode == 0, run.stderr
    hit, faiss_loaded = run.stdout.split()
    assert hit.startswith("d") and faiss_loaded == "False"
