"""The API answers as its OpenAPI description says, for inputs schemathesis generates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from app import create_app
from app.web.context import get_services


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The schema served by a fresh embedded app, bound to that app."""
    root: Path = tmp_path_factory.mktemp("openapi")
    app = create_app(
        {
            "data_dir": root / "i",
            "audio_cache_dir": root / "a",
            "tts_engine": "espeak",
            "ingest_per_minute": 0,
        }
    )
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    get_services(app).close()


OPERATIONS = [
    "POST /api/articles",
    "GET /api/articles/{article_id}",
    "DELETE /api/articles/{article_id}",
    "GET /api/portal",
]


def test_openapi_lists_every_api_operation(api_schema: Any) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_openapi_description(api_schema: Any, label: str) -> None:
    operation = next(r.ok() for r in api_schema.get_all_operations() if r.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def conforms(case: Any) -> None:
        # A schema cannot say which strings are article pages: a valid-looking page may still be
        # refused with 422, so "positive data is accepted" is not checked; everything else is.
        case.call_and_validate(excluded_checks=[checks.positive_data_acceptance])

    conforms()
