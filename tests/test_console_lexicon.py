"""``/admin/lexicon``: signed-in editors list, search, try by ear, add, edit and delete entries."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.audio import decode
from app.models import Article, Block, BlockKind
from app.web.context import get_services
from tests.console_support import form_token, post

AUDIO = re.compile(r'<audio controls[^>]* src="(/admin/lexicon/nghe-thu/[0-9a-f]{32}\.mp3)"')


def stored(services: Any, article_id: str, text: str) -> None:
    """A one-paragraph article in the store."""
    block = Block(BlockKind.PARAGRAPH, text, f"<p>{text}</p>")
    services.store.put_article(
        Article(title="Tin", id=article_id, version="v", created_at=1.0, blocks=[block])
    )


def audit_actions(app: Flask) -> list[tuple[str, str, str]]:
    """The audit log's (actor, action, subject), newest first."""
    events, _ = get_services(app).store.accounts().audit(0, 50)
    return [(e.actor, e.action, e.subject) for e in events]


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    for path in ("/admin/lexicon", "/admin/lexicon/nghe-thu/" + "0" * 32 + ".mp3"):
        answer = client.get(path)
        assert answer.status_code in (302, 303) and "/admin/login" in answer.headers["Location"]


def test_a_post_without_its_token_is_refused_with_400(editor_client: FlaskClient) -> None:
    answer = editor_client.post("/admin/lexicon", data={"written": "UBND", "spoken": "uỷ ban"})
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "CSRF" in page or "mã" in page
    assert editor_client.post("/admin/lexicon/delete", data={"written": "UBND"}).status_code == 400


def test_an_editor_adds_an_entry_and_it_is_used_and_audited(
    app: Flask, editor_client: FlaskClient, services: Any
) -> None:
    stored(services, "a", "Huyện Na Rì có mưa. Trời lạnh.")
    answer = post(editor_client, "/admin/lexicon", {"written": "Na Rì", "spoken": "na rì"})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "1 bài và 1 câu đọc khác đi" in page
    assert "Đã xếp hàng làm lại âm thanh 1 bài" in page
    assert "Huyện na rì có mưa." in page
    assert services.lexicon == {"Na Rì": "na rì"}
    assert ("test-editor", "lexicon_add", "Na Rì") in audit_actions(app)
    post(editor_client, "/admin/lexicon", {"written": "Na Rì", "spoken": "na ri"})
    assert ("test-editor", "lexicon_edit", "Na Rì") in audit_actions(app)
    entry = services.store.lexicon().get("Na Rì")
    assert entry.spoken == "na ri" and entry.changed_by == "test-editor"


def test_the_list_searches_and_an_entry_is_deleted(
    app: Flask, editor_client: FlaskClient, services: Any
) -> None:
    services.store.lexicon().put_many({"UBND": "uỷ ban", "Na Rì": "na rì"}, by="cli")
    page = editor_client.get("/admin/lexicon?q=uỷ").get_data(as_text=True)
    assert "UBND" in page and "Na Rì" not in page
    answer = post(editor_client, "/admin/lexicon/delete", {"written": "UBND"})
    assert answer.status_code == 200 and "Đã xóa cách đọc “UBND”" in answer.get_data(as_text=True)
    assert services.store.lexicon().table() == {"Na Rì": "na rì"}
    assert ("test-editor", "lexicon_delete", "UBND") in audit_actions(app)
    assert post(editor_client, "/admin/lexicon/delete", {"written": "UBND"}).status_code == 404


def test_markup_in_an_entry_shows_as_text(editor_client: FlaskClient) -> None:
    post(editor_client, "/admin/lexicon", {"written": "<b>x</b>", "spoken": "<i>y</i>"})
    page = editor_client.get("/admin/lexicon").get_data(as_text=True)
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page


@pytest.mark.parametrize(
    "data",
    [
        {"written": "", "spoken": "x"},
        {"written": "a\tb", "spoken": "x"},
        {"written": "x" * 5000, "spoken": "y"},
        {"written": "a", "spoken": "y" * 301},
    ],
)
def test_bad_entries_get_a_bilingual_400_and_keep_the_form(
    editor_client: FlaskClient, data: dict[str, str]
) -> None:
    answer = post(editor_client, "/admin/lexicon", data)
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert 'role="alert"' in page and 'lang="en"' in page


