"""Turns a Spec into a 30-120 word design description.

Several skeletons with different clause orders, several wordings per clause and synonyms for
the recurring nouns: a retrieval model must not be able to win by matching template words.
"""

from __future__ import annotations

import random
from typing import Callable

from .spec import Spec
from .text import cap, join_words, word_count
from .vocab import BUTTON_WORDS, HEADER_WORDS, SCREEN_WORDS, Colour

Clause = Callable[[random.Random, Spec], str]


def _colour(rng: random.Random, c: Colour) -> str:
    # Designers sometimes give hex codes, sometimes only names.
    return f"{c.name} ({c.hex})" if rng.random() < 0.25 else c.name


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _named(noun: str, sw: str) -> str:
    """'checkout page' but not 'thank you page page'."""
    return noun if noun.split()[-1].lower() in {w.lower() for w in SCREEN_WORDS} | {"screen", "page"} else f"{noun} {sw}"


def intro(rng: random.Random, s: Spec) -> str:
    sw = rng.choice(SCREEN_WORDS)
    forms = (
        lambda: f"{cap(_a(s.platform_word))} {_named(s.noun, sw)} for {s.app} that {s.purpose}.",
        lambda: f"This {_named(s.noun, sw)} {s.purpose}, built for {s.app}.",
        lambda: f"Designed for {s.app}, the {_named(s.noun, sw)} {s.purpose}.",
        lambda: f"{cap(_named(s.noun, sw))} ({s.platform_word}) for {s.app}. It {s.purpose}.",
        lambda: f"The goal of this {s.platform_word} {sw} is simple: it {s.purpose}.",
        lambda: f"Here is {_a(_named(s.noun, sw))} that {s.purpose} on {s.platform_word}.",
        lambda: f"For {s.app} we need {_a(_named(s.noun, sw))}; it {s.purpose}.",
        lambda: f"{cap(s.platform_word)} {sw} concept: {s.noun} for {s.app}, which {s.purpose}.",
        lambda: f"Picture {_a(s.mood)} {_named(s.noun, sw)} that {s.purpose}.",
        lambda: f"We are designing the {_named(s.noun, sw)} of {s.app}; it {s.purpose}.",
    )
    return rng.choice(forms)()


def theme_clause(rng: random.Random, s: Spec) -> str:
    bg, a1, a2 = _colour(rng, s.background), _colour(rng, s.accents[0]), _colour(rng, s.accents[1])
    t = s.theme.name
    forms = (
        lambda: f"The {t} style pairs {_a(bg)} background with {a1} and {a2} accents for {_a(s.mood)} feel.",
        lambda: f"Mood is {s.mood} and {t}: {bg} background, {a1} highlights, {a2} details.",
        lambda: f"Colours: {bg} base, {a1} as primary, {a2} as secondary.",
        lambda: f"It follows {_a(t)} look with {bg} surfaces, touches of {a1} and {a2} for emphasis.",
        lambda: f"Everything sits on {bg}, with {a1} as the accent colour, giving {_a(s.mood)} {t} vibe.",
        lambda: f"Think {t} and {s.mood}: {a1} and {a2} against {bg}.",
    )
    return rng.choice(forms)()


def typography(rng: random.Random, s: Spec) -> str:
    forms = (
        lambda: f"Headings use {s.font} {s.weight}; body copy is regular at 15px.",
        lambda: f"Type is {s.font} in {s.weight} for titles.",
        lambda: f"{s.font} gives the headlines {_a(s.mood)} character.",
        lambda: f"Typography: {s.font}, {s.weight} headings, generous line height.",
    )
    return rng.choice(forms)()


def layout_clause(rng: random.Random, s: Spec) -> str:
    forms = (
        lambda: f"Content is arranged as {s.layout_phrase}.",
        lambda: f"The layout uses {s.layout_phrase} with {s.spacing} gaps.",
        lambda: f"Below the {rng.choice(HEADER_WORDS)}, {s.layout_phrase} holds the main content.",
        lambda: f"Layout: {s.layout_phrase}.",
    )
    return rng.choice(forms)()


