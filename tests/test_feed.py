"""The podcast feed stays well-formed XML whatever characters an article's text holds."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from app import create_app
from app.models import xml_text
from app.pipeline import ingest
from app.web.context import get_services

TITLE = "Hội nghị tổng kết công tác cải cách hành chính năm 2021"
AUTHOR = "Thu Hằng"
HOSTILE = [
    "&#1;",
    "&#xFFFE;",
    "&#xFFFF;",
    "\x01",
    "\x1b",
    "\x7f",
    "\ufffe",
    "\uffff",
    "&#0;",
    "\x0c",
]


@pytest.fixture(scope="module")
def feed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An embedded service for the generated articles (audio never queued)."""
    root = tmp_path_factory.mktemp("feed")
    app = create_app(
        {"data_dir": root / "i", "audio_cache_dir": root / "a", "tts_engine": "espeak"}
    )
    yield app
    get_services(app).close()


@pytest.fixture(scope="module")
def page(data_dir: Path) -> str:
    """The short portal page as text, with title and author to replace."""
    return (data_dir / "portal" / "sonlam-2021-11-05-zone-variant.html").read_text("utf-8")


def hostile_text() -> st.SearchStrategy[str]:
    """Text mixing any characters with control and noncharacter references."""
    piece = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5).map(html.escape))
    return st.lists(piece, max_size=8).map("".join)


def _feed_parses(app: Flask) -> Any:
    """The feed parsed by a strict XML parser."""
    body = app.test_client().get("/feed.xml").data
    return etree.fromstring(body, etree.XMLParser(recover=False, resolve_entities=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile_text(), author=hostile_text())
def test_feed_is_well_formed_xml_whatever_the_title_and_author_hold(
    feed_app: Flask, page: str, title: str, author: str
) -> None:
    text = page.replace(TITLE, f"A {title} B").replace(AUTHOR, f"C {author}")
    article, _ = ingest(get_services(feed_app), text.encode(), article_id="t", queue_audio=False)
    assert article.title == xml_text(article.title)
    tree = _feed_parses(feed_app)
    assert tree.find("channel/item/title") is not None


def test_control_character_reference_in_a_title_is_stripped_at_ingest(
    feed_app: Flask, page: str
) -> None:
    text = page.replace(TITLE, "A &#1; B &#xFFFE;C")
    article, _ = ingest(get_services(feed_app), text.encode(), article_id="c1", queue_audio=False)
    stored = get_services(feed_app).store.get_article("c1")
    assert stored is not None and stored.title == article.title == "A  B C"
    assert "A  B C" in [t.text for t in _feed_parses(feed_app).iter("title")]


def test_unpaired_bidi_controls_leave_titles_captions_and_the_feed(
    feed_app: Flask, page: str
) -> None:
    text = page.replace(TITLE, "Tin \u202egpj.exe và \u2067đúng\u2069 \u2069").replace(
        "Quang cảnh hội nghị", "Quang cảnh \u202ahội nghị"
    )
    ingest(get_services(feed_app), text.encode(), article_id="b1", queue_audio=False)
    stored = get_services(feed_app).store.get_article("b1")
    assert stored is not None
    assert stored.title == "Tin gpj.exe và \u2067đúng\u2069 "  # the pair stays: it isolates
    assert stored.captions == ["Quang cảnh hội nghị"]
    assert all("\u202a" not in b.html for b in stored.blocks)
    titles = [t.text for t in _feed_parses(feed_app).iter("title")]
    assert stored.title in titles and not any("\u202e" in (t or "") for t in titles)
