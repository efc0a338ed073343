"""The fast path: a sentence-transformers model exported to ONNX, run with onnxruntime + tokenizers.

Queries must not pay for torch (~1.5 s to import, sentence-transformers ~6 s), so the model is exported
once with `torch.onnx.export` (at index time, or on the first query of a model never exported) and
cached under `$UI_SEARCH_CACHE/onnx/<model fingerprint>/` (default ~/.cache/ui-search). Loading the
cached graph needs only onnxruntime, tokenizers and numpy. Pooling and normalization are done in numpy
exactly as sentence-transformers does them, so vectors match the torch path (cosine ~1.0 for fp32).

Backends: `onnx` (fp32) and `onnx-int8` (dynamic quantization, per-channel weights; faster, slightly
less exact). The embedder's fingerprint is the model folder's, so an index built with any backend
still refuses a different model.
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .embedders import PACKAGED_MODEL, model_fingerprint, register_backend, resolve_model
from .errors import UISearchError

CACHE_ENV = "UI_SEARCH_CACHE"
THREADS_ENV = "UI_SEARCH_THREADS"
EXPORT_FORMAT = 1  # bump when the export recipe changes, so stale cached graphs are not reused
FAST_HINT = "pip install 'ui-search[fast]'"
VARIANTS = {"onnx": "fp32", "onnx-int8": "int8"}
SMALL_CALL = 4  # encode calls with at most this many texts (queries) run single-threaded


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "ui-search")


def export_dir(fingerprint: str, folder: Path | None = None) -> Path:
    """Where a model's ONNX graphs live.

    `$UI_SEARCH_CACHE` set: always under it. Otherwise a writable local model folder keeps its own
    export in `<folder>/onnx/` (model_fingerprint skips that folder), so a fine-tuned or throw-away
    model takes its export with it; the packaged model (in site-packages, never written to) and
    read-only folders use ~/.cache/ui-search.
    """
    leaf = f"{fingerprint}-v{EXPORT_FORMAT}"
    installed = any(part in ("site-packages", "dist-packages") for part in folder.parts) if folder else True
    if folder is not None and not installed and not os.environ.get(CACHE_ENV) and os.access(folder, os.W_OK):
        return folder / "onnx" / leaf
    return cache_root() / "onnx" / leaf


# -- reading the sentence-transformers folder ------------------------------------------------------
def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_settings(folder: Path) -> dict[str, Any]:
    """Max sequence length and pooling mode, read the way sentence-transformers reads them."""
    modules = _read_json(folder / "modules.json") or []
    pooling = "mean"
    for module in modules if isinstance(modules, list) else []:
        kind = str(module.get("type", "")).rsplit(".", 1)[-1]
        if kind == "Pooling":
            config = _read_json(folder / module.get("path", "") / "config.json")
            if isinstance(config.get("pooling_mode"), str):  # sentence-transformers >= 6 saves one name
                modes = [config["pooling_mode"]]
            else:  # earlier versions: one boolean per mode
                modes = [m for m in ("cls_token", "mean_tokens", "max_tokens") if config.get(f"pooling_mode_{m}")]
            names = {"cls_token": "cls", "mean_tokens": "mean", "max_tokens": "max", "cls": "cls", "mean": "mean", "max": "max"}
            if len(modes) != 1 or modes[0] not in names:
                raise UISearchError(f"{folder}: the onnx backend supports one pooling mode (mean, cls or max), got {modes}")
            pooling = names[modes[0]]
        elif kind not in ("Transformer", "Normalize", ""):
            raise UISearchError(f"{folder}: the onnx backend cannot run a {kind} module; use --backend torch")
    st_config = _read_json(folder / "sentence_bert_config.json")
    config = _read_json(folder / "config.json")
    max_len = st_config.get("max_seq_length") or _read_json(folder / "tokenizer_config.json").get("model_max_length") or 512
    max_len = min(int(max_len), int(config.get("max_position_embeddings", max_len)))
    return {"max_seq_length": max_len, "pooling": pooling}


# -- export (needs torch; runs once per model) ------------------------------------------------------
def export_onnx(folder: Path, target: Path) -> None:
    """Export the transformer of a sentence-transformers folder to an fp32 ONNX graph at `target`."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError:  # pragma: no cover - torch is a core dependency
        raise UISearchError("exporting a model to ONNX needs torch and transformers: pip install ui-search")
    from .embedders import _quiet_transformers

    _quiet_transformers()
    # eager attention exports as plain MatMul/Softmax, which ORT's optimizer fuses; sdpa does not fuse
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    import inspect

    wants_types = "token_type_ids" in inspect.signature(model.forward).parameters
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if wants_types else [])

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, inputs))).last_hidden_state

    # batch 2 x length 8 with one padded row, so the traced mask path is the general one
    dummy_ids = torch.ones(2, 8, dtype=torch.long)
    dummy_mask = torch.ones(2, 8, dtype=torch.long)
    dummy_mask[1, 5:] = 0
    dummy = (dummy_ids, dummy_mask) + ((torch.zeros_like(dummy_ids),) if wants_types else ())
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer chatter about constant shapes that do not apply here
        torch.onnx.export(
            LastHidden(model), dummy, str(target), input_names=names, output_names=["last_hidden_state"],
            dynamic_axes=axes, opset_version=17, dynamo=False,
        )


def _optimize(source: Path, target: Path, config: dict) -> bool:
    """Fuse attention/LayerNorm/GELU with ORT's transformer optimizer; False when it does not apply."""
    try:
        from onnxruntime.transformers.optimizer import optimize_model
    except ImportError:
        return False
    kind = {"bert": "bert", "mpnet": "bert", "distilbert": "bert", "roberta": "bert", "xlm-roberta": "bert"}.get(
        config.get("model_type", ""))
    if kind is None:
        return False
    try:
        optimized = optimize_model(str(source), model_type=kind, num_heads=int(config.get("num_attention_heads", 0)),
                                   hidden_size=int(config.get("hidden_size", 0)), opt_level=1)
        optimized.save_model_to_file(str(target))
    except Exception:  # an optimizer miss only costs speed, never correctness
        return False
    return True


