"""`ui-search train`: a few real optimizer steps that change the weights and save a usable model."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import SMALL_DESIGNS
from ui_search.cli import app
from ui_search.training import PairsError, read_pairs

runner = CliRunner()


def write_pairs(path: Path, rows: list[tuple[str, str, object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sentence_0", "sentence_1", "label"])
        writer.writerows(rows)
    return path


def small_pairs() -> list[tuple[str, str, float]]:
    """30 short pairs from the fixture designs: own title-description (0.75), other designs (0.25)."""
    rows: list[tuple[str, str, float]] = []
    for n, (_, title, description, *_rest) in enumerate(SMALL_DESIGNS):
        rows.append((title, " ".join(description.split()[:12]), 0.75))
        rows.append((title, SMALL_DESIGNS[(n + 5) % len(SMALL_DESIGNS)][1], 0.25))
        rows.append((" ".join(description.split()[:8]), SMALL_DESIGNS[(n + 3) % len(SMALL_DESIGNS)][1], 0.25))
    return rows[:30]


@pytest.mark.slow
def test_three_steps_change_the_weights_and_save_a_loadable_model(tmp_path, indexes_root, small_catalog):
    from safetensors.numpy import load_file

    from ui_search.embedders import SentenceTransformerEmbedder, packaged_model_path
    from ui_search.indexer import build_index
    from ui_search.search import open_index

    pairs = write_pairs(tmp_path / "pairs.csv", small_pairs())
    out = tmp_path / "models" / "tiny"
    result = runner.invoke(app, ["train", str(pairs), "--out", str(out), "--max-steps", "3", "--batch-size", "4",
                                 "--log-every", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["steps"] == 3 and report["data"]["pairs"] == 30
    assert [p["step"] for p in report["loss_log"]] == [1, 2, 3]
    assert all(p["loss"] > 0 for p in report["loss_log"])

    base = load_file(str(Path(packaged_model_path()) / "model.safetensors"))
    tuned = load_file(str(out / "model.safetensors"))
    changed = [name for name in base if name in tuned and not np.array_equal(base[name], tuned[name])]
    assert len(changed) > 10, "training left the weights as they were"

    # trained at the recipe's 128 tokens, saved with the base's own 256 so long designs are not cut
    assert report["config"]["max_seq_length"] == 128 and report["inference_max_seq_length"] == 256
    embedder = SentenceTransformerEmbedder(str(out))
    assert embedder.model.max_seq_length == 256
    vectors = embedder.encode(["Dark theme contact Support", "Neon music player"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)

    card = (out / "README.md").read_text()
    assert "all-MiniLM-L6-v2" in card and "## Loss log" in card and "| 3 |" in card and "30" in card
    assert not list(out.parent.glob(".tiny.tmp-*"))  # the staging folder is gone

    # weight averaging with the base: exactly halfway, and still a loadable model with a card
    from ui_search.training import interpolate

    mixed_dir = interpolate(out, tmp_path / "models" / "half", 0.5)
    mixed = load_file(str(mixed_dir / "model.safetensors"))
    name = changed[0]
    assert np.allclose(mixed[name], (base[name] + tuned[name]) / 2, atol=1e-6)
    assert "0.5 x base" in (mixed_dir / "README.md").read_text()

    # the folder works as `ui-search index --model`
    build_index(small_catalog, indexes_root / "tuned", model=str(out), backend="torch")
    hits = open_index(indexes_root / "tuned").search("Neon music player", k=1)
    assert hits[0].id == "s04"


def test_bad_pairs_are_named_by_file_and_line(tmp_path):
    bad = write_pairs(tmp_path / "pairs.csv", [("a", "b", 0.5), ("c", "d", "high")])
    with pytest.raises(PairsError, match=r"pairs.csv, line 3: label must be a number"):
        read_pairs(bad)
    out_of_range = write_pairs(tmp_path / "range.csv", [("a", "b", 1.5)])
    with pytest.raises(PairsError, match=r"line 2: label must be between 0 and 1"):
        read_pairs(out_of_range)
    (tmp_path / "cols.csv").write_text("left,right,score\na,b,0.5\n")
    with pytest.raises(PairsError, match=r"line 1: missing column"):
        read_pairs(tmp_path / "cols.csv")
    assert read_pairs(write_pairs(tmp_path / "ok.csv", [("a", "b", "0.25")])) == (["a"], ["b"], [0.25])


def test_train_command_user_errors(tmp_path):
    missing = runner.invoke(app, ["train", str(tmp_path / "none.csv"), "--out", str(tmp_path / "m")])
    assert missing.exit_code == 1 and "no such pairs file" in missing.output and "Traceback" not in missing.output
    pairs = write_pairs(tmp_path / "pairs.csv", small_pairs())
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x").write_text("keep me")
    taken = runner.invoke(app, ["train", str(pairs), "--out", str(tmp_path / "taken")])
    assert taken.exit_code == 1 and "--overwrite" in taken.output
    assert (tmp_path / "taken" / "x").read_text() == "keep me"
