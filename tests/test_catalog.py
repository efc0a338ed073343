"""Reading catalogs: every format, and every bad row stops with file, line and field named."""
from __future__ import annotations

import json

import pytest

from ui_search import CatalogError, read_catalog
from ui_search.cli import app
from typer.testing import CliRunner

from conftest import GUI_RERANK_DEV, small_catalog_rows, write_jsonl


def test_jsonl_joins_text_fields_and_keeps_the_rest_as_metadata(small_catalog):
    designs = read_catalog(small_catalog)
    assert len(designs) == 12
    first = designs[0]
    assert first.id == "s01"
    assert first.text.startswith("Dark theme contact Support\nDark contact support page")
    assert first.fields == {"title": "Dark theme contact Support", "description": first.text.split("\n", 1)[1]}
    assert first.metadata["palette"] == ["charcoal", "white", "orange"]
    assert "title" not in first.metadata and "id" not in first.metadata


def test_csv_with_named_fields_and_integer_ids(tmp_path):
    path = tmp_path / "screens.csv"
    path.write_text('screen_id,title,description,platform\n7,"Login, dark","A dark login form",mobile\n8,Cart,"A cart\nwith two lines",web\n')
    designs = read_catalog(path, id_field="screen_id", text_fields=["title", "description"])
    assert [d.id for d in designs] == ["7", "8"]
    assert designs[0].text == "Login, dark\nA dark login form"
    assert designs[1].metadata == {"platform": "web"}
    assert designs[1].line == 3


def test_json_array_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "designs.json"
    path.write_text('[\n {"id": "a", "title": "One"},\n\n {"id": "b", "title": "Two"}\n]\n')
    designs = read_catalog(path)
    assert [(d.id, d.line) for d in designs] == [("a", 2), ("b", 4)]


@pytest.mark.skipif(not GUI_RERANK_DEV.exists(), reason="shared benchmark data absent")
def test_a_beir_corpus_reads_with_its_own_field_names():
    designs = read_catalog(GUI_RERANK_DEV / "corpus.jsonl", id_field="_id", text_fields=["title", "text"])
    assert len(designs) == 1897
    assert all(d.id.startswith("rico-") and d.text for d in designs)


def _error(path, **kwargs) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        read_catalog(path, **kwargs)
    return info.value


def test_missing_id_names_line_and_field(tmp_path):
    rows = small_catalog_rows()[:3]
    del rows[1]["id"]
    err = _error(write_jsonl(tmp_path / "c.jsonl", rows))
    assert (err.line, err.field) == (2, "id")
    assert "c.jsonl, line 2, field 'id': missing id" in str(err)


def test_missing_text(tmp_path):
    rows = small_catalog_rows()[:3]
    rows[2]["title"] = ""
    del rows[2]["description"]
    err = _error(write_jsonl(tmp_path / "c.jsonl", rows))
    assert err.line == 3 and "missing text" in str(err)


def test_duplicate_id_names_both_lines(tmp_path):
    rows = small_catalog_rows()[:4]
    rows[3]["id"] = rows[1]["id"]
    err = _error(write_jsonl(tmp_path / "c.jsonl", rows))
    assert (err.line, err.field) == (4, "id")
    assert "duplicate id 's02' (first seen on line 2)" in str(err)


@pytest.mark.parametrize("field,value", [("id", 1.5), ("id", ["x"]), ("title", 42), ("description", {"a": 1})])
def test_wrong_types(tmp_path, field, value):
    rows = small_catalog_rows()[:2]
    rows[1][field] = value
    err = _error(write_jsonl(tmp_path / "c.jsonl", rows))
    assert (err.line, err.field) == (2, field)


def test_broken_json_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "title": "ok"}\n{"id": "b", "title": \n')
    err = _error(path)
    assert err.line == 2 and "broken JSON" in str(err)


def test_broken_json_array(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('[{"id": "a", "title": "ok"},\n {"id": "b" "title": "x"}]')
    err = _error(path)
    assert err.line == 2 and "broken JSON" in str(err)


def test_broken_csv_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,title\n1,ok\n2,too,many\n")
    err = _error(path)
    assert err.line == 3 and "3 fields, the header has 2" in str(err)


def test_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "title": "ok"}\n{"id": "b", "title": "caf\xe9"}\n')
    err = _error(path)
    assert err.line == 2 and "not UTF-8" in str(err)


@pytest.mark.parametrize("content", ["", "\n  \n", "[]"])
def test_empty_catalog(tmp_path, content):
    path = tmp_path / ("c.json" if content == "[]" else "c.jsonl")
    path.write_text(content)
    assert "empty" in str(_error(path))


def test_unknown_format_and_missing_file(tmp_path):
    assert "unknown catalog format" in str(_error(tmp_path / "c.xml"))
    assert "no such file" in str(_error(tmp_path / "missing.jsonl"))


def test_cli_bad_catalog_is_one_line_and_changes_nothing(tmp_path, fake_backend, indexes_root, small_catalog):
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(small_catalog), "--backend", "fake", "-q"]).exit_code == 0
    before = sorted(p.name for p in (indexes_root / "default").iterdir())
    bad = tmp_path / "bad.jsonl"
    bad.write_text(small_catalog.read_text() + '{"id": "s01", "title": "again"}\n')
    result = runner.invoke(app, ["index", str(bad), "--backend", "fake", "-q"])
    assert result.exit_code == 1
    assert "bad.jsonl, line 13, field 'id': duplicate id 's01'" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (indexes_root / "default").iterdir()) == before
    query = runner.invoke(app, ["query", "dark support", "--json", "-k", "3"])
    assert query.exit_code == 0 and json.loads(query.output)["results"][0]["id"] == "s01"
