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
    "POST /api/check",
    "GET /api/check/{doc_id}",
    "GET /api/neighbours/{country}",
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


# -- repeated, conflicting and hostile parameters ---------------------------------------------------
# The schema-driven fuzz above sends each parameter once, with values of its type. A browser or a
# script may send a parameter twice (``?poles=USA&poles=RUS``), two that conflict (``since`` after
# ``until``), numbers out of any range, control characters, or names another route uses. These
# tests draw such query strings (and path values) for every API operation and every page, and
# assert what must hold for all of them: no server error, and a JSON ``detail`` on API errors.
HOSTILE = [
    "AZE", "RUS", "USA", "ARM", "373", "2", "EU", "NATO", "NAM", "Azerbaijan", "United States",
    "", " ", ",", "-1", "0", "1", "20", "50", "200", "99999999999999999999", "1e309", "NaN",
    "2010", "2020", "2020-13", "2019-02-30", "0000", "9999-12-31", "AGREE", "agree", "CONSULT",
    "asserted", "all", "maybe", "\x00", "\x1b[31m", "\r\nX-Injected: 1", "javascript:alert(1)",
    "../../etc/passwd", "%00", "AZE,AZE", "USA,RUS,CHN,TUR,EU,NAM,NATO,CSTO,IND",
    "'; DROP TABLE events; --", "²", "𝟙", "\ud800", "A" * 70, "deadbeef",
]  # fmt: skip
TARGETS = {
    "/api/countries": [],
    "/api/versions": [],
    "/api/profile/{}": ["since", "until", "poles", "balance_poles", "peers", "replicates"],
    "/api/report/{}": ["since", "until", "poles", "balance_poles", "peers", "top_events"],
    "/api/neighbours/{}": ["since", "until", "measure", "top"],
    "/api/similarity": ["country", "year"],
    "/api/compare": ["countries", "since", "until", "poles", "balance_poles", "replicates"],
    "/api/events": ["actor", "partner", "type", "status", "since", "until", "limit", "offset"],
    "/api/documents/{}": [],
    "/": [],
    "/country": ["country"],
    "/country/{}": ["since", "until", "poles", "balance_poles", "peers", "replicates"],
    "/compare": ["countries", "since", "until", "poles"],
    "/map": ["country", "year"],
    "/events": ["actor", "partner", "type", "status", "since", "until", "limit", "offset"],
    "/documents/{}": [],
    "/api/check/{}": [],
    "/claims": ["doc"],
}


@pytest.fixture(scope="module")
def fuzz_client(web_app: Any) -> Any:
    from web_fixtures import import_testclient

    with import_testclient()(web_app) as c:
        yield c


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_repeated_and_conflicting_parameters_never_fail(fuzz_client: Any, target: str) -> None:
    from urllib.parse import quote, urlencode

    from hypothesis import strategies as st

    names = TARGETS[target] + ["replicates", "x"]  # and one name the route does not take
    value = st.sampled_from(HOSTILE)
    pairs = st.lists(st.tuples(st.sampled_from(names), value), min_size=0, max_size=6)
    seen: list[int] = []

    @given(pairs=pairs, path=value, twice=st.booleans())
    @settings(
        max_examples=30,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(pairs: list[tuple[str, str]], path: str, twice: bool) -> None:
        if twice and pairs:
            pairs = pairs + pairs[:1]  # the same parameter, repeated
        # The replicates of an uncached profile cost seconds: keep the hostile ones, not the big.
        pairs = [(k, "20" if k == "replicates" and v in ("200",) else v) for k, v in pairs]
        safe_path = quote(path.encode("utf-8", "surrogatepass"), safe="") or "AZE"
        query = urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in pairs], doseq=False)
        url = target.format(safe_path) + (f"?{query}" if query else "")
        resp = fuzz_client.get(url)
        seen.append(resp.status_code)
        assert resp.status_code < 500, (url, resp.status_code, resp.text[:300])
        if resp.status_code >= 400 and target.startswith("/api/"):
            body = resp.json()
            assert set(body) == {"detail"} and isinstance(body["detail"], str), body

    run()
    assert seen
