"""Schemathesis against the live app's OpenAPI document: whatever the body, path or query,
and whoever calls (anonymous, shopper, merchant, agent), no response is a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopmind.settings import Settings
from tests.testing import Accounts
from ui.api import create_app
from ui.platform import Platform

pytestmark = pytest.mark.integration
ROLES = ("anonymous", "shopper", "merchant", "agent")


def _operations() -> list[tuple[str, str]]:
    """Every documented operation (the app object is cheap: nothing loads until it starts)."""
    document = create_app(Platform(Settings(_env_file=None))).openapi()  # type: ignore[call-arg]
    return [(method.upper(), path) for path, item in document["paths"].items()
            for method in item]


@pytest.fixture(scope="module")
def api_schema(live_app: str, rasa_server: str) -> Any:
    """The live app's schema, with Rasa up (the studio's chat needs its NLU)."""
    return schemathesis.openapi.from_url(f"{live_app}/openapi.json")


@pytest.mark.parametrize(("method", "path"), _operations())
def test_no_server_errors_for_any_caller(api_schema: Any, accounts: Accounts, method: str,
                                         path: str) -> None:
    operation = api_schema[path][method]
    callers = {role: ({} if role == "anonymous" else
                      accounts.headers(accounts.first(role)["id"])) for role in ROLES}

    @given(case=operation.as_strategy(), role=st.sampled_from(ROLES))
    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def probe(case: Any, role: str) -> None:
        response = case.call(headers=callers[role], timeout=60)
        assert response.status_code < 500, (role, case.formatted_path, response.status_code,
                                            response.text[:300])
        assert "Traceback" not in response.text

    probe()
