"""Fine-tune the packaged all-MiniLM-L6-v2 on graded pairs with the reference model's recipe.

    from ui_search.training import TrainConfig, train
    report = train("catalog/pairs.csv", "models/ui-minilm", TrainConfig(epochs=1))

Recipe (../shared/reference/seed-model-card.md): CosineSimilarityLoss (MSE between cosine and label),
batch 8, AdamW lr 5e-5, weight decay 0, linear decay without warm-up, max grad norm 1, seed 42,
max_seq_length 128, mean pooling + Normalize, fp32. The output is a plain sentence-transformers
folder (loads offline with SentenceTransformer(path) or `ui-search index --model PATH`) with a
README model card. Nothing here touches the network: no hub download, no push, no reporting.
"""
from __future__ import annotations

import csv
import json
import math
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import UISearchError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

CARD_DATA = ".ui_search_training.json"  # hidden: the model fingerprint ignores it, so card updates keep indexes valid
PAIR_COLUMNS = ("sentence_0", "sentence_1", "label")


class PairsError(UISearchError):
    pass


@dataclass
class TrainConfig:
    epochs: float = 3.0
    max_steps: int = -1           # > 0 stops after that many optimizer steps (overrides epochs)
    batch_size: int = 8
    lr: float = 5e-5
    weight_decay: float = 0.0
    warmup_ratio: float = 0.0
    max_grad_norm: float = 1.0
    seed: int = 42
    max_seq_length: int = 128
    scheduler: str = "linear"
    log_every: int = 0            # loss log interval in steps; 0 picks ~20 points over the run
    threads: int = 2
    time_limit_minutes: float = 0  # > 0 stops cleanly after the step that crosses it (schedule stays as planned)


@dataclass
class PairStats:
    pairs: int
    label_min: float
    label_mean: float
    label_max: float
    label_counts: dict[str, int]
    words_0_mean: float
    words_1_mean: float
    source: str


@dataclass
class TrainReport:
    out: str
    base_model: str
    config: dict[str, Any]
    data: dict[str, Any]
    steps: int
    planned_steps: int
    steps_per_epoch: int
    epochs_run: float
    seconds: float
    seconds_per_step: float
    final_loss: float | None
    loss_log: list[dict[str, float]] = field(default_factory=list)
    evals: list[dict[str, Any]] = field(default_factory=list)
    torch_threads: int = 0
    stopped_by_time_limit: bool = False
    finished: str = ""
    inference_max_seq_length: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- data ----------------------------------------------------------------------------------------

def read_pairs(path: str | Path) -> tuple[list[str], list[str], list[float]]:
    """Read sentence_0, sentence_1, label columns from a CSV; errors name the file and line."""
    path = Path(path)
    if not path.is_file():
        raise PairsError(f"{path}: no such pairs file (CSV with columns {', '.join(PAIR_COLUMNS)})")
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        reader = csv.reader(handle, strict=True)
        header = [h.strip() for h in next(reader, [])]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise PairsError(f"{path}, line 1: unreadable header ({exc})") from None
    missing = [c for c in PAIR_COLUMNS if c not in header]
    if missing:
        raise PairsError(f"{path}, line 1: missing column(s) {', '.join(missing)} (need {', '.join(PAIR_COLUMNS)})")
    where = [header.index(c) for c in PAIR_COLUMNS]
    left: list[str] = []
    right: list[str] = []
    labels: list[float] = []
    with handle:
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                raise PairsError(f"{path}, line {line}: broken CSV ({exc})") from None
            if not row or all(not v.strip() for v in row):
                continue
            if len(row) != len(header):
                raise PairsError(f"{path}, line {line}: {len(row)} fields, the header has {len(header)}")
            s0, s1, raw_label = (row[i] for i in where)
            if not s0.strip() or not s1.strip():
                raise PairsError(f"{path}, line {line}: empty sentence")
            try:
                label = float(raw_label)
            except ValueError:
                raise PairsError(f"{path}, line {line}: label must be a number, got '{raw_label}'") from None
            if not (0.0 <= label <= 1.0) or math.isnan(label):
                raise PairsError(f"{path}, line {line}: label must be between 0 and 1 (a cosine target), got {raw_label}")
            left.append(s0.strip())
            right.append(s1.strip())
            labels.append(label)
    if not labels:
        raise PairsError(f"{path}: no pairs to train on")
    return left, right, labels


def pair_stats(path: str | Path, left: list[str], right: list[str], labels: list[float]) -> PairStats:
    counts: dict[str, int] = {}
    for label in labels:
        counts[f"{label:g}"] = counts.get(f"{label:g}", 0) + 1
    return PairStats(
        pairs=len(labels),
        label_min=min(labels),
        label_mean=round(sum(labels) / len(labels), 4),
        label_max=max(labels),
        label_counts=dict(sorted(counts.items())),
        words_0_mean=round(sum(len(t.split()) for t in left) / len(left), 2),
        words_1_mean=round(sum(len(t.split()) for t in right) / len(right), 2),
        source=str(path),
    )


