"""The `ui-search` command: a thin layer over the library API (ui_search.build_index / open_index)."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional

import typer

from . import __version__
from .errors import UISearchError

app = typer.Typer(
    help="Semantic search over catalogs of UI-design prompts: a short prompt in, the nearest detailed designs out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

INDEX_HELP = "Index name (a folder under indexes/, or $UI_SEARCH_INDEXES) or a path to an index folder."


def default_catalog() -> Path:
    """catalog/designs.jsonl in the working folder, else the one shipped beside the package."""
    here = Path("catalog/designs.jsonl")
    if here.exists():
        return here
    return Path(__file__).resolve().parent.parent / "catalog" / "designs.jsonl"


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Errors a user can fix become one line on stderr and a non-zero exit, never a traceback."""
    try:
        yield
    except UISearchError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1)
    except KeyboardInterrupt:
        typer.echo("Interrupted: nothing was changed.", err=True)
        raise typer.Exit(130)


def parse_where(items: Optional[List[str]]) -> dict[str, list[str]]:
    """`--where key=value` (repeatable): different keys must all match; one key given twice matches either."""
    where: dict[str, list[str]] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UISearchError(f"--where takes key=value, got '{item}'")
        where.setdefault(key.strip(), []).append(value.strip())
    return where


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"ui-search {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Print the version."),
) -> None:
    """Semantic search over catalogs of UI-design prompts."""