def _quantize(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    import logging

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer logs a generic "consider pre-processing" warning to root
    try:
        # per-channel keeps cosine to fp32 ~0.99; per-tensor drops to ~0.90 on long texts (stack notes)
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        root.setLevel(level)


def ensure_exported(folder: Path, fingerprint: str, variant: str, in_folder: bool = False) -> Path:
    """Path of the cached graph for a model and variant ('fp32' or 'int8'), exporting it if missing."""
    out = export_dir(fingerprint, folder if in_folder else None)
    path = out / f"model-{variant}.onnx"
    if path.exists():
        return path
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UISearchError(f"cannot create the ONNX cache {out}: {exc} (set {CACHE_ENV} to a writable folder)")
    fp32 = out / "model-fp32.onnx"
    # Each step writes a private temp file and renames it, so concurrent processes never read half a graph.
    with tempfile.TemporaryDirectory(dir=out, prefix=".export-") as tmp:
        tmp_dir = Path(tmp)
        if not fp32.exists():
            raw = tmp_dir / "raw.onnx"
            export_onnx(folder, raw)
            fused = tmp_dir / "fp32.onnx"
            os.replace(fused if _optimize(raw, fused, _read_json(folder / "config.json")) else raw, fp32)
        if variant == "int8" and not path.exists():
            quantized = tmp_dir / "int8.onnx"
            _quantize(fp32, quantized)
            os.replace(quantized, path)
    (out / "source.json").write_text(json.dumps({"model_folder": str(folder), "fingerprint": fingerprint,
                                                 "export_format": EXPORT_FORMAT}))
    return path


# -- the embedder ------------------------------------------------------------------------------------
class OnnxEmbedder:
    """Embeds with a cached ONNX graph; the first use of a model exports it (needs torch once)."""

    variant = "fp32"

    def __init__(self, model: str | None = None):
        self.name, self.folder = resolve_model(model)
        self.fingerprint = model_fingerprint(self.folder)
        self.backend = next(name for name, variant in VARIANTS.items() if variant == self.variant)
        self._settings = model_settings(self.folder)
        self._sessions: dict[bool, Any] = {}  # keyed by "small": few prompts vs. batches
        self._tokenizer: Any = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    def _load(self, small: bool) -> Any:
        """The session for a few prompts (one thread) or for batches (all threads), made on first need.

        Measured on a busy 2-core machine, one short prompt: int8 1.2 ms with one thread vs 1.5-10 ms
        with two (the second thread waits to be scheduled); fp32 4.8 vs 13-31 ms. Batches do gain
        from threads, so the indexer gets its own session; a cold query loads only the small one.
        """
        with self._lock:
            if small in self._sessions:
                return self._sessions[small]
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer
            except ImportError:
                raise UISearchError(f"the {self.backend} backend needs onnxruntime and tokenizers: {FAST_HINT}") from None
            if self._tokenizer is None:
                tokenizer_file = self.folder / "tokenizer.json"
                if not tokenizer_file.exists():
                    raise UISearchError(f"{self.folder} has no tokenizer.json; the {self.backend} backend needs a fast tokenizer")
                tokenizer = Tokenizer.from_file(str(tokenizer_file))
                # tokenizer.json may be saved with padding and a shorter truncation; sentence-transformers
                # truncates at max_seq_length, and padding is done here per batch.
                tokenizer.no_padding()
                tokenizer.enable_truncation(max_length=self._settings["max_seq_length"])
                self._tokenizer = tokenizer
            path = ensure_exported(self.folder, self.fingerprint, self.variant, in_folder=self.name != PACKAGED_MODEL)
            options = ort.SessionOptions()
            threads = os.environ.get(THREADS_ENV)
            if small:
                options.intra_op_num_threads = 1
            elif threads:
                options.intra_op_num_threads = int(threads)
            options.log_severity_level = 3
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            self._inputs = {i.name for i in session.get_inputs()}
            self._sessions[small] = session
            return session

    @property
    def dim(self) -> int:
        if self._dim is None:
            config = _read_json(self.folder / "config.json")
            self._dim = int(config.get("hidden_size") or self.encode(["x"]).shape[1])
        return self._dim

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        session = self._load(small=len(texts) <= SMALL_CALL)
        encodings = self._tokenizer.encode_batch(list(texts))
        # Length-sorted batches: padding is wasted compute, and sorting removes most of it.
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        parts: list[np.ndarray] = [None] * len(encodings)  # type: ignore[list-item]
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            vectors = self._run(session, [encodings[i] for i in chosen])
            for row, i in enumerate(chosen):
                parts[i] = vectors[row]
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def _run(self, session: Any, batch: list) -> np.ndarray:
        width = max(len(e.ids) for e in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, enc in enumerate(batch):
            n = len(enc.ids)
            ids[row, :n] = enc.ids
            mask[row, :n] = 1
            types[row, :n] = enc.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        pooled = _pool(hidden, mask, self._settings["pooling"])
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)


def _pool(hidden: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    if mode == "cls":
        return hidden[:, 0]
    weights = mask[..., None].astype(hidden.dtype)
    if mode == "max":
        return np.where(weights > 0, hidden, -1e9).max(axis=1)
    return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)


class OnnxInt8Embedder(OnnxEmbedder):
    variant = "int8"


def register() -> None:
    register_backend("onnx", OnnxEmbedder)
    register_backend("onnx-int8", OnnxInt8Embedder)
