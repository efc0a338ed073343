"""Schema-driven fuzzing of the API: schemathesis reads /openapi.json and throws valid and invalid
requests at every operation through the ASGI app. No request may produce a 5xx, and every answer
must match the schema's response shapes. Derandomised and bounded, so CI is repeatable and quick.

The cases are drawn from schemathesis' Hypothesis strategies inside plain tests: its lazy pytest
loader (`schemathesis.pytest.from_fixture`) does not work under pytest 9.
"""
from __future__ import annotations

import pytest
import schemathesis
from conftest import FakeEmbedder, small_catalog_rows, write_jsonl
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from ui_search import build_index, embedders
from ui_search.server import create_app

OPERATIONS = [
    ("POST", "/api/search"),
    ("POST", "/api/search/batch"),
    ("POST", "/api/similar"),
    ("GET", "/api/similar/{design_id}"),
    ("GET", "/api/designs/{design_id}"),
    ("GET", "/api/health"),
    ("GET", "/api/info"),
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-fuzz")
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(embedders.BACKENDS, "fake", FakeEmbedder)
        build_index(write_jsonl(folder / "designs.jsonl", small_catalog_rows()), folder / "idx", backend="fake")
        yield schemathesis.openapi.from_asgi("/openapi.json", create_app(folder / "idx"))


def test_every_operation_is_fuzzed(api_schema):
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)  # a new endpoint must be added to OPERATIONS, so it gets fuzzed too


# invalid input exists only where the schema constrains something (bodies, k, where)
CASES = [(method, path, GenerationMode.POSITIVE) for method, path in OPERATIONS] + [
    (method, path, GenerationMode.NEGATIVE) for method, path in OPERATIONS[:4]
]


@pytest.mark.parametrize("method, path, mode", CASES, ids=lambda v: getattr(v, "value", v))
def test_no_request_gets_a_5xx(api_schema, method, path, mode):
    operation = api_schema[path][method]
    statuses: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(case):
        response = case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
        statuses.append(response.status_code)

    fuzz()
    assert statuses and max(statuses) < 500
