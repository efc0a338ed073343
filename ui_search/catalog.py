"""Read a catalog of designs from JSONL, CSV/TSV or a JSON array.

Every row becomes a `Design`: an id, the text that gets embedded (the named text fields joined), the
text fields themselves, and every other field kept as metadata. Any problem stops the read with a
`CatalogError` naming file, line and field, before anything is written anywhere.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from .errors import CatalogError

DEFAULT_ID_FIELD = "id"
DEFAULT_TEXT_FIELDS = ("title", "description")
TEXT_SEPARATOR = "\n"


@dataclass(frozen=True)
class Design:
    id: str
    text: str
    fields: dict[str, str]
    metadata: dict[str, Any] = field(default_factory=dict)
    line: int = 0

    @property
    def content_hash(self) -> str:
        """Hash of what gets embedded: a design whose text is unchanged is never re-embedded."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    if suffix == ".tsv":
        return "tsv"
    raise CatalogError(str(path), f"unknown catalog format '{suffix or '(none)'}': use .jsonl, .json, .csv or .tsv")


def read_catalog(
    path: str | Path,
    id_field: str = DEFAULT_ID_FIELD,
    text_fields: Sequence[str] = DEFAULT_TEXT_FIELDS,
) -> list[Design]:
    """Read and validate a whole catalog; raise CatalogError on the first bad row."""
    path = Path(path)
    text_fields = tuple(text_fields) or DEFAULT_TEXT_FIELDS
    if id_field in text_fields:
        raise CatalogError(str(path), f"the id field '{id_field}' is also named as a text field")
    fmt = detect_format(path)
    content = _read_text(path)
    if not content.strip():
        raise CatalogError(str(path), "the catalog is empty: no designs to index")
    rows = {"jsonl": _jsonl_rows, "json": _json_array_rows, "csv": _csv_rows, "tsv": _tsv_rows}[fmt](path, content)
    designs: list[Design] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        design = _to_design(path, line, row, id_field, text_fields)
        if design.id in first_line:
            raise CatalogError(
                str(path), f"duplicate id '{design.id}' (first seen on line {first_line[design.id]})", line, id_field
            )
        first_line[design.id] = line
        designs.append(design)
    if not designs:
        raise CatalogError(str(path), "the catalog is empty: no designs to index")
    return designs


def _read_text(path: Path) -> str:
    if not path.exists():
        raise CatalogError(str(path), "no such file")
    if path.is_dir():
        raise CatalogError(str(path), "is a folder, not a catalog file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(str(path), f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None


def _jsonl_rows(path: Path, content: str) -> Iterator[tuple[int, Any]]:
    for number, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CatalogError(str(path), f"broken JSON: {exc.msg} (column {exc.colno})", number) from None


def _json_array_rows(path: Path, content: str) -> Iterator[tuple[int, Any]]:
    # Walk the array element by element so each design keeps the line it starts on.
    decoder = json.JSONDecoder()

    def fail(pos: int, message: str) -> CatalogError:
        return CatalogError(str(path), message, content.count("\n", 0, pos) + 1)

    def skip_ws(pos: int) -> int:
        while pos < len(content) and content[pos] in " \t\r\n":
            pos += 1
        return pos

    pos = skip_ws(0)
    if pos >= len(content) or content[pos] != "[":
        raise fail(pos, "a .json catalog must be an array of objects")
    pos = skip_ws(pos + 1)
    if pos < len(content) and content[pos] == "]":
        return
    while True:
        try:
            value, end = decoder.raw_decode(content, pos)
        except json.JSONDecodeError as exc:
            raise CatalogError(str(path), f"broken JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
        yield content.count("\n", 0, pos) + 1, value
        pos = skip_ws(end)
        if pos >= len(content):
            raise fail(pos, "broken JSON: the array is not closed")
        if content[pos] == "]":
            if skip_ws(pos + 1) < len(content):
                raise fail(skip_ws(pos + 1), "broken JSON: extra data after the array")
            return
        if content[pos] != ",":
            raise fail(pos, "broken JSON: expected ',' or ']' between designs")
        pos = skip_ws(pos + 1)


def _csv_rows(path: Path, content: str, delimiter: str = ",") -> Iterator[tuple[int, Any]]:
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise CatalogError(str(path), f"broken CSV: {exc}", 1) from None
    header = [name.strip() for name in header]
    if len(set(header)) != len(header):
        raise CatalogError(str(path), "the header names a column twice", 1)
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CatalogError(str(path), f"broken CSV: {exc}", reader.line_num) from None
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise CatalogError(
                str(path), f"broken CSV: the row has {len(values)} fields, the header has {len(header)}", start
            )
        yield start, dict(zip(header, values))


def _tsv_rows(path: Path, content: str) -> Iterator[tuple[int, Any]]:
    return _csv_rows(path, content, delimiter="\t")


def _to_design(path: Path, line: int, row: Any, id_field: str, text_fields: Sequence[str]) -> Design:
    if not isinstance(row, dict):
        raise CatalogError(str(path), f"expected an object, got {type(row).__name__}", line)
    raw_id = row.get(id_field)
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        raise CatalogError(str(path), "missing id", line, id_field)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise CatalogError(str(path), f"the id must be a string or an integer, got {type(raw_id).__name__}", line, id_field)
    design_id = str(raw_id).strip()

    fields: dict[str, str] = {}
    for name in text_fields:
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise CatalogError(str(path), f"text must be a string, got {type(value).__name__}", line, name)
        fields[name] = value.strip()
    text = TEXT_SEPARATOR.join(v for v in fields.values() if v)
    if not text:
        names = ", ".join(f"'{n}'" for n in text_fields)
        missing_field = text_fields[0] if len(text_fields) == 1 else None
        raise CatalogError(str(path), f"missing text: none of {names} has any", line, missing_field)

    metadata = {k: v for k, v in row.items() if k != id_field and k not in fields and k not in text_fields}
    return Design(id=design_id, text=text, fields=fields, metadata=metadata, line=line)
