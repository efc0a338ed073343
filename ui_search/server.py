"""`ui-search serve`: a JSON API and a local web page over one open index.

    app = create_app("default", cors_origins=["https://www.figma.com"])
    uvicorn.run(app, host="127.0.0.1", port=8765)

The model and the vectors are loaded once and shared by every request. Each request takes one
snapshot of the live index (`LiveIndex.get`) and uses it from start to end, so a rebuild that swaps
the `current` symlink mid-request can never mix two versions in one answer.
"""
from __future__ import annotations

import contextlib
import inspect
import json
import logging
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, Optional, Sequence, Union

import numpy as np
from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__, designs_db, store
from .embedders import Embedder
from .errors import BadQuery, DesignNotFound, IndexNotFound, ModelMismatch, UISearchError
from .search import Hit, Index

log = logging.getLogger("ui_search.server")

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 64 * 1024
MAX_K = 100
MAX_BATCH = 100
RELOAD_CHECK_SECONDS = 1.0
# a field with at most this many distinct values is offered as a filter menu on the page (the
# default catalog has 94 screen kinds and 109 palette colours; ids and free text have thousands)
MAX_FACET_VALUES = 150


# -- the live index ------------------------------------------------------------------------------
class _Pending:
    __slots__ = ("texts", "vectors", "error", "done")

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = False


class SerialEmbedder:
    """Runs one model call at a time and, with `batch`, folds waiting requests into that call.

    Hugging Face fast tokenizers raise "Already borrowed" when two threads encode at once, and on a
    2-core machine parallel forward passes only fight over the same cores anyway. While one call
    runs, other requests queue; the next thread to get the model encodes everything queued in one
    batch (leader/follower), which costs far less than one forward pass per prompt.
    """

    def __init__(self, inner: Embedder, batch: bool = True, max_batch: int = 64):
        self.inner = inner
        self.name = inner.name
        self.backend = inner.backend
        self.fingerprint = inner.fingerprint
        self.batch = batch
        self.max_batch = max_batch
        self.calls = 0  # model calls made, for tests and benchmarks
        self._model_lock = threading.Lock()
        self._queue_lock = threading.Lock()
        self._queue: list[_Pending] = []

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not self.batch:
            with self._model_lock:
                self.calls += 1
                return self.inner.encode(texts, batch_size=batch_size)
        mine = _Pending(list(texts))
        with self._queue_lock:
            self._queue.append(mine)
        while True:
            with self._model_lock:
                if mine.done:
                    break
                with self._queue_lock:
                    group, size = [], 0
                    while self._queue and (not group or size + len(self._queue[0].texts) <= self.max_batch):
                        group.append(self._queue.pop(0))
                        size += len(group[-1].texts)
                self._run(group, batch_size)
            if mine.done:
                break
        if mine.error is not None:
            raise mine.error
        return mine.vectors  # type: ignore[return-value]

    def _run(self, group: list[_Pending], batch_size: int) -> None:
        try:
            self.calls += 1
            vectors = self.inner.encode([t for item in group for t in item.texts],
                                        batch_size=max(batch_size, sum(len(item.texts) for item in group)))
            start = 0
            for item in group:
                item.vectors = vectors[start : start + len(item.texts)]
                start += len(item.texts)
        except Exception as exc:
            if len(group) == 1:
                group[0].error = exc
            else:
                # one bad request must not fail the others that happened to share its batch
                for item in group:
                    self._run([item], batch_size)
        except BaseException as exc:  # every waiter must wake up, even on KeyboardInterrupt
            for item in group:
                item.error = exc
        for item in group:
            item.done = True


