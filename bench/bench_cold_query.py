"""Cold `ui-search query` wall time, ONNX backend vs the torch backend (issue 6, goal 1).

    .venv/bin/python bench/bench_cold_query.py [--count 5000] [--runs 5]

Builds (or incrementally reuses) two indexes of the first `count` catalog designs under --work, one
per backend, then times `ui-search query PROMPT -i <index>` in a fresh process for each, alternating
backends run by run, and prints medians, min-max and the ratio. "Cold" means a new Python process
that imports everything and loads the model; the OS file cache is warm (as for any second query).
A bare `python -c pass` is timed alongside as the floor.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLI = Path(sys.executable).with_name("ui-search")


def sub_catalog(source: Path, count: int, target: Path) -> Path:
    lines = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            lines.append(line)
            if len(lines) == count:
                break
    text = "".join(lines)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def twin_index(source: Path, target: Path, backend: str) -> None:
    """A copy of `source` whose facts name another backend, so queries embed with that backend.

    Embedding 5,000 designs again per backend only to time a query costs many minutes on a busy
    2-core machine. The vectors of the same model agree across backends (cosine 1.0000 torch vs
    ONNX fp32, >= 0.98 int8; bench_encode.py), and a query's cost does not depend on them.
    """
    import shutil

    from ui_search import designs_db, store

    version = store.require_version(source)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copytree(version, target / version.name)
    (target / store.CURRENT).symlink_to(version.name)
    db = designs_db.connect(target / version.name / store.DB_FILE)
    facts = designs_db.read_facts(db)
    facts["backend"] = backend
    designs_db.write_facts(db, facts)
    db.conn.close()


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{run.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, default=ROOT / "catalog" / "designs.jsonl")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ui-search-bench-cold")
    parser.add_argument("--prompt", default="Dark theme contact Support")
    parser.add_argument("--backends", default="onnx,onnx-int8,torch",
                        help="comma list; the first index is embedded, the last is the baseline")
    parser.add_argument("--embed-all", action="store_true",
                        help="embed every backend's index itself instead of copying the first index's vectors")
    parser.add_argument("--parts", action="store_true", help="also time the interpreter, imports and --help")
    parser.add_argument("--json-output", action="store_true", help="time `query --json` instead of the table")
    args = parser.parse_args()

    from ui_search import build_index

    args.work.mkdir(parents=True, exist_ok=True)
    catalog = sub_catalog(args.catalog, args.count, args.work / "designs.jsonl")
    names = args.backends.split(",")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    commands = {}
    first = args.work / f"index-{names[0]}"
    for name in names:
        index_dir = args.work / f"index-{name}"
        if name != names[0] and not args.embed_all:
            twin_index(first, index_dir, name)
            commands[name] = [str(CLI), "query", args.prompt, "-i", str(index_dir), "-k", "10"] + (
                ["--json"] if args.json_output else [])
            continue
        report = build_index(catalog, index_dir, backend=name)
        commands[name] = [str(CLI), "query", args.prompt, "-i", str(index_dir), "-k", "10"] + (
            ["--json"] if args.json_output else [])
        print(f"# index-{name}: {report.total} designs ({report.embedded} embedded now)", file=sys.stderr)
    commands["python -c pass"] = [sys.executable, "-c", "pass"]
    if args.parts:
        # where a cold query's time goes: interpreter, the CLI's imports, help, and output formats
        first_index = [str(CLI), "query", args.prompt, "-i", str(args.work / f"index-{names[0]}")]
        commands["import numpy"] = [sys.executable, "-c", "import numpy"]
        commands["import ui_search.cli"] = [sys.executable, "-c", "import ui_search.cli"]
        commands["ui-search --help"] = [str(CLI), "--help"]
        commands[f"query --json ({names[0]})"] = first_index + ["--json"]

    for command in commands.values():
        timed(command, env)  # one untimed run each: page cache, ONNX export already cached
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command, env))

    base = names[-1]
    base_median = statistics.median(times[base])
    print(f"# cold `ui-search query{' --json' if args.json_output else ''}` on {args.count} designs, "
          f"{args.runs} runs each, alternating; baseline {base}")
    print("| route | wall median (min-max) | baseline / route |")
    print("|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.3f} s ({min(values):.3f}-{max(values):.3f}) | {base_median / median:.1f}x |")
    print(json.dumps({name: sorted(round(v, 3) for v in values) for name, values in times.items()}), file=sys.stderr)


if __name__ == "__main__":
    main()
