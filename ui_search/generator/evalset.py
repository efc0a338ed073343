"""In-domain retrieval evaluation over held-out designs (BEIR layout).

Judgment rule over the whole eval corpus:
  2  same screen kind and same theme as the query
  1  same screen kind, other theme
  0  otherwise (not listed in qrels)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterable

from .designs import Design, generate_designs
from .text import word_count
from .vocab import APPS, PLATFORM_WORDS, QUERY_SUFFIXES, SCREENS, THEMES

_SCREENS = {s.kind: s for s in SCREENS}
_THEMES = {t.name: t for t in THEMES}


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    screen: str
    theme: str
    source: str  # held-out design the prompt was written from


@dataclass(frozen=True)
class EvalSet:
    corpus: list[Design]
    queries: list[Query]
    qrels: list[tuple[str, str, int]]


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _prompt(rng: random.Random, d: Design) -> str:
    """A short user prompt; theme words come from Theme.query_words, not the title vocabulary."""
    screen, theme = _SCREENS[d.screen], _THEMES[d.theme]
    tq = rng.choice(theme.query_words)
    noun = rng.choice(screen.nouns).lower()
    suffix = rng.choice(QUERY_SUFFIXES)
    app = rng.choice(APPS[screen.group])
    platform = rng.choice(PLATFORM_WORDS[d.platform]).lower()
    forms = (
        lambda: f"{tq} {noun} {suffix}",
        lambda: f"{noun} {suffix} with {_a(tq)} look",
        lambda: f"{tq} {noun} for {app}",
        lambda: f"{noun} in {tq} style for {platform}",
        lambda: f"{tq} {noun} {suffix} on {platform}",
        lambda: f"need {_a(tq)} {noun} {suffix}",
        lambda: f"{platform} {noun}, {tq}",
    )
    return " ".join(rng.choice(forms)().split())


def make_queries(rng: random.Random, corpus: list[Design], n: int, banned: Iterable[str]) -> list[Query]:
    """n prompts from n distinct held-out designs; none equals a banned (training) text."""
    blocked = {t.lower() for t in banned}
    sources = sorted(rng.sample(corpus, min(n, len(corpus))), key=lambda d: d.id)
    queries: list[Query] = []
    for d in sources:
        for _ in range(50):
            text = _prompt(rng, d)
            if text not in blocked and word_count(text) >= 2:
                break
        else:
            continue
        blocked.add(text)
        queries.append(Query(f"q{len(queries) + 1:04d}", text, d.screen, d.theme, d.id))
    return queries


def judge(queries: list[Query], corpus: list[Design]) -> list[tuple[str, str, int]]:
    """All non-zero judgments; every corpus design of the query's screen kind is graded."""
    qrels: list[tuple[str, str, int]] = []
    for q in queries:
        for d in corpus:
            if d.screen == q.screen:
                qrels.append((q.id, d.id, 2 if d.theme == q.theme else 1))
    return qrels


def generate_eval(rng: random.Random, train: list[Design], n_corpus: int, n_queries: int) -> EvalSet:
    titles = [d.title for d in train]
    descriptions = [d.description for d in train]
    corpus = generate_designs(rng, n_corpus, prefix="h", exclude_titles=titles, exclude_descriptions=descriptions)
    queries = make_queries(rng, corpus, n_queries, banned=titles + descriptions)
    return EvalSet(corpus, queries, judge(queries, corpus))
