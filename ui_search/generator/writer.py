"""Writes the catalog files; byte-stable for a seed (sorted keys where order is free, '\\n' line ends)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

from .designs import Design
from .evalset import EvalSet
from .pairs import Pair


def _write_jsonl(path: Path, rows: Iterable[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_designs(path: Path, designs: list[Design]) -> None:
    _write_jsonl(path, (d.to_record() for d in designs))


def write_pairs(path: Path, pairs: list[Pair]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["sentence_0", "sentence_1", "label"])
        for p in pairs:
            writer.writerow([p.sentence_0, p.sentence_1, p.label])


def corpus_record(d: Design) -> dict[str, object]:
    record = d.to_record()
    return {"_id": record.pop("id"), "title": record.pop("title"), "text": record.pop("description"), **record}


def write_eval(eval_dir: Path, evalset: EvalSet) -> None:
    _write_jsonl(eval_dir / "corpus.jsonl", (corpus_record(d) for d in evalset.corpus))
    _write_jsonl(eval_dir / "queries.jsonl",
                 ({"_id": q.id, "text": q.text, "screen": q.screen, "theme": q.theme} for q in evalset.queries))
    qrels_path = eval_dir / "qrels" / "test.tsv"
    qrels_path.parent.mkdir(parents=True, exist_ok=True)
    with qrels_path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for qid, cid, score in evalset.qrels:
            f.write(f"{qid}\t{cid}\t{score}\n")
