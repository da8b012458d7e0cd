"""Odd query strings, cookies, headers and JSON: a 4xx or ignored, never a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from app.pipeline import ingest
from app.web.context import get_services
from app.web.ranges import parse_range

ID = "tin"
READER = f"http://localhost/articles/{ID}"


@pytest.fixture(scope="module")
def robust_app(tmp_path_factory: pytest.TempPathFactory, short_page: bytes) -> Iterator[Flask]:
    """An embedded service holding one article (its audio never made: one job allowed)."""
    root = tmp_path_factory.mktemp("robust")
    app = create_app(
        {
            "data_dir": root / "i",
            "audio_cache_dir": root / "a",
            "tts_engine": "espeak",
            "synth_per_minute": 1,
        }
    )
    ingest(get_services(app), short_page, article_id=ID, queue_audio=False)
    yield app
    get_services(app).close()


@pytest.fixture
def rclient(robust_app: Flask) -> FlaskClient:
    """A client of the shared app."""
    return robust_app.test_client()


def test_range_with_thousands_of_digits_is_ignored_not_a_crash() -> None:
    assert parse_range("bytes=0-" + "9" * 4301, 1000) is None
    assert parse_range("bytes=" + "9" * 4301 + "-", 1000) is None
    assert parse_range("bytes=٠-٩", 1000) is None  # Arabic-Indic digits are not ASCII digits
    assert parse_range("bytes=0-99", 1000) == (0, 99)


@pytest.mark.parametrize(
    "path", ["/?size=²", f"/articles/{ID}?size=①", f"/articles/{ID}?size=" + "9" * 5000]
)
def test_unicode_or_endless_digits_in_size_are_ignored(rclient: FlaskClient, path: str) -> None:
    response = rclient.get(path)
    assert response.status_code == 200 and "font-size:100%" in response.get_data(as_text=True)


def test_cookie_with_thousands_of_digits_is_ignored(rclient: FlaskClient) -> None:
    cookie = {"Cookie": "baonoi_prefs=size=" + "7" * 5000}
    assert rclient.get(f"/articles/{ID}", headers=cookie).status_code == 200


@pytest.mark.parametrize("maxwidth", ["²", "-5", "0", "000", "abc", "1e9", " "])
def test_oembed_nonsense_maxwidth_gets_400(rclient: FlaskClient, maxwidth: str) -> None:
    response = rclient.get("/oembed", query_string={"url": READER, "maxwidth": maxwidth})
    assert response.status_code == 400


@pytest.mark.parametrize("huge", ["99999999", "9" * 5000, "000640"])
def test_oembed_huge_maxwidth_is_clamped_to_the_players_width(
    rclient: FlaskClient, huge: str
) -> None:
    response = rclient.get("/oembed", query_string={"url": READER, "maxwidth": huge})
    assert response.status_code == 200 and response.get_json()["width"] == 640


@pytest.mark.parametrize(
    "url",
    [f"javascript:/articles/{ID}", f"data:/articles/{ID}", f"JavaScript://localhost/articles/{ID}"],
)
def test_oembed_refuses_a_url_that_is_not_http(rclient: FlaskClient, url: str) -> None:
    response = rclient.get("/oembed", query_string={"url": url})
    assert response.status_code == 400


def test_oembed_honours_maxheight(rclient: FlaskClient) -> None:
    answer = rclient.get("/oembed", query_string={"url": READER, "maxheight": "150"}).get_json()
    assert answer["height"] == 150 and 'height="150"' in answer["html"]
    tall = rclient.get("/oembed", query_string={"url": READER, "maxheight": "900"}).get_json()
    assert tall["height"] == 180


@pytest.mark.parametrize("size", [{"maxheight": "10"}, {"maxwidth": "50"}])
def test_oembed_too_small_for_the_player_gets_501(
    rclient: FlaskClient, size: dict[str, str]
) -> None:
    response = rclient.get("/oembed", query_string={"url": READER, **size})
    assert response.status_code == 501


def test_punycode_charset_gets_4xx(rclient: FlaskClient, short_page: bytes) -> None:
    response = rclient.post(
        "/api/articles?id=p1", data=short_page, content_type="text/html; charset=punycode"
    )
    assert response.status_code < 500  # the label is ignored: the page decodes as UTF-8


@pytest.mark.parametrize("field", ["html", "url", "id"])
def test_json_with_a_lone_surrogate_gets_400(rclient: FlaskClient, field: str) -> None:
    body = '{"' + field + '": "a\\ud800b"}'
    response = rclient.post("/api/articles", data=body, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["message"]["vi"]


def test_json_nested_100000_deep_gets_400(rclient: FlaskClient) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = rclient.post("/api/articles", data=body, content_type="application/json")
    assert response.status_code == 400


HEADER_TEXT = st.text(
    st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=40
)
ODD = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["²", "①", "-5", "0", "9" * 4400, "١٢", "", "ﾠ", "\x00"]),
    st.integers(-(10**30), 10**30).map(str),
)
ROUTES = [
    "/",
    f"/articles/{ID}",
    "/articles/nope",
    f"/articles/{ID}/audio.mp3",
    f"/articles/{ID}/audio.opus",
    f"/articles/{ID}/timings.json",
    f"/embed/{ID}",
    "/oembed",
    "/feed.xml",
    "/healthz",
    f"/api/articles/{ID}",
    "/api/openapi.json",
]
QUERY_NAMES = ["size", "theme", "spacing", "width", "lowdata", "url", "format", "maxwidth", "id"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    route=st.sampled_from(ROUTES),
    query=st.dictionaries(st.sampled_from(QUERY_NAMES + ["maxheight"]), ODD, max_size=4),
    cookie=st.one_of(ODD, HEADER_TEXT).map(lambda v: f"size={v}&theme={v}"),
    headers=st.dictionaries(
        st.sampled_from(["Range", "If-None-Match", "If-Range", "Accept", "Accept-Language"]),
        st.one_of(HEADER_TEXT, st.just("bytes=0-" + "9" * 4301)),
        max_size=3,
    ),
)
def test_any_query_cookie_and_headers_on_every_get_route_never_give_a_5xx(
    robust_app: Flask, route: str, query: dict[str, str], cookie: str, headers: dict[str, str]
) -> None:
    client = robust_app.test_client()
    value = cookie.encode("utf-8", "replace").decode("latin-1")
    cookie_header = "baonoi_prefs=" + value.replace("\n", "").replace("\r", "")
    headers = {**headers, "Cookie": cookie_header}
    if route == "/oembed":
        query.setdefault("url", READER)
    response = client.get(route, query_string=query, headers=headers)
    assert response.status_code < 500 or response.status_code in (501, 503), response.status_code


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    body=JSON,
    content_type=st.sampled_from(
        ["application/json", "text/html", "text/html; charset=punycode", "text/plain"]
    ),
    headers=st.dictionaries(
        st.sampled_from(["Authorization", "Content-Encoding", "Content-Type"]),
        HEADER_TEXT,
        max_size=2,
    ),
)
def test_any_json_and_headers_posted_to_the_api_never_give_a_5xx(
    robust_app: Flask, body: Any, content_type: str, headers: dict[str, str]
) -> None:
    client = robust_app.test_client()
    data = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    response = client.post(
        "/api/articles",
        data=data,
        headers={"Content-Type": content_type, **headers},
    )
    assert response.status_code < 500, response.get_data(as_text=True)
    assert client.delete("/api/articles/none-such", headers=headers).status_code < 500
