"""Promises of the default-catalog generator (ui_search.generator) and its CLI command."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ui_search.commands.catalog import register
from ui_search.generator import build, generate, label_for
from ui_search.generator import stats as stats_module
from ui_search.generator.pairs import CROSS_DESIGN_KINDS
from ui_search.generator.vocab import PLATFORMS, SCREENS, THEMES

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "catalog"
FILES = ("designs.jsonl", "pairs.csv", "eval/corpus.jsonl", "eval/queries.jsonl", "eval/qrels/test.tsv", "README.md")
SMALL = {"n_designs": 600, "n_pairs": 1500, "n_eval": 300, "n_queries": 120}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def digest(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in FILES}


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> tuple[Path, dict]:
    """One full-size default run (about two seconds), shared by the checks on real counts."""
    out = tmp_path_factory.mktemp("full")
    return out, generate(out, seed=42)


@pytest.fixture(scope="module")
def full_objects():
    return build(seed=42)


@pytest.fixture(scope="module")
def designs(full) -> list[dict]:
    return read_jsonl(full[0] / "designs.jsonl")


# --- the shipped default

def test_shipped_catalog_is_exactly_what_seed_42_generates(full):
    out, _ = full
    assert digest(out) == digest(SHIPPED)


# --- counts and coverage

def test_counts_match_the_defaults(full, designs):
    out, stats = full
    assert len(designs) == stats["designs"] == 6000
    assert len(read_pairs(out / "pairs.csv")) == stats["pairs"] == 19500
    assert len(read_jsonl(out / "eval" / "queries.jsonl")) == stats["queries"] >= 300
    assert len(read_jsonl(out / "eval" / "corpus.jsonl")) == stats["eval_corpus"] == 1000


def test_coverage_of_screens_themes_and_platforms(designs):
    assert len({d["screen"] for d in designs}) >= 60
    assert len({d["theme"] for d in designs}) >= 20
    assert {d["platform"] for d in designs} == set(PLATFORMS)
    per_screen = Counter(d["screen"] for d in designs)
    assert min(per_screen.values()) >= 30  # no screen kind is a token presence


def test_design_records_have_the_documented_schema(designs):
    keys = ["id", "title", "description", "screen", "theme", "palette", "platform", "layout", "components"]
    for d in designs:
        assert list(d) == keys
        assert re.fullmatch(r"d\d{5}", d["id"])
        assert d["palette"] and all(isinstance(c, str) and c for c in d["palette"])
        assert "button" in d["components"] and d["components"] == sorted(set(d["components"]))
        assert isinstance(d["layout"], str) and d["layout"]


# --- uniqueness and lengths

def test_designs_are_unique(designs):
    assert len({d["id"] for d in designs}) == len(designs)
    assert len({d["description"] for d in designs}) == len(designs)
    assert len({(d["title"], d["description"]) for d in designs}) == len(designs)


def test_titles_are_short_prompts_and_descriptions_are_detailed(designs):
    for d in designs:
        assert 2 <= len(d["title"].split()) <= 8, d["title"]
        assert 30 <= len(d["description"].split()) <= 120, d["description"]
    # Users type in several casings; a generator emitting one casing would fail this.
    assert sum(d["title"] == d["title"].lower() for d in designs) > 0.1 * len(designs)
    assert sum(d["title"][0].isupper() for d in designs) > 0.5 * len(designs)


def test_buttons_use_their_own_screen_kinds_labels(designs):
    labels = {s.kind: set(s.buttons) for s in SCREENS}
    for d in designs:
        assert any(f"'{label}'" in d["description"] for label in labels[d["screen"]]), d["description"]


# --- template variety

def test_descriptions_do_not_share_one_template(designs):
    starts = Counter(" ".join(d["description"].split()[:4]) for d in designs)
    assert starts.most_common(1)[0][1] < 0.15 * len(designs)
    title_shapes = Counter(re.sub(r"\w+", "w", d["title"].lower()) for d in designs)
    assert len(title_shapes) >= 5
    for word in ("button", "CTA", "header", "app bar", "top bar"):
        assert any(word in d["description"] for d in designs), word
    lengths = [len(d["description"].split()) for d in designs]
    assert max(lengths) - min(lengths) >= 50


# --- pairs

def test_pair_csv_columns_and_label_distribution(full):
    out, stats = full
    with (out / "pairs.csv").open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == ["sentence_0", "sentence_1", "label"]
    labels = [float(r["label"]) for r in read_pairs(out / "pairs.csv")]
    assert set(labels) <= {0.25, 0.5, 0.75}
    assert min(labels) == 0.25 and max(labels) == 0.75
    assert 0.40 <= sum(labels) / len(labels) <= 0.50
    assert stats["label"] == {"min": 0.25, "mean": 0.45, "max": 0.75}


def test_pair_labels_follow_the_metadata_rule(full_objects):
    designs, pairs, _ = full_objects
    by_id = {d.id: d for d in designs}
    for p in pairs:
        a, b = by_id[p.left], by_id[p.right]
        assert p.label == label_for(a, b)
        if p.kind in CROSS_DESIGN_KINDS:
            assert p.left != p.right
    own = [p for p in pairs if p.left == p.right]
    assert own and all(p.label == 0.75 for p in own)


def test_pair_kind_mix_is_mostly_title_title_with_few_title_description(full_objects):
    _, pairs, _ = full_objects
    kinds = Counter(p.kind for p in pairs)
    n = len(pairs)
    # the documented mix (catalog/README): td 10%, dt 10%, tt 50%, dd 30%
    assert abs(kinds["td"] / n - 0.1) < 0.02 and abs(kinds["dt"] / n - 0.1) < 0.02
    assert abs(kinds["tt"] / n - 0.5) < 0.03 and abs(kinds["dd"] / n - 0.3) < 0.03
    assert set(kinds) == {"td", "dt", "tt", "dd"}
    assert len({(p.sentence_0, p.sentence_1) for p in pairs}) == n


def test_token_lengths_are_close_to_the_reference(full):
    _, stats = full
    s0, s1 = stats["sentence_0_tokens"], stats["sentence_1_tokens"]
    assert s0 is not None and s1 is not None, "tokenizer of the packaged model must load"
    assert 32 <= s0["mean"] <= 36 and 29.5 <= s1["mean"] <= 33.5
    assert s0["min"] >= 4 and s1["min"] >= 4
    assert s0["max"] == 128 and s1["max"] == 128


def test_without_tokenizer_token_lengths_are_na(tmp_path, monkeypatch):
    monkeypatch.setattr("ui_search.generator.load_tokenizer", lambda: None)
    stats = generate(tmp_path, seed=1, **SMALL)
    assert stats["sentence_0_tokens"] is None
    assert "n/a" in stats_module.markdown_table(stats)
    assert "| sentence_0 tokens (<=128) | n/a |" in (tmp_path / "README.md").read_text()


# --- eval set

def test_no_training_pair_touches_the_held_out_set(full_objects):
    designs, pairs, evalset = full_objects
    train_ids = {d.id for d in designs}
    held_ids = {d.id for d in evalset.corpus}
    assert not train_ids & held_ids
    pair_ids = {p.left for p in pairs} | {p.right for p in pairs}
    assert pair_ids <= train_ids
    held_texts = {d.title for d in evalset.corpus} | {d.description for d in evalset.corpus}
    query_texts = {q.text.lower() for q in evalset.queries}
    for p in pairs:
        for s in (p.sentence_0, p.sentence_1):
            assert s not in held_texts
            assert s.lower() not in query_texts
    train_texts = {d.title.lower() for d in designs} | {d.description.lower() for d in designs}
    assert not query_texts & train_texts
    assert not {d.description for d in evalset.corpus} & {d.description for d in designs}


def test_prompt_theme_wording_differs_from_title_wording():
    title_words = {w.lower() for t in THEMES for w in t.title_words}
    for theme in THEMES:
        assert not {w.lower() for w in theme.query_words} & title_words, theme.name


def test_eval_files_use_the_beir_layout(full):
    out, _ = full
    corpus = read_jsonl(out / "eval" / "corpus.jsonl")
    queries = read_jsonl(out / "eval" / "queries.jsonl")
    assert all({"_id", "title", "text"} <= set(c) for c in corpus)
    assert all({"_id", "text"} <= set(q) for q in queries)
    assert len({q["text"] for q in queries}) == len(queries)
    assert all(2 <= len(q["text"].split()) <= 12 for q in queries)
    lines = (out / "eval" / "qrels" / "test.tsv").read_text().splitlines()
    assert lines[0] == "query-id\tcorpus-id\tscore"


def test_qrels_follow_the_judgment_rule_over_the_whole_corpus(full):
    out, _ = full
    corpus = read_jsonl(out / "eval" / "corpus.jsonl")
    queries = read_jsonl(out / "eval" / "queries.jsonl")
    rows = [line.split("\t") for line in (out / "eval" / "qrels" / "test.tsv").read_text().splitlines()[1:]]
    written = {(q, c): int(s) for q, c, s in rows}
    expected = {}
    for q in queries:
        for c in corpus:
            if c["screen"] == q["screen"]:
                expected[(q["_id"], c["_id"])] = 2 if c["theme"] == q["theme"] else 1
    assert written == expected
    # Every query has at least its own source design at grade 2.
    assert {q for (q, _), s in written.items() if s == 2} == {q["_id"] for q in queries}


# --- determinism

def test_same_seed_gives_byte_identical_files_and_other_seeds_differ(tmp_path):
    generate(tmp_path / "a", seed=7, **SMALL)
    generate(tmp_path / "b", seed=7, **SMALL)
    generate(tmp_path / "c", seed=8, **SMALL)
    first, second, third = (digest(tmp_path / x) for x in "abc")
    assert first == second
    assert all(first[name] != third[name] for name in FILES)


def test_output_does_not_depend_on_pythonhashseed(tmp_path):
    script = ("import sys; from ui_search.generator import generate; "
              "generate(sys.argv[1], seed=3, n_designs=400, n_pairs=800, n_eval=200, n_queries=50)")
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / hash_seed)], check=True, env=env, cwd=REPO)
    assert digest(tmp_path / "1") == digest(tmp_path / "2")


# --- CLI

def test_cli_generate_writes_files_and_prints_the_statistics_table(tmp_path):
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Dummy root so typer keeps 'catalog' as a sub-command."""

    register(app)
    # 800 designs: with fewer, 900 pairs exhaust the close title-title and description-description
    # siblings and the generator falls back to lower labels (mean 0.44 at 500 designs)
    result = CliRunner().invoke(
        app, ["catalog", "generate", "--out", str(tmp_path), "--seed", "5", "--designs", "800", "--pairs", "900"])
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert (tmp_path / name).is_file(), name
    assert len(read_jsonl(tmp_path / "designs.jsonl")) == 800
    assert len(read_pairs(tmp_path / "pairs.csv")) == 900
    assert "label" in result.output and "sentence_0 tokens" in result.output and "0.45" in result.output


def test_cli_rejects_a_non_numeric_count(tmp_path):
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Dummy root."""

    register(app)
    result = CliRunner().invoke(app, ["catalog", "generate", "--out", str(tmp_path), "--designs", "many"])
    assert result.exit_code != 0
    assert not (tmp_path / "designs.jsonl").exists()
