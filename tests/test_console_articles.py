"""The console's articles (``/admin/``, ``/admin/articles/<id>``) and its work page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.errors import SynthesisError
from app.models import Article, AudioInfo, AudioStatus, Block, BlockKind
from app.pipeline import ingest, synthesize
from app.services import Services
from app.store import worklog
from app.web.context import get_services
from tests.console_support import form_token, post


def add(services: Services, n: int, title: str, status: AudioStatus | None = None) -> Article:
    """A stored article (no page behind it), its default voice's audio in ``status``."""
    article = Article(
        title=title,
        id=f"bai-{n}",
        version="v1",
        created_at=float(n),
        audio_key=f"key{n}".ljust(32, "0"),
        source_url=f"https://portal.example/tin/{n}.html",
        blocks=[Block(BlockKind.PARAGRAPH, "Năm 2021 có 3 đợt.", "<p>Năm 2021 có 3 đợt.</p>")],
    )
    services.store.put_article(article)
    if status is not None:
        services.store.put_audio(article.audio_key, AudioInfo(key=article.audio_key, status=status))
    return article


def audit_actions(app: Flask) -> list[tuple[str, str]]:
    """(action, subject) of the audit log, newest first."""
    events, _ = get_services(app).store.accounts().audit(0, 50)
    return [(e.action, e.subject) for e in events]


@pytest.fixture
def made(app: Flask, short_page: bytes) -> Iterator[Article]:
    """The short sample article, its audio made."""
    services = get_services(app)
    article, _ = ingest(services, short_page, article_id="ngan", queue_audio=False)
    synthesize(services, article.id)
    yield article


