"""The SQLite side of an index, written with sqlite-utils and readable with it.

Tables:
- `designs`: pk (the FAISS id), id, text (what was embedded), fields (JSON of the text fields),
  metadata (JSON of every other catalog field), content_hash.
- `facts`: key/value (JSON) facts about the index: model, fingerprint, dim, counts, dates...
"""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .errors import BadQuery

if TYPE_CHECKING:
    import sqlite_utils

WhereValue = Any
Where = Mapping[str, WhereValue]
Connection = Any  # sqlite_utils.Database when writing, sqlite3.Connection when reading


def _sqlite_utils() -> Any:
    # Only builds write through sqlite-utils; queries read with plain sqlite3, since importing
    # sqlite-utils costs ~0.1 s of a cold query. It also imports pandas whenever pandas is installed
    # (0.3-0.5 s) only to map pd.Timestamp columns, which this project never writes: hide pandas
    # for that one import.
    pandas_loaded = "pandas" in sys.modules
    if not pandas_loaded:
        sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils
    finally:
        if not pandas_loaded:
            del sys.modules["pandas"]
    return sqlite_utils


def connect(path: Path, readonly: bool = False) -> "sqlite_utils.Database":
    """The database through sqlite-utils (builds, tools); queries use `open_readonly`."""
    conn = open_readonly(path) if readonly else sqlite3.connect(str(path), check_same_thread=False)
    return _sqlite_utils().Database(conn)


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection for queries; shared between threads (SQLite serializes its use)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def create_schema(db: "sqlite_utils.Database") -> None:
    db["designs"].create(
        {"pk": int, "id": str, "text": str, "fields": str, "metadata": str, "content_hash": str},
        pk="pk",
        not_null={"id", "text"},
    )
    db["designs"].create_index(["id"], unique=True)
    db["facts"].create({"key": str, "value": str}, pk="key")


def read_facts(db: Connection) -> dict[str, Any]:
    return {key: json.loads(value) for key, value in db.execute("select key, value from facts")}


def write_facts(db: "sqlite_utils.Database", facts: Mapping[str, Any]) -> None:
    db["facts"].upsert_all(({"key": k, "value": json.dumps(v)} for k, v in facts.items()), pk="key")


def existing_designs(db: Connection) -> dict[str, tuple[int, str, str]]:
    """id -> (pk, content_hash, metadata JSON) for every stored design."""
    return {
        row[1]: (row[0], row[2], row[3])
        for row in db.execute("select pk, id, content_hash, metadata from designs").fetchall()
    }


def metadata_fields(db: Connection) -> list[str]:
    rows = db.execute("select distinct j.key from designs, json_each(designs.metadata) j").fetchall()
    return sorted(r[0] for r in rows)


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def rows_by_pk(db: Connection, pks: Iterable[int]) -> dict[int, dict[str, Any]]:
    pks = [int(p) for p in pks]
    if not pks:
        return {}
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(pks), 900):  # stay under SQLite's bound-parameter limit
        chunk = pks[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"select pk, id, text, fields, metadata from designs where pk in ({marks})", chunk):
            found[row[0]] = {
                "pk": row[0],
                "id": row[1],
                "text": row[2],
                "fields": json.loads(row[3] or "{}"),
                "metadata": json.loads(row[4] or "{}"),
            }
    return found


def pk_for_id(db: Connection, design_id: str) -> int | None:
    row = db.execute("select pk from designs where id = ?", [design_id]).fetchone()
    return None if row is None else int(row[0])


def filter_sql(where: Where, known_fields: Iterable[str]) -> tuple[str, list[Any]]:
    """SQL selecting the pks that match every key of `where`.

    A key matches when the design's value equals one of the wanted values, or, when the design's
    value is a list, when the list contains one of them. Comparison is on text, case-insensitive,
    so `--where rating=4` matches 4 and "4", and `platform=Mobile` matches "mobile".
    """
    known = set(known_fields)
    clauses: list[str] = []
    params: list[Any] = []
    for key, wanted in where.items():
        if key not in known:
            choices = ", ".join(sorted(known)) or "(none: this index has no metadata)"
            raise BadQuery(f"unknown filter field '{key}': this index has {choices}")
        values = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
        if not values:
            raise BadQuery(f"filter '{key}' has no value")
        texts = [_as_text(v) for v in values]
        marks = ",".join("?" * len(texts))
        path = '$."' + key.replace('"', '\\"') + '"'
        clauses.append(
            f"(CASE WHEN json_type(metadata, ?) = 'array' "
            f"THEN EXISTS (SELECT 1 FROM json_each(metadata, ?) e WHERE lower(CAST(e.value AS TEXT)) IN ({marks})) "
            f"ELSE lower(CAST(json_extract(metadata, ?) AS TEXT)) IN ({marks}) END)"
        )
        params += [path, path, *texts, path, *texts]
    sql = "select pk from designs" + (" where " + " and ".join(clauses) if clauses else "")
    return sql, params


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"  # how SQLite's json_extract renders true/false
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).lower()
