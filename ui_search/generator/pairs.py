"""Graded training pairs shaped like the reference model's training set.

Label rule (from metadata only):
  0.75  the design's own title/description, or same screen kind and same theme
  0.50  same screen kind with a different theme, or same screen group and same theme
  0.25  anything else
Partners are sampled per label bucket in fixed proportions so the label mean lands on 0.45.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from .designs import Design

HIGH, MID, LOW = 0.75, 0.5, 0.25
# (title-description, description-title, title-title, description-description).
# Few title-description pairs: with 80% of them (the first mix) fine-tuning fitted the generator's
# description templates and lost on real screens (gui-rerank-dev); title-title pairs carry the
# prompt vocabulary without them, and description-description pairs keep both sides' token means
# near the reference's (~32-34) while teaching design-to-design similarity (bench/README, issue 4).
KIND_SHARES: dict[str, float] = {"td": 0.10, "dt": 0.10, "tt": 0.50, "dd": 0.30}
# Kinds that pair two different designs: a title-title or description-description pair of a design
# with itself would be a text paired with itself. The other kinds may pair a design's own texts.
CROSS_DESIGN_KINDS = ("tt", "dd")
# HIGH/MID/LOW shares: 0.3*0.75 + 0.2*0.5 + 0.5*0.25 = 0.45, the reference mean.
LABEL_SHARES: dict[float, float] = {HIGH: 0.30, MID: 0.20, LOW: 0.50}


@dataclass(frozen=True)
class Pair:
    sentence_0: str
    sentence_1: str
    label: float
    kind: str  # td / dt / tt / dd; this and the design ids serve stats and leak checks, not pairs.csv
    left: str
    right: str


def label_for(a: Design, b: Design) -> float:
    if a.id == b.id or (a.screen == b.screen and a.theme == b.theme):
        return HIGH
    if a.screen == b.screen or (a.group == b.group and a.theme == b.theme):
        return MID
    return LOW


class _Index:
    """Lookups of partner candidates by metadata, built once per design list."""

    def __init__(self, designs: list[Design]) -> None:
        self.designs = designs
        self.by_screen_theme: dict[tuple[str, str], list[Design]] = defaultdict(list)
        self.by_screen: dict[str, list[Design]] = defaultdict(list)
        self.by_group_theme: dict[tuple[str, str], list[Design]] = defaultdict(list)
        for d in designs:
            self.by_screen_theme[(d.screen, d.theme)].append(d)
            self.by_screen[d.screen].append(d)
            self.by_group_theme[(d.group, d.theme)].append(d)
        # Anchors that have a same screen+theme sibling; tiny catalogs may have none.
        self.with_sibling = [d for d in designs if len(self.by_screen_theme[(d.screen, d.theme)]) > 1]

    def anchor(self, rng: random.Random, kind: str, label: float) -> Design:
        if kind in CROSS_DESIGN_KINDS and label == HIGH and self.with_sibling:
            return rng.choice(self.with_sibling)
        return rng.choice(self.designs)

    def partner(self, rng: random.Random, a: Design, label: float, allow_self: bool) -> Design | None:
        if label == HIGH:
            if allow_self and rng.random() < 0.5:
                return a
            pool = [d for d in self.by_screen_theme[(a.screen, a.theme)] if d.id != a.id]
            return rng.choice(pool) if pool else (a if allow_self else None)
        if label == MID:
            if rng.random() < 0.7:
                pool = [d for d in self.by_screen[a.screen] if d.theme != a.theme]
            else:
                pool = [d for d in self.by_group_theme[(a.group, a.theme)] if d.screen != a.screen]
            return rng.choice(pool) if pool else None
        for _ in range(100):
            b = rng.choice(self.designs)
            if label_for(a, b) == LOW:
                return b
        return None


def _quota(shares: dict, n: int) -> list:
    """Exactly n keys in proportion to shares (largest remainder), so label mean is exact."""
    raw = {k: shares[k] * n for k in shares}
    counts = {k: int(v) for k, v in raw.items()}
    rest = sorted(shares, key=lambda k: raw[k] - counts[k], reverse=True)
    for k in rest[: n - sum(counts.values())]:
        counts[k] += 1
    return [k for k in shares for _ in range(counts[k])]


def _texts(kind: str, a: Design, b: Design) -> tuple[str, str]:
    if kind == "td":
        return a.title, b.description
    if kind == "dt":
        return a.description, b.title
    if kind == "dd":
        return a.description, b.description
    return a.title, b.title


def generate_pairs(rng: random.Random, designs: list[Design], n: int,
                   kind_shares: dict[str, float] | None = None) -> list[Pair]:
    """n unique pairs; every label is recomputed with label_for so the rule is the truth.

    kind_shares overrides KIND_SHARES (experiments: bench/pair_variants.py rebuilds earlier mixes).
    """
    shares = KIND_SHARES if kind_shares is None else kind_shares
    index = _Index(designs)
    kinds = _quota(shares, n)
    jobs = [(k, label) for k in shares for label in _quota(LABEL_SHARES, kinds.count(k))]
    rng.shuffle(jobs)
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    for kind, label in jobs:
        # Tiny catalogs run out of distinct close pairs: fall back to the next lower grade.
        for grade in [g for g in (HIGH, MID, LOW) if g <= label]:
            found = _draw(rng, index, kind, grade, seen)
            if found:
                break
        else:
            raise RuntimeError(f"no new {kind} pair left; ask for fewer pairs or more designs")
        a, b = found
        s0, s1 = _texts(kind, a, b)
        seen.add((s0, s1))
        pairs.append(Pair(s0, s1, label_for(a, b), kind, a.id, b.id))
    return pairs


def _draw(rng: random.Random, index: _Index, kind: str, label: float,
          seen: set[tuple[str, str]]) -> tuple[Design, Design] | None:
    for _ in range(200):
        a = index.anchor(rng, kind, label)
        b = index.partner(rng, a, label, allow_self=kind not in CROSS_DESIGN_KINDS)
        if b is None:
            continue
        s0, s1 = _texts(kind, a, b)
        if s0 != s1 and (s0, s1) not in seen:
            return a, b
    return None
