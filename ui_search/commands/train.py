"""`ui-search train`: fine-tune the packaged model on graded pairs (the reference recipe by default)."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, Iterator, Optional

import typer


def train_command(
    pairs: Path = typer.Argument(Path("catalog/pairs.csv"), help="CSV with columns sentence_0, sentence_1, label."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder, e.g. models/ui-minilm (models/ is git-ignored)."),
    epochs: float = typer.Option(3.0, "--epochs", help="Passes over the pairs (reference: 3)."),
    max_steps: int = typer.Option(0, "--max-steps", help="Stop after this many optimizer steps (0 = use --epochs)."),
    batch_size: int = typer.Option(8, "--batch-size", help="Pairs per step (reference: 8)."),
    lr: float = typer.Option(5e-5, "--lr", help="AdamW learning rate, decayed linearly to 0 (reference: 5e-5)."),
    seed: int = typer.Option(42, "--seed", help="Seed for initialisation order and shuffling."),
    log_every: int = typer.Option(0, "--log-every", help="Loss log interval in steps (0 = about 20 points)."),
    threads: int = typer.Option(2, "--threads", help="torch CPU threads."),
    time_limit: float = typer.Option(0, "--time-limit", help="Stop cleanly after this many minutes and save (0 = none)."),
    base_model: Optional[str] = typer.Option(None, "--base-model", help="Model folder to start from (default: packaged all-MiniLM-L6-v2)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing --out folder."),
    as_json: bool = typer.Option(False, "--json", help="Print the training report as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Fine-tune all-MiniLM-L6-v2 on graded pairs with CosineSimilarityLoss.

    Defaults are the reference recipe: batch 8, AdamW lr 5e-5, weight decay 0, 3 epochs, linear
    decay without warm-up, max grad norm 1, seed 42, max_seq_length 128. The output folder is a
    sentence-transformers model with a README model card; it loads offline with `--model`.
    Nothing is downloaded or uploaded.
    """
    from ..cli import user_errors
    from ..training import TrainConfig, train

    config = TrainConfig(epochs=epochs, max_steps=max_steps, batch_size=batch_size, lr=lr, seed=seed,
                         log_every=log_every, threads=threads, time_limit_minutes=time_limit)
    with user_errors(), _loss_bar(disabled=quiet or as_json) as progress:
        report = train(pairs, out, config, base_model=base_model, progress=progress, overwrite=overwrite)
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
        return
    typer.echo(
        f"Trained {report.steps} steps ({report.epochs_run:g} epochs of {report.data['pairs']} pairs) in "
        f"{report.seconds:.0f}s ({report.seconds_per_step:.3f}s a step); final loss {report.final_loss}; "
        f"saved to {report.out} (model card: {report.out}/README.md)."
    )


@contextlib.contextmanager
def _loss_bar(disabled: bool) -> Iterator[Any]:
    if disabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(
        TextColumn("Training"), BarColumn(), MofNCompleteColumn(), TextColumn("loss {task.fields[loss]}"),
        TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
    ) as bar:
        task = bar.add_task("train", total=None, loss="-")

        def update(step: int, total: int, loss: float | None) -> None:
            bar.update(task, completed=step, total=total, loss="-" if loss is None else f"{loss:.4f}")

        yield update


def register(app: typer.Typer) -> None:
    app.command(name="train")(train_command)
