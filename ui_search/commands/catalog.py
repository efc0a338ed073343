"""`ui-search catalog generate`: (re)writes the default catalog from the generator."""

from __future__ import annotations

from pathlib import Path

import typer


def _generate(
    seed: int = typer.Option(42, "--seed", help="Random seed; the same seed rewrites byte-identical files."),
    out: Path = typer.Option(Path("catalog"), "--out", help="Output folder."),
    designs: int = typer.Option(6000, "--designs", min=1, help="Number of training designs."),
    pairs: int = typer.Option(19500, "--pairs", min=1, help="Number of training pairs."),
) -> None:
    """Write designs.jsonl, pairs.csv, eval/ and README.md, then print their statistics."""
    # imported here: every CLI start registers this command, and only `generate` needs them
    from rich.console import Console

    from ..generator import generate
    from ..generator.stats import rich_table

    stats = generate(out, seed=seed, n_designs=designs, n_pairs=pairs)
    console = Console()
    console.print(rich_table(stats))
    console.print(f"Wrote {out}")


def register(app: typer.Typer) -> None:
    catalog_app = typer.Typer(help="Default catalog tools.", no_args_is_help=True)
    catalog_app.command("generate")(_generate)
    app.add_typer(catalog_app, name="catalog")