# -- training ------------------------------------------------------------------------------------

ProgressFn = Callable[[int, int, float | None], None]  # (step, total steps, last logged loss)


def train(
    pairs: str | Path,
    out: str | Path,
    config: TrainConfig | None = None,
    base_model: str | None = None,
    progress: ProgressFn | None = None,
    overwrite: bool = False,
) -> TrainReport:
    """Fine-tune `base_model` (default: the packaged MiniLM) on `pairs`; save to `out` atomically."""
    config = config or TrainConfig()
    _check_config(config)
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise UISearchError(f"{out} already exists and is not empty: pick another --out or pass --overwrite")
    left, right, labels = read_pairs(pairs)
    stats = pair_stats(pairs, left, right, labels)

    import torch

    torch.set_num_threads(config.threads)
    from datasets import Dataset
    from sentence_transformers import SentenceTransformer, SentenceTransformerTrainer, SentenceTransformerTrainingArguments

    try:  # sentence-transformers 6 moved the losses; 5.x has them at the top level
        from sentence_transformers.sentence_transformer.losses import CosineSimilarityLoss
    except ImportError:  # pragma: no cover - depends on the installed version
        from sentence_transformers.losses import CosineSimilarityLoss
    from transformers import TrainerCallback

    from .embedders import _quiet_transformers, model_label, resolve_model

    _quiet_transformers()
    base_name, base_folder = resolve_model(base_model)
    model = SentenceTransformer(str(base_folder), device="cpu")
    # The recipe's 128 is a training length (every pair fits in it). The saved model keeps the base's
    # own inference length (256 for all-MiniLM-L6-v2): real screen descriptions run longer, 92% of
    # gui-rerank-dev's are over 128 tokens, and cutting them there alone costs the base 0.022 nDCG@10.
    inference_length = max(model.max_seq_length, config.max_seq_length)
    model.max_seq_length = config.max_seq_length
    dataset = Dataset.from_dict({"sentence_0": left, "sentence_1": right, "label": labels})
    steps_per_epoch = math.ceil(len(labels) / config.batch_size)
    planned = config.max_steps if config.max_steps > 0 else math.ceil(steps_per_epoch * config.epochs)
    log_every = config.log_every or max(1, planned // 20)

    loss_log: list[dict[str, float]] = []
    stopped: list[int] = []
    started = time.perf_counter()

    class Follow(TrainerCallback):
        """Feeds the progress bar and keeps the loss log for the model card."""

        last_loss: float | None = None

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                Follow.last_loss = float(logs["loss"])
                loss_log.append({"step": int(state.global_step), "epoch": round(float(state.epoch or 0), 3),
                                 "loss": round(float(logs["loss"]), 5)})

        def on_step_end(self, args, state, control, **kwargs):
            if progress:
                progress(int(state.global_step), planned, Follow.last_loss)
            if config.time_limit_minutes > 0 and time.perf_counter() - started > 60 * config.time_limit_minutes:
                stopped.append(int(state.global_step))
                control.should_training_stop = True

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        args = SentenceTransformerTrainingArguments(
            output_dir=str(staging / "trainer"),
            num_train_epochs=config.epochs,
            max_steps=config.max_steps if config.max_steps > 0 else -1,
            per_device_train_batch_size=config.batch_size,
            learning_rate=config.lr,
            weight_decay=config.weight_decay,
            # transformers 5 reads a float warmup_steps below 1 as a ratio (warmup_ratio is deprecated)
            warmup_steps=config.warmup_ratio,
            lr_scheduler_type=config.scheduler,
            max_grad_norm=config.max_grad_norm,
            optim="adamw_torch",
            seed=config.seed,
            data_seed=config.seed,
            logging_steps=log_every,
            save_strategy="no",
            report_to="none",
            push_to_hub=False,
            disable_tqdm=True,
            use_cpu=True,
            dataloader_num_workers=0,
        )
        trainer = SentenceTransformerTrainer(
            model=model, args=args, train_dataset=dataset, loss=CosineSimilarityLoss(model),
            callbacks=[Follow()],
        )
        # with tqdm off the trainer prints every log dict to stdout; the progress bar shows the loss instead
        from transformers.trainer_callback import PrinterCallback

        trainer.remove_callback(PrinterCallback)
        started = time.perf_counter()
        result = trainer.train()
        seconds = time.perf_counter() - started
        steps = int(result.global_step)
        model_dir = staging / "model"
        model.max_seq_length = inference_length
        model.save(str(model_dir), create_model_card=False)
        report = TrainReport(
            out=str(out),
            base_model=model_label(base_name),
            config=asdict(config),
            data=asdict(stats),
            steps=steps,
            planned_steps=planned,
            steps_per_epoch=steps_per_epoch,
            epochs_run=round(steps / steps_per_epoch, 3),
            seconds=round(seconds, 1),
            seconds_per_step=round(seconds / max(steps, 1), 4),
            final_loss=loss_log[-1]["loss"] if loss_log else round(float(result.training_loss), 5),
            loss_log=loss_log,
            torch_threads=torch.get_num_threads(),
            inference_max_seq_length=inference_length,
            stopped_by_time_limit=bool(stopped),
            finished=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        )
        save_card(model_dir, report)
        if out.exists():
            shutil.rmtree(out)
        model_dir.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _check_config(config: TrainConfig) -> None:
    if config.batch_size < 1:
        raise UISearchError(f"--batch-size must be at least 1, got {config.batch_size}")
    if config.max_steps <= 0 and config.epochs <= 0:
        raise UISearchError("give --epochs above 0 or --max-steps above 0")
    if not (0 < config.lr < 1):
        raise UISearchError(f"--lr must be between 0 and 1, got {config.lr}")


# -- model card ----------------------------------------------------------------------------------

def load_card_data(model_dir: str | Path) -> dict[str, Any]:
    file = Path(model_dir) / CARD_DATA
    if not file.is_file():
        raise UISearchError(f"{model_dir} was not trained by `ui-search train` (no {CARD_DATA})")
    return json.loads(file.read_text(encoding="utf-8"))


def save_card(model_dir: str | Path, report: TrainReport | dict[str, Any]) -> None:
    """Write the training facts (hidden JSON) and the README model card rendered from them."""
    data = report.as_dict() if isinstance(report, TrainReport) else report
    model_dir = Path(model_dir)
    (model_dir / CARD_DATA).write_text(json.dumps(data, indent=1), encoding="utf-8")
    (model_dir / "README.md").write_text(render_card(data), encoding="utf-8")


def record_eval(model_dir: str | Path, name: str, fine_tuned: dict[str, Any], base: dict[str, Any] | None = None,
                command: str = "") -> None:
    """Add (or replace) one benchmark's figures on a trained model's card; weights are untouched."""
    data = load_card_data(model_dir)
    data["evals"] = [e for e in data.get("evals", []) if e["name"] != name]
    data["evals"].append({"name": name, "fine_tuned": fine_tuned, "base": base, "command": command})
    save_card(model_dir, data)


def render_card(data: dict[str, Any]) -> str:
    cfg, stats = data["config"], data["data"]
    partial = data["steps"] < data["steps_per_epoch"] * 3
    lines = [
        f"# {Path(data['out']).name}",
        "",
        f"A sentence-transformers model fine-tuned from **{data['base_model']}** for UI-design prompts by "
        "`ui-search train`: 384-dimensional unit vectors, cosine similarity (mean pooling + Normalize).",
        "",
        "Load it offline with `SentenceTransformer(path)` or `ui-search index --model path`.",
        "",
        *([f"Weights: {1 - data['interpolated']['alpha']:g} x base + {data['interpolated']['alpha']:g} x "
           f"`{data['interpolated']['tuned']}` (weight averaging, `ui_search.training.interpolate`); the training "
           "facts below are those of the fine-tuned run.", ""] if data.get("interpolated") else []),
        "## Training data",
        "",
        "| what | value |",
        "| --- | --- |",
        f"| file | `{stats['source']}` |",
        f"| pairs | {stats['pairs']:,} |",
        f"| label | min {stats['label_min']:g} / mean {stats['label_mean']:g} / max {stats['label_max']:g} |",
        f"| label counts | {', '.join(f'{k}: {v:,}' for k, v in stats['label_counts'].items())} |",
        f"| words per text | sentence_0 mean {stats['words_0_mean']}, sentence_1 mean {stats['words_1_mean']} |",
        "",
        "## Hyperparameters",
        "",
        "| hyperparameter | value |",
        "| --- | --- |",
        "| loss | CosineSimilarityLoss (MSE between cosine(u, v) and label) |",
        f"| epochs | {cfg['epochs']:g} requested; {data['epochs_run']:g} run |",
        f"| steps | {data['steps']:,} run of {data['planned_steps']:,} planned ({data['steps_per_epoch']:,} per epoch)"
        + (f"; max_steps {cfg['max_steps']}" if cfg["max_steps"] > 0 else "") + " |",
        f"| batch size | {cfg['batch_size']} |",
        f"| optimizer | AdamW (torch), lr {cfg['lr']:g}, weight decay {cfg['weight_decay']:g}, max grad norm {cfg['max_grad_norm']:g} |",
        f"| schedule | {cfg['scheduler']}, warm-up ratio {cfg['warmup_ratio']:g} |",
        f"| seed | {cfg['seed']} |",
        f"| max_seq_length | {cfg['max_seq_length']} in training"
        + (f"; the saved model encodes up to {data['inference_max_seq_length']} tokens (the longer of this and the base's)"
           if data.get("inference_max_seq_length") else "") + " |",
        "| precision | fp32, CPU |",
        "",
        "## Run",
        "",
        f"{data['steps']:,} steps in {data['seconds']:,.0f} s ({data['seconds_per_step']:.3f} s a step, "
        f"{data['torch_threads']} torch threads, shared CPU), finished {data['finished']}."
        + (" This is a shortened run, not the full 3-epoch recipe." if partial else "")
        + (f" Stopped by the {cfg.get('time_limit_minutes', 0):g}-minute time limit before the planned steps, so the"
           " learning rate had not decayed to 0." if data.get("stopped_by_time_limit") else ""),
        "",
        "## Loss log",
        "",
        "| step | epoch | training loss |",
        "| ---: | ---: | ---: |",
        *[f"| {p['step']} | {p['epoch']:g} | {p['loss']:.4f} |" for p in data.get("loss_log", [])],
        "",
    ]
    evals = data.get("evals") or []
    lines += ["## Evaluation", ""]
    if not evals:
        lines += ["Not evaluated yet: `python bench/eval_models.py --model PATH` adds the figures here.", ""]
    else:
        lines += [
            "Judged-only ranking for gui-rerank-dev (incomplete judgments), full-corpus ranking for catalog/eval "
            "(complete judgments); MRR and Recall count the top grade as relevant.",
            "",
            "| benchmark | model | ranking | nDCG@10 | MRR@10 | Recall@10 |",
            "| --- | --- | --- | ---: | ---: | ---: |",
        ]
        for ev in evals:
            for who in ("base", "fine_tuned"):
                row = ev.get(who)
                if row:
                    lines.append(f"| {ev['name']} | {'base' if who == 'base' else 'fine-tuned'} | {row['ranking']} | "
                                 f"{row['ndcg_at_10']:.4f} | {row['mrr_at_10']:.4f} | {row['recall_at_10']:.4f} |")
        commands = [ev["command"] for ev in evals if ev.get("command")]
        if commands:
            lines += ["", "Reproduce: " + "; ".join(f"`{c}`" for c in sorted(set(commands)))]
        lines.append("")
    lines += [
        "## Rebuild",
        "",
        f"`ui-search train {stats['source']} --out {data['out']}"
        + (f" --max-steps {cfg['max_steps']}" if cfg["max_steps"] > 0 else f" --epochs {cfg['epochs']:g}")
        + f" --batch-size {cfg['batch_size']} --lr {cfg['lr']:g} --seed {cfg['seed']}`",
        "",
    ]
    return "\n".join(lines)


# -- weight averaging ----------------------------------------------------------------------------

def interpolate(tuned_dir: str | Path, out: str | Path, alpha: float, base_model: str | None = None) -> Path:
    """Save (1 - alpha) * base + alpha * tuned weights as a new model folder (WiSE-FT style).

    Averaging a fine-tuned model with the model it started from keeps most of the in-domain gain
    while giving back robustness on data unlike the training pairs.
    """
    from safetensors.numpy import load_file, save_file

    from .embedders import resolve_model

    if not 0.0 <= alpha <= 1.0:
        raise UISearchError(f"alpha must be between 0 and 1, got {alpha}")
    tuned_dir, out = Path(tuned_dir), Path(out)
    _, base_folder = resolve_model(base_model)
    base = load_file(str(base_folder / "model.safetensors"))
    tuned = load_file(str(tuned_dir / "model.safetensors"))
    if not set(tuned) <= set(base):  # newer transformers drop buffers such as position_ids, so only this way round
        raise UISearchError(f"{tuned_dir} does not have the base model's weights (different tensor names)")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(tuned_dir, out, ignore=shutil.ignore_patterns("onnx", "model.safetensors"))
    mixed = {name: ((1 - alpha) * base[name] + alpha * tuned[name]).astype(tuned[name].dtype) for name in tuned}
    save_file(mixed, str(out / "model.safetensors"), metadata={"format": "pt"})
    card = out / CARD_DATA
    if card.exists():
        data = json.loads(card.read_text(encoding="utf-8"))
        data["out"] = str(out)
        data["interpolated"] = {"alpha": alpha, "tuned": str(tuned_dir)}
        data["evals"] = []
        save_card(out, data)
    return out