def header_clause(rng: random.Random, s: Spec) -> str:
    header = rng.choice(HEADER_WORDS)
    label = s.noun.title() if rng.random() < 0.5 else s.app.split(" ", 1)[1].title()
    colour = rng.choice((s.background, s.accents[0])).name
    forms = (
        lambda: f"{cap(_a(colour))} {header} shows the title '{label}' with a back arrow.",
        lambda: f"At the top, the {header} carries '{label}' and a menu icon.",
        lambda: f"'{label}' sits in {_a(colour)} {header} at the top.",
        lambda: f"A slim {header} reads '{label}'.",
    )
    return rng.choice(forms)()


def parts_clause(rng: random.Random, s: Spec) -> str:
    phrases = [p.phrase for p in s.parts]
    if len(phrases) > 1 and rng.random() < 0.4:
        i = rng.randrange(len(phrases))
        phrases[i] = f"{phrases[i]} in {s.accents[1].name}"
    listed = join_words(phrases)
    forms = (
        lambda: f"It includes {listed}.",
        lambda: f"Key elements: {'; '.join(phrases)}.",
        lambda: f"The main area holds {listed}.",
        lambda: f"Components include {listed}.",
        lambda: f"You will find {listed}.",
    )
    return rng.choice(forms)()


def button_clause(rng: random.Random, s: Spec) -> str:
    colour = s.accents[0].name
    btn = rng.choice(BUTTON_WORDS)
    second = f", next to an outlined '{s.secondary}' button" if s.secondary else ""
    forms = (
        lambda: f"{cap(_a(colour))} '{s.primary}' {btn} sits at the bottom{second}.",
        lambda: f"The primary action is a full-width {colour} {btn} labelled '{s.primary}'{second}.",
        lambda: f"'{s.primary}' appears as {_a(colour)} {btn}{second}.",
        lambda: f"A {colour} {btn} with {s.radius} corners says '{s.primary}'{second}.",
    )
    return rng.choice(forms)()


def nav_clause(rng: random.Random, s: Spec) -> str:
    assert s.nav is not None
    phrase = s.nav[1]
    forms = (
        lambda: f"Navigation is {phrase}.",
        lambda: f"{cap(phrase)} anchors the {rng.choice(SCREEN_WORDS)}.",
        lambda: f"There is also {phrase}.",
    )
    return rng.choice(forms)()


def styling(rng: random.Random, s: Spec) -> str:
    forms = (
        lambda: f"Corners are rounded to {s.radius}, with {s.shadow} and {s.spacing} spacing.",
        lambda: f"Cards use a {s.radius} radius and {s.shadow}.",
        lambda: f"Spacing is built on {s.spacing} steps; {s.shadow}.",
        lambda: f"Expect {s.shadow}, {s.radius} corners and plenty of whitespace.",
    )
    return rng.choice(forms)()


def spec_sheet(rng: random.Random, s: Spec) -> str:
    """Telegraphic 'key: value' notes, the way some designers write briefs."""
    lines = [
        (f"Screen: {s.noun} for {s.app} ({s.platform_word}).", 1.0),
        (f"Purpose: {s.purpose}.", 0.6),
        (f"Style: {s.theme.name}, {s.mood}.", 1.0),
        (f"Colours: {_colour(rng, s.background)} background, {_colour(rng, s.accents[0])} and "
         f"{s.accents[1].name} accents.", 0.8),
        (f"Layout: {s.layout_phrase}.", 0.5),
        (f"Components: {'; '.join(p.phrase for p in s.parts)}.", 1.0),
        (f"Primary {rng.choice(BUTTON_WORDS)}: '{s.primary}' in {s.accents[0].name}.", 1.0),
        (f"Font: {s.font}. Radius: {s.radius}.", 0.3),
    ]
    lines = [text for text, keep in lines if rng.random() < keep]
    return " ".join(lines)