@dataclass(frozen=True)
class Snapshot:
    """One published version of the index, fully loaded; never changes once built."""

    index: Index
    version: str
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _facets(version_dir: Path, fields: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Distinct values (with counts) of each metadata field that has few of them: the page's filter menus."""
    counts: dict[str, Counter] = {name: Counter() for name in fields}
    db = designs_db.open_readonly(version_dir / store.DB_FILE)
    try:
        for (raw,) in db.execute("select metadata from designs"):
            for key, value in json.loads(raw or "{}").items():
                if key not in counts or len(counts[key]) > MAX_FACET_VALUES:
                    continue
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, (str, int, float, bool)):
                        counts[key][str(item)] += 1
    finally:
        db.close()
    return {
        key: [{"value": value, "count": n} for value, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
        for key, counter in counts.items()
        if 0 < len(counter) <= MAX_FACET_VALUES
    }


class LiveIndex:
    """The open index, swapped for a newer version when `ui-search index` republishes it.

    `current` is read with one readlink at most once a second. A new version is opened in a
    background thread, its vectors read and its model warmed, and only then swapped in: requests
    keep using the old version meanwhile, never wait on a load, and never see half a version.
    """

    def __init__(self, index: str | Path, model: str | None = None, backend: str | None = None,
                 check_seconds: float = RELOAD_CHECK_SECONDS, batch: bool = True):
        self.index_dir = store.resolve_index_dir(index)
        self.batch = batch
        self.check_seconds = check_seconds
        self._model = model
        self._backend = backend
        self._swap_lock = threading.Lock()
        self._link = self._read_link()
        self._snapshot = self._load(None)
        self._checked = time.monotonic()
        self.reload_error: str | None = None

    def _read_link(self) -> str | None:
        try:
            return os.readlink(self.index_dir / store.CURRENT)
        except OSError:
            return None

    def _load(self, previous: Snapshot | None) -> Snapshot:
        embedder = previous.index.embedder if previous is not None else None
        try:
            index = Index(self.index_dir, model=self._model, backend=self._backend, embedder=embedder)
        except ModelMismatch:
            if embedder is None:
                raise
            # the rebuild used another model: load that one rather than keep serving stale vectors
            embedder = None
            index = Index(self.index_dir, model=self._model, backend=self._backend)
        if embedder is None:
            # a probe built the embedder (cheap: weights load on first encode); reopen with it serialised
            probe = index
            index = Index(self.index_dir, model=self._model, backend=self._backend,
                          embedder=SerialEmbedder(probe.embedder, batch=self.batch))
            probe.close()
            if previous is not None:
                index.encode(["warm up"])  # a new model: load its weights here, not in a request
        # read the vectors now: the old version folder may be deleted by a later rebuild
        index.vectors  # noqa: B018
        facets = _facets(index.version, index.facts.get("metadata_fields", []))
        return Snapshot(index=index, version=index.version.name, facets=facets)

    def get(self) -> Snapshot:
        """The snapshot a request should use from start to end."""
        now = time.monotonic()
        # the lock is held from here until a load ends, so there is one load at a time, and
        # requests that find it taken go on with the current snapshot
        if now - self._checked >= self.check_seconds and self._swap_lock.acquire(blocking=False):
            self._checked = now
            link = self._read_link()
            if link is not None and link != self._link:
                threading.Thread(target=self._swap, args=(link,), name="ui-search-reload", daemon=True).start()
            else:
                self._swap_lock.release()
        return self._snapshot

    def _swap(self, link: str) -> None:
        try:
            fresh = self._load(self._snapshot)
        except Exception as exc:  # a broken new version must never take the server down
            # keep answering from the version we have; say why in /api/health (and retry next check)
            message = f"could not load the new index version {link}: {exc}"
            if message != self.reload_error:
                log.warning(message)
            self.reload_error = message
            return
        else:
            self._snapshot = fresh
            self._link = link
            self.reload_error = None
            log.info("switched to index version %s (%d designs)", fresh.version, len(fresh.index))
        finally:
            self._swap_lock.release()

    def warm_up(self) -> None:
        """Load the model weights before the first request, not during it."""
        self._snapshot.index.encode(["warm up"])


# -- request and response shapes ------------------------------------------------------------------
def _encodable(text: str) -> str:
    # JSON may carry lone surrogates ("\ud800"); the tokenizer and SQLite would choke on them
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (lone surrogate found)") from None
    return text


Text = Annotated[str, AfterValidator(_encodable)]
Scalar = Union[Text, int, float, bool]
WhereBody = Optional[dict[Text, Union[Scalar, list[Scalar]]]]
TopK = Annotated[int, Field(ge=1, le=MAX_K, description=f"How many designs to return, 1 to {MAX_K}.")]
WHERE_DOC = ("Metadata filters applied before the top-k cut: field -> value or list of values (any of them). "
             "Different fields must all match; list metadata (e.g. palette) matches when it contains a value; "
             "comparison is case-insensitive. Unknown fields are a 400.")


class SearchRequest(BaseModel):
    prompt: Text = Field(..., description="A short design prompt, e.g. 'Dark theme contact Support'.",
                         examples=["Dark theme contact Support"])
    k: TopK = 10
    where: WhereBody = Field(None, description=WHERE_DOC, examples=[{"platform": "mobile", "theme": ["dark", "neon"]}])
    mode: Optional[Text] = Field(None, description="Retrieval mode (dense, lexical, hybrid or expanded) when the engine has modes.")


class BatchRequest(BaseModel):
    prompts: list[Text] = Field(..., min_length=1, max_length=MAX_BATCH, description=f"1 to {MAX_BATCH} prompts.")
    k: TopK = 10
    where: WhereBody = Field(None, description=WHERE_DOC)
    mode: Optional[Text] = Field(None, description="Retrieval mode, as for /api/search.")


class SimilarRequest(BaseModel):
    id: Text = Field(..., description="Id of a design in the index.")
    k: TopK = 10
    where: WhereBody = Field(None, description=WHERE_DOC)


class HitOut(BaseModel):
    id: str
    score: float
    text: str = Field(..., description="What was embedded for this design.")
    rank: int
    fields: dict[str, Any] = Field(default_factory=dict, description="The text fields, e.g. title and description.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Every other catalog field.")


class SearchResponse(BaseModel):
    query: str
    k: int
    version: str = Field(..., description="The index version that answered.")
    results: list[HitOut]


class BatchResponse(BaseModel):
    k: int
    version: str
    results: list[SearchResponse]


class SimilarResponse(BaseModel):
    id: str
    k: int
    version: str
    results: list[HitOut]


class DesignResponse(BaseModel):
    version: str
    design: HitOut


class HealthResponse(BaseModel):
    status: str
    version: str
    count: int
    reload_error: Optional[str] = None


class InfoResponse(BaseModel):
    server_version: str
    modes: list[str] = Field(..., description="Retrieval modes the engine accepts; empty when it has none.")
    max_k: int
    facts: dict[str, Any] = Field(..., description="Facts about the index: count, model, dims, dates, source...")
    facets: dict[str, list[dict[str, Any]]] = Field(
        ..., description="For metadata fields with few distinct values: each value and how many designs carry it.")


class ErrorResponse(BaseModel):
    detail: str


ERRORS = {code: {"model": ErrorResponse} for code in (400, 404, 413, 422)}


# -- the app --------------------------------------------------------------------------------------
def engine_modes() -> list[str]:
    """Retrieval modes Index.search takes (the page's mode menu)."""
    from .hybrid import MODES

    return list(MODES)


class BodyLimit:
    """Refuse request bodies over `limit` bytes with a 413, whether announced or streamed."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await self._too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: dict, receive: Callable, send: Callable) -> None:
        response = JSONResponse({"detail": f"request body over {self.limit} bytes"}, status_code=413)
        await response(scope, receive, send)


def _status_for(exc: UISearchError) -> int:
    if isinstance(exc, DesignNotFound):
        return 404
    if isinstance(exc, (IndexNotFound, ModelMismatch)):
        return 503
    return 400


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        loc = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{loc}: {error.get('msg', 'invalid')}" if loc else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def parse_where_params(items: Sequence[str] | None) -> dict[str, list[str]] | None:
    """`where=key=value` query parameters, as `--where` on the command line."""
    where: dict[str, list[str]] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BadQuery(f"where takes key=value, got '{item}'")
        where.setdefault(key.strip(), []).append(value.strip())
    return where or None


def _hits(hits: list[Hit]) -> list[dict[str, Any]]:
    return [hit.as_dict() for hit in hits]


def create_app(
    index: str | Path = "default",
    cors_origins: Sequence[str] = (),
    model: str | None = None,
    backend: str | None = None,
    warm: bool = True,
    check_seconds: float = RELOAD_CHECK_SECONDS,
    batch: bool = True,
) -> FastAPI:
    """Open the index (raising UISearchError if it cannot be opened) and build the ASGI app.

    `batch` encodes the prompts of concurrent requests in one model call (see SerialEmbedder).
    """
    live = LiveIndex(index, model=model, backend=backend, check_seconds=check_seconds, batch=batch)
    if warm:
        live.warm_up()
    modes = engine_modes()
    batch_modes = "mode" in inspect.signature(Index.search_many).parameters

    app = FastAPI(
        title="ui-search",
        version=__version__,
        description="Semantic search over a catalog of UI designs: a short prompt in, the nearest designs out.",
        # FastAPI's /docs and /redoc pages load their scripts from a CDN, and these machines are
        # offline: the schema itself is served at /openapi.json
        docs_url=None,
        redoc_url=None,
    )
    app.state.live = live
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["content-type"], max_age=600)

    @app.exception_handler(UISearchError)
    async def engine_error(request: Request, exc: UISearchError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=_status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    def mode_kwargs(mode: str | None, batch: bool = False) -> dict[str, Any]:
        if mode is None:
            return {}
        if not modes or (batch and not batch_modes):
            raise BadQuery("this engine has no retrieval modes: leave 'mode' out")
        return {"mode": mode}  # the engine checks the value and names the modes it has

    @app.post("/api/search", response_model=SearchResponse, responses=ERRORS, tags=["search"])
    def search(body: SearchRequest) -> dict[str, Any]:
        """The k designs nearest to a prompt, best first."""
        snap = live.get()
        hits = snap.index.search(body.prompt, k=body.k, where=body.where, **mode_kwargs(body.mode))
        return {"query": body.prompt, "k": body.k, "version": snap.version, "results": _hits(hits)}

    @app.post("/api/search/batch", response_model=BatchResponse, responses=ERRORS, tags=["search"])
    def search_batch(body: BatchRequest) -> dict[str, Any]:
        """Several prompts in one call, encoded together; one result list per prompt, in order."""
        snap = live.get()
        results = snap.index.search_many(body.prompts, k=body.k, where=body.where, **mode_kwargs(body.mode, True))
        return {"k": body.k, "version": snap.version, "results": [
            {"query": p, "k": body.k, "version": snap.version, "results": _hits(h)} for p, h in zip(body.prompts, results)
        ]}

    @app.post("/api/similar", response_model=SimilarResponse, responses=ERRORS, tags=["search"])
    def similar_post(body: SimilarRequest) -> dict[str, Any]:
        """More like this: the designs nearest to a stored design, itself left out."""
        snap = live.get()
        hits = snap.index.similar(body.id, k=body.k, where=body.where)
        return {"id": body.id, "k": body.k, "version": snap.version, "results": _hits(hits)}

    @app.get("/api/similar/{design_id:path}", response_model=SimilarResponse, responses=ERRORS, tags=["search"])
    def similar_get(
        design_id: Annotated[str, PathParam(description="Id of a design in the index.")],
        k: Annotated[int, Query(ge=1, le=MAX_K)] = 10,
        where: Annotated[Optional[list[str]], Query(description="Filter key=value (repeatable).")] = None,
    ) -> dict[str, Any]:
        """More like this, as a GET: filters as repeated `where=key=value`."""
        snap = live.get()
        hits = snap.index.similar(design_id, k=k, where=parse_where_params(where))
        return {"id": design_id, "k": k, "version": snap.version, "results": _hits(hits)}

    @app.get("/api/designs/{design_id:path}", response_model=DesignResponse, responses=ERRORS, tags=["designs"])
    def design(design_id: Annotated[str, PathParam(description="Id of a design in the index.")]) -> dict[str, Any]:
        """One design by id."""
        snap = live.get()
        return {"version": snap.version, "design": snap.index.get(design_id).as_dict()}

    @app.get("/api/health", response_model=HealthResponse, tags=["index"])
    def health() -> dict[str, Any]:
        """Cheap liveness check: the version being served and its size."""
        snap = live.get()
        return {"status": "ok", "version": snap.version, "count": len(snap.index), "reload_error": live.reload_error}

    @app.get("/api/info", response_model=InfoResponse, tags=["index"])
    def info() -> dict[str, Any]:
        """Facts about the index, and the values of its filterable metadata fields."""
        snap = live.get()
        return {"server_version": __version__, "modes": modes, "max_k": MAX_K, "facts": snap.index.info(),
                "facets": snap.facets}

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


@contextlib.contextmanager
def background_server(app: Any, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning") -> Iterator[str]:
    """Run `app` under uvicorn in a thread (tests, benchmarks); yields its base URL, stops on exit.

    The socket is bound here, so port 0 picks a free port with no race.
    """
    import socket

    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="ui-search-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    bound = sock.getsockname()[1]
    try:
        yield f"http://{'[' + host + ']' if ':' in host else host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
