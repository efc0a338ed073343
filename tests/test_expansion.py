"""Prompt expansion (mode `expanded`, the default): the pure word-picking functions, the word-frequency
table's life cycle inside designs.db, and what the mode sends to the encoder. Fake embedder, 12 designs."""
from __future__ import annotations

import pytest

from ui_search import expansion, hybrid, lexical
from ui_search.errors import BadQuery
from ui_search.indexer import build_index
from ui_search.search import open_index

from conftest import drop_table, small_catalog_rows, write_jsonl


# -- pure functions -------------------------------------------------------------------------------
def test_words_are_the_fts_tokens_made_of_letters():
    assert expansion.words("Dark café Login-page, #FF00AA abc123 2FA e-mail x") == ["dark", "café", "login", "page", "mail"]
    assert expansion.words("404 !!") == []


def test_expansion_words_prefers_rare_words_of_the_neighbours_and_skips_the_prompt_s():
    df = {"screen": 90, "login": 40, "password": 5, "biometric": 1, "with": 99, "the": 100}
    asked: list = []
    neighbours = ["Login screen with password field", "Login screen with biometric unlock and password"]
    extra = expansion.expansion_words("login screen", neighbours, lambda ws: asked.append(ws) or df, total=100, count=3)
    assert len(asked) == 1 and sorted(asked[0]) == sorted(set(asked[0]))  # one lookup, each word once
    assert {"password", "biometric", "unlock", "field"} <= set(asked[0])
    assert "login" not in extra and "screen" not in extra  # already in the prompt
    assert extra[0] == "password"  # in both neighbours and rare: the heaviest
    assert set(extra) <= {"password", "biometric", "unlock", "field", "and", "with"}
    assert "with" not in extra[:2]  # in nearly every design: almost no weight
    assert len(extra) == 3
    assert expansion.expansion_words("login", neighbours, lambda ws: df, 100, 0) == []
    assert expansion.expansion_words("login", [], lambda ws: df, 100, 5) == []


def test_expansion_is_deterministic_on_ties():
    once = expansion.expansion_words("x", ["alpha beta gamma"], lambda ws: dict.fromkeys(ws, 1), 10, 2)
    assert once == ["alpha", "beta"]  # equal weights: first seen first
    assert expansion.expanded_prompt("login", once) == "login alpha beta"
    assert expansion.expanded_prompt("login", []) == "login"


def test_a_long_neighbour_does_not_outweigh_a_short_one():
    # each neighbour's weights are L2-normalised: a design repeating a word does not drown the others
    long_text = " ".join(["carousel"] * 50 + ["banner"])
    picks = expansion.expansion_words("home", [long_text, "checkout"], lambda ws: dict.fromkeys(ws, 1), 10, 3)
    assert picks.index("checkout") < picks.index("banner")


# -- the word table inside designs.db ---------------------------------------------------------------
def test_document_frequencies_count_designs_not_occurrences(built):
    texts = [f"{r['title']}. {r['description']}" for r in small_catalog_rows()]
    with open_index(built, backend="fake") as idx:
        stored = [row[0] for row in idx._db.execute("select text from designs")]
        counts = lexical.document_frequencies(idx._db, ["button", "forecast", "kangaroo"])
        tables = {row[0] for row in idx._db.execute("select name from sqlite_master where type = 'table'")}
    assert len(stored) == len(texts)
    for word in ("button", "forecast"):
        assert counts[word] == sum(word in expansion.words(t) for t in stored) > 0
    assert counts["kangaroo"] == 0
    assert counts["button"] > counts["forecast"]
    assert lexical.WORD_FREQUENCIES in tables
    assert not {t for t in tables if t.startswith("designs_words")}  # the counting FTS table is thrown away


def test_incremental_update_keeps_the_word_table_in_step(fake_backend, built, tmp_path):
    rows = [r for r in small_catalog_rows() if r["id"] != "s07"]
    rows.append({"id": "s13", "title": "Kangaroo tracker", "description": "Map of kangaroo sightings.", "platform": "web"})
    build_index(write_jsonl(tmp_path / "v2.jsonl", rows), built, backend="fake")
    with open_index(built, backend="fake") as idx:
        assert lexical.document_frequencies(idx._db, ["forecast", "kangaroo"]) == {"forecast": 0, "kangaroo": 1}


# -- the mode ------------------------------------------------------------------------------------
def test_expanded_mode_encodes_the_prompt_again_with_its_first_results_words(built):
    with open_index(built, backend="fake") as idx:
        seen: list[str] = []
        encode = idx.encode
        idx.encode = lambda prompts: (seen.extend(prompts), encode(prompts))[1]  # type: ignore[method-assign]
        hits = idx.search("weather forecast", k=3, mode="expanded")
        first_text = idx.get(idx.search("weather forecast", k=1, mode="hybrid")[0].id).text
    assert seen[0] == "weather forecast"
    longer = seen[1]
    assert longer.startswith("weather forecast ") and len(longer.split()) == 2 + hybrid.SETTINGS.expansion_words
    added = longer.split()[2:]
    assert set(added) & set(expansion.words(first_text))  # the top design lends its words
    assert not {"weather", "forecast"} & set(added)
    # which design wins is the real model's business (tests/test_end_to_end.py): twelve added words swamp
    # the fake bag-of-words model's two
    assert len(hits) == 3 and all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_index_without_the_word_table_falls_back_to_hybrid_then_gets_one(fake_backend, built, small_catalog):
    drop_table(built, lexical.WORD_FREQUENCIES)
    with open_index(built, backend="fake") as idx:
        assert [(h.id, h.score) for h in idx.search("weather forecast")] == [
            (h.id, h.score) for h in idx.search("weather forecast", mode="hybrid")]
        with pytest.raises(BadQuery, match="no word table"):
            idx.search("weather", mode="expanded")
    report = build_index(small_catalog, built, backend="fake")
    assert report.embedded == 0  # nothing re-embedded to add the table
    with open_index(built, backend="fake") as idx:
        assert hybrid.check_mode(None, idx._db, built) == "expanded"
        assert len(idx.search("weather forecast", k=4, mode="expanded")) == 4
