"""Small text helpers shared by titles, descriptions and prompts."""

from __future__ import annotations

import random


def cap(text: str) -> str:
    """Capitalise the first letter only; str.capitalize would lowercase 'OTP' or 'FAQ'.

    Brand casings such as 'iPad', 'iOS' or 'macOS' are left alone.
    """
    first = text.split(" ", 1)[0]
    if first[:1].islower() and any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].upper() + text[1:] if text else text


def title_case(text: str) -> str:
    return " ".join(cap(w) for w in text.split())


def join_words(items: list[str]) -> str:
    """English list: 'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def add_typo(rng: random.Random, text: str) -> str:
    """One small slip as people type: swapped, dropped or doubled letter in a longer word."""
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind == 1:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def word_count(text: str) -> int:
    return len(text.split())
