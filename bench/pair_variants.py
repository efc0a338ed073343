"""Variants of catalog/pairs.csv used to find out why fine-tuning loses on gui-rerank-dev (issue 4).

    .venv/bin/python bench/pair_variants.py --out /tmp/pairs
    ui-search train /tmp/pairs/pairs-tt.csv --out models/ui-minilm-l6-tt --max-steps 400
    ui-search train /tmp/pairs/pairs-screen-first.csv --out models/ui-minilm-l6-screen --max-steps 400

Both rebuild the same 19,500 pairs as `ui-search catalog generate --seed 42` (same generator streams):
- pairs-tt.csv: only the title-title pairs (3,900), i.e. no templated description in any pair;
- pairs-screen-first.csv: every pair, relabelled by screen kind first (0.75 same design or screen
  kind, 0.5 same screen group, 0.25 otherwise) instead of screen kind and theme.
Written outside the repo: they are experiment inputs, not shipped data.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui_search.generator import build  # noqa: E402
from ui_search.generator.pairs import Pair, generate_pairs  # noqa: E402


def screen_first(a, b) -> float:
    if a.id == b.id or a.screen == b.screen:
        return 0.75
    if a.group == b.group:
        return 0.5
    return 0.25


def write(path: Path, rows: list[tuple[str, str, float]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sentence_0", "sentence_1", "label"])
        writer.writerows(rows)
    print(f"{path}: {len(rows)} pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    designs, _, _ = build(args.seed, 6000, 10, 10, 10)
    pairs: list[Pair] = generate_pairs(random.Random(f"{args.seed}:pairs"), designs, 19500)
    by_id = {d.id: d for d in designs}
    write(args.out / "pairs-tt.csv", [(p.sentence_0, p.sentence_1, p.label) for p in pairs if p.kind == "tt"])
    write(args.out / "pairs-screen-first.csv",
          [(p.sentence_0, p.sentence_1, screen_first(by_id[p.left], by_id[p.right])) for p in pairs])


if __name__ == "__main__":
    main()
