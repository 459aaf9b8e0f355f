"""Schema-driven fuzzing of the dashboard API: schemathesis generates requests from the app's own
OpenAPI description (valid and invalid parameters) and sends them in-process over ASGI.

What must hold for every request: no 5xx (a bad parameter is always the client's 4xx), answers
conform to the documented status codes, content types and response schemas. Bounded: a few dozen
examples per endpoint, no deadline (a cold profile takes about half a second), no network.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="the test extra (schemathesis) is needed")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_fixtures import web_app_fixture, web_db_fixture  # noqa: E402, F401

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The API's operations, one test each. (Schemathesis's lazy ``from_fixture`` schema does not run
# under pytest 9, so each test draws cases from the operation's strategy with Hypothesis itself.)
OPERATIONS = [
    "GET /api/countries",
    "GET /api/profile/{country}",
    "GET /api/report/{country}",
    "GET /api/similarity",
    "GET /api/compare",
    "GET /api/events",
    "GET /api/documents/{doc_id}",
    "GET /api/versions",
]
NO_PARAMETERS = {"GET /api/countries", "GET /api/versions"}  # nothing to make invalid
CASES = [
    (label, mode)
    for label in OPERATIONS
    for mode in ("positive", "negative")
    if not (mode == "negative" and label in NO_PARAMETERS)
]


@pytest.fixture(scope="module")
def api_schema(web_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", web_app)


def test_every_api_operation_is_fuzzed(api_schema: Any) -> None:
    """The list above is the API: a new endpoint must be added to the fuzz."""
    labels = {r.ok().label for r in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_api_never_fails_on_its_own_schema(api_schema: Any, label: str, mode: str) -> None:
    from schemathesis import GenerationMode

    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label
    strategy = operation.as_strategy(generation_mode=GenerationMode(mode))
    seen: list[int] = []

    @given(case=strategy)
    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,  # the same requests on every run: a failure here is reproducible
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call_and_validate(checks=CHECKS)
        seen.append(response.status_code)

    run()
    assert seen, f"no request was generated for {label}"
    assert all(code < 500 for code in seen)
