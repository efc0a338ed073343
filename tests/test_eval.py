"""`ui-search eval` and the evaluation module, end to end on a tiny BEIR folder."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SMALL_DESIGNS
from ui_search.beir import BeirFormatError, load_beir
from ui_search.cli import app
from ui_search.evaluation import evaluate, evaluate_model

runner = CliRunner()

# query text, then (doc id, grade) judgments; each query is a design's own title, so a sane model
# ranks that design first among the judged ones
QUERIES = {
    "q1": ("Dark theme contact Support", [("s01", 2), ("s10", 1), ("s05", 0)]),
    "q2": ("Neon music player", [("s04", 2), ("s10", 0), ("s02", 0)]),
    "q3": ("Retro 404 error page", [("s08", 2), ("s09", 1), ("s03", 0)]),
}


def write_beir(folder: Path, qrels_lines: list[str] | None = None) -> Path:
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text(
        "".join(json.dumps({"_id": i, "title": t, "text": d}) + "\n" for i, t, d, *_ in SMALL_DESIGNS), encoding="utf-8"
    )
    (folder / "queries.jsonl").write_text(
        "".join(json.dumps({"_id": q, "text": text}) + "\n" for q, (text, _) in QUERIES.items())
        + json.dumps({"_id": "q9", "text": "a query nobody judged"}) + "\n",
        encoding="utf-8",
    )
    if qrels_lines is None:
        qrels_lines = ["query-id\tcorpus-id\tscore"] + [
            f"{q}\t{doc}\t{grade}" for q, (_, judged) in QUERIES.items() for doc, grade in judged
        ]
    (folder / "qrels" / "test.tsv").write_text("\n".join(qrels_lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def beir_dir(tmp_path) -> Path:
    return write_beir(tmp_path / "bench")


def test_load_beir_keeps_judged_queries(beir_dir):
    data = load_beir(beir_dir)
    assert list(data.queries) == ["q1", "q2", "q3"]
    assert data.unjudged_queries == 1
    assert data.qrels["q1"] == {"s01": 2, "s10": 1, "s05": 0}
    assert data.top_grade == 2
    assert len(data.corpus) == 12


@pytest.mark.parametrize(
    "line, message",
    [
        ("q1\ts01", "line 2: expected 3 tab-separated columns"),
        ("q1\ts01\tgood", "line 2: score must be a number"),
        ("q7\ts01\t1", "line 2: query-id 'q7' is not in queries.jsonl"),
        ("q1\tnope\t1", "line 2: corpus-id 'nope' is not in corpus.jsonl"),
    ],
)
def test_bad_qrels_name_file_and_line(tmp_path, line, message):
    folder = write_beir(tmp_path / "b", ["query-id\tcorpus-id\tscore", line])
    with pytest.raises(BeirFormatError) as err:
        load_beir(folder)
    assert "test.tsv" in str(err.value) and message in str(err.value)


def test_broken_corpus_line_is_named(beir_dir):
    with (beir_dir / "corpus.jsonl").open("a") as handle:
        handle.write("{not json\n")
    with pytest.raises(BeirFormatError, match=r"corpus.jsonl, line 13: broken JSON"):
        load_beir(beir_dir)


def test_evaluate_any_ranking_function(beir_dir):
    data = load_beir(beir_dir)
    # a fixed ranking: unjudged s12 first, then the judged documents worst grade first
    def rank(prompts):
        assert prompts == [text for text, _ in QUERIES.values()]
        return [[("s12", 0.9)] + [(doc, 0.5) for doc, _ in sorted(j, key=lambda p: p[1])] for _, j in QUERIES.values()]

    report = evaluate(data, rank, label="fixed")
    # judged only: each query ranks grades (0, 1, 2) or (0, 0, 2); worked out by hand
    ndcg_q1 = (1 / 1.584962500721156 + 3 / 2) / (3 + 1 / 1.584962500721156)
    ndcg_q2 = (3 / 2) / 3
    assert report.judged_only.ndcg_at_10 == pytest.approx(round((2 * ndcg_q1 + ndcg_q2) / 3, 4), abs=1e-4)
    assert report.judged_only.mrr_at_10 == pytest.approx(1 / 3, abs=1e-4)
    assert report.full_corpus.mrr_at_10 == pytest.approx(1 / 4, abs=1e-4)  # s12 pushes everything down one
    assert report.full_corpus.ndcg_at_10 < report.judged_only.ndcg_at_10
    assert report.judged_coverage == 1.0 and report.queries == 3 and report.label == "fixed"


def test_truncated_ranking_lowers_coverage(beir_dir):
    report = evaluate(load_beir(beir_dir), lambda prompts: [[("s01", 1.0)] for _ in prompts])
    assert report.judged_coverage == pytest.approx(1 / 9, abs=1e-3)
    assert any("lower bound" in note for note in report.notes)


def test_eval_command_json_with_fake_model(beir_dir, fake_backend, indexes_root):
    result = runner.invoke(app, ["eval", str(beir_dir), "--backend", "fake", "--json", "--per-query"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["queries"] == 3 and report["corpus_size"] == 12 and report["top_grade"] == 2
    # each query is its design's title, so bag-of-words puts that design first
    assert report["judged_only"]["mrr_at_10"] == 1.0
    assert report["judged_only"]["ndcg_at_10"] == 1.0
    assert report["full_corpus"]["recall_at_100"] == 1.0
    assert report["queries_per_second"] > 0
    assert [q["query_id"] for q in report["per_query"]] == ["q1", "q2", "q3"]
    assert not list(indexes_root.glob("*"))  # the temporary index lives in a temp folder, not indexes/


def test_eval_command_on_a_built_index(beir_dir, fake_backend, indexes_root):
    from ui_search.evaluation import build_corpus_index
    from ui_search.store import resolve_index_dir

    build_corpus_index(load_beir(beir_dir), resolve_index_dir("bench"), backend="fake")
    result = runner.invoke(app, ["eval", str(beir_dir), "--index", "bench", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["judged_only"]["mrr_at_10"] == 1.0
    table = runner.invoke(app, ["eval", str(beir_dir), "--index", "bench"])
    assert table.exit_code == 0 and "judged only" in table.stdout and "full corpus" in table.stdout


def test_eval_command_user_errors(tmp_path, beir_dir):
    missing = runner.invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no such folder" in missing.output and "Traceback" not in missing.output
    (beir_dir / "qrels" / "test.tsv").unlink()
    no_qrels = runner.invoke(app, ["eval", str(beir_dir)])
    assert no_qrels.exit_code == 1 and "test.tsv: missing file" in no_qrels.output
    both = runner.invoke(app, ["eval", str(beir_dir), "--index", "x", "--model", "y"])
    assert both.exit_code == 1 and "not both" in both.output


@pytest.mark.slow
def test_real_model_ranks_the_titled_design_first(beir_dir, real_embedder):
    report = evaluate_model(load_beir(beir_dir), embedder=real_embedder)
    assert report.label == "all-MiniLM-L6-v2"
    assert report.judged_only.mrr_at_10 == 1.0
    assert report.full_corpus.mrr_at_10 == 1.0
