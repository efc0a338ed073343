"""The query layer: open an index once, then search it as often as needed.

    idx = ui_search.open_index("default")
    hits = idx.search("Dark theme contact Support", k=5, where={"platform": "mobile"})

The model and the vectors stay loaded on the `Index` object, so a design tool that keeps it pays
the loading cost once.
"""
from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from . import designs_db, hybrid, lexical, store, vector_index
from .designs_db import Where
from .embedders import Embedder, load_embedder, model_label
from .errors import BadQuery, DesignNotFound, ModelMismatch

MAX_K = 10_000


@dataclass
class Hit:
    """One result: the design's id, its cosine score, what was embedded, and its metadata."""

    id: str
    score: float
    text: str
    rank: int
    fields: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return next(iter(self.fields.values()), self.text.split("\n", 1)[0])

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Index:
    """A built index, opened read-only. Safe to share between threads."""

    def __init__(self, index_dir: str | Path, model: str | None = None, backend: str | None = None,
                 embedder: Embedder | None = None):
        self.index_dir = store.resolve_index_dir(index_dir)
        self.version = store.require_version(self.index_dir)
        self._db = designs_db.open_readonly(self.version / store.DB_FILE)
        self._document_frequencies: dict[str, int] = {}
        self.facts = designs_db.read_facts(self._db)
        self._lock = threading.Lock()
        self._vectors = None
        # Building an embedder is cheap (weights load on first encode), and it yields the
        # fingerprint: vectors from one model are meaningless to another, so refuse early.
        self._embedder = embedder or load_embedder(
            model if model is not None else self.facts["model"], backend or self.facts.get("backend")
        )
        if self._embedder.fingerprint != self.facts["model_fingerprint"]:
            raise ModelMismatch(
                f"model mismatch: {self.index_dir} was built with {model_label(self.facts['model'])} "
                f"(fingerprint {self.facts['model_fingerprint']}), not with {model_label(self._embedder.name)} "
                f"(fingerprint {self._embedder.fingerprint}); query with the index's model or rebuild the index "
                f"with `ui-search index --model ...`"
            )

    # -- loading -------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def vectors(self) -> Any:
        with self._lock:
            if self._vectors is None:
                self._vectors = vector_index.read_for_search(self.version / store.VECTORS_FILE)
            return self._vectors

    def __len__(self) -> int:
        return int(self.facts.get("count", 0))

    def info(self) -> dict[str, Any]:
        facts = dict(self.facts)
        facts["index_dir"] = str(self.index_dir)
        facts["version"] = self.version.name
        return facts

    # -- queries -------------------------------------------------------------------------------
    def encode(self, prompts: Sequence[str]) -> np.ndarray:
        return self.embedder.encode(list(prompts))

    def document_frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """How many designs hold each word, for prompt expansion. Remembered: an Index serves one
        published version, which never changes, and a catalog's vocabulary is small."""
        words = list(words)
        missing = [w for w in dict.fromkeys(words) if w not in self._document_frequencies]
        if missing:
            self._document_frequencies.update(lexical.document_frequencies(self._db, missing))
        return {w: self._document_frequencies[w] for w in words}

    def search(self, prompt: str, k: int = 10, where: Where | None = None, mode: str | None = None) -> list[Hit]:
        """The k designs nearest to a prompt, best first; `where` filters on metadata before the cut.

        `mode`: dense (cosine), lexical (BM25), hybrid (both fused) or expanded (hybrid again with the
        prompt extended by the words of its first results); None is the default pipeline (expanded;
        the best an older index can do when it lacks expanded's tables). See ui_search/hybrid.py.
        """
        return self.search_many([prompt], k=k, where=where, mode=mode)[0]

    def search_many(self, prompts: Sequence[str], k: int = 10, where: Where | None = None,
                    mode: str | None = None) -> list[list[Hit]]:
        if isinstance(prompts, str):
            raise BadQuery("search_many takes a list of prompts")
        cleaned = [(p or "").strip() for p in prompts]
        for number, prompt in enumerate(cleaned, start=1):
            if not prompt:
                raise BadQuery("empty prompt" + (f" (prompt {number})" if len(cleaned) > 1 else ""))
        self._check_k(k)
        mode = hybrid.check_mode(mode, self._db, self.index_dir)
        if not cleaned:
            return []
        allowed = self._allowed(where)
        if allowed is not None and len(allowed) == 0:
            return [[] for _ in cleaned]
        if mode != "dense":
            return self._hits_from(hybrid.rank(self, cleaned, k, where, allowed, mode))
        queries = self.encode(cleaned)
        return self._hits_for(queries, k, allowed)

    def similar(self, design_id: str, k: int = 10, where: Where | None = None) -> list[Hit]:
        """Designs most like a stored design, itself left out."""
        self._check_k(k)
        pk = designs_db.pk_for_id(self._db, design_id)
        if pk is None:
            raise DesignNotFound(f"no design with id '{design_id}' in {self.index_dir}")
        allowed = self._allowed(where)
        if allowed is not None:
            allowed = [p for p in allowed if p != pk]
            if not allowed:
                return []
        query = vector_index.reconstruct(self.vectors, [pk])
        hits = self._hits_for(query, k + (1 if allowed is None else 0), allowed)[0]
        hits = [h for h in hits if h.id != design_id][:k]
        for rank, hit in enumerate(hits, start=1):
            hit.rank = rank
        return hits

    def get(self, design_id: str) -> Hit:
        pk = designs_db.pk_for_id(self._db, design_id)
        if pk is None:
            raise DesignNotFound(f"no design with id '{design_id}' in {self.index_dir}")
        row = designs_db.rows_by_pk(self._db, [pk])[pk]
        return Hit(id=row["id"], score=1.0, text=row["text"], rank=0, fields=row["fields"], metadata=row["metadata"])

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _check_k(k: int) -> None:
        if not isinstance(k, int) or k < 1 or k > MAX_K:
            raise BadQuery(f"k must be a whole number from 1 to {MAX_K}, got {k}")

    def _allowed(self, where: Where | None) -> list[int] | None:
        if not where:
            return None
        sql, params = designs_db.filter_sql(where, self.facts.get("metadata_fields", []))
        return [row[0] for row in self._db.execute(sql, params).fetchall()]

    def _hits_for(self, queries: np.ndarray, k: int, allowed: list[int] | None) -> list[list[Hit]]:
        scores, ids = vector_index.search(self.vectors, queries, k, allowed)
        # FAISS marks empty slots with id -1
        return self._hits_from([
            [(int(pk), float(score)) for score, pk in zip(row_scores, row_ids) if pk >= 0]
            for row_scores, row_ids in zip(scores, ids)
        ])

    def _hits_from(self, rankings: list[list[tuple[int, float]]]) -> list[list[Hit]]:
        """Hits for rankings already cut at k, as (pk, score) pairs best first."""
        rows = designs_db.rows_by_pk(self._db, {pk for ranking in rankings for pk, _ in ranking})
        results = []
        for ranking in rankings:
            hits = []
            for pk, score in ranking:
                if pk in rows:
                    row = rows[pk]
                    hits.append(Hit(id=row["id"], score=round(float(score), 6), text=row["text"], rank=len(hits) + 1,
                                    fields=row["fields"], metadata=row["metadata"]))
            results.append(hits)
        return results

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_index(index: str | Path = "default", model: str | None = None, backend: str | None = None) -> Index:
    """Open a built index by name (indexes/<name>) or folder path."""
    return Index(index, model=model, backend=backend)