@app.command()
def index(
    catalog: Optional[Path] = typer.Argument(
        None, help="Catalog file: .jsonl, .json (array) or .csv/.tsv. Default: the shipped catalog/designs.jsonl."
    ),
    name: str = typer.Option("default", "--name", "-n", help=INDEX_HELP),
    id_field: str = typer.Option("id", "--id-field", help="Field holding each design's unique id."),
    text_field: Optional[List[str]] = typer.Option(
        None, "--text-field", help="Field(s) to embed, joined in order (repeat the option). Default: title, description."
    ),
    model: Optional[str] = typer.Option(
        None, "--model", help="Local sentence-transformers folder. Default: the index's model, or the packaged all-MiniLM-L6-v2."
    ),
    backend: Optional[str] = typer.Option(None, "--backend", help="Embedding backend: torch, onnx or onnx-int8 (default: the index's, else onnx-int8)."),
    index_type: str = typer.Option("auto", "--index-type", help="Vector index kind: auto (flat below 50,000 designs, ivf above), flat, ivf or hnsw."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Texts per model batch."),
    as_json: bool = typer.Option(False, "--json", help="Print the build report as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Build or update an index from a catalog.

    Re-running on a changed catalog embeds only new or changed designs, updates metadata, and drops
    designs that left the catalog. The new version replaces the old one atomically: a failed or
    interrupted build leaves the previous index as it was.
    """
    from .indexer import build_index
    from .store import resolve_index_dir

    catalog = catalog or default_catalog()
    with user_errors(), _progress(disabled=quiet or as_json) as progress:
        report = build_index(
            catalog,
            resolve_index_dir(name),
            id_field=id_field,
            text_fields=text_field or ("title", "description"),
            model=model,
            backend=backend,
            index_type=index_type,
            batch_size=batch_size,
            progress=progress,
        )
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
        return
    for note in report.notes:
        typer.echo(note, err=True)
    if report.embedded == 0 and not (report.removed or report.metadata_updated):
        typer.echo(f"Index {report.index_dir} is up to date: {report.total} designs, nothing to embed.")
    else:
        typer.echo(
            f"Indexed {report.total} designs into {report.index_dir} in {report.seconds:.1f}s: "
            f"{report.added} added, {report.updated} changed, {report.metadata_updated} metadata-only, "
            f"{report.removed} removed, {report.unchanged} unchanged; {report.embedded} embedded."
        )


@contextlib.contextmanager
def _progress(disabled: bool) -> Iterator[Any]:
    if disabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("Embedding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("embed", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@app.command()
def query(
    prompt: Optional[str] = typer.Argument(None, help="The prompt, e.g. \"Dark theme contact Support\"."),
    k: int = typer.Option(10, "-k", "--top", help="How many designs to return."),
    name: str = typer.Option("default", "--index", "-i", help=INDEX_HELP),
    where: Optional[List[str]] = typer.Option(
        None, "--where", "-w", help="Metadata filter key=value, applied before the top-k cut (repeatable)."
    ),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Batch: read prompts from a file, one a line ('-' = stdin)."),
    model: Optional[str] = typer.Option(None, "--model", help="Model folder; must be the one the index was built with."),
    mode: Optional[str] = typer.Option(
        None, "--mode", "-m", help="Retrieval: dense (embeddings), lexical (BM25), hybrid (both fused) or expanded (hybrid, "
             "then again with the prompt extended by its first results' words). Default: expanded, the best measured."
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per prompt, one per line."),
) -> None:
    """Find the designs nearest to a prompt (or to each prompt of --file)."""
    from .search import open_index

    with user_errors():
        prompts = _read_prompts(prompt, file)
        filters = parse_where(where)
        idx = open_index(name, model=model)
        results = idx.search_many(prompts, k=k, where=filters or None, mode=mode)
    for text, hits in zip(prompts, results):
        if as_json:
            typer.echo(json.dumps({"query": text, "k": k, "results": [h.as_dict() for h in hits]}, ensure_ascii=False))
        else:
            _print_hits(text, hits)


@app.command()
def similar(
    design_id: str = typer.Argument(..., help="Id of a design in the index."),
    k: int = typer.Option(10, "-k", "--top", help="How many designs to return."),
    name: str = typer.Option("default", "--index", "-i", help=INDEX_HELP),
    where: Optional[List[str]] = typer.Option(None, "--where", "-w", help="Metadata filter key=value (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Designs most like a stored design ("more like this"), the design itself left out."""
    from .search import open_index

    with user_errors():
        idx = open_index(name)
        hits = idx.similar(design_id, k=k, where=parse_where(where) or None)
    if as_json:
        typer.echo(json.dumps({"id": design_id, "k": k, "results": [h.as_dict() for h in hits]}, ensure_ascii=False))
    else:
        _print_hits(f"like {design_id}", hits)


@app.command()
def info(
    name: str = typer.Option("default", "--index", "-i", help=INDEX_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Facts about an index: count, model, dims, index type, dates, source. Loads no model."""
    from . import designs_db, store

    with user_errors():
        index_dir = store.resolve_index_dir(name)
        version = store.require_version(index_dir)
        db = designs_db.open_readonly(version / store.DB_FILE)
        facts = designs_db.read_facts(db)
        db.close()
    facts = {"index_dir": str(index_dir), "version": version.name, **facts}
    if as_json:
        typer.echo(json.dumps(facts))
        return
    width = max(len(key) for key in facts)
    for key, value in facts.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        if isinstance(value, dict):
            shown = ", ".join(f"{k} {v}" for k, v in value.items())
        typer.echo(f"{key:<{width}}  {shown}")


def _read_prompts(prompt: Optional[str], file: Optional[Path]) -> list[str]:
    if (prompt is None) == (file is None):
        raise UISearchError("give a prompt or --file, not both" if prompt is not None else "give a prompt or --file")
    if file is None:
        if not prompt.strip():
            raise UISearchError("empty prompt")
        return [prompt]
    if str(file) == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UISearchError(f"cannot read prompts from {file}: {exc}")
    prompts = [line.strip() for line in lines if line.strip()]
    if not prompts:
        raise UISearchError(f"{file}: no prompts in the file")
    return prompts


def _print_hits(prompt: str, hits: list) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=prompt, title_justify="left", show_lines=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("id")
    table.add_column("design", overflow="fold", max_width=90)
    table.add_column("metadata", overflow="fold", max_width=40)
    for hit in hits:
        text = hit.text.replace("\n", " - ")
        if len(text) > 180:
            text = text[:177] + "..."
        meta = ", ".join(
            f"{k}={v}" for k, v in hit.metadata.items() if isinstance(v, (str, int, float)) and len(str(v)) < 24
        )
        table.add_row(str(hit.rank), f"{hit.score:.3f}", hit.id, text, meta)
    if not hits:
        table.add_row("", "", "", "(no design matches)", "")
    Console(soft_wrap=False).print(table)


def _register_commands() -> None:
    # Feature commands live in ui_search/commands/<name>.py, each with register(app).
    import importlib
    import pkgutil

    from . import commands

    for module in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
        importlib.import_module(f"{commands.__name__}.{module}").register(app)


_register_commands()


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    # `kill` (SIGTERM) unwinds like Ctrl-C, so a build removes its staging folder on the way out
    raise KeyboardInterrupt


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
