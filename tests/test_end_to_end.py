"""The real packaged model, end to end through the CLI, and the cold-start promise."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from ui_search import open_index
from ui_search.cli import app

pytestmark = pytest.mark.slow


def test_real_model_indexes_and_answers_prompts(indexes_root, small_catalog, real_embedder):
    runner = CliRunner()
    # the torch reference path; the default (onnx-int8) is covered in tests/test_onnx.py
    built = runner.invoke(app, ["index", str(small_catalog), "--name", "real", "--backend", "torch", "-q"])
    assert built.exit_code == 0, built.output
    expectations = {
        "Dark theme contact Support": "s01",
        "colorful file manager": "s02",
        "pastel login screen": "s03",
        "404 page not found": "s08",
        "sales kpi dashboard": "s05",
        "track my daily habits": "s12",
    }
    for prompt, expected in expectations.items():
        for mode in ("expanded", "hybrid", "dense"):
            result = runner.invoke(app, ["query", prompt, "--index", "real", "-k", "3", "--json", "--mode", mode])
            assert result.exit_code == 0, result.output
            top = json.loads(result.output)["results"][0]
            assert top["id"] == expected, (prompt, mode, top["id"])
        assert 0.3 < top["score"] <= 1.0  # dense scores are cosines
    # the default (expanded) with a filter: its first results, hence its added words, come from the mobile designs
    for prompt, expected in {"weather glass cards": "s07", "dark chat messenger": "s10"}.items():
        result = runner.invoke(app, ["query", prompt, "--index", "real", "-k", "2", "--json", "--where", "platform=mobile"])
        assert json.loads(result.output)["results"][0]["id"] == expected, prompt

    idx = open_index("real")
    facts = idx.info()
    assert facts["dim"] == 384 and facts["model_label"] == "all-MiniLM-L6-v2" and facts["backend"] == "torch"
    # stored vectors are the model's own normalized embeddings
    stored = idx.vectors.reconstruct(1)
    direct = real_embedder.encode([idx.get("s01").text])[0]
    assert np.linalg.norm(stored) == pytest.approx(1.0, abs=1e-4)
    assert float(stored @ direct) > 0.999


@pytest.mark.parametrize("args", [["--help"], ["info", "--index", "ghost"], ["query", "--help"]])
def test_help_and_info_do_not_import_torch(args):
    script = (
        "import sys\n"
        "from ui_search.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60).stdout
    assert "HEAVY=\n" in out or out.rstrip().endswith("HEAVY="), out
