"""The sampled attributes of one design, before any wording is chosen."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .vocab import APPS, LAYOUT_PHRASES, PLATFORM_NAV, PLATFORM_WORDS, SPACING, WEIGHTS, Colour, Part, Screen, Theme


@dataclass(frozen=True)
class Spec:
    screen: Screen
    theme: Theme
    platform: str
    platform_word: str
    layout: str
    layout_phrase: str
    background: Colour
    accents: tuple[Colour, ...]
    font: str
    weight: str
    mood: str
    app: str
    noun: str
    purpose: str
    parts: tuple[Part, ...]
    primary: str
    secondary: str | None
    nav: tuple[str, str] | None
    radius: str
    shadow: str
    spacing: str

    @property
    def palette(self) -> list[str]:
        names = [self.background.name] + [c.name for c in self.accents]
        return list(dict.fromkeys(names))  # keeps order, drops a repeated white/black


def sample_spec(rng: random.Random, screen: Screen, theme: Theme, platform: str) -> Spec:
    layout = rng.choice(screen.layouts)
    accents = tuple(rng.sample(theme.accents, 2))
    n_parts = rng.choice((1, 2, 2, 2, 3, 3, 4, 5))
    parts = tuple(rng.sample(screen.parts, min(n_parts, len(screen.parts))))
    primary = rng.choice(screen.buttons)
    others = [b for b in screen.buttons if b != primary]
    secondary = rng.choice(others) if others and rng.random() < 0.45 else None
    nav = None
    if rng.random() < 0.55:
        component, phrase = rng.choice(PLATFORM_NAV[platform])
        nav = (component, phrase.format(n=rng.choice(("three", "four", "five"))))
    return Spec(
        screen=screen, theme=theme, platform=platform,
        platform_word=rng.choice(PLATFORM_WORDS[platform]),
        layout=layout, layout_phrase=rng.choice(LAYOUT_PHRASES[layout]),
        background=rng.choice(theme.backgrounds), accents=accents,
        font=rng.choice(theme.fonts), weight=rng.choice(WEIGHTS), mood=rng.choice(theme.moods),
        app=rng.choice(APPS[screen.group]), noun=rng.choice(screen.nouns),
        purpose=rng.choice(screen.purposes), parts=parts, primary=primary, secondary=secondary,
        nav=nav, radius=rng.choice(theme.radius), shadow=rng.choice(theme.shadows),
        spacing=rng.choice(SPACING),
    )