# Each skeleton is an ordered tuple of (clause, keep probability); intro/button are always kept
# so every description names the screen purpose and one labelled button.
Skeleton = tuple[tuple[Clause, float], ...]
SKELETONS: tuple[Skeleton, ...] = (
    ((intro, 1.0), (theme_clause, 1.0), (header_clause, 0.5), (layout_clause, 0.7), (parts_clause, 1.0),
     (button_clause, 1.0), (nav_clause, 0.6), (styling, 0.5)),
    ((theme_clause, 1.0), (intro, 1.0), (parts_clause, 1.0), (button_clause, 1.0), (typography, 0.6),
     (styling, 0.4)),
    ((layout_clause, 1.0), (intro, 1.0), (parts_clause, 1.0), (header_clause, 0.6), (button_clause, 1.0),
     (theme_clause, 1.0), (styling, 0.4)),
    ((intro, 1.0), (parts_clause, 1.0), (button_clause, 1.0), (theme_clause, 1.0), (typography, 0.4),
     (nav_clause, 0.5)),
    ((header_clause, 1.0), (intro, 1.0), (theme_clause, 1.0), (layout_clause, 0.6), (button_clause, 1.0),
     (parts_clause, 1.0), (styling, 0.6)),
    ((spec_sheet, 1.0), (nav_clause, 0.4)),
)

MIN_WORDS, MAX_WORDS = 30, 120


def _length_target(rng: random.Random) -> int:
    """Word budget skewed towards short texts with a long tail, like real prompt corpora."""
    return min(MAX_WORDS, MIN_WORDS + int(rng.expovariate(1 / 24)))


def _drop_rank(clause: Clause, keep: float) -> int:
    """Which sentences go first when a description is over budget (0 = never dropped)."""
    if keep < 1.0:
        return 3
    if clause in (layout_clause, header_clause):
        return 2
    if clause is theme_clause:
        return 1
    return 0


def describe(rng: random.Random, s: Spec) -> tuple[str, list[str]]:
    """A description within MIN_WORDS..MAX_WORDS and the components it actually mentions.

    Optional clauses are dropped to meet a sampled word budget; the returned component list
    follows what survived, so metadata never claims an element the text does not show.
    """
    skeleton = rng.choice(SKELETONS)
    target = _length_target(rng)
    for attempt in range(20):
        # Late attempts keep every clause: some screens have too few words to spare.
        kept = [(clause, _drop_rank(clause, keep)) for clause, keep in skeleton
                if (clause is not nav_clause or s.nav) and (attempt >= 10 or rng.random() < keep)]
        sentences = [(clause, clause(rng, s), rank) for clause, rank in kept]
        if attempt >= 15:
            sentences.append((styling, styling(rng, s), 0))
            sentences.append((typography, typography(rng, s), 0))
        sentences = _trim(rng, sentences, target)
        text = " ".join(t for _, t, _ in sentences)
        if MIN_WORDS <= word_count(text) <= MAX_WORDS:
            return text, _mentioned(s, [c for c, _, _ in sentences])
    raise RuntimeError(f"no description of {MIN_WORDS}-{MAX_WORDS} words for {s.screen.kind}")


def _trim(rng: random.Random, sentences: list[tuple[Clause, str, int]], target: int) -> list[tuple[Clause, str, int]]:
    """Drops the most expendable sentences while over target, never going below MIN_WORDS."""
    sentences = list(sentences)

    def words(items: list[tuple[Clause, str, int]]) -> int:
        return word_count(" ".join(t for _, t, _ in items))

    while words(sentences) > target and any(r for _, _, r in sentences):
        top = max(r for _, _, r in sentences)
        i = rng.choice([i for i, (_, _, r) in enumerate(sentences) if r == top])
        shorter = sentences[:i] + sentences[i + 1:]
        if words(shorter) < MIN_WORDS:
            break
        sentences = shorter
    return sentences


def _mentioned(s: Spec, clauses: list[Clause]) -> list[str]:
    found = {"button"}
    if header_clause in clauses:
        found.add("app bar")
    if parts_clause in clauses or spec_sheet in clauses:
        found.update(p.component for p in s.parts)
    if nav_clause in clauses and s.nav:
        found.add(s.nav[0])
    return sorted(found)
