"""Read a retrieval benchmark in the BEIR layout.

    DIR/corpus.jsonl      {"_id": ..., "title": ..., "text": ...} one document a line
    DIR/queries.jsonl     {"_id": ..., "text": ...} one query a line
    DIR/qrels/test.tsv    query-id <TAB> corpus-id <TAB> score (graded, 0 = not relevant); header optional

Every problem raises `BeirFormatError` naming the file and line, so a broken benchmark never
produces a quietly wrong score.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CatalogError

CORPUS_FILE = "corpus.jsonl"
QUERIES_FILE = "queries.jsonl"
QRELS_FILE = "qrels/test.tsv"


class BeirFormatError(CatalogError):
    """A BEIR folder or one of its files is unusable (message names file and line)."""


@dataclass
class BeirData:
    """A loaded benchmark: only queries that have judgments are kept (as BEIR tools do)."""

    path: Path
    corpus: dict[str, dict[str, str]]            # doc id -> {"title": ..., "text": ...}
    queries: dict[str, str]                      # query id -> text, judged queries only, file order
    qrels: dict[str, dict[str, int]]             # query id -> {doc id: grade}
    unjudged_queries: int = 0                    # queries in queries.jsonl without any judgment
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def top_grade(self) -> int:
        """The highest grade in the qrels: the one MRR and Recall count as relevant."""
        return max((g for grades in self.qrels.values() for g in grades.values()), default=0)

    @property
    def corpus_file(self) -> Path:
        return self.path / CORPUS_FILE

    def doc_text(self, doc_id: str) -> str:
        """What gets embedded for a document: title and text joined like the indexer joins fields."""
        doc = self.corpus[doc_id]
        return "\n".join(part for part in (doc.get("title", ""), doc.get("text", "")) if part)


def load_beir(folder: str | Path, split: str = "test") -> BeirData:
    """Load and cross-check a BEIR folder; raise BeirFormatError on the first problem."""
    path = Path(folder)
    if not path.is_dir():
        raise BeirFormatError(str(path), "no such folder (expected a BEIR folder with corpus.jsonl, queries.jsonl, qrels/)")
    qrels_file = path / "qrels" / f"{split}.tsv"
    for needed in (path / CORPUS_FILE, path / QUERIES_FILE, qrels_file):
        if not needed.is_file():
            raise BeirFormatError(str(needed), "missing file (a BEIR folder has corpus.jsonl, queries.jsonl, qrels/test.tsv)")
    corpus = {doc_id: _doc_fields(path / CORPUS_FILE, line, row) for line, doc_id, row in _jsonl(path / CORPUS_FILE)}
    all_queries: dict[str, str] = {}
    for line, query_id, row in _jsonl(path / QUERIES_FILE):
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            raise BeirFormatError(str(path / QUERIES_FILE), "query has no text", line, "text")
        all_queries[query_id] = text.strip()
    qrels = _read_qrels(qrels_file, all_queries, corpus)
    if not qrels:
        raise BeirFormatError(str(qrels_file), "no judgments: nothing to evaluate")
    queries = {qid: text for qid, text in all_queries.items() if qid in qrels}
    data = BeirData(path=path, corpus=corpus, queries=queries, qrels=qrels,
                    unjudged_queries=len(all_queries) - len(queries))
    without_relevant = sum(1 for grades in qrels.values() if max(grades.values()) <= 0)
    if without_relevant:
        data.notes.append(f"{without_relevant} queries have no relevant judgment: they score 0 on every metric")
    return data


def _jsonl(file: Path):
    """Yield (line, _id, row) for each non-blank line; ids must be unique strings or integers."""
    seen: dict[str, int] = {}
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise BeirFormatError(str(file), f"not UTF-8 ({exc.reason})") from None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BeirFormatError(str(file), f"broken JSON: {exc.msg} (column {exc.colno})", number) from None
        if not isinstance(row, dict):
            raise BeirFormatError(str(file), f"expected an object, got {type(row).__name__}", number)
        raw_id = row.get("_id")
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
            raise BeirFormatError(str(file), "missing or invalid id", number, "_id")
        doc_id = str(raw_id).strip()
        if doc_id in seen:
            raise BeirFormatError(str(file), f"duplicate id '{doc_id}' (first seen on line {seen[doc_id]})", number, "_id")
        seen[doc_id] = number
        yield number, doc_id, row
    if not seen:
        raise BeirFormatError(str(file), "the file is empty")


def _doc_fields(file: Path, line: int, row: dict) -> dict[str, str]:
    fields = {}
    for name in ("title", "text"):
        value = row.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise BeirFormatError(str(file), f"must be a string, got {type(value).__name__}", line, name)
        fields[name] = value.strip()
    if not fields["title"] and not fields["text"]:
        raise BeirFormatError(str(file), "document has neither title nor text", line, "text")
    return fields


def _read_qrels(file: Path, queries: dict[str, str], corpus: dict[str, dict[str, str]]) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for number, raw in enumerate(file.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = raw.rstrip("\r\n").split("\t")
        if len(parts) == 4:  # TREC style: query-id, iteration, corpus-id, score
            parts = [parts[0], parts[2], parts[3]]
        if len(parts) != 3:
            raise BeirFormatError(str(file), f"expected 3 tab-separated columns (query-id, corpus-id, score), got {len(parts)}", number)
        query_id, doc_id, score = (p.strip() for p in parts)
        try:
            grade_f = float(score)
        except ValueError:
            if number == 1:  # the usual header line
                continue
            raise BeirFormatError(str(file), f"score must be a number, got '{score}'", number) from None
        if grade_f != int(grade_f):
            raise BeirFormatError(str(file), f"score must be a whole-number grade, got '{score}'", number)
        if query_id not in queries:
            raise BeirFormatError(str(file), f"query-id '{query_id}' is not in {QUERIES_FILE}", number)
        if doc_id not in corpus:
            raise BeirFormatError(str(file), f"corpus-id '{doc_id}' is not in {CORPUS_FILE}", number)
        judged = qrels.setdefault(query_id, {})
        if doc_id in judged:
            raise BeirFormatError(str(file), f"'{query_id}' judges '{doc_id}' twice", number)
        judged[doc_id] = int(grade_f)
    return qrels
