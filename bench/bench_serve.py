"""`ui-search serve` under load: requests/s and p50/p99 latency at 1, 4 and 16 concurrent clients (issue 7).

    .venv/bin/python bench/bench_serve.py [--count 5000] [--seconds 5] [--rounds 3] [--clients 1,4,16] [--backend NAME]

Builds (or incrementally reuses) an index of the first `count` catalog designs with the real model
(--backend: onnx-int8, torch...; default the project's default),
starts `ui-search serve` on 127.0.0.1 in a separate process, and drives POST /api/search with the
catalog's eval prompts (catalog/eval/queries.jsonl) from a load tool on loopback: wrk when it is
installed (Debian package `wrk`), else a small asyncio + httpx client. Every level is bounded by
--seconds.

Two servers are measured in the same command: the default one, which folds the prompts of
concurrent requests into one model call, and `--no-batch` (one model call per request) as the
baseline; ratios are printed against it. GET /api/health at the highest concurrency gives the HTTP
floor (no model, no search).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLI = Path(sys.executable).with_name("ui-search")
HOST = "127.0.0.1"  # loopback only


def sub_catalog(source: Path, count: int, target: Path) -> Path:
    with source.open(encoding="utf-8") as handle:
        lines = [line for _, line in zip(range(count), handle)]
    if len(lines) < count:
        raise SystemExit(f"{source} has {len(lines)} designs, fewer than --count {count}")
    text = "".join(lines)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def load_prompts(catalog: Path, limit: int = 500) -> list[str]:
    queries = ROOT / "catalog" / "eval" / "queries.jsonl"
    if queries.exists():
        with queries.open(encoding="utf-8") as handle:
            prompts = [json.loads(line)["text"] for line in handle if line.strip()]
    else:  # design titles are prompt-like too
        with catalog.open(encoding="utf-8") as handle:
            prompts = [json.loads(line)["title"] for line in handle]
    return prompts[:limit]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, index: Path, batch: bool, threads: int):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        command = [str(CLI), "serve", "--index", str(index), "--host", HOST, "--port", str(self.port),
                   "--log-level", "warning", "--threads", str(threads), "--batch" if batch else "--no-batch"]
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        import httpx

        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(self.url + "/api/health", timeout=2).raise_for_status()
                return
            except httpx.HTTPError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"server failed: {self.proc.stderr.read()}")
                if time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit("server did not start in 120 s")
                time.sleep(0.3)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# -- load tools ----------------------------------------------------------------------------------
def lua_script(bodies: list[str], path: Path) -> Path:
    entries = ",\n".join(f"[==[{body}]==]" for body in bodies)
    path.write_text(
        "local bodies = {\n" + entries + "\n}\n"
        "local n = 0\n"
        "local headers = { [\"Content-Type\"] = \"application/json\" }\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  return wrk.format(\"POST\", nil, headers, bodies[(n % #bodies) + 1])\n"
        "end\n",
        encoding="utf-8",
    )
    return path


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS[unit]


def run_wrk(url: str, clients: int, seconds: float, script: Path | None) -> dict:
    command = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    run = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60)
    out = run.stdout
    if run.returncode != 0 or "Requests/sec" not in out:
        raise SystemExit(f"wrk failed:\n{out}\n{run.stderr}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, flags=re.M))
    if set(latency) != {"50", "99"}:
        raise SystemExit(f"no latency distribution in wrk's output (too few requests?):\n{out}")
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": _ms(latency["50"]),
            "p99": _ms(latency["99"]), "requests": total, "errors": errors}


def run_python(url: str, clients: int, seconds: float, bodies: list[bytes] | None) -> dict:
    import httpx

    async def worker(client: httpx.AsyncClient, number: int, stop_at: float, latencies: list[float], errors: list[int]):
        n = number
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            if bodies is None:
                response = await client.get(url)
            else:
                response = await client.post(url, content=bodies[n % len(bodies)],
                                             headers={"content-type": "application/json"})
            latencies.append((time.perf_counter() - started) * 1e3)
            if response.status_code != 200:
                errors.append(response.status_code)
            n += clients

    async def main() -> dict:
        latencies: list[float] = []
        errors: list[int] = []
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            started = time.perf_counter()
            stop_at = started + seconds
            await asyncio.gather(*(worker(client, i, stop_at, latencies, errors) for i in range(clients)))
            elapsed = time.perf_counter() - started
        latencies.sort()
        return {"rps": len(latencies) / elapsed, "p50": statistics.median(latencies),
                "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], "requests": len(latencies),
                "errors": len(errors)}

    return asyncio.run(main())


def measure(tool: str, url: str, clients: int, seconds: float, bodies: list[str] | None, script: Path | None) -> dict:
    if tool == "wrk":
        return run_wrk(url, clients, seconds, script)
    return run_python(url, clients, seconds, None if bodies is None else [b.encode() for b in bodies])


def breakdown(index_dir: Path, prompts: list[str], k: int, threads: int) -> None:
    """Where a search's time goes, in this process on one thread: model vs the rest, per mode."""
    os.environ["UI_SEARCH_THREADS"] = str(threads)
    from ui_search import open_index
    from ui_search.server import engine_modes

    index = open_index(index_dir)
    if "torch" in sys.modules or index.embedder.backend == "torch":
        import torch

        torch.set_num_threads(threads)
    index.search(prompts[0], k=k)  # load the model, the vectors and the lexical table first

    def per_call(run) -> float:
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            for prompt in prompts:
                run(prompt)
            samples.append((time.perf_counter() - started) / len(prompts) * 1e3)
        return statistics.median(samples)

    parts = {"encode one prompt": per_call(lambda p: index.encode([p]))}
    for mode in engine_modes() or [None]:
        kwargs = {"mode": mode} if mode else {}
        parts[f"Index.search {mode or ''}".strip()] = per_call(lambda p: index.search(p, k=k, **kwargs))
    print(f"in-process, one thread, {len(prompts)} prompts, median of 3 passes: " +
          "; ".join(f"{name} {ms:.1f} ms" for name, ms in parts.items()), flush=True)
    index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, default=ROOT / "catalog" / "designs.jsonl")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each measurement (whole seconds for wrk)")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per level and server, alternating servers")
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--backend", default=None, help="embedding backend of the index (default: the project's default)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads in the server (1 leaves the other core to the load tool)")
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--breakdown-only", action="store_true", help="only the in-process cost breakdown, no servers")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ui-search-bench-serve")
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    tool = ("wrk" if shutil.which("wrk") else "python") if args.tool == "auto" else args.tool

    from ui_search import build_index
    from ui_search.embedders import default_backend

    args.work.mkdir(parents=True, exist_ok=True)
    catalog = sub_catalog(args.catalog, args.count, args.work / f"designs-{args.count}.jsonl")
    started = time.perf_counter()
    backend = args.backend or default_backend()
    index_dir = args.work / f"index-{args.count}-{backend}"
    report = build_index(catalog, index_dir, backend=backend)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"index: {report.total} designs, backend {backend} ({report.embedded} embedded now) in {time.perf_counter() - started:.1f}s; "
          f"load tool: {tool}; {args.seconds:g}s a level; torch threads in the server: {args.threads}")
    prompts = load_prompts(catalog)
    breakdown(index_dir, prompts[:50], args.k, args.threads)
    if args.breakdown_only:
        return
    bodies = [json.dumps({"prompt": p, "k": args.k}) for p in prompts]
    script = lua_script(bodies, args.work / "search.lua") if tool == "wrk" else None

    # Both servers run side by side and are measured in alternation (ABBA...), so drift in the load
    # other work puts on the machine hits baseline and candidate alike; each answers only when measured.
    labels = ("no-batch", "batch")
    runs: dict[tuple[str, int], list[dict]] = {}
    servers: dict[str, Server] = {}
    try:
        for label in labels:
            servers[label] = Server(index_dir, batch=label == "batch", threads=args.threads)
            measure(tool, servers[label].url + "/api/search", 2, 2.0, bodies, script)  # warm-up, not recorded
        for clients in levels:
            for round_ in range(args.rounds):
                for label in labels if round_ % 2 == 0 else labels[::-1]:
                    row = measure(tool, servers[label].url + "/api/search", clients, args.seconds, bodies, script)
                    runs.setdefault((label, clients), []).append(row)
                    print(f"  {label:>8} c={clients:<3} {row['rps']:7.1f} req/s  p50 {row['p50']:7.1f} ms  "
                          f"p99 {row['p99']:7.1f} ms  ({row['requests']} requests, {row['errors']} errors)", flush=True)
        floor = measure(tool, servers["batch"].url + "/api/health", max(levels), args.seconds, None, None)
    finally:
        for server in servers.values():
            server.stop()
    results = {
        key: {"rps": statistics.median(r["rps"] for r in rows), "p50": statistics.median(r["p50"] for r in rows),
              "p99": statistics.median(r["p99"] for r in rows), "errors": sum(r["errors"] for r in rows),
              "rps_range": (min(r["rps"] for r in rows), max(r["rps"] for r in rows))}
        for key, rows in runs.items()
    }

    print()
    print(f"POST /api/search, k={args.k}, {args.count} designs, {len(prompts)} distinct prompts, load tool {tool} on "
          f"{HOST}; medians of {args.rounds} x {args.seconds:g} s (req/s min-max)")
    print("| clients | server | req/s (min-max) | p50 ms | p99 ms | errors | req/s vs no-batch | req/s vs 1 client |")
    print("|---|---|---|---|---|---|---|---|")
    for clients in levels:
        for label in ("no-batch", "batch"):
            row = results[(label, clients)]
            base = results[("no-batch", clients)]["rps"]
            single = results[(label, levels[0])]["rps"]
            low, high = row["rps_range"]
            print(f"| {clients} | {label} | {row['rps']:.1f} ({low:.1f}-{high:.1f}) | {row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} | "
                  f"{row['rps'] / base:.2f}x | {row['rps'] / single:.2f}x |")
    if floor:
        print(f"\nHTTP floor: GET /api/health at c={max(levels)}: {floor['rps']:.0f} req/s, p50 {floor['p50']:.2f} ms, "
              f"p99 {floor['p99']:.2f} ms")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine)")
    if any(row["errors"] for row in results.values()):
        raise SystemExit("some requests failed")


if __name__ == "__main__":
    main()
