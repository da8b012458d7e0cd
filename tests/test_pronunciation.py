"""A lexicon change: which articles and sentences it alters, and only those sentences re-made."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from app.models import Article, Block, BlockKind
from app.pipeline import audio_state, get_article, ingest, synthesize
from app.pronunciation import delete_entry, fragments, import_table, save_entry
from app.services import Services
from app.speech.engines.base import Engine, Speech


class CountingEngine:
    """The real engine, counting the sentences it is asked to speak (same name, voice, version:
    the same cache keys)."""

    def __init__(self, inner: Engine) -> None:
        self.inner, self.calls = inner, []
        self.name, self.voice, self.version = inner.name, inner.voice, inner.version
        self.robotic = inner.robotic

    def synthesize(self, text: str) -> Speech:
        """Count, then speak."""
        self.calls.append(text)
        return self.inner.synthesize(text)

    def available(self) -> bool:
        """As the real engine."""
        return self.inner.available()


def counting(services: Services) -> CountingEngine:
    """Put a counting wrapper around the services' engine."""
    engine = CountingEngine(services.engine)
    services._engine = engine
    return engine


def stored(services: Services, article_id: str, text: str, title: str = "Tin") -> Article:
    """A one-paragraph article in the store (no audio made)."""
    article = Article(
        title=title,
        id=article_id,
        version="v1",
        created_at=1.0,
        blocks=[Block(BlockKind.PARAGRAPH, text, f"<p>{text}</p>")],
    )
    services.store.put_article(article)
    return article


def ready(services: Services, article_id: str, timeout: float = 60) -> Any:
    """The article's audio state once the queued re-making is done."""
    services.queue.wait(timeout)
    article = get_article(services, article_id)
    return audio_state(services, article)


def test_saving_an_entry_counts_the_articles_and_sentences_it_changes(services: Services) -> None:
    stored(services, "a", "Huyện Na Rì có mưa. Trời lạnh. Na Rì đẹp.")
    stored(services, "b", "Huyện Ba Bể có nắng.")
    stored(services, "c", "Tên Na Ri viết khác.")
    _, impact = save_entry(services, "Na Rì", "na rì", by="lan")
    assert impact.articles == ["a"]
    assert impact.sentences == 2 and impact.new_forms == 2 and impact.queued == 1
    assert [c.text for c in impact.examples] == ["Huyện Na Rì có mưa.", "Na Rì đẹp."]
    assert (impact.examples[0].before, impact.examples[0].after) == (
        "Huyện Na Rì có mưa.",
        "Huyện na rì có mưa.",
    )
    entry = services.store.lexicon().get("Na Rì")
    assert entry is not None and (entry.spoken, entry.changed_by) == ("na rì", "lan")


def test_only_the_changed_articles_get_a_new_audio_key(services: Services) -> None:
    a = stored(services, "a", "Huyện Na Rì có mưa.")
    b = stored(services, "b", "Huyện Ba Bể có nắng.")
    for article in (a, b):
        article.audio_key = ""
    services.store.put_article(a)
    services.store.put_article(b)
    save_entry(services, "Na Rì", "na rì", by="lan")
    assert get_article(services, "a").audio_key != ""
    assert get_article(services, "b").audio_key == ""


def test_saving_the_same_reading_again_changes_nothing(services: Services) -> None:
    stored(services, "a", "Huyện Na Rì có mưa.")
    save_entry(services, "Na Rì", "na rì", by="lan")
    _, impact = save_entry(services, "Na Rì", "na rì", by="minh")
    assert impact.articles == [] and impact.queued == 0


def test_an_entry_for_a_word_the_reading_adds_finds_articles_without_it(
    services: Services,
) -> None:
    figure = Article(
        title="Tin",
        id="fig",
        version="v",
        blocks=[Block(BlockKind.FIGURE, "Lễ khai mạc.", "<figure></figure>")],
    )
    services.store.put_article(figure)
    assert fragments("Ảnh") == [""]  # "Ảnh: …" is added by the reading, never stored
    _, impact = save_entry(services, "Ảnh", "hình", by="lan")
    assert impact.articles == ["fig"]


def test_a_table_header_lowered_by_the_reading_is_still_found() -> None:
    assert "Diện" in fragments("diện tích") and "diện" in fragments("diện tích")


def test_import_counts_each_changed_entry_once(services: Services) -> None:
    stored(services, "a", "Huyện Na Rì có mưa.")
    stored(services, "b", "Huyện Ba Bể có nắng.")
    impact = import_table(services, {"Na Rì": "na rì", "Ba Bể": "ba bể"}, by="cli")
    assert sorted(impact.articles) == ["a", "b"] and impact.sentences == 2
    impact = import_table(services, {"Na Rì": "na rì", "Ba Bể": "ba bể"}, by="cli")
    assert impact.articles == []


@pytest.mark.slow
@pytest.mark.own_audio
def test_one_entry_change_sends_only_its_sentences_to_the_engine(
    services: Services, sample_page: bytes
) -> None:
    engine = counting(services)
    article, _ = ingest(services, sample_page, queue_audio=False)
    synthesize(services, article.id)
    full = len(engine.calls)
    engine.calls.clear()

    _, impact = save_entry(services, "Bắc Kạn", "bắc cạn", by="lan")
    assert impact.articles == [article.id] and impact.queued == 1
    assert ready(services, article.id).status.value == "ready"
    assert len(engine.calls) == impact.new_forms == impact.sentences
    assert all("bắc cạn" in call for call in engine.calls)
    assert 0 < len(engine.calls) <= full // 5, (len(engine.calls), full)

    engine.calls.clear()
    _, back = delete_entry(services, "Bắc Kạn")  # the old audio is still there: nothing made
    assert back.articles == [article.id]
    assert ready(services, article.id).status.value == "ready"
    assert engine.calls == []


def test_a_change_too_large_for_its_budget_goes_on_in_the_background(services: Services) -> None:
    for name in ("a", "b", "c"):
        stored(services, name, f"Huyện Na Rì có mưa {name}.")
    keys_before = {n: get_article(services, n).audio_key for n in "abc"}
    _, impact = save_entry(services, "Na Rì", "na rì", by="lan", budget_s=0)
    assert impact.partial and len(impact.articles) == 1 and impact.queued == 0
    for thread in threading.enumerate():
        if thread.name == "lexicon-change":
            thread.join(timeout=60)
    assert all(get_article(services, n).audio_key != keys_before[n] for n in "abc")


def test_many_changed_articles_are_re_keyed_in_the_background(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.pronunciation.SYNC_REMAKES", 1)
    for name in ("a", "b"):
        stored(services, name, "Huyện Na Rì có mưa.")
    _, impact = save_entry(services, "Na Rì", "na rì", by="lan", budget_s=60)
    assert not impact.partial and impact.later and len(impact.articles) == 2
    for thread in threading.enumerate():
        if thread.name == "lexicon-change":
            thread.join(timeout=60)
    assert all(get_article(services, n).audio_key for n in "ab")
