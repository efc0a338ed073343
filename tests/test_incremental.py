"""Re-indexing a changed catalog embeds only what changed, and drops what left."""
from __future__ import annotations

import json

import sqlite_utils
from typer.testing import CliRunner

from ui_search import build_index, open_index
from ui_search.cli import app
from ui_search.store import current_version

from conftest import small_catalog_rows, write_jsonl


def test_second_run_over_unchanged_catalog_embeds_nothing_and_says_so(fake_backend, indexes_root, small_catalog):
    runner = CliRunner()
    first = runner.invoke(app, ["index", str(small_catalog), "--backend", "fake", "-q"])
    assert first.exit_code == 0, first.output
    assert "12 added" in first.output and fake_backend.texts_encoded == 12
    version = current_version(indexes_root / "default")
    second = runner.invoke(app, ["index", str(small_catalog), "-q"])
    assert second.exit_code == 0, second.output
    assert "up to date" in second.output and "nothing to embed" in second.output
    assert fake_backend.texts_encoded == 12
    assert current_version(indexes_root / "default") == version  # nothing republished


def test_changed_catalog_updates_only_what_changed(tmp_path, fake_backend):
    rows = small_catalog_rows()
    index_dir = tmp_path / "idx"
    build_index(write_jsonl(tmp_path / "v1.jsonl", rows), index_dir, backend="fake")
    fake_backend.texts_encoded = 0

    rows[0]["description"] = "Bright yellow onboarding carousel with three slides and a 'Get Started' button."
    rows[1]["theme"] = "retro"  # metadata only
    removed = rows.pop(5)["id"]
    rows.append({"id": "s99", "title": "Kanban board", "description": "Kanban task board with three columns.",
                 "platform": "web", "theme": "light", "screen": "board", "palette": ["white"], "rating": 2})
    report = build_index(write_jsonl(tmp_path / "v2.jsonl", rows), index_dir)

    assert (report.added, report.updated, report.metadata_updated, report.removed) == (1, 1, 1, 1)
    assert report.embedded == 2 and fake_backend.texts_encoded == 2
    idx = open_index(index_dir)
    assert len(idx) == 12 and idx.vectors.ntotal == 12
    assert idx.search("yellow onboarding carousel get started", k=1)[0].id == "s01"
    assert idx.search("kanban task board columns", k=1)[0].id == "s99"
    assert idx.get("s02").metadata["theme"] == "retro"
    assert all(h.id != removed for h in idx.search("earthy recipe ingredient terracotta", k=12))
    facts = idx.info()
    assert facts["last_build"] == {"added": 1, "updated": 1, "metadata_updated": 1, "removed": 1, "unchanged": 9}
    assert facts["created"] <= facts["updated"]


def test_sqlite_file_reads_with_plain_sqlite_utils(tmp_path, fake_backend, small_catalog):
    build_index(small_catalog, tmp_path / "idx", backend="fake")
    db = sqlite_utils.Database(current_version(tmp_path / "idx") / "designs.db")
    assert db["designs"].count == 12
    row = next(db["designs"].rows_where("id = ?", ["s03"]))
    assert json.loads(row["metadata"])["platform"] == "mobile"
    facts = {r["key"]: json.loads(r["value"]) for r in db["facts"].rows}
    assert facts["count"] == 12 and facts["dim"] == 64 and facts["index_type"] == "flat"
    assert {"model", "model_fingerprint", "backend", "package_version", "created", "updated", "source"} <= set(facts)


def test_a_different_model_rebuilds_everything(tmp_path, fake_backend, small_catalog):
    build_index(small_catalog, tmp_path / "idx", backend="fake", model="fake-a")
    report = build_index(small_catalog, tmp_path / "idx", backend="fake", model="fake-b")
    assert report.full_rebuild and report.embedded == 12
    assert open_index(tmp_path / "idx").info()["model"] == "fake-b"
