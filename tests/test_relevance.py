"""Retrieval modes (dense, lexical, hybrid, expanded): fusion functions, the FTS table's life cycle, filters before
the cut in every mode, the API and the CLI. Fast: the fake embedder and the 12-design catalog."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ui_search import designs_db, fusion, hybrid, lexical, store
from ui_search.cli import app
from ui_search.errors import BadQuery
from ui_search.indexer import build_index
from ui_search.search import open_index

from conftest import drop_table, small_catalog_rows, write_jsonl

MODES = hybrid.MODES


# -- fusion: pure functions on hand-made rankings -------------------------------------------------
def test_rrf_rewards_agreement_and_keeps_one_sided_hits():
    dense = {"a": 0.9, "b": 0.8, "c": 0.1}
    bm25 = {"b": 12.0, "d": 9.0, "a": 1.0}
    fused = fusion.reciprocal_rank_fusion([dense, bm25], k=1)
    # b: 1/(1+2) + 1/(1+1) beats a: 1/(1+1) + 1/(1+3)
    assert [key for key, _ in fusion.top(fused, 4)][:2] == ["b", "a"]
    assert set(fused) == {"a", "b", "c", "d"}
    assert fused["d"] == pytest.approx(1 / 3)  # found by one retriever only, still ranked
    assert fused["c"] == pytest.approx(1 / 4)


def test_rrf_weights_and_bad_arguments():
    dense, bm25 = {"a": 1.0, "b": 0.5}, {"b": 3.0, "a": 1.0}
    assert fusion.top(fusion.reciprocal_rank_fusion([dense, bm25], k=60, weights=[1, 0]), 1)[0][0] == "a"
    assert fusion.top(fusion.reciprocal_rank_fusion([dense, bm25], k=60, weights=[0, 1]), 1)[0][0] == "b"
    with pytest.raises(ValueError):
        fusion.reciprocal_rank_fusion([dense, bm25], weights=[1.0])
    with pytest.raises(ValueError):
        fusion.reciprocal_rank_fusion([dense], k=0)
    with pytest.raises(ValueError):
        fusion.reciprocal_rank_fusion([dense], weights=[-1])


def test_normalizers_and_normalized_fusion():
    assert fusion.minmax({"a": 2.0, "b": 4.0, "c": 3.0}) == {"a": 0.0, "b": 1.0, "c": 0.5}
    assert fusion.minmax({"a": 5.0, "b": 5.0}) == {"a": 1.0, "b": 1.0}
    z = fusion.zscore({"a": 1.0, "b": 3.0})
    assert z == {"a": -1.0, "b": 1.0}
    assert fusion.zscore({"a": 2.0}) == {"a": 0.0}
    # cosine scale vs BM25 scale: min-max puts them on equal footing
    fused = fusion.normalized_score_fusion([{"a": 0.50, "b": 0.52, "c": 0.10}, {"a": 20.0, "b": 2.0}])
    assert fusion.top(fused, 1)[0][0] == "a"
    assert fused["c"] == pytest.approx(0.0)  # lowest cosine and absent from BM25: the floor of both
    with pytest.raises(ValueError):
        fusion.normalized_score_fusion([{"a": 1.0}], method="nope")


def test_ranks_ties_keep_input_order():
    assert fusion.ranks({"x": 1.0, "y": 1.0, "z": 2.0}) == {"z": 1, "x": 2, "y": 3}


def test_hybrid_fuse_maxscaled_bounds_the_lexical_term():
    settings = hybrid.HybridSettings(method="maxscaled", weight=0.2)
    fused = hybrid.fuse({1: 0.50, 2: 0.45, 3: 0.30}, {2: 8.0, 3: 4.0}, settings)
    assert fused == pytest.approx({1: 0.50, 2: 0.65, 3: 0.40})
    assert hybrid.fuse({1: 0.5}, {}, settings) == {1: 0.5}  # no word matched: plain cosine


def test_hybrid_fuse_rrf_and_z_keep_every_dense_candidate():
    dense, bm25 = {1: 0.9, 2: 0.5, 3: 0.4}, {3: 10.0}
    for method in ("rrf", "z"):
        fused = hybrid.fuse(dense, bm25, hybrid.HybridSettings(method=method, weight=5.0))
        assert set(fused) == {1, 2, 3}
        assert fusion.top(fused, 1)[0][0] == 3, method  # a heavy BM25 weight lifts the only lexical match
    with pytest.raises(ValueError):
        hybrid.fuse(dense, bm25, hybrid.HybridSettings(method="nope"))


def test_match_expression_quotes_user_text():
    assert lexical.match_expression('Dark "theme" OR NEAR(x) login-page') == (
        '"dark" OR "theme" OR "or" OR "near" OR "x" OR "login" OR "page"'
    )
    assert lexical.match_expression("?!  ...") is None


def test_words_in_most_designs_are_skipped_unless_all_are(built):
    with open_index(built, backend="fake") as idx:
        db, total = idx._db, len(idx)
        # "button" is in 9 of the 12 designs: its BM25 IDF is clamped to ~0, so it only widens the match
        assert lexical.selective_expression(db, "button forecast", total) == '"forecast"'
        assert lexical.selective_expression(db, "button", total) == '"button"'
        assert lexical.selective_expression(db, "button forecast", 0) == '"button" OR "forecast"'
        full = lexical.search(db, "button forecast", 12)
        fast = lexical.search(db, "button forecast", 12, total=total)
        assert fast[0][0] == full[0][0] and len(fast) == 1 < len(full)


# -- the FTS table inside designs.db --------------------------------------------------------------
def fts_ids(index_dir, word: str) -> set[str]:
    version = store.require_version(store.resolve_index_dir(index_dir))
    db = designs_db.connect(version / store.DB_FILE, readonly=True)
    try:
        return {
            row[0]
            for row in db.execute(
                f"select d.id from {lexical.FTS_TABLE} f join designs d on d.pk = f.rowid where f.{lexical.FTS_TABLE} match ?",
                [f'"{word}"'],
            )
        }
    finally:
        db.conn.close()


def test_build_creates_fts_with_stemming(built):
    assert fts_ids(built, "forecast") == {"s07"}
    assert fts_ids(built, "button") >= {"s01", "s03", "s09"}  # porter: "buttons" and "button" meet
    assert "s04" in fts_ids(built, "button")  # s04 only says "buttons"


def test_incremental_update_keeps_fts_in_step(fake_backend, built, tmp_path):
    rows = small_catalog_rows()
    rows = [r for r in rows if r["id"] != "s07"]  # removed
    for row in rows:
        if row["id"] == "s08":
            row["description"] = "Retro 404 page with a zebra mascot and a 'Back Home' button."  # changed
    rows.append({"id": "s13", "title": "Kangaroo tracker", "description": "Map of kangaroo sightings.", "platform": "web"})
    build_index(write_jsonl(tmp_path / "v2.jsonl", rows), built, backend="fake")
    assert fts_ids(built, "forecast") == set()
    assert fts_ids(built, "astronaut") == set()
    assert fts_ids(built, "zebra") == {"s08"}
    assert fts_ids(built, "kangaroo") == {"s13"}
    with open_index(built, backend="fake") as idx:
        assert [h.id for h in idx.search("kangaroo sightings", k=1, mode="lexical")] == ["s13"]
        assert "s07" not in {h.id for h in idx.search("weather forecast", k=12, mode="hybrid")}


def test_index_without_fts_gets_one_on_next_build(fake_backend, built, small_catalog):
    drop_table(built, lexical.FTS_TABLE)
    with open_index(built, backend="fake") as idx:
        with pytest.raises(BadQuery, match="no lexical index"):
            idx.search("weather", mode="lexical")
        assert idx.search("weather", mode="dense")  # dense still works
        assert [h.id for h in idx.search("weather forecast", k=3)] == [h.id for h in idx.search("weather forecast", k=3, mode="dense")]
    report = build_index(small_catalog, built, backend="fake")
    assert report.embedded == 0  # nothing re-embedded to add the FTS table
    assert fts_ids(built, "forecast") == {"s07"}


# -- the API ------------------------------------------------------------------------------------
def test_modes_through_the_api(built):
    with open_index(built, backend="fake") as idx:
        for mode in MODES:
            hits = idx.search("weather forecast with glass cards", k=3, mode=mode)
            assert hits[0].id == "s07", mode
            assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
            assert all(a.score >= b.score for a, b in zip(hits, hits[1:])), mode
        assert idx.search("kangaroo", k=5, mode="lexical") == []  # no word in common: nothing
        assert len(idx.search("kangaroo", k=5, mode="hybrid")) == 5  # the dense side still answers
        with pytest.raises(BadQuery, match="unknown search mode"):
            idx.search("weather", mode="semantic")
        assert [(h.id, h.score) for h in idx.search("weather forecast")] == [
            (h.id, h.score) for h in idx.search("weather forecast", mode=hybrid.DEFAULT_MODE)]


def test_hybrid_scores_lexical_only_candidates_with_their_exact_cosine(built):
    # depth 1: the BM25 winner is outside the dense top 1, so its cosine must be reconstructed, not guessed
    settings = hybrid.HybridSettings(method="maxscaled", weight=10.0, depth=1)
    with open_index(built, backend="fake") as idx:
        prompts = ["orange submit request", "green pay now", "sky blue gradient", "red log out", "mustard brown"]
        differing = [p for p in prompts
                     if idx.search(p, k=1, mode="dense")[0].id != idx.search(p, k=1, mode="lexical")[0].id]
        assert differing, "the fixture no longer has a prompt where BM25 and cosine disagree"
        prompt = differing[0]
        lexical_top = idx.search(prompt, k=1, mode="lexical")[0].id
        pk, score = hybrid.rank(idx, [prompt], 1, None, None, "hybrid", settings)[0][0]
        cosine = float(idx.encode([prompt])[0] @ idx.encode([idx.get(lexical_top).text])[0])
        assert pk == designs_db.pk_for_id(idx._db, lexical_top)
    assert score == pytest.approx(cosine + 10.0, abs=1e-5)


@pytest.mark.parametrize("mode", MODES)
def test_filters_apply_before_the_cut_in_every_mode(built, mode):
    with open_index(built, backend="fake") as idx:
        # these words occur on mobile designs too; only the 3 web designs may come back, all of them
        hits = idx.search("page orders form", k=3, where={"platform": "web"}, mode=mode)
        assert hits and all(h.metadata["platform"] == "web" for h in hits)
        assert len(hits) == 3
        assert idx.search("page orders form", k=3, where={"platform": "watch"}, mode=mode) == []
        with pytest.raises(BadQuery, match="unknown filter field"):
            idx.search("button", where={"colour": "red"}, mode=mode)


# -- the CLI ------------------------------------------------------------------------------------
def test_cli_query_mode(fake_backend, indexes_root, small_catalog):
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(small_catalog), "--name", "t", "--backend", "fake", "-q"]).exit_code == 0
    for mode in MODES:
        result = runner.invoke(app, ["query", "weather forecast", "-i", "t", "--mode", mode, "-k", "2", "--json",
                                     "--where", "platform=mobile"])
        assert result.exit_code == 0, result.output
        payload = json.loads(result.output)
        if mode != "expanded":  # the fake model is swamped by expanded's added words: see tests/test_end_to_end.py
            assert payload["results"][0]["id"] == "s07"
        assert payload["results"] and len(payload["results"]) <= 2
        assert all(r["metadata"]["platform"] == "mobile" for r in payload["results"])
    result = runner.invoke(app, ["query", "weather", "-i", "t", "--mode", "semantic"])
    assert result.exit_code == 1
    assert "unknown search mode 'semantic'" in result.output
    assert "Traceback" not in result.output


def test_cli_eval_scores_each_mode(fake_backend, tmp_path):
    folder = tmp_path / "beir"
    (folder / "qrels").mkdir(parents=True)
    docs = {"d1": "zebra crossing map", "d2": "kangaroo tracker list", "d3": "penguin photo grid", "d4": "plain settings"}
    write_jsonl(folder / "corpus.jsonl", [{"_id": k, "title": "", "text": v} for k, v in docs.items()])
    write_jsonl(folder / "queries.jsonl", [{"_id": "q1", "text": "kangaroo"}, {"_id": "q2", "text": "penguin grid"}])
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td2\t2\nq1\td1\t0\nq2\td3\t2\nq2\td4\t0\n")
    runner = CliRunner()
    for mode in MODES:
        result = runner.invoke(app, ["eval", str(folder), "--backend", "fake", "--mode", mode, "--json", "-q"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["judged_only"]["ndcg_at_10"] == pytest.approx(1.0), mode
        assert report["label"].endswith(f"mode={mode}")
    default = json.loads(runner.invoke(app, ["eval", str(folder), "--backend", "fake", "--json", "-q"]).output)
    assert default["label"].endswith(f"mode={hybrid.DEFAULT_MODE}")
    result = runner.invoke(app, ["eval", str(folder), "--backend", "fake", "--mode", "nope", "-q"])
    assert result.exit_code == 1 and "unknown search mode" in result.output


@pytest.mark.parametrize("index_type", ["ivf", "hnsw"])
def test_hybrid_on_approximate_indexes(fake_backend, tmp_path, index_type):
    # lexical-only candidates need their vectors back from IVF / HNSW too (reconstruct through the id map)
    rows = [dict(row, id=f"{row['id']}-{n}") for n in range(30) for row in small_catalog_rows()]
    index_dir = tmp_path / index_type
    build_index(write_jsonl(tmp_path / "many.jsonl", rows), index_dir, backend="fake", index_type=index_type)
    with open_index(index_dir, backend="fake") as idx:
        assert idx.facts["index_type"] == index_type
        ranking = hybrid.rank(idx, ["orange submit request forecast"], 5, None, None, "hybrid",
                              hybrid.HybridSettings(depth=2))[0]
        assert len(ranking) == 5
        hits = idx.search("weather forecast", k=5, where={"platform": "web"})
        assert len(hits) == 5 and all(h.metadata["platform"] == "web" for h in hits)
