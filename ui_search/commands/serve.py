"""`ui-search serve`: keep the model and an index loaded behind an HTTP API and a web page.

Nothing heavy is imported here at module level: `ui-search --help` must stay fast.
"""
from __future__ import annotations

import ipaddress
import os
import sys
from typing import List, Optional

import typer


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        name: str = typer.Option("default", "--index", "-i", help="Index name (a folder under indexes/) or path."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default answers this machine only."),
        port: int = typer.Option(8765, "--port", "-p", min=0, max=65535, help="TCP port."),
        cors_origin: Optional[List[str]] = typer.Option(
            None, "--cors-origin", help="Origin allowed to call the API from a browser (repeatable), e.g. a plugin's; '*' for any."
        ),
        model: Optional[str] = typer.Option(None, "--model", help="Model folder; must be the one the index was built with."),
        batch: bool = typer.Option(
            True, "--batch/--no-batch", help="Encode the prompts of concurrent requests together in one model call."
        ),
        threads: int = typer.Option(0, "--threads", min=0, help="Threads for encoding, torch or ONNX (0: the library's default)."),
        log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: critical, error, warning, info, debug."),
    ) -> None:
        """Serve an index over HTTP: a JSON API (schema at /openapi.json) and a search page at /.

        The model and the vectors stay loaded. When `ui-search index` republishes the index, the
        server switches to the new version within about a second, between requests.
        """
        from ..cli import user_errors

        with user_errors():
            if threads:
                os.environ["UI_SEARCH_THREADS"] = str(threads)  # read by the ONNX backends when they load
            import uvicorn

            from ..server import create_app

            web = create_app(name, cors_origins=cors_origin or (), model=model, batch=batch)
            if threads and "torch" in sys.modules:  # only the torch backend imported it; never import it for nothing
                sys.modules["torch"].set_num_threads(threads)
        snapshot = web.state.live.get()
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"Serving {snapshot.index.index_dir} ({len(snapshot.index)} designs, version {snapshot.version}) "
                   f"at http://{shown}:{port}/  (API schema: /openapi.json; Ctrl+C stops)")
        if not _is_loopback(host):
            typer.echo(f"Note: bound to {host}, so other machines can reach this server.", err=True)
        uvicorn.run(web, host=host, port=port, log_level=log_level, workers=1)