@pytest.mark.parametrize("path", ["/admin/", "/admin/articles/bai-1", "/admin/work"])
def test_console_pages_send_the_signed_out_to_sign_in(client: FlaskClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 303 and "/admin/login" in answer.headers["Location"]


@pytest.mark.parametrize(
    "path", ["/admin/articles/bai-1/remake", "/admin/articles/bai-1/delete", "/admin/work/retry"]
)
def test_console_actions_need_their_form_token(
    app: Flask, editor_client: FlaskClient, path: str
) -> None:
    add(get_services(app), 1, "Bài một")
    answer = editor_client.post(path, data={"article": "bai-1", "confirm": "yes"})
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert "mã bảo vệ" in text and "protection token" in text  # both languages
    assert get_services(app).store.get_article("bai-1") is not None


def test_article_list_searches_without_diacritics_filters_and_pages(
    app: Flask, editor_client: FlaskClient
) -> None:
    services = get_services(app)
    for n in range(1, 56):
        add(services, n, f"Tin thường {n}", AudioStatus.READY)
    add(services, 60, "Lũ quét ở Bắc Kạn", AudioStatus.FAILED)
    add(services, 61, "Mùa lúa Bắc Kạn")
    page = editor_client.get("/admin/").get_data(as_text=True)
    assert "57 bài" in page and "Trang 1/2" in page and "Mùa lúa Bắc Kạn" in page
    assert "Tin thường 5<" not in page and 'href="/admin/?page=2"' in page
    assert "Tin thường 5<" in editor_client.get("/admin/?page=2").get_data(as_text=True)
    found = editor_client.get("/admin/?q=bac+kan").get_data(as_text=True)
    assert "2 bài khớp" in found and "Lũ quét" in found and "Tin thường" not in found
    failed = editor_client.get("/admin/?q=bac+kan&state=failed").get_data(as_text=True)
    assert "1 bài khớp" in failed and "Lũ quét" in failed and "Mùa lúa" not in failed
    assert "Lỗi" in failed
    none = editor_client.get("/admin/?state=none").get_data(as_text=True)
    assert "Mùa lúa" in none and "Chưa làm" in none and "≈ " in none


@pytest.mark.parametrize(
    "query", ["?page=-1", "?page=99999999999", "?state=<x>", "?q=" + "a" * 5000, "?page=abc"]
)
def test_article_list_takes_any_query_without_failing(
    editor_client: FlaskClient, query: str
) -> None:
    assert editor_client.get("/admin/" + query).status_code == 200


def test_markup_in_a_title_shows_as_text(app: Flask, editor_client: FlaskClient) -> None:
    add(get_services(app), 1, "<script>alert(1)</script><b>đậm</b>")
    for path in ("/admin/", "/admin/articles/bai-1"):
        page = editor_client.get(path).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "<b>đậm" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in page


def test_an_article_shows_its_fields_and_sentences_written_and_spoken(
    app: Flask, editor_client: FlaskClient
) -> None:
    add(get_services(app), 1, "Bài một")
    page = editor_client.get("/admin/articles/bai-1").get_data(as_text=True)
    assert "https://portal.example/tin/1.html" in page and "Chưa làm" in page
    assert '<th scope="col">Dạng viết</th><th scope="col">Dạng đọc</th>' in page
    row = re.search(r"<td>Năm 2021 có 3 đợt\.</td><td>([^<]+)</td>", page)
    assert row is not None and "hai nghìn" in row.group(1) and "ba" in row.group(1)
    assert 'href="/articles/bai-1"' in page  # open in the reader


def test_a_made_article_plays_each_sentence_from_its_mp3(
    made: Article, editor_client: FlaskClient
) -> None:
    page = editor_client.get(f"/admin/articles/{made.id}").get_data(as_text=True)
    players = re.findall(r'<audio controls preload="none" src="([^"]+)"', page)
    assert len(players) > 3
    assert all(re.fullmatch(r"/audio/\w+\.\w+\.mp3#t=\d+\.\d\d,\d+\.\d\d", p) for p in players)
    assert "KiB" in page and "Đã có" in page
    assert re.search(r"máy \(eSpeak NG\)|eSpeak", page)
    mp3 = players[0].partition("#")[0]
    assert editor_client.get(mp3).status_code == 200


def test_remake_queues_every_voice_again_from_the_sentence_cache(
    app: Flask, made: Article, editor_client: FlaskClient
) -> None:
    services = get_services(app)
    before = services.store.counters(["sentences_synthesized"])["sentences_synthesized"]
    answer = post(editor_client, f"/admin/articles/{made.id}/remake")
    assert answer.status_code == 303
    services.queue.wait(timeout=120)  # type: ignore[attr-defined]
    info = services.store.get_audio(made.audio_key)
    assert info.status is AudioStatus.READY
    after = services.store.counters(["sentences_synthesized"])["sentences_synthesized"]
    assert after == before  # every sentence came from the cache
    assert ("article_remake", made.id) in audit_actions(app)


def test_delete_needs_its_confirmation_then_removes_the_article(
    app: Flask, editor_client: FlaskClient
) -> None:
    add(get_services(app), 1, "Bài một")
    refused = post(editor_client, "/admin/articles/bai-1/delete")
    assert refused.status_code == 400 and "xác nhận" in refused.get_data(as_text=True)
    assert "confirm" in refused.get_data(as_text=True)
    answer = post(editor_client, "/admin/articles/bai-1/delete", {"confirm": "yes"})
    assert answer.status_code == 303
    assert get_services(app).store.get_article("bai-1") is None
    assert ("article_delete", "bai-1") in audit_actions(app)
    assert editor_client.get("/admin/articles/bai-1").status_code == 404


@pytest.mark.own_audio
def test_a_failed_job_shows_its_reason_and_thu_lai_queues_it_again(
    app: Flask, editor_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, short_page: bytes
) -> None:
    services = get_services(app)
    article, _ = ingest(services, short_page, article_id="hong", queue_audio=False)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise SynthesisError(detail="máy đọc hỏng")

    monkeypatch.setattr("app.pipeline._make_audio", broken)
    with pytest.raises(SynthesisError):
        synthesize(services, article.id)
    monkeypatch.undo()
    page = editor_client.get("/admin/work").get_data(as_text=True)
    assert "Lỗi gần đây" in page and "hong" in page and "synthesis_failed" in page
    assert "Thử lại" in page and "Người nghe đang chờ" in page
    answer = post(editor_client, "/admin/work/retry", {"article": "hong", "voice": ""})
    assert answer.status_code == 303
    services.queue.wait(timeout=120)  # type: ignore[attr-defined]
    assert services.store.get_audio(article.audio_key).status is AudioStatus.READY
    assert ("article_retry", "hong") in audit_actions(app)


def test_retry_refuses_an_unknown_article_or_voice(app: Flask, editor_client: FlaskClient) -> None:
    add(get_services(app), 1, "Bài một")
    assert post(editor_client, "/admin/work/retry", {"article": "khong-co"}).status_code == 404
    assert post(editor_client, "/admin/work/retry", {"article": "../x"}).status_code == 400
    bad_voice = post(editor_client, "/admin/work/retry", {"article": "bai-1", "voice": "x"})
    assert bad_voice.status_code == 400 and "Không có giọng" in bad_voice.get_data(as_text=True)


def test_work_page_shows_jobs_fetch_failures_and_feed_passes(
    app: Flask, editor_client: FlaskClient
) -> None:
    services = get_services(app)
    article = add(services, 1, "Bài một")
    running = AudioInfo(key=article.audio_key, status=AudioStatus.RUNNING, progress=0.4)
    services.store.put_audio(article.audio_key, running)
    log = services.store.work_log()
    log.record(
        worklog.FETCH, {"url": "https://portal.example/x", "outcome": "timeout", "vi": "Hết giờ"}
    )
    log.record_pass(
        "https://portal.example/rss", {"new": 4, "changed": 1, "unchanged": 7, "failed": 2}
    )
    page = editor_client.get("/admin/work").get_data(as_text=True)
    assert "bai-1" in page and "40%" in page and "Đang làm" in page
    assert "https://portal.example/x" in page and "Hết giờ" in page
    assert "https://portal.example/rss" in page and ">4<" in page and ">7<" in page
    assert 'href="/admin/work"' in page  # the refresh link


def test_console_pages_send_the_strict_csp_and_cannot_be_framed(
    made: Article, editor_client: FlaskClient
) -> None:
    for path in ("/admin/", f"/admin/articles/{made.id}", "/admin/work"):
        answer = editor_client.get(path)
        csp = answer.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert form_token(editor_client, path)  # every page carries the sign-out form's token


def test_the_list_shows_each_voice_state_when_several_are_offered(
    overrides: dict[str, Any],
) -> None:
    from app import create_app
    from tests.console_support import signed_in

    app = create_app({**overrides, "voices": "Giọng một=espeak; Giọng hai=espeak,gtts"})
    try:
        services = get_services(app)
        article = add(services, 1, "Bài một", AudioStatus.READY)
        services.store.catalog().note_voice(article.id, "giong-hai", "khai")
        services.store.put_audio("khai", AudioInfo(key="khai", status=AudioStatus.FAILED))
        page = signed_in(app).get("/admin/").get_data(as_text=True)
        assert '<th scope="col">Âm thanh (Giọng một)</th><th scope="col">Giọng hai</th>' in page
        assert "<td>Đã có</td><td>Lỗi</td>" in page
    finally:
        services.close()
