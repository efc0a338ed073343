"""The ONNX backends against the real packaged model: same vectors as torch, no torch on the query path."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import write_jsonl, small_catalog_rows
from ui_search import build_index, embedders, embedders_onnx, open_index
from ui_search.errors import UISearchError

TEXTS = [
    "Dark theme contact Support",
    "login",
    "Playful file manager: grid of coloured folder cards, search bar on top, a storage progress ring.",
    # longer than the 128 tokens tokenizer.json truncates at: catches a tokenizer set up wrong
    " ".join(["Corporate dashboard for sales analytics with navy sidebar, KPI cards and a revenue chart."] * 12),
]


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        cache = tmp_path_factory.mktemp("onnx-cache")
        patch.setenv(embedders_onnx.CACHE_ENV, str(cache))
        yield cache


@pytest.fixture(scope="session")
def onnx_embedder(onnx_cache):
    embedder = embedders.load_embedder(None, "onnx")
    embedder.encode(["warm up"])
    return embedder


@pytest.mark.slow
def test_fp32_matches_torch(onnx_embedder, real_embedder):
    assert onnx_embedder.fingerprint == real_embedder.fingerprint
    assert onnx_embedder.backend == "onnx" and onnx_embedder.dim == real_embedder.dim == 384
    ours = onnx_embedder.encode(TEXTS * 2, batch_size=3)[: len(TEXTS)]  # > SMALL_CALL: the batch session
    theirs = real_embedder.encode(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() >= 0.999
    # batching, length sorting and the single-thread query session must not change a vector
    alone = np.vstack([onnx_embedder.encode([t]) for t in TEXTS])
    assert set(onnx_embedder._sessions) == {True, False}
    assert (alone * ours).sum(axis=1).min() >= 0.9999


@pytest.mark.slow
def test_int8_stays_close_to_fp32(onnx_embedder, onnx_cache):
    int8 = embedders.load_embedder(None, "onnx-int8")
    assert int8.backend == "onnx-int8" and int8.fingerprint == onnx_embedder.fingerprint
    cosines = (int8.encode(TEXTS) * onnx_embedder.encode(TEXTS)).sum(axis=1)
    assert cosines.min() >= 0.98
    assert cosines.max() < 0.99999  # it really is the quantized graph, not the fp32 one again


@pytest.mark.slow
def test_export_is_cached_outside_the_model_folder(onnx_embedder, onnx_cache):
    exported = list(Path(onnx_cache).rglob("*.onnx"))
    assert any(p.name == "model-fp32.onnx" for p in exported)
    assert all(onnx_embedder.fingerprint in str(p) for p in exported)
    assert not list(Path(onnx_embedder.folder).rglob("*.onnx"))


@pytest.mark.slow
def test_onnx_index_is_queried_by_onnx_without_torch(onnx_embedder, onnx_cache, tmp_path, indexes_root):
    catalog = write_jsonl(tmp_path / "designs.jsonl", small_catalog_rows())
    build_index(catalog, indexes_root / "fast", backend="onnx")
    with open_index("fast") as idx:
        assert idx.facts["backend"] == "onnx"
        assert idx.embedder.backend == "onnx"
        assert idx.search("Dark theme contact Support", k=1)[0].id == "s01"
    # a fresh process: the CLI query must answer without importing torch or sentence-transformers
    code = (
        "import sys\n"
        "from ui_search.cli import app\n"
        "try:\n"
        "    app(['query', 'Neon music player', '-i', 'fast', '-k', '2', '--json'])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    env = {**os.environ, embedders_onnx.CACHE_ENV: str(onnx_cache), "UI_SEARCH_INDEXES": str(indexes_root)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    first, heavy = run.stdout.strip().splitlines()
    assert json.loads(first)["results"][0]["id"] == "s04"
    assert heavy == "[]"


def test_missing_onnxruntime_is_a_one_line_hint(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now raises ImportError
    monkeypatch.setenv(embedders_onnx.CACHE_ENV, str(tmp_path))
    embedder = embedders.load_embedder(None, "onnx")
    with pytest.raises(UISearchError, match=r"pip install 'ui-search\[fast\]'"):
        embedder.encode(["x"])


def test_backends_register_without_importing_onnxruntime():
    code = "import sys, ui_search.embedders as e; print('onnx' in e.BACKENDS, 'onnxruntime' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.split() == ["True", "False"], run.stderr


def test_unsupported_module_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
    ]))
    with pytest.raises(UISearchError, match="cannot run a Dense module"):
        embedders_onnx.model_settings(tmp_path)


@pytest.mark.slow
def test_default_backend_builds_int8_and_answers(onnx_cache, tmp_path, indexes_root):
    from typer.testing import CliRunner

    from ui_search.cli import app

    assert embedders.default_backend() == embedders.DEFAULT_BACKEND == "onnx-int8"
    catalog = write_jsonl(tmp_path / "designs.jsonl", small_catalog_rows())
    runner = CliRunner()
    built = runner.invoke(app, ["index", str(catalog), "--name", "default-int8", "-q"])
    assert built.exit_code == 0, built.output
    for prompt, expected in {"Dark theme contact Support": "s01", "pastel login screen": "s03",
                             "sales kpi dashboard": "s05", "track my daily habits": "s12"}.items():
        result = runner.invoke(app, ["query", prompt, "--index", "default-int8", "-k", "3", "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["results"][0]["id"] == expected, prompt
    with open_index("default-int8") as idx:
        assert idx.facts["backend"] == "onnx-int8" and idx.embedder.backend == "onnx-int8"


def test_default_falls_back_to_torch_without_onnxruntime(monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "onnxruntime" else real_find_spec(name, *a))
    assert embedders.default_backend() == "torch"


def test_reads_both_pooling_config_formats(tmp_path):
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.transformer.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling"}]
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    (tmp_path / "config.json").write_text(json.dumps({"max_position_embeddings": 512}))
    # sentence-transformers 6: one pooling name, max length only in the tokenizer config
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"embedding_dimension": 384, "pooling_mode": "cls"}))
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 128}))
    assert embedders_onnx.model_settings(tmp_path) == {"max_seq_length": 128, "pooling": "cls"}
    # earlier versions: one flag per mode, max_seq_length in sentence_bert_config.json
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False}))
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 256}))
    assert embedders_onnx.model_settings(tmp_path) == {"max_seq_length": 256, "pooling": "mean"}
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode": "lasttoken"}))
    with pytest.raises(UISearchError, match="one pooling mode"):
        embedders_onnx.model_settings(tmp_path)


def test_export_location(tmp_path, monkeypatch):
    monkeypatch.delenv(embedders_onnx.CACHE_ENV, raising=False)
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    before = embedders.model_fingerprint(folder)
    # a writable local model keeps its export beside it, and that does not change its fingerprint
    assert embedders_onnx.export_dir("abc", folder) == folder / "onnx" / f"abc-v{embedders_onnx.EXPORT_FORMAT}"
    (folder / "onnx").mkdir()
    (folder / "onnx" / "model-fp32.onnx").write_bytes(b"graph")
    assert embedders.model_fingerprint(folder) == before
    # installed packages are never written to; the packaged model and $UI_SEARCH_CACHE use the cache
    installed = tmp_path / "lib" / "site-packages" / "pkg" / "model"
    installed.mkdir(parents=True)
    assert embedders_onnx.export_dir("abc", installed).is_relative_to(embedders_onnx.cache_root())
    assert embedders_onnx.export_dir("abc").is_relative_to(embedders_onnx.cache_root())
    monkeypatch.setenv(embedders_onnx.CACHE_ENV, str(tmp_path / "cache"))
    assert embedders_onnx.export_dir("abc", folder) == tmp_path / "cache" / "onnx" / f"abc-v{embedders_onnx.EXPORT_FORMAT}"
