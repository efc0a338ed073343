"""Short 2-8 word prompts in the styles people type ("Dark theme contact Support")."""

from __future__ import annotations

import random

from .spec import Spec
from .text import add_typo, cap, title_case, word_count
from .vocab import TITLE_SUFFIXES

# How a layout is named when it leads a title ("Horizontal user roles cards").
LAYOUT_TITLE: dict[str, tuple[str, str]] = {
    "list": ("", "list"), "cards": ("", "cards"), "grid": ("grid", "tiles"), "scroll": ("scrolling", "feed"),
    "tabs": ("tabbed", "tabs"), "carousel": ("horizontal", "cards"), "masonry": ("masonry", "grid"),
    "split view": ("split view", "layout"), "sidebar": ("sidebar", "layout"),
    "single column": ("single column", "layout"), "centered": ("centered", "layout"),
    "centered form": ("centered", "form"), "full-bleed": ("full screen", "layout"),
    "stepper": ("step by step", "flow"), "table": ("", "table"), "columns": ("multi-column", "layout"),
}


def _raw_title(rng: random.Random, s: Spec) -> str:
    tw = rng.choice(s.theme.title_words)
    suffix = rng.choice(TITLE_SUFFIXES)
    app = s.app.split(" ", 1)[1]
    lead, tail = LAYOUT_TITLE[s.layout]
    forms = (
        lambda: f"{tw} {s.noun}",
        lambda: f"{tw} {s.noun} {suffix}",
        lambda: f"{s.noun} {suffix} for {app}",
        lambda: f"{tw} {s.accents[0].name} {s.noun}",
        lambda: f"{lead} {s.noun} {tail}".strip(),
        lambda: f"{s.platform_word} {s.noun} {suffix}",
        lambda: f"{s.noun} {suffix}, {tw.lower()}",
        lambda: f"{tw} {s.platform_word} {s.noun}",
        lambda: f"{s.mood} {s.noun} {suffix}",
    )
    return rng.choice(forms)()


def _casing(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.2:
        return text.lower()
    if roll < 0.45:
        return title_case(text)
    if roll < 0.55:
        # Random capitals as in "Dark theme contact Support".
        return " ".join(cap(w) if rng.random() < 0.4 else w for w in cap(text).split())
    return cap(text)


def make_title(rng: random.Random, s: Spec) -> str:
    for _ in range(20):
        title = _raw_title(rng, s)
        if 2 <= word_count(title) <= 8:
            break
    else:
        title = f"{s.theme.title_words[0]} {s.screen.kind}"
    title = _casing(rng, title)
    if rng.random() < 0.06:
        title = add_typo(rng, title)
    return title
