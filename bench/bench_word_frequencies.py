"""Prompt expansion's word frequencies at scale: the stored table vs asking FTS5 at query time.

    .venv/bin/python bench/bench_word_frequencies.py [--sizes 6000,100000,1000000]

For each size, a designs table of that many texts (the default catalog's texts, repeated) in an
in-memory SQLite database; then:
- `lexical.rebuild` (the BM25 table and the word-frequency table, as every build does), timed;
- the document frequencies of the words of 3 designs (what one `expanded` query looks up), from the
  stored table (`lexical.document_frequencies`) and, as the baseline, from an FTS5 `detail=none`
  table's fts5vocab, which walks each word's posting list. Both answers are checked equal.
Medians of 5 lookups over different designs, the ratio against the baseline.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui_search import expansion, lexical  # noqa: E402
from ui_search.catalog import read_catalog  # noqa: E402


class _Db:
    """The slice of sqlite-utils' Database that lexical.rebuild uses."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, *args):
        return self.conn.execute(*args)


def vocab_frequencies(conn: sqlite3.Connection, words: list[str]) -> dict[str, int]:
    found = dict.fromkeys(words, 0)
    marks = ",".join("?" * len(words))
    found.update(conn.execute(f"select term, doc from baseline_vocab where term in ({marks})", words).fetchall())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="6000,100000,1000000")
    args = parser.parse_args()
    texts = [d.text for d in read_catalog(ROOT / "catalog" / "designs.jsonl")]
    print("| designs | rebuild (BM25 + word table) | lookup: stored table | lookup: FTS5 vocab (baseline) | baseline / stored |")
    print("|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        conn = sqlite3.connect(":memory:")
        conn.execute("create table designs (pk integer primary key, text text)")
        conn.executemany("insert into designs values (?, ?)", ((n, texts[n % len(texts)]) for n in range(1, size + 1)))
        started = time.perf_counter()
        lexical.rebuild(_Db(conn))
        rebuild_s = time.perf_counter() - started
        conn.execute(f"create virtual table baseline using fts5(text, content='designs', content_rowid='pk', "
                     f"tokenize='{lexical.WORDS_TOKENIZER}', detail=none)")
        conn.execute("insert into baseline(baseline) values('rebuild')")
        conn.execute("create virtual table baseline_vocab using fts5vocab(baseline, 'row')")
        stored_ms, vocab_ms = [], []
        for start in range(0, 15, 3):  # 5 prompts' worth: the words of 3 designs each
            words = list(dict.fromkeys(w for t in texts[start:start + 3] for w in expansion.words(t)))
            began = time.perf_counter()
            stored = lexical.document_frequencies(conn, words)
            stored_ms.append(1000 * (time.perf_counter() - began))
            began = time.perf_counter()
            walked = vocab_frequencies(conn, words)
            vocab_ms.append(1000 * (time.perf_counter() - began))
            assert stored == walked, "the stored frequencies differ from FTS5's"
        s, v = statistics.median(stored_ms), statistics.median(vocab_ms)
        print(f"| {size:,} | {rebuild_s:.2f} s | {s:.2f} ms | {v:.1f} ms | x{v / s:.0f} |", flush=True)
        conn.close()


if __name__ == "__main__":
    main()
