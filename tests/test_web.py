"""The web service: reader pages, preferences without JavaScript, the API (audio over HTTP:
``test_audio_http.py``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from app.models import AudioStatus
from app.pipeline import ingest
from app.speech.render import LEAD_IN_MS
from app.web.context import get_services
from tests.conftest import ARTICLE_ID


def test_posting_a_page_gives_201_with_the_article_json(ingested: dict[str, Any]) -> None:
    assert ingested["id"] == ARTICLE_ID
    assert ingested["title"].startswith("Tiếp tục nâng cao chất lượng")
    assert ingested["reader_url"].endswith(f"/articles/{ARTICLE_ID}")
    assert ingested["audio"]["status"] in {"queued", "running", "ready"}
    assert ingested["audio"]["mp3_url"].endswith("/audio.mp3")


@pytest.mark.own_audio
def test_posting_the_same_page_again_gives_200_and_the_same_version(
    client: FlaskClient, short_page: bytes, services: Any
) -> None:
    first = client.post("/api/articles?id=s1", data=short_page, content_type="text/html")
    again = client.post("/api/articles?id=s1", data=short_page, content_type="text/html")
    assert first.status_code == 201 and again.status_code == 200
    assert again.get_json()["version"] == first.get_json()["version"]
    services.queue.wait(timeout=120)
    assert client.get("/articles/s1/audio.mp3", follow_redirects=True).status_code == 200
    assert services.store.incr("syntheses", 0) == 1


def test_json_body_with_html_is_accepted(client: FlaskClient, sample_page: bytes) -> None:
    response = client.post("/api/articles", json={"html": sample_page.decode(), "id": "x1"})
    assert response.status_code == 201
    assert client.get("/api/articles/x1").get_json()["id"] == "x1"


def test_reader_page_has_title_and_lead_and_no_chrome(
    client: FlaskClient, ingested: dict[str, Any], sample_expected: dict[str, Any]
) -> None:
    html = client.get(f"/articles/{ARTICLE_ID}").get_data(as_text=True)
    assert sample_expected["title"] in html
    assert sample_expected["lead"] in html
    assert '<html lang="vi"' in html and "<main" in html and html.count("<h1") == 1
    for chrome in sample_expected["must_not_have"]:
        assert chrome not in html
    for markup in sample_expected["clean_html_must_not_have"]:
        if markup != "style=":  # our own page sets the root font size inline
            assert markup not in html.split("<article", 1)[1].split("</article>")[0]


def test_reader_page_applies_preferences_without_javascript(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    page = client.get(f"/articles/{ARTICLE_ID}?size=7&theme=contrast&spacing=wide")
    html = page.get_data(as_text=True)
    assert 'class="t-contrast sp-wide' in html and "font-size:300%" in html
    assert "baonoi_prefs=" in page.headers["Set-Cookie"]
    remembered = client.get(f"/articles/{ARTICLE_ID}").get_data(as_text=True)
    assert 'class="t-contrast sp-wide' in remembered and "font-size:300%" in remembered


def test_reader_page_ignores_invalid_preferences(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    html = client.get(f"/articles/{ARTICLE_ID}?size=abc&theme=<script>").get_data(as_text=True)
    assert 'class="t-light' in html and "<script>" not in html


def test_low_data_setting_omits_images_but_keeps_captions(
    client: FlaskClient, services: Any, sample_page: bytes, sample_expected: dict[str, Any]
) -> None:
    # With its source address, its pictures resolve to the portal's (without, they are alt text).
    url = "https://backan.gov.vn/Pages/chat-luong-to-chuc-dang.aspx"
    ingest(services, sample_page, url=url, article_id="with-base", queue_audio=False)
    full = client.get("/articles/with-base").get_data(as_text=True)
    low = client.get("/articles/with-base?lowdata=1").get_data(as_text=True)
    assert "<img" in full and "<img" not in low
    assert sample_expected["captions"][0] in low


def test_index_lists_the_article(client: FlaskClient, ingested: dict[str, Any]) -> None:
    html = client.get("/").get_data(as_text=True)
    assert f'href="/articles/{ARTICLE_ID}"' in html


def test_timings_list_every_sentence_in_order(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    timings = json.loads(
        client.get(f"/articles/{ARTICLE_ID}/timings.json", follow_redirects=True).data
    )
    assert timings[0]["block"] == 0 and timings[0]["start"] == LEAD_IN_MS / 1000
    assert all(a["end"] <= b["start"] for a, b in zip(timings, timings[1:], strict=False))
    assert {"start", "end", "block", "text"} <= set(timings[0])


def test_api_shows_audio_ready_after_synthesis(
    client: FlaskClient, ingested: dict[str, Any], services: Any
) -> None:
    services.queue.wait(timeout=120)
    body = client.get(f"/api/articles/{ARTICLE_ID}").get_json()
    assert body["audio"]["status"] == AudioStatus.READY.value
    assert body["audio"]["progress"] == 1.0 and body["audio"]["duration_s"] > 60


@pytest.mark.own_audio
def test_delete_removes_the_article_and_its_audio(
    client: FlaskClient, short_page: bytes, services: Any
) -> None:
    client.post("/api/articles?id=s2", data=short_page, content_type="text/html")
    services.queue.wait(timeout=600)
    assert client.get("/articles/s2/audio.mp3", follow_redirects=True).status_code == 200
    assert client.delete("/api/articles/s2").status_code == 204
    assert client.get("/api/articles/s2").status_code == 404
    assert client.get("/articles/s2").status_code == 404
    assert not [p for p in services.audio_dir.iterdir() if p.is_file()]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"", "text/html", 400),
        (b"\x00\x01\x02\xff\xfe" * 50, "text/html", 422),
        (b"<html><body><p>hi</p></body></html>", "text/html", 422),
        (b"hello", "text/plain", 415),
        (b"[1, 2]", "application/json", 400),
        (b"{not json", "application/json", 400),
        (b'{"html": 5}', "application/json", 400),
        (b"{}", "application/json", 400),
    ],
)
def test_bad_input_gets_a_bilingual_4xx(
    client: FlaskClient, body: bytes, content_type: str, status: int
) -> None:
    response = client.post("/api/articles", data=body, content_type=content_type)
    assert response.status_code == status
    error = response.get_json()
    assert error["error"] and error["message"]["vi"] and error["message"]["en"]


def test_bad_article_id_is_refused(client: FlaskClient, sample_page: bytes) -> None:
    response = client.post("/api/articles?id=../../etc", data=sample_page, content_type="text/html")
    assert response.status_code == 400


def test_oversize_body_gets_413(client: FlaskClient) -> None:
    response = client.post(
        "/api/articles", data=b"a" * (5 * 1024 * 1024 + 1), content_type="text/html"
    )
    assert response.status_code == 413
    assert response.get_json()["message"]["vi"]


def test_unknown_article_gives_404_in_html_for_readers_and_json_for_the_api(
    client: FlaskClient,
) -> None:
    page = client.get("/articles/nope")
    assert page.status_code == 404 and "Không có bài viết" in page.get_data(as_text=True)
    api = client.get("/api/articles/nope")
    assert api.status_code == 404 and api.get_json()["error"] == "not_found"


def test_api_token_guards_writes(overrides: dict[str, Any], sample_page: bytes) -> None:
    from app import create_app

    app = create_app({**overrides, "api_token": "s3cret"})
    client = app.test_client()
    assert (
        client.post("/api/articles", data=sample_page, content_type="text/html").status_code == 401
    )
    ok = client.post(
        "/api/articles",
        data=sample_page,
        content_type="text/html",
        headers={"Authorization": "Bearer s3cret"},
    )
    assert ok.status_code == 201
    assert client.get(f"/api/articles/{ok.get_json()['id']}").status_code == 200
    get_services(app).close()


def test_healthz_reports_store_and_engine(client: FlaskClient) -> None:
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["store"] == "local" and body["engine"] == "espeak"


def test_ingest_rate_limit_answers_429_with_retry_after(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    from app import create_app

    app = create_app({**overrides, "ingest_per_minute": 2})
    client = app.test_client()
    statuses = [
        client.post(f"/api/articles?id=r{i}", data=short_page, content_type="text/html")
        for i in range(3)
    ]
    assert [r.status_code for r in statuses] == [201, 201, 429]
    assert statuses[2].headers["Retry-After"] == "60"
    assert statuses[2].get_json()["message"]["vi"]
    get_services(app).close()


def test_every_page_carries_security_headers(client: FlaskClient) -> None:
    for path in ("/", "/healthz", "/api/articles/nope"):
        headers = client.get(path).headers
        assert "default-src" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_bad_allowed_host_entry_fails_at_start_up(overrides: dict[str, Any]) -> None:
    from app import create_app
    from app.errors import ConfigError

    with pytest.raises(ConfigError):
        create_app({**overrides, "allowed_hosts": "*.*.vn"})


@pytest.mark.own_audio
def test_starting_new_audio_jobs_is_rate_limited_per_client(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    from app import create_app
    from app.pipeline import ingest

    app = create_app({**overrides, "synth_per_minute": 1})
    services = get_services(app)
    for article_id in ("q1", "q2"):
        ingest(
            services,
            short_page.replace(b"126", article_id.encode()),
            article_id=article_id,
            queue_audio=False,
        )
    client = app.test_client()
    assert client.get("/articles/q1/audio.mp3", follow_redirects=True).status_code in (
        200,
        503,
    )  # a job started
    services.queue.wait(timeout=600)
    refused = client.get("/articles/q2/audio.mp3", follow_redirects=True)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert (
        client.get("/articles/q1/audio.mp3", follow_redirects=True).status_code == 200
    )  # made audio is never limited
    services.queue.close()


@pytest.mark.own_audio  # the short page's audio must not be made already
def test_a_failed_audio_shows_the_public_its_category_not_the_error_text(
    client: FlaskClient, services: Any, short_page: bytes
) -> None:
    from app.models import AudioInfo
    from app.pipeline import ingest

    article, _ = ingest(services, short_page, article_id="broken", queue_audio=False)
    text = "HTTPConnectionPool(host='tts.internal', port=8443): /srv/baonoi/secret refused"
    failed = AudioInfo(
        key=article.audio_key, status=AudioStatus.FAILED, error=text, error_code="synthesis_failed"
    )
    services.store.put_audio(article.audio_key, failed)
    answer = client.get("/api/articles/broken")
    assert answer.status_code == 200
    error = answer.get_json()["audio"]["error"]
    assert error["error"] == "synthesis_failed"
    assert error["message"]["vi"] and error["message"]["en"]
    assert "tts.internal" not in answer.get_data(as_text=True)
    assert "8443" not in answer.get_data(as_text=True)
    assert services.store.get_audio(article.audio_key).error == text  # kept for the operators
