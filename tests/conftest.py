"""Shared fixtures: a tiny fake embedding model for fast tests, the real one once per session."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from ui_search import embedders

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GUI_RERANK_DEV = SHARED_DATA / "gui-rerank-dev"


class FakeEmbedder:
    """Hashed bag of words: deterministic, instant, and shares words -> similar vectors.

    `model` picks the fingerprint, so two fake 'models' can be told apart by the mismatch check.
    Class counters let tests see how many texts were embedded.
    """

    backend = "fake"
    dim = 64
    texts_encoded = 0

    def __init__(self, model: str | None = None):
        self.name = model or "fake-model"
        self.fingerprint = "fake-" + hashlib.sha256(self.name.encode()).hexdigest()[:10]

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        vectors[:, 0] += 1e-3  # no all-zero rows: every text gets a direction
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        FakeEmbedder.texts_encoded += len(texts)
        return vectors


@pytest.fixture
def fake_backend(monkeypatch):
    """Register the 'fake' backend; build with backend='fake' (or `--backend fake`)."""
    monkeypatch.setitem(embedders.BACKENDS, "fake", FakeEmbedder)
    FakeEmbedder.texts_encoded = 0
    return FakeEmbedder


@pytest.fixture
def indexes_root(tmp_path, monkeypatch) -> Path:
    """Index names resolve under a private folder, never the repo's indexes/."""
    root = tmp_path / "indexes"
    monkeypatch.setenv("UI_SEARCH_INDEXES", str(root))
    return root


SMALL_DESIGNS = [
    ("s01", "Dark theme contact Support", "Dark contact support page: charcoal background, white title, form fields "
     "with icons for name, email and message, orange 'Submit Request' button.", "help", "dark", "mobile", ["charcoal", "white", "orange"]),
    ("s02", "Colorful file manager UI", "Playful file manager: grid of coloured folder cards, search bar on top, a "
     "storage progress ring and a yellow floating add button.", "file manager", "playful", "tablet", ["teal", "yellow"]),
    ("s03", "Minimal pastel login", "Minimal login screen on a pastel pink background with rounded email and "
     "password fields, a lavender 'Sign in' button and a forgot password link.", "login", "pastel", "mobile", ["pink", "lavender"]),
    ("s04", "Neon music player", "Neon music player: album art, glowing magenta progress bar, play, pause and "
     "skip buttons on a black background.", "media player", "neon", "mobile", ["black", "magenta"]),
    ("s05", "Corporate analytics dashboard", "Corporate dashboard for sales analytics: navy sidebar, KPI cards, a line "
     "chart of revenue and a table of recent orders on light grey.", "dashboard", "corporate", "web", ["navy", "grey"]),
    ("s06", "Earthy recipe detail", "Recipe detail page in earthy tones: olive header image, ingredient checklist, "
     "step cards and a terracotta 'Start Cooking' button.", "detail", "earthy", "mobile", ["olive", "terracotta"]),
    ("s07", "Glassmorphism weather app", "Weather screen with frosted glass cards over a sky blue gradient: current "
     "temperature, hourly forecast chips and a weekly list.", "weather", "glassmorphism", "mobile", ["sky blue", "white"]),
    ("s08", "Retro 404 error page", "Retro 404 error page: pixel art astronaut, mustard and brown palette, a short "
     "apology and a 'Back Home' button.", "error", "retro", "web", ["mustard", "brown"]),
    ("s09", "Light checkout form", "Clean checkout screen on white: order summary, shipping address fields, card "
     "payment form and a green 'Pay Now' button.", "checkout", "light", "web", ["white", "green"]),
    ("s10", "Dark chat messenger", "Dark messenger conversation: slate bubbles, avatars, typing indicator, a "
     "message field and a blue send button.", "chat", "dark", "mobile", ["slate", "blue"]),
    ("s11", "Monochrome settings screen", "Monochrome settings list: toggles for notifications and dark mode, "
     "account rows with chevrons, a red 'Log out' button.", "settings", "monochrome", "desktop", ["black", "white", "red"]),
    ("s12", "Pastel habit tracker", "Habit tracker with pastel mint cards, weekly progress rings, streak counters "
     "and a floating plus button to add a habit.", "tracker", "pastel", "mobile", ["mint", "peach"]),
]


def small_catalog_rows() -> list[dict]:
    return [
        {"id": i, "title": t, "description": d, "screen": s, "theme": th, "platform": p, "palette": pal,
         "rating": n % 5 + 1}
        for n, (i, t, d, s, th, p, pal) in enumerate(SMALL_DESIGNS)
    ]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def small_catalog(tmp_path) -> Path:
    """A 12-design JSONL catalog with metadata of every kind (strings, lists, numbers)."""
    return write_jsonl(tmp_path / "designs.jsonl", small_catalog_rows())


@pytest.fixture(scope="session")
def real_embedder():
    """The packaged all-MiniLM-L6-v2, loaded once for the whole session."""
    embedder = embedders.SentenceTransformerEmbedder()
    embedder.encode(["warm up"])
    return embedder


@pytest.fixture
def built(fake_backend, small_catalog, tmp_path) -> Path:
    """The 12-design catalog indexed with the fake model."""
    from ui_search.indexer import build_index

    index_dir = tmp_path / "idx"
    build_index(small_catalog, index_dir, backend="fake")
    return index_dir


def drop_table(index_dir: Path, table: str) -> None:
    """Make a built index look like one from before `table` existed."""
    from ui_search import store

    version = store.require_version(store.resolve_index_dir(index_dir))
    conn = sqlite3.connect(version / store.DB_FILE)
    conn.execute(f"drop table {table}")
    conn.commit()
    conn.close()
