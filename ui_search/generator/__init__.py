"""Generator of the default catalog: designs, training pairs and an in-domain eval set.

Everything is drawn from random.Random instances seeded from `seed` (string seeds are hashed
with SHA-512 by the random module, so they do not depend on PYTHONHASHSEED).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from .designs import Design, generate_designs
from .evalset import EvalSet, Query, generate_eval
from .pairs import Pair, generate_pairs, label_for
from .readme import write_readme
from .stats import compute_stats, load_tokenizer
from .writer import write_designs, write_eval, write_pairs

__all__ = [
    "Design", "EvalSet", "Pair", "Query", "build", "generate", "generate_designs", "generate_eval",
    "generate_pairs", "label_for",
]

DEFAULT_EVAL_DESIGNS = 1000
DEFAULT_QUERIES = 400


def build(seed: int = 42, n_designs: int = 6000, n_pairs: int = 19500, n_eval: int = DEFAULT_EVAL_DESIGNS,
          n_queries: int = DEFAULT_QUERIES) -> tuple[list[Design], list[Pair], EvalSet]:
    """The whole catalog in memory. Separate streams per part, so changing n_pairs
    does not change the designs, and the held-out set does not depend on pair sampling."""
    designs = generate_designs(random.Random(seed), n_designs)
    evalset = generate_eval(random.Random(f"{seed}:eval"), designs, n_eval, n_queries)
    pairs = generate_pairs(random.Random(f"{seed}:pairs"), designs, n_pairs)
    return designs, pairs, evalset


def generate(out_dir: str | Path, seed: int = 42, n_designs: int = 6000, n_pairs: int = 19500,
             n_eval: int = DEFAULT_EVAL_DESIGNS, n_queries: int = DEFAULT_QUERIES) -> dict[str, Any]:
    """Writes designs.jsonl, pairs.csv, eval/ and README.md into out_dir; returns the statistics."""
    out = Path(out_dir)
    designs, pairs, evalset = build(seed, n_designs, n_pairs, n_eval, n_queries)
    write_designs(out / "designs.jsonl", designs)
    write_pairs(out / "pairs.csv", pairs)
    write_eval(out / "eval", evalset)
    stats = compute_stats(designs, pairs, evalset, load_tokenizer())
    stats["seed"] = seed
    write_readme(out / "README.md", stats, designs[:3], seed)
    return stats
