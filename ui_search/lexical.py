"""Lexical (BM25) search over the same texts the vectors were made from, with SQLite FTS5.

The FTS table lives inside designs.db, as an external-content table over `designs` (the text is not
stored twice), and is rebuilt from `designs` at the end of every build in the staging folder, so it
is always in step with the designs and is published, or thrown away, with them atomically. The
document frequencies of unstemmed words, for prompt expansion, are rebuilt the same way.

Porter stemming measured best on gui-rerank-dev (judged-only nDCG@10 0.734 vs 0.709 without; see
bench/README.md), so it is the tokenizer.
"""
from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # queries pass a plain sqlite3 connection; importing sqlite-utils would cost a cold query ~0.1 s
    import sqlite_utils

FTS_TABLE = "designs_fts"
TOKENIZER = "porter unicode61 remove_diacritics 2"
# Document frequencies of whole, unstemmed words, for prompt expansion (ui_search/expansion.py): the
# words added to a prompt are re-embedded, so they must be real words, not porter stems. They are
# counted at build time by a throw-away FTS5 table and kept in a plain table: asking FTS5 at query
# time costs a walk of each word's posting list (~0.2 s for a prompt's worth of words at 1M designs).
WORD_FREQUENCIES = "word_frequencies"
_WORDS_FTS = "designs_words"
_WORDS_VOCAB = "designs_words_vocab"
WORDS_TOKENIZER = "unicode61 remove_diacritics 0"

_WORD = re.compile(r"\w+", re.UNICODE)


def rebuild(db: sqlite_utils.Database) -> None:
    """(Re)create the FTS index and the word frequencies from the `designs` table; cheap next to
    embedding (about a second per ~75k designs for both)."""
    with db.conn:
        db.execute(f"drop table if exists {FTS_TABLE}")
        db.execute(
            f"create virtual table {FTS_TABLE} using fts5(text, content='designs', content_rowid='pk', "
            f"tokenize='{TOKENIZER}')"
        )
        db.execute(f"insert into {FTS_TABLE}({FTS_TABLE}) values('rebuild')")
        db.execute(f"drop table if exists {WORD_FREQUENCIES}")
        db.execute(f"drop table if exists {_WORDS_VOCAB}")
        db.execute(f"drop table if exists {_WORDS_FTS}")
        db.execute(
            f"create virtual table {_WORDS_FTS} using fts5(text, content='designs', content_rowid='pk', "
            f"tokenize='{WORDS_TOKENIZER}', detail=none)"
        )
        db.execute(f"insert into {_WORDS_FTS}({_WORDS_FTS}) values('rebuild')")
        db.execute(f"create virtual table {_WORDS_VOCAB} using fts5vocab({_WORDS_FTS}, 'row')")
        db.execute(f"create table {WORD_FREQUENCIES} (word text primary key, designs integer not null) without rowid")
        db.execute(f"insert into {WORD_FREQUENCIES} select term, doc from {_WORDS_VOCAB}")
        db.execute(f"drop table {_WORDS_VOCAB}")
        db.execute(f"drop table {_WORDS_FTS}")


def _has_table(db: sqlite_utils.Database, name: str) -> bool:
    return db.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name]).fetchone() is not None


def available(db: sqlite_utils.Database) -> bool:
    """The BM25 index exists (indexes built before lexical search have none)."""
    return _has_table(db, FTS_TABLE)


def words_available(db: sqlite_utils.Database) -> bool:
    """The word-frequency table for prompt expansion exists (indexes built before it have none)."""
    return _has_table(db, WORD_FREQUENCIES)


def document_frequencies(db: sqlite_utils.Database, words: Iterable[str]) -> dict[str, int]:
    """How many designs hold each word (lower case, unstemmed); 0 for a word none holds."""
    wanted = list(dict.fromkeys(words))
    found = dict.fromkeys(wanted, 0)
    for start in range(0, len(wanted), 500):  # well under SQLite's limit on bound parameters
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(db.execute(f"select word, designs from {WORD_FREQUENCIES} where word in ({marks})", chunk).fetchall())
    return found


def words_of(prompt: str) -> list[str]:
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(prompt)))


def _quoted(words: Sequence[str]) -> str:
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


def match_expression(prompt: str) -> str | None:
    """The prompt's words OR-ed, each quoted so no user text is read as FTS5 syntax; None if it has no word."""
    words = words_of(prompt)
    return _quoted(words) if words else None


def _document_frequency(db: sqlite_utils.Database, word: str) -> int:
    return int(db.execute(f"select count(*) from {FTS_TABLE} where {FTS_TABLE} match ?", [_quoted([word])]).fetchone()[0])


def selective_expression(db: sqlite_utils.Database, prompt: str, total: int) -> str | None:
    """Like match_expression, without the words found in more than half of the `total` designs.

    FTS5's BM25 clamps a negative IDF to 1e-6, so such words ("for", "with", "app"...) add nothing
    to any score, yet they make nearly every design a match that must be scored and sorted: 5-8x
    the cost on the 6,000-design catalog. When every word is that common, all are kept.
    """
    words = words_of(prompt)
    if not words:
        return None
    selective = [w for w in words if 2 * _document_frequency(db, w) <= total] if total > 0 else words
    return _quoted(selective or words)


def search(
    db: sqlite_utils.Database,
    prompt: str,
    limit: int,
    filter_sql: tuple[str, Sequence[Any]] | None = None,
    total: int = 0,
) -> list[tuple[int, float]]:
    """(pk, BM25 score) best first, higher is better; `filter_sql` (select pk ...) restricts before the cut.

    `total` (the number of designs) lets words in over half of them be skipped (see selective_expression).
    """
    expression = selective_expression(db, prompt, total)
    if expression is None or limit < 1:
        return []
    sql = f"select rowid, -bm25({FTS_TABLE}) as score from {FTS_TABLE} where {FTS_TABLE} match ?"
    params: list[Any] = [expression]
    if filter_sql is not None:
        sql += f" and rowid in ({filter_sql[0]})"
        params += list(filter_sql[1])
    sql += " order by score desc, rowid limit ?"
    params.append(int(limit))
    try:
        return [(int(pk), float(score)) for pk, score in db.execute(sql, params).fetchall()]
    except sqlite3.OperationalError as exc:  # pragma: no cover - quoting makes this unreachable in practice
        raise ValueError(f"lexical search failed for {prompt!r}: {exc}") from exc
