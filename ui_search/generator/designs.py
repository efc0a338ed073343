"""Design records: a title, a description and the metadata they were generated from."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import Iterable

from .descriptions import describe
from .spec import sample_spec
from .titles import make_title
from .vocab import PLATFORMS, SCREENS, THEMES, Screen, Theme


@dataclass(frozen=True)
class Design:
    id: str
    title: str
    description: str
    screen: str
    theme: str
    palette: tuple[str, ...]
    platform: str
    layout: str
    components: tuple[str, ...]
    group: str  # screen group; used by the pair label rule, not written to designs.jsonl

    def to_record(self) -> dict[str, object]:
        record = asdict(self)
        record.pop("group")
        record["palette"] = list(self.palette)
        record["components"] = list(self.components)
        return record


def _balanced_cycle(rng: random.Random, items: tuple, n: int) -> list:
    """n items covering every entry as evenly as possible, in shuffled order.

    Plain rng.choice would leave some screen/theme pairs thin; cycling keeps coverage stable
    for small n too (tests run with a few hundred designs).
    """
    out: list = []
    while len(out) < n:
        block = list(items)
        rng.shuffle(block)
        out.extend(block)
    return out[:n]


def _make_design(rng: random.Random, design_id: str, screen: Screen, theme: Theme, platform: str) -> Design:
    spec = sample_spec(rng, screen, theme, platform)
    title = make_title(rng, spec)
    description, components = describe(rng, spec)
    return Design(
        id=design_id, title=title, description=description,
        screen=screen.kind, theme=theme.name, palette=tuple(spec.palette), platform=platform,
        layout=spec.layout, components=tuple(components), group=screen.group,
    )


def generate_designs(rng: random.Random, n: int, prefix: str = "d",
                     exclude_titles: Iterable[str] = (), exclude_descriptions: Iterable[str] = ()) -> list[Design]:
    """n designs with unique descriptions and unique (title, description).

    exclude_* let the held-out eval set avoid any text that occurs in the training designs.
    """
    banned_titles = {t.lower() for t in exclude_titles}
    seen = set(exclude_descriptions)
    screens = _balanced_cycle(rng, SCREENS, n)
    themes = _balanced_cycle(rng, THEMES, n)
    platforms = _balanced_cycle(rng, PLATFORMS, n)
    designs: list[Design] = []
    for i in range(n):
        for _ in range(50):
            d = _make_design(rng, f"{prefix}{i + 1:05d}", screens[i], themes[i], platforms[i])
            if d.description not in seen and d.title.lower() not in banned_titles:
                break
        else:
            raise RuntimeError(f"could not make a unique design for {screens[i].kind}/{themes[i].name}")
        seen.add(d.description)
        designs.append(d)
    return designs
