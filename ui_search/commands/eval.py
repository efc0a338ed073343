"""`ui-search eval DIR`: relevance figures of a model or an index on a BEIR-layout benchmark."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def eval_command(
    folder: Path = typer.Argument(..., help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/test.tsv (graded)."),
    index: Optional[str] = typer.Option(
        None, "--index", "-i", help="Score this built index (its ids must be the corpus ids) instead of building one."
    ),
    model: Optional[str] = typer.Option(
        None, "--model", help="Model folder for the temporary index. Default: the packaged all-MiniLM-L6-v2."
    ),
    backend: Optional[str] = typer.Option(None, "--backend", help="Embedding backend (default: torch)."),
    split: str = typer.Option("test", "--split", help="Which qrels/<split>.tsv to score."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    per_query: bool = typer.Option(False, "--per-query", help="With --json: include every query's scores."),
    mode: Optional[str] = typer.Option(
        None, "--mode", "-m", help="Retrieval scored: dense, lexical, hybrid or expanded. Default: the default pipeline of `ui-search query`."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Score retrieval on a BEIR folder: nDCG@10, MRR@10, Recall@10/100 and queries/s.

    Two rankings are reported, labelled: the full-corpus ranking (unjudged documents count as not
    relevant) and the judged-only ranking (unjudged documents removed before the cut at 10).
    MRR and Recall count the top grade of the qrels as relevant. With no --index, a temporary
    index of the corpus is built and deleted afterwards.
    """
    from ..beir import load_beir
    from ..cli import _progress, user_errors
    from ..errors import UISearchError
    from ..evaluation import evaluate_index, evaluate_model
    from ..hybrid import DEFAULT_MODE, check_mode
    from ..search import open_index

    with user_errors():
        if index is not None and model is not None:
            raise UISearchError("give --index or --model, not both (an index already fixes its model)")
        data = load_beir(folder, split=split)
        if index is not None:
            idx = open_index(index, backend=backend)
            try:
                # name the mode in the report's label even when it is the default
                report = evaluate_index(idx, data, mode=check_mode(mode, idx._db, idx.index_dir))
            finally:
                idx.close()
        else:
            with _progress(disabled=quiet or as_json) as progress:
                report = evaluate_model(data, model=model, backend=backend, progress=progress,
                                        mode=(mode or DEFAULT_MODE).lower())
    if as_json:
        typer.echo(json.dumps(report.as_dict(per_query=per_query)))
        return
    print_report(report)


def print_report(report) -> None:
    from rich.console import Console
    from rich.table import Table

    title = (f"{report.dataset}: {report.queries} queries, {report.corpus_size} documents, "
             f"model {report.label}; relevant = grade {report.top_grade}")
    table = Table(title=title, title_justify="left")
    table.add_column("ranking")
    for name in ("nDCG@10", "MRR@10", "Recall@10", "Recall@100"):
        table.add_column(name, justify="right")
    for name, scores in (("full corpus", report.full_corpus), ("judged only", report.judged_only)):
        table.add_row(name, *(f"{v:.4f}" for v in (scores.ndcg_at_10, scores.mrr_at_10, scores.recall_at_10, scores.recall_at_100)))
    console = Console(soft_wrap=False)
    console.print(table)
    console.print(f"{report.queries_per_second:.1f} queries/s (encode + rank the whole corpus); "
                  f"judged documents ranked: {report.judged_coverage:.1%}")
    for note in report.notes:
        console.print(f"note: {note}")


def register(app: typer.Typer) -> None:
    app.command(name="eval")(eval_command)
