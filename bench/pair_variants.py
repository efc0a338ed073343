"""Pair sets used to find out why fine-tuning lost on gui-rerank-dev (issue 4), rebuilt from the generator.

    .venv/bin/python bench/pair_variants.py --out /tmp/pairs
    ui-search train /tmp/pairs/pairs-first-mix.csv --out models/ui-minilm-l6-first-mix --max-steps 400
    ui-search train /tmp/pairs/pairs-tt.csv --out models/ui-minilm-l6-tt --max-steps 400
    ui-search train /tmp/pairs/pairs-screen-first.csv --out models/ui-minilm-l6-screen --max-steps 400
    ui-search train /tmp/pairs/pairs-mix70.csv --out models/ui-minilm-l6-mix70 --max-steps 400

Every file comes from the same designs and pair stream as `ui-search catalog generate --seed 42`:
- pairs-first-mix.csv: the first shipped pairs.csv (title-description 38%, description-title 42%,
  title-title 20%), which fitted the description templates;
- pairs-tt.csv: only the title-title pairs of the first mix (3,900): no description in any pair;
- pairs-screen-first.csv: the first mix relabelled by screen kind first (0.75 same design or screen
  kind, 0.5 same screen group, 0.25 otherwise) instead of screen kind and theme;
- pairs-mix70.csv: td 15%, dt 15%, tt 70% (19,500 pairs; short: token means ~16, not the reference's ~33).
The shipped mix (td 10%, dt 10%, tt 50%, dd 30%) is catalog/pairs.csv itself.
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

FIRST_MIX = {"td": 0.38, "dt": 0.42, "tt": 0.20}
MIX70 = {"td": 0.15, "dt": 0.15, "tt": 0.70}


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

    def pairs_with(shares: dict[str, float]) -> list[Pair]:
        return generate_pairs(random.Random(f"{args.seed}:pairs"), designs, 19500, kind_shares=shares)

    first = pairs_with(FIRST_MIX)
    by_id = {d.id: d for d in designs}
    write(args.out / "pairs-first-mix.csv", [(p.sentence_0, p.sentence_1, p.label) for p in first])
    write(args.out / "pairs-tt.csv", [(p.sentence_0, p.sentence_1, p.label) for p in first if p.kind == "tt"])
    write(args.out / "pairs-screen-first.csv",
          [(p.sentence_0, p.sentence_1, screen_first(by_id[p.left], by_id[p.right])) for p in first])
    write(args.out / "pairs-mix70.csv", [(p.sentence_0, p.sentence_1, p.label) for p in pairs_with(MIX70)])


if __name__ == "__main__":
    main()
