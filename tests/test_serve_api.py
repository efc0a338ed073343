"""The HTTP API of `ui-search serve`, through the ASGI test client and a real uvicorn in a thread."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np
import pytest
from conftest import FakeEmbedder, small_catalog_rows, write_jsonl
from fastapi.testclient import TestClient

from ui_search import build_index, embedders
from ui_search.server import MAX_BODY_BYTES, STATIC_DIR, SerialEmbedder, background_server, create_app, engine_modes

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fake_model():
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(embedders.BACKENDS, "fake", FakeEmbedder)
        yield FakeEmbedder


@pytest.fixture(scope="module")
def small_index(fake_model, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve-api")
    build_index(write_jsonl(folder / "designs.jsonl", small_catalog_rows()), folder / "idx", backend="fake")
    return folder / "idx"


@pytest.fixture(scope="module")
def client(small_index) -> TestClient:
    with TestClient(create_app(small_index)) as test_client:
        yield test_client


# -- the endpoints --------------------------------------------------------------------------------
def test_search_returns_ranked_hits_with_fields_and_metadata(client):
    response = client.post("/api/search", json={"prompt": "Dark theme contact Support", "k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "Dark theme contact Support" and body["k"] == 3
    assert body["version"].startswith("v-")
    hits = body["results"]
    assert [h["rank"] for h in hits] == [1, 2, 3]
    assert hits[0]["id"] == "s01"
    assert hits[0]["fields"]["title"] == "Dark theme contact Support"
    assert hits[0]["metadata"]["palette"] == ["charcoal", "white", "orange"]
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_search_filters_before_the_cut(client):
    body = client.post("/api/search", json={"prompt": "dark screen", "k": 20, "where": {"platform": "web"}}).json()
    assert {h["metadata"]["platform"] for h in body["results"]} == {"web"}
    assert len(body["results"]) == 3  # s05, s08, s09: every web design, not the web ones among a global top-k
    either = client.post("/api/search", json={"prompt": "app", "k": 20, "where": {"theme": ["neon", "retro"]}}).json()
    assert {h["id"] for h in either["results"]} == {"s04", "s08"}
    palette = client.post("/api/search", json={"prompt": "app", "k": 20, "where": {"palette": "White"}}).json()
    assert {h["id"] for h in palette["results"]} == {"s01", "s07", "s09", "s11"}


def test_batch_search_keeps_prompt_order(client):
    body = client.post("/api/search/batch", json={"prompts": ["neon music player", "retro 404 error"], "k": 2}).json()
    assert [r["query"] for r in body["results"]] == ["neon music player", "retro 404 error"]
    assert [r["results"][0]["id"] for r in body["results"]] == ["s04", "s08"]
    assert all(len(r["results"]) == 2 for r in body["results"])


def test_design_by_id_and_more_like_this(client):
    design = client.get("/api/designs/s03").json()["design"]
    assert design["id"] == "s03" and design["metadata"]["theme"] == "pastel"
    like = client.get("/api/similar/s03", params={"k": 4}).json()
    ids = [h["id"] for h in like["results"]]
    assert len(ids) == 4 and "s03" not in ids
    rows = small_catalog_rows()
    vectors = FakeEmbedder().encode([f"{r['title']}\n{r['description']}" for r in rows])
    cosine = vectors @ vectors[[r["id"] for r in rows].index("s03")]
    nearest = [rows[i]["id"] for i in np.argsort(-cosine) if rows[i]["id"] != "s03"]
    assert ids == nearest[:4]
    posted = client.post("/api/similar", json={"id": "s03", "k": 4}).json()
    assert [h["id"] for h in posted["results"]] == ids
    web_only = client.get("/api/similar/s03", params=[("k", "10"), ("where", "platform=web")]).json()
    assert {h["metadata"]["platform"] for h in web_only["results"]} == {"web"}


def test_health_and_info_report_the_index(client, small_index):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["count"] == 12
    info = client.get("/api/info").json()
    assert info["facts"]["count"] == 12
    assert info["facts"]["index_dir"] == str(small_index)
    assert info["max_k"] == 100
    platforms = {f["value"]: f["count"] for f in info["facets"]["platform"]}
    assert platforms == {"mobile": 7, "web": 3, "tablet": 1, "desktop": 1}


def test_openapi_schema_documents_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/search", "/api/search/batch", "/api/similar", "/api/similar/{design_id}",
            "/api/designs/{design_id}", "/api/health", "/api/info"} <= set(schema["paths"])
    k = schema["components"]["schemas"]["SearchRequest"]["properties"]["k"]
    assert (k["minimum"], k["maximum"]) == (1, 100)


# -- bad requests: 4xx with a JSON error, never a 500 ----------------------------------------------
@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"prompt": "", "k": 5}, 400, "empty prompt"),
        ({"prompt": "   ", "k": 5}, 400, "empty prompt"),
        ({"prompt": "login", "k": 0}, 422, "k"),
        ({"prompt": "login", "k": 101}, 422, "k"),
        ({"prompt": "login", "k": "many"}, 422, "k"),
        ({"prompt": "login", "where": {"colour_scheme": "dark"}}, 400, "unknown filter field 'colour_scheme'"),
        ({"prompt": "login", "where": {"platform": []}}, 400, "no value"),
        ({"prompt": "login", "where": {"platform": {"nested": 1}}}, 422, "where"),
        ({"k": 5}, 422, "prompt"),
        ({"prompt": "\ud800 login"}, 422, "surrogate"),
        ({"prompt": "login", "mode": "telepathic"}, 400, "mode"),
    ],
)
def test_bad_search_requests_get_a_json_4xx(client, body, status, words):
    response = client.post("/api/search", content=json.dumps(body), headers={"content-type": "application/json"})
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_other_bad_requests(client):
    missing = client.get("/api/designs/no-such-design")
    assert missing.status_code == 404 and "no-such-design" in missing.json()["detail"]
    assert client.get("/api/similar/no-such-design").status_code == 404
    assert client.post("/api/similar", json={"id": "nope"}).status_code == 404
    assert client.get("/api/similar/s01", params={"where": "platform"}).status_code == 400
    assert client.get("/api/similar/s01", params={"k": 500}).status_code == 422
    not_json = client.post("/api/search", content=b"{not json", headers={"content-type": "application/json"})
    assert not_json.status_code == 422 and "detail" in not_json.json()
    assert client.post("/api/search/batch", json={"prompts": []}).status_code == 422
    assert client.post("/api/search/batch", json={"prompts": ["a"] * 101}).status_code == 422
    batch_empty = client.post("/api/search/batch", json={"prompts": ["login", " "]})
    assert batch_empty.status_code == 400 and "prompt 2" in batch_empty.json()["detail"]
    assert client.get("/api/nothing").status_code == 404
    assert client.delete("/api/search").status_code == 405


def test_bodies_over_64_kb_are_refused(client):
    prompt = "x" * MAX_BODY_BYTES
    announced = client.post("/api/search", json={"prompt": prompt})
    assert announced.status_code == 413 and "65536" in announced.json()["detail"]

    def chunks():  # no content-length: the limit must hold for a streamed body too
        for _ in range(20):
            yield b" " * 4096

    streamed = client.post("/api/search", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    just_under = client.post("/api/search", json={"prompt": "y" * (MAX_BODY_BYTES - 100)})
    assert just_under.status_code == 200


def test_mode_is_passed_through_only_when_the_engine_has_modes(client):
    modes = engine_modes()
    response = client.post("/api/search", json={"prompt": "login", "k": 2, "mode": modes[0] if modes else "dense"})
    if modes:
        assert response.status_code == 200 and len(response.json()["results"]) == 2
    else:
        assert response.status_code == 400 and "no retrieval modes" in response.json()["detail"]
    assert client.post("/api/search", json={"prompt": "login", "k": 2}).status_code == 200
    assert client.get("/api/info").json()["modes"] == modes
    for mode in modes:  # every mode the engine names works through the API, batch included
        one = client.post("/api/search", json={"prompt": "neon music player", "k": 3, "mode": mode})
        assert one.status_code == 200 and one.json()["results"][0]["id"] == "s04", (mode, one.text)
        many = client.post("/api/search/batch", json={"prompts": ["neon music player"], "k": 3, "mode": mode})
        assert many.status_code == 200 and many.json()["results"][0]["results"] == one.json()["results"]


# -- the page and CORS ------------------------------------------------------------------------------
def test_page_and_its_files_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and 'id="prompt"' in page.text
    for name in ("app.js", "app.css", "colours.js"):
        assert client.get(f"/static/{name}").status_code == 200
    for file in STATIC_DIR.iterdir():
        text = file.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, file.name
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would pull scripts from a CDN


def test_cors_origins_are_configurable(small_index):
    origin = "https://plugin.example"
    with TestClient(create_app(small_index, cors_origins=[origin], warm=False)) as open_client:
        preflight = open_client.options("/api/search", headers={
            "origin": origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == origin
        other = open_client.get("/api/health", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app(small_index, warm=False)) as closed_client:
        plain = closed_client.get("/api/health", headers={"origin": origin})
        assert "access-control-allow-origin" not in plain.headers


# -- concurrency and reloads, over a real socket -------------------------------------------------
class TouchyEmbedder(FakeEmbedder):
    """Fails like a Hugging Face fast tokenizer ("Already borrowed") when two threads encode at once."""

    backend = "touchy"
    active = 0
    guard = threading.Lock()

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        with TouchyEmbedder.guard:
            TouchyEmbedder.active += 1
            clash = TouchyEmbedder.active > 1
        try:
            if clash:
                raise RuntimeError("Already borrowed")
            time.sleep(0.002)
            return super().encode(texts, batch_size)
        finally:
            with TouchyEmbedder.guard:
                TouchyEmbedder.active -= 1


def test_concurrent_requests_match_serial_answers(fake_model, tmp_path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(embedders.BACKENDS, "touchy", TouchyEmbedder)
        build_index(write_jsonl(tmp_path / "designs.jsonl", small_catalog_rows()), tmp_path / "idx", backend="touchy")
        prompts = [row["title"] for row in small_catalog_rows()] + ["dark mobile", "pastel", "button", "web table"]
        app = create_app(tmp_path / "idx")
        with background_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
            serial = {p: http.post("/api/search", json={"prompt": p, "k": 5}).json()["results"] for p in prompts}

            def ask(n: int) -> tuple[str, int, list]:
                prompt = prompts[n % len(prompts)]
                if n % 3 == 0:
                    response = http.get(f"/api/similar/s{n % 12 + 1:02d}", params={"k": 3})
                    return prompt, response.status_code, []
                response = http.post("/api/search", json={"prompt": prompt, "k": 5})
                return prompt, response.status_code, response.json().get("results")

            with ThreadPoolExecutor(16) as pool:
                answers = list(pool.map(ask, range(320)))
    assert {status for _, status, _ in answers} == {200}
    for prompt, _, hits in answers:
        if hits:
            assert hits == serial[prompt]


class SlowEmbedder(FakeEmbedder):
    failed_batches: list[int] = []
    gate: threading.Event | None = None  # when set up, "hold" prompts wait on it inside the model
    inside = threading.Event()

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        if SlowEmbedder.gate is not None and any("hold" in t for t in texts):
            SlowEmbedder.inside.set()
            SlowEmbedder.gate.wait(10)
        if any("explode" in t for t in texts):
            SlowEmbedder.failed_batches.append(len(texts))
            raise RuntimeError("model failure")
        time.sleep(0.03)  # a forward pass: long enough for other requests to queue up behind it
        return super().encode(texts, batch_size)


def _run_while_the_first_holds_the_model(model, threads, queued: int | None, join_timeout: float) -> None:
    """Start threads[0] (a "hold" prompt) and, once it is inside the model, the rest; release the
    model when `queued` prompts wait in the batch queue (None: after a short pause), then join."""
    SlowEmbedder.gate, SlowEmbedder.inside = threading.Event(), threading.Event()
    try:
        threads[0].start()
        assert SlowEmbedder.inside.wait(10)
        for thread in threads[1:]:
            thread.start()
        if queued is None:
            time.sleep(0.2)
        else:
            deadline = time.monotonic() + 10
            while len(model._queue) < queued and time.monotonic() < deadline:
                time.sleep(0.005)
    finally:
        SlowEmbedder.gate.set()
        SlowEmbedder.gate = None
    for thread in threads:
        thread.join(timeout=join_timeout)


@pytest.mark.parametrize("batch", [True, False])
def test_concurrent_prompts_share_model_calls_only_when_batching(batch):
    # The first prompt holds the model until the others have queued, so the count of model calls
    # does not depend on how the scheduler of a busy machine interleaves the threads.
    model = SerialEmbedder(SlowEmbedder(), batch=batch)
    prompts = ["hold the model"] + [f"screen number {n} with {n % 5} buttons" for n in range(23)]
    vectors: dict[int, np.ndarray] = {}

    def ask(n: int) -> None:
        vectors[n] = model.encode([prompts[n]])

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(prompts))]
    _run_while_the_first_holds_the_model(model, threads, len(prompts) - 1 if batch else None, join_timeout=20)
    expected = FakeEmbedder().encode(prompts)
    for n, row in enumerate(expected):
        assert vectors[n].shape == (1, FakeEmbedder.dim) and np.allclose(vectors[n][0], row)
    if batch:
        assert model.calls <= 3  # the held call, then the 23 queued prompts in one or two batches
    else:
        assert model.calls == len(prompts)


def test_a_failing_prompt_fails_alone_even_inside_a_batch():
    model = SerialEmbedder(SlowEmbedder(), batch=True)
    outcomes: list[str] = []

    def ask(prompt: str) -> None:
        try:
            model.encode([prompt])
            outcomes.append("ok")
        except RuntimeError:
            outcomes.append("error")

    SlowEmbedder.failed_batches = []
    threads = [threading.Thread(target=ask, args=(p,)) for p in ["hold first", "explode now"] + [f"fine {n}" for n in range(5)]]
    _run_while_the_first_holds_the_model(model, threads, queued=6, join_timeout=10)  # the other 6 queue up
    assert sorted(outcomes) == ["error"] + ["ok"] * 6  # nobody hangs, and only the bad prompt fails
    assert max(SlowEmbedder.failed_batches) > 1  # it really did share a batch with good prompts
    assert model.encode(["fine again"]).shape == (1, FakeEmbedder.dim)


def _catalog(prefix: str) -> list[dict]:
    rows = small_catalog_rows()
    for row in rows:
        row["id"] = prefix + row["id"]
    return rows


def test_rebuild_while_serving_switches_atomically(fake_model, tmp_path):
    """Every answer comes whole from one version, and the server moves on to each new version."""
    index_dir = tmp_path / "idx"
    catalogs = {p: write_jsonl(tmp_path / f"{p}.jsonl", _catalog(p)) for p in ("a", "b")}
    prefix_of = {build_index(catalogs["a"], index_dir, backend="fake").version: "a"}
    app = create_app(index_dir, check_seconds=0.0)
    stop = threading.Event()
    seen: list[tuple[int, str, set]] = []

    def hammer(http: httpx.Client) -> None:
        while not stop.is_set():
            response = http.post("/api/search", json={"prompt": "dark pastel web button", "k": 12})
            body = response.json()
            seen.append((response.status_code, body.get("version"), {h["id"][0] for h in body.get("results", [])}))

    with background_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        workers = [threading.Thread(target=hammer, args=(http,)) for _ in range(4)]
        for worker in workers:
            worker.start()
        try:
            for round_ in range(6):
                prefix = "b" if round_ % 2 == 0 else "a"
                time.sleep(0.15)
                prefix_of[build_index(catalogs[prefix], index_dir, backend="fake").version] = prefix
        finally:
            time.sleep(0.15)
            stop.set()
            for worker in workers:
                worker.join()
        final = _settled(http, os.readlink(index_dir / "current"))
    assert {status for status, _, _ in seen} == {200}
    for _, version, prefixes in seen:
        assert prefixes == {prefix_of[version]}, (version, prefixes)  # never a mix of two catalogs
    assert len({version for _, version, _ in seen}) >= 4  # it really did follow the rebuilds
    assert final["reload_error"] is None


def _settled(http: httpx.Client, version: str, timeout: float = 15) -> dict:
    """/api/health once the server serves `version` (loads run in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        health = http.get("/api/health").json()
        if health["version"] == version or time.monotonic() > deadline:
            assert health["version"] == version, health
            return health
        time.sleep(0.02)


def test_a_broken_new_version_keeps_the_old_one_serving(fake_model, tmp_path):
    index_dir = tmp_path / "idx"
    good = build_index(write_jsonl(tmp_path / "a.jsonl", _catalog("a")), index_dir, backend="fake").version
    app = create_app(index_dir, check_seconds=0.0)
    (index_dir / "v-broken").mkdir()  # a version folder with no files in it
    with TestClient(app) as http:
        os.symlink("v-broken", index_dir / "current-new")
        os.replace(index_dir / "current-new", index_dir / "current")
        deadline = time.monotonic() + 15
        while not http.get("/api/health").json()["reload_error"]:
            assert time.monotonic() < deadline, "the broken version was never noticed"
            time.sleep(0.02)
        health = http.get("/api/health").json()
        assert health["version"] == good and "v-broken" in health["reload_error"]
        answer = http.post("/api/search", json={"prompt": "neon music", "k": 1})
        assert answer.status_code == 200 and answer.json()["results"][0]["id"] == "as04"
        os.symlink(good, index_dir / "current-new")
        os.replace(index_dir / "current-new", index_dir / "current")
        fresh = build_index(write_jsonl(tmp_path / "b.jsonl", _catalog("b")), index_dir, backend="fake").version
        assert _settled(http, fresh)["reload_error"] is None
        assert http.post("/api/search", json={"prompt": "neon music", "k": 1}).json()["results"][0]["id"] == "bs04"


# -- the command -------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


LAUNCH = (
    "import sys; sys.path.insert(0, {tests!r}); from conftest import FakeEmbedder; "
    "from ui_search import embedders; embedders.register_backend('fake', FakeEmbedder); "
    "from ui_search.cli import main; sys.argv = ['ui-search', 'serve'] + sys.argv[1:]; main()"
)


def test_serve_command_binds_loopback_and_answers(small_index):
    port = _free_port()
    code = LAUNCH.format(tests=str(REPO / "tests"))
    proc = subprocess.Popen([sys.executable, "-c", code, "--index", str(small_index), "--port", str(port),
                             "--log-level", "warning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)
        assert health.json()["count"] == 12
        listening = [line for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                     if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"]
        assert [line.split()[1].split(":")[0] for line in listening] == ["0100007F"]  # 127.0.0.1 only
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out


def test_serve_command_missing_index_is_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ui_search.cli", "serve", "--index", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: no index at") and "Traceback" not in result.stderr
