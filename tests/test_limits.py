"""Size, length and time limits: over them is a clear 4xx (or a failed job), nothing stored."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from app import create_app, pipeline, planning
from app.models import AudioStatus
from app.pipeline import ingest
from app.web.context import get_services


def post_gzip(client: FlaskClient, body: bytes, article_id: str) -> Any:
    """POST ``body`` as a gzip-encoded HTML page."""
    return client.post(
        f"/api/articles?id={article_id}",
        data=body,
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )


def test_gzip_body_inflating_past_the_body_limit_gets_413_and_nothing_is_stored(
    client: FlaskClient,
) -> None:
    page = b"<html><body><h1>Bom</h1><p>" + b"a" * 49_000_000 + b"</p></body></html>"
    bomb = gzip.compress(page)
    assert len(bomb) < 200_000
    response = post_gzip(client, bomb, "bomb")
    assert response.status_code == 413
    assert response.get_json()["message"]["vi"] and response.get_json()["message"]["en"]
    assert client.get("/api/articles/bomb").status_code == 404


def test_gzip_body_cut_short_gets_400_and_nothing_is_stored(
    client: FlaskClient, sample_page: bytes
) -> None:
    whole = gzip.compress(sample_page * 3)
    response = post_gzip(client, whole[: len(whole) * 6 // 10], "cut")
    assert response.status_code == 400
    assert response.get_json()["error"] == "truncated_body"
    assert client.get("/api/articles/cut").status_code == 404


def test_gzip_header_on_a_body_that_is_not_gzip_gets_400(
    client: FlaskClient, short_page: bytes
) -> None:
    assert post_gzip(client, short_page, "plain").status_code == 400


def test_unknown_content_encoding_gets_415(client: FlaskClient, short_page: bytes) -> None:
    response = client.post(
        "/api/articles?id=br",
        data=short_page,
        headers={"Content-Type": "text/html", "Content-Encoding": "br"},
    )
    assert response.status_code == 415 and response.get_json()["message"]["vi"]


def test_article_longer_than_max_article_chars_gets_413_and_nothing_is_stored(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    app = create_app({**overrides, "max_article_chars": 300})
    client = app.test_client()
    response = client.post("/api/articles?id=long", data=short_page, content_type="text/html")
    assert response.status_code == 413
    assert "300" in response.get_json()["message"]["en"]
    assert client.get("/api/articles/long").status_code == 404
    get_services(app).close()


def _long_page(paragraphs: int) -> bytes:
    """A page of ``paragraphs`` distinct sentences of about 200 characters each."""
    body = "".join(
        f"<p>Đoạn số {n}: cán bộ, đảng viên tỉnh Bắc Kạn tiếp tục nâng cao chất lượng hoạt động "
        f"của tổ chức cơ sở đảng, thực hiện tốt nhiệm vụ phát triển kinh tế xã hội năm {n}.</p>"
        for n in range(paragraphs)
    )
    head = "<html><head><title>Dài</title></head><body><article><h1>Dài</h1>"
    return f"{head}{body}</article></body></html>".encode()


def test_an_over_long_article_is_refused_before_the_rest_of_it_is_cleaned_or_normalized(
    overrides: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaned: list[str] = []
    real_sanitize = pipeline.sanitize
    monkeypatch.setattr(
        pipeline, "sanitize", lambda html, **kw: cleaned.append(html) or real_sanitize(html, **kw)
    )
    app = create_app({**overrides, "max_article_chars": 1000})
    client = app.test_client()
    response = client.post("/api/articles?id=long", data=_long_page(2000), content_type="text/html")
    assert response.status_code == 413
    assert "over" in response.get_json()["message"]["en"]
    assert len(cleaned) < 20  # of 2000 paragraphs: refused once the count passed 1000
    assert client.get("/api/articles/long").status_code == 404
    get_services(app).close()


def test_an_article_exactly_at_the_limit_is_admitted_and_one_character_less_refuses_it(
    overrides: dict[str, Any], sample_page: bytes
) -> None:
    measure = create_app(overrides)
    article = pipeline.extract_article(sample_page)
    spoken = sum(len(u.spoken) for u in planning.plan(get_services(measure), article).units)
    get_services(measure).close()
    for limit, status in ((spoken, 201), (spoken - 1, 413)):
        app = create_app({**overrides, "max_article_chars": limit})
        response = app.test_client().post(
            f"/api/articles?id=at{limit}", data=sample_page, content_type="text/html"
        )
        assert response.status_code == status, (limit, spoken, response.get_json())
        get_services(app).close()


def test_the_default_article_length_limit_admits_the_sample_article(
    client: FlaskClient, sample_page: bytes
) -> None:
    response = client.post("/api/articles?id=ok", data=sample_page, content_type="text/html")
    assert response.status_code == 201


@pytest.mark.own_audio
def test_job_past_its_deadline_fails_with_its_error_recorded_and_no_files_left(
    overrides: dict[str, Any], sample_page: bytes
) -> None:
    app = create_app({**overrides, "synth_deadline_s": 1})
    services = get_services(app)
    article, _ = ingest(services, sample_page, article_id="slow")
    services.queue.wait(timeout=600)
    info = services.store.get_audio(article.audio_key)
    assert info.status is AudioStatus.FAILED and info.error_code == "deadline_passed"
    audio_dir = Path(overrides["audio_cache_dir"])
    assert not [p for p in audio_dir.glob("*") if p.is_file()]  # no half-made set
    answer = app.test_client().get("/api/articles/slow").get_json()
    assert answer["audio"]["status"] == "failed" and answer["audio"]["error"]
    services.close()


@pytest.mark.own_audio
def test_ingest_beyond_the_synth_limit_stores_the_article_but_queues_no_audio(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    app = create_app({**overrides, "synth_per_minute": 2})
    client = app.test_client()
    statuses = []
    for n in range(4):
        page = short_page.replace(b"126", f"12{n}99".encode())
        response = client.post(f"/api/articles?id=n{n}", data=page, content_type="text/html")
        assert response.status_code == 201
        statuses.append(response.get_json()["audio"]["status"])
    assert statuses[2:] == ["none", "none"]  # stored, audio made on first listen
    assert all(status != "none" for status in statuses[:2])
    refused = client.get("/articles/n3/audio.mp3")  # this client's budget is spent
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    get_services(app).queue.wait(timeout=600)
    get_services(app).close()


def test_addresses_of_one_ipv6_64_share_one_rate_limit(
    overrides: dict[str, Any], short_page: bytes
) -> None:
    app = create_app({**overrides, "ingest_per_minute": 2, "open_api": True})
    client = app.test_client()

    def post(address: str, article_id: str) -> int:
        return int(
            client.post(
                f"/api/articles?id={article_id}",
                data=short_page,
                content_type="text/html",
                environ_base={"REMOTE_ADDR": address},
            ).status_code
        )

    assert post("2001:db8:1:2::1", "v1") == 201
    assert post("2001:db8:1:2:ffff:ffff:ffff:9", "v2") == 201
    assert post("2001:db8:1:2:8000::abcd", "v3") == 429  # the same /64: the same client
    assert post("2001:db8:1:3::1", "v4") == 201  # the next /64: another client
    assert post("203.0.113.7", "v5") == 201
    assert post("::ffff:203.0.113.7", "v6") == 201  # IPv4-mapped: the IPv4 client
    assert post("203.0.113.7", "v7") == 429
    get_services(app).close()
