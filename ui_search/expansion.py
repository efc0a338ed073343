"""Prompt expansion with the catalog's own words (pseudo-relevance feedback, tf-idf).

A short prompt ("Colorful file manager UI") shares few words with the long designs it should find.
The designs that rank first for it do use the catalog's words for that kind of screen, so the
prompt is extended with the words that weigh most in its first few results, and encoded again.
Measured in bench/README.md, issue 5 ("Prompt expansion").

Pure functions: the caller supplies the neighbours' texts and a lookup of words' document frequencies.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable, Collection, Iterable, Mapping, Sequence

# the tokens of FTS5's unicode61 tokenizer (runs of letters and digits), so that every word found
# here has its document frequency in lexical.WORD_FREQUENCIES
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased tokens made only of letters, two or more, in order: numbers, hex colours and
    one-letter tokens carry no screen vocabulary."""
    return [t.lower() for t in _TOKEN.findall(text) if len(t) >= 2 and t.isalpha()]


def _weights(counts: Counter[str], document_frequencies: Mapping[str, int], total: int) -> dict[str, float]:
    """Sublinear tf x smoothed idf, L2-normalised, so a long design does not outweigh a short one."""
    raw = {
        w: (1.0 + math.log(n)) * (math.log((1 + total) / (1 + document_frequencies.get(w, 0))) + 1.0)
        for w, n in counts.items()
    }
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {w: v / norm for w, v in raw.items()}


def expansion_words(
    prompt: str,
    neighbour_texts: Iterable[str],
    document_frequencies: Callable[[Collection[str]], Mapping[str, int]],
    total: int,
    count: int,
) -> list[str]:
    """The `count` heaviest words of the neighbours' texts (summed tf-idf) that the prompt lacks.

    `document_frequencies(words)` says how many of the `total` designs contain each word; it is
    called once, with every word of the neighbours. Ties keep the order in which the words first
    appear, so the result is deterministic.
    """
    if count <= 0:
        return []
    counted = [Counter(words(text)) for text in neighbour_texts]
    frequencies = document_frequencies(list(dict.fromkeys(w for counts in counted for w in counts)))
    mass: dict[str, float] = {}
    for counts in counted:
        for w, v in _weights(counts, frequencies, total).items():
            mass[w] = mass.get(w, 0.0) + v
    have = set(words(prompt))
    ranked = sorted(mass, key=lambda w: -mass[w])
    return [w for w in ranked if w not in have][:count]


def expanded_prompt(prompt: str, extra: Sequence[str]) -> str:
    return f"{prompt} {' '.join(extra)}" if extra else prompt