def test_the_edit_link_fills_the_form_and_a_sentence_from_the_articles(
    editor_client: FlaskClient, services: Any
) -> None:
    stored(services, "a", "Trời lạnh. Huyện Na Rì có mưa.")
    services.store.lexicon().put_many({"Na Rì": "na rì"}, by="cli")
    page = editor_client.get("/admin/lexicon?written=Na+R%C3%AC").get_data(as_text=True)
    assert 'value="na rì"' in page and ">Huyện Na Rì có mưa.</textarea>" in page


def test_trying_speaks_the_example_sentence_in_every_voice_before_saving(
    editor_client: FlaskClient, services: Any
) -> None:
    stored(services, "a", "Trời lạnh. Huyện Na Rì có mưa.")
    answer = post(
        editor_client, "/admin/lexicon", {"written": "Na Rì", "spoken": "na rì", "action": "try"}
    )
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Huyện Na Rì có mưa." in page and "Huyện na rì có mưa." in page
    sources = AUDIO.findall(page)
    assert len(sources) == 1  # one configured voice
    heard = editor_client.get(sources[0])
    assert heard.status_code == 200 and heard.mimetype == "audio/mpeg"
    samples, rate = decode(heard.get_data())
    assert len(samples) / rate > 0.5
    assert services.store.lexicon().table() == {}  # nothing saved
    ranged = editor_client.get(sources[0], headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 206 and len(ranged.get_data()) == 10


def test_trying_without_an_article_uses_a_carrier_sentence(editor_client: FlaskClient) -> None:
    data = {"written": "Pác Nặm", "spoken": "pác nặm", "action": "try"}
    page = post(editor_client, "/admin/lexicon", data).get_data(as_text=True)
    assert "Xin mời nghe thử cách đọc Pác Nặm trong câu này." in page


def test_tries_are_bounded_per_account_and_by_length(editor_client: FlaskClient) -> None:
    data = {"written": "a", "spoken": "a", "action": "try", "sentence": "x" * 301}
    assert post(editor_client, "/admin/lexicon", data).status_code == 400
    data["sentence"] = "a."
    answers = [post(editor_client, "/admin/lexicon", data).status_code for _ in range(10)]
    assert answers[-1] == 429 and 200 in answers
    page = post(editor_client, "/admin/lexicon", data).get_data(as_text=True)
    assert "thử lại" in page


def test_an_unknown_or_malformed_try_is_404(editor_client: FlaskClient) -> None:
    assert editor_client.get("/admin/lexicon/nghe-thu/" + "0" * 32 + ".mp3").status_code == 404
    assert editor_client.get("/admin/lexicon/nghe-thu/..%2F..%2Fx.mp3").status_code == 404


def test_the_console_page_sends_the_strict_csp(editor_client: FlaskClient) -> None:
    answer = editor_client.get("/admin/lexicon")
    csp = answer.headers["Content-Security-Policy"]
    assert "media-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp and answer.headers["Cache-Control"] == "no-store"
    assert form_token(editor_client, "/admin/lexicon")


def test_opening_entries_is_bounded_per_account(editor_client: FlaskClient) -> None:
    answers = [editor_client.get("/admin/lexicon?written=UBND").status_code for _ in range(61)]
    assert answers[:60] == [200] * 60 and answers[60] == 429
    assert editor_client.get("/admin/lexicon").status_code == 200  # the list itself is not


def test_a_try_without_a_written_form_is_refused_before_any_search(
    editor_client: FlaskClient, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_search(*_: Any) -> str:
        raise AssertionError("searched the articles")

    monkeypatch.setattr("app.web.console.lexicon.example_sentence", no_search)
    answer = post(editor_client, "/admin/lexicon", {"written": " ", "spoken": "x", "action": "try"})
    assert answer.status_code == 400 and 'role="alert"' in answer.get_data(as_text=True)


def test_a_huge_form_is_cut_or_refused_never_a_500(editor_client: FlaskClient) -> None:
    answer = post(editor_client, "/admin/lexicon", {"written": "a" * 3_000_000, "spoken": "b"})
    assert answer.status_code in (400, 413)


def test_a_large_change_says_the_rest_goes_on_in_the_background(
    editor_client: FlaskClient, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.web.console.lexicon.CHANGE_BUDGET_S", 0)
    for name in ("a", "b"):
        stored(services, name, "Huyện Na Rì có mưa.")
    page = post(editor_client, "/admin/lexicon", {"written": "Na Rì", "spoken": "na rì"})
    assert "Đến giờ đã thấy 1 bài" in page.get_data(as_text=True)
    for thread in threading.enumerate():
        if thread.name == "lexicon-change":
            thread.join(timeout=60)
    assert services.store.get_article("b").audio_key
