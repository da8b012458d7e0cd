"""A paid voice in a chain: rate limits, a budget spent mid-article, and labels that tell the truth.

The article is made through the real pipeline with ``gcloud,espeak`` against the loopback stand-in;
``/healthz`` and the reader page must then name the same voices, with how many sentences each spoke.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from app import create_app
from app.audiostate import audio_state
from app.cli import main
from app.config import load_settings
from app.errors import ConfigError, EngineUnavailable, SynthesisError
from app.models import Article, AudioStatus
from app.pipeline import ingest, synthesize
from app.planning import plan, voice_key
from app.serve import banner
from app.speech.engines import ChainEngine
from app.speech.engines.cloud import Resting
from app.speech.engines.espeak import EspeakEngine
from app.store import keys, open_store
from app.web.context import get_services
from tests.cloud_standin import API_KEY, CloudStandIn, Mode
from tests.integration.processes import Processes, free_port, wait_until
from tests.test_chain import Tone


@pytest.fixture
def gcloud(monkeypatch: pytest.MonkeyPatch) -> Iterator[CloudStandIn]:
    """Google Cloud TTS on loopback."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with CloudStandIn("gcloud") as standin:
        yield standin


def make_app(tmp_path: Path, standin: CloudStandIn, **more: Any) -> Flask:
    """The app speaking ``gcloud,espeak`` with the stand-in as Google, its own store and audio."""
    return create_app(
        {
            "data_dir": tmp_path / "instance",
            "audio_cache_dir": tmp_path / "audio",
            "tts_engine": "gcloud,espeak",
            "gcloud_api_key": API_KEY,
            "gcloud_url": standin.url,
            **more,
        }
    )


def reader_voice(app: Flask, article_id: str) -> str:
    """The "Giọng đọc: …" the reader page shows."""
    page = app.test_client().get(f"/articles/{article_id}").get_data(as_text=True)
    found = re.search(r"Giọng đọc: (.*?)\.\n", page)
    assert found, "the reader names no voice"
    return found.group(1)


def test_a_rate_limited_cloud_voice_is_filled_in_by_espeak_and_the_labels_agree(
    tmp_path: Path, gcloud: CloudStandIn, short_page: bytes
) -> None:
    gcloud.retry_after = "0"  # rest, then ask again at once: the next 429 comes from the script
    gcloud.script.extend([Mode.RATE_LIMITED] * 3)
    app = make_app(tmp_path, gcloud)
    services = get_services(app)
    try:
        article, _ = ingest(services, short_page, queue_audio=False)
        info = synthesize(services, article.id)
        total = len(plan(services, article).units)
        assert info.status is AudioStatus.READY
        assert info.engines == {"espeak": 3, "gcloud": total - 3}
        assert len(gcloud.received) == total  # three refused, then one per sentence
        label = reader_voice(app, article.id)
        assert (
            label == f"Google Cloud Wavenet-A (trực tuyến) {total - 3} câu, máy (eSpeak NG) 3 câu"
        )
        health = app.test_client().get("/healthz").get_json()
        assert health["voice_label"] == label
        assert health["voices_heard"] == {"espeak": 3, "gcloud": total - 3}
        assert health["robotic_voice"] is True  # eSpeak NG spoke some of it
    finally:
        services.close()


def test_the_chain_rests_a_rate_limited_engine_for_its_retry_after() -> None:
    now = [0.0]

    class Limited(Tone):
        def synthesize(self, text: str) -> Any:
            raise Resting("429", "429", rest_s=7.0, kind="rate")

    chain = ChainEngine([Limited("gcloud"), Tone("espeak")], clock=lambda: now[0])
    assert chain.run(lambda m: m.synthesize("một"))[1].name == "espeak"
    assert chain._resting[0] == 7.0
    now[0] = 6.9
    assert not chain._ready(0)
    now[0] = 7.1
    assert chain._ready(0)


@pytest.mark.parametrize("backend", ["local", "redis"])
def test_a_budget_spent_mid_article_hands_the_rest_to_espeak(
    tmp_path: Path,
    gcloud: CloudStandIn,
    short_page: bytes,
    backend: str,
    request: pytest.FixtureRequest,
) -> None:
    store = {"redis_url": request.getfixturevalue("redis_url")} if backend == "redis" else {}
    probe = make_app(tmp_path / "probe", gcloud)
    units = plan(
        get_services(probe), ingest(get_services(probe), short_page, queue_audio=False)[0]
    ).units
    get_services(probe).close()
    budget = sum(len(u.spoken) for u in units[:4])  # room for the first four sentences
    gcloud.received.clear()
    app = make_app(tmp_path, gcloud, gcloud_monthly_chars=budget, **store)
    services = get_services(app)
    try:
        article, _ = ingest(services, short_page, queue_audio=False)
        info = synthesize(services, article.id)
        assert info.status is AudioStatus.READY
        assert info.engines["gcloud"] >= 4 and sum(info.engines.values()) == len(units)
        sent = sum(len(r.text) for r in gcloud.received)
        counted = services.engine_use()["gcloud"]
        assert counted == sent <= budget
        assert services.store.counters([keys.engine_chars("gcloud")]) == {
            keys.engine_chars("gcloud"): sent
        }
        label = reader_voice(app, article.id)
        assert label.endswith("Google Cloud Wavenet-A (trực tuyến): đã hết hạn mức tháng này")
        health = app.test_client().get("/healthz").get_json()
        assert health["voice_label"] == label
        assert health["engines"][0]["budget_spent"] is True
    finally:
        services.close()


def test_a_budget_is_shared_by_every_process_through_the_store(
    tmp_path: Path, gcloud: CloudStandIn
) -> None:
    first = make_app(tmp_path, gcloud, gcloud_monthly_chars=100)
    second = make_app(tmp_path, gcloud, gcloud_monthly_chars=100)
    try:
        get_services(first).engine.synthesize("x" * 60)
        with pytest.raises(EngineUnavailable):
            chain = get_services(second).engine
            assert isinstance(chain, ChainEngine)
            chain.members[0].synthesize("y" * 60)
        assert get_services(second).engine_use()["gcloud"] == 60
    finally:
        get_services(first).close()
        get_services(second).close()


def test_healthz_names_espeak_when_it_spoke_every_sentence_of_an_auto_chain(
    tmp_path: Path, short_page: bytes
) -> None:
    app = create_app(
        {
            "data_dir": tmp_path / "instance",
            "audio_cache_dir": tmp_path / "audio",
            "tts_engine": "gtts,espeak",
        }
    )
    services = get_services(app)
    services.engine_factory = lambda: ChainEngine([Tone("gtts", up=False), EspeakEngine()])
    try:
        before = app.test_client().get("/healthz").get_json()
        assert before["voices_heard"] == {} and before["robotic_voice"] is False
        article, _ = ingest(services, short_page, queue_audio=False)
        synthesize(services, article.id)
        health = app.test_client().get("/healthz").get_json()
        assert health["voice_label"] == "máy (eSpeak NG)" == reader_voice(app, article.id)
        assert health["robotic_voice"] is True and list(health["voices_heard"]) == ["espeak"]
    finally:
        services.close()


def test_the_start_up_banner_names_address_store_voices_and_where_text_goes(
    tmp_path: Path,
) -> None:
    online = load_settings(
        {
            "redis_url": "redis://:s3cret@127.0.0.1:6379/0",
            "tts_engine": "gcloud,auto",
            "gcloud_monthly_chars": 500_000,
        },
        environ={},
    )
    said = banner("0.0.0.0", 8000, online)
    assert "http://0.0.0.0:8000/" in said and "Redis at redis://127.0.0.1:6379/0" in said
    assert "s3cret" not in said
    assert "Google Cloud Wavenet-A" in said and "500,000 characters a month" in said
    assert "sent to Google Cloud Text-to-Speech (texttospeech.googleapis.com)" in said
    assert "Google Translate's voice (an unofficial service)" in said and "LƯU Ý" in said
    offline = load_settings(
        {"data_dir": tmp_path, "tts_engine": "openai,espeak", "openai_url": "http://127.0.0.1:1"},
        environ={},
    )
    chosen = load_settings({"voices": CHOICES}, environ={})
    said = banner("127.0.0.1", 8000, chosen)
    assert "Giọng nam miền Bắc, in order: gcloud@vi-VN-Wavenet-D: Google Cloud Wavenet-D" in said
    assert said.count("NOTICE: article text is sent to Google Cloud") == 1
    alone = banner("127.0.0.1", 8000, load_settings({"tts_engine": "azure"}, environ={}))
    assert "WARNING: voices ends with the online azure" in alone and "CẢNH BÁO" in alone
    said = banner("127.0.0.1", 8000, offline)
    assert f"embedded SQLite at {tmp_path / 'baonoi.sqlite3'}" in said
    assert "stays on this machine" in said and "NOTICE" not in said


@pytest.mark.slow
def test_baonoi_serve_says_at_start_that_auto_sends_text_to_google(tmp_path: Path) -> None:
    env = {"BAONOI_DATA_DIR": str(tmp_path / "i"), "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "a")}
    running = Processes(env, tmp_path)  # the default voice list: auto
    try:
        running.start("web", "serve", "--port", str(free_port()))
        log = tmp_path / "web.log"
        wait_until(lambda: "LƯU Ý" in log.read_text("utf-8"), 30, "no notice printed")
        text = log.read_text("utf-8")
        assert "embedded SQLite" in text and "translate.google.com" in text
        assert "gtts: Google (trực tuyến), espeak: máy (eSpeak NG)" in text
    finally:
        running.stop_all()


def test_baonoi_voices_shows_each_engines_use_this_month(tmp_path: Path) -> None:
    settings = load_settings({"data_dir": tmp_path}, environ={})
    store = open_store(settings)
    store.incr(keys.engine_chars("gcloud"), 1234)
    store.close()
    env = {
        "BAONOI_DATA_DIR": str(tmp_path),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_GCLOUD_MONTHLY_CHARS": "10000",
        "BAONOI_VOICES": "Giọng máy=espeak; Giọng Google=gtts,espeak",
    }
    result = CliRunner().invoke(main, ["voices"], env=env)
    assert "listener's voice giong-may (default): Giọng máy = espeak" in result.output
    assert "listener's voice giong-google: Giọng Google = gtts,espeak" in result.output
    assert f"characters sent this month ({keys.month()}):" in result.output
    assert "gcloud: 1,234 of 10,000 (12.3%)" in result.output


CHOICES = (
    "Giọng nữ miền Bắc=gcloud@vi-VN-Wavenet-A,espeak; "
    "Giọng nam miền Bắc=gcloud@vi-VN-Wavenet-D,espeak"
)


@pytest.fixture
def two_voices(
    tmp_path: Path, gcloud: CloudStandIn, short_page: bytes
) -> Iterator[tuple[Flask, Article]]:
    """The app offering two Google Cloud voices, with the short article ingested."""
    app = make_app(tmp_path, gcloud, voices=CHOICES)
    article, _ = ingest(get_services(app), short_page, queue_audio=False)
    yield app, article
    get_services(app).close()


def test_a_listener_chooses_a_voice_that_is_remembered_and_made_as_its_own_audio(
    two_voices: tuple[Flask, Article], gcloud: CloudStandIn
) -> None:
    app, article = two_voices
    services = get_services(app)
    client = app.test_client()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Giọng nữ miền Bắc" in page and "voice=giong-nam-mien-bac" in page
    assert "Giọng đọc: Google Cloud Wavenet-A (trực tuyến); dự phòng" in page
    chosen = client.get(f"/articles/{article.id}?voice=giong-nam-mien-bac")
    assert "voice=giong-nam-mien-bac" in chosen.headers["Set-Cookie"]
    html = chosen.get_data(as_text=True)
    assert f"/articles/{article.id}/audio.mp3?voice=giong-nam-mien-bac" in html
    assert "Giọng đọc: Google Cloud Wavenet-D (trực tuyến); dự phòng" in html
    key = voice_key(services, article, "giong-nam-mien-bac")
    assert key != article.audio_key  # the voice is part of the audio key
    asked = client.get(f"/articles/{article.id}/audio.mp3")  # the cookie names the voice
    assert asked.status_code in (307, 503)
    services.queue.wait(120)
    assert {r.voice for r in gcloud.received} == {"vi-VN-Wavenet-D"}
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)  # still remembered
    assert f"/audio/{key}." in page
    label = re.search(r"Giọng đọc: (.*?)\.\n", page)
    assert label and label.group(1) == "Google Cloud Wavenet-D (trực tuyến)"
    health = client.get("/healthz").get_json()
    assert health["voice_label"] == label.group(1)
    assert [v["id"] for v in health["listener_voices"]] == [
        "giong-nu-mien-bac",
        "giong-nam-mien-bac",
    ]
    listen = client.post(f"/articles/{article.id}/listen").get_json()
    assert listen["key"] == key and listen["status"] == "ready"
    assert audio_state(services, article).status is not AudioStatus.READY  # default not made


def test_an_unknown_voice_in_the_cookie_falls_back_to_the_default(
    two_voices: tuple[Flask, Article],
) -> None:
    app, article = two_voices
    page = app.test_client().get(f"/articles/{article.id}?voice=gone").get_data(as_text=True)
    assert "Giọng đọc: Google Cloud Wavenet-A" in page and "audio.mp3?voice" not in page
    assert voice_key(get_services(app), article, "gone") == article.audio_key


@pytest.mark.parametrize(
    "spec",
    ["no label", "=espeak", "Giọng=nobody", "A=espeak; A=espeak", "Giọng=espeak@x"],
)
def test_a_bad_voice_list_stops_start_up(tmp_path: Path, spec: str) -> None:
    with pytest.raises(ConfigError):
        create_app({"data_dir": tmp_path, "audio_cache_dir": tmp_path / "a", "voices": spec})


@pytest.mark.parametrize("backend", ["local", "redis"])
def test_the_budget_keeps_counting_what_the_vendor_billed_and_gives_back_what_it_refused(
    tmp_path: Path, gcloud: CloudStandIn, backend: str, request: pytest.FixtureRequest
) -> None:
    store = {"redis_url": request.getfixturevalue("redis_url")} if backend == "redis" else {}
    app = make_app(tmp_path, gcloud, gcloud_monthly_chars=10_000, **store)
    services = get_services(app)
    chain = services.engine
    assert isinstance(chain, ChainEngine)
    paid = chain.members[0]
    try:
        gcloud.script.extend([Mode.TRUNCATED])  # a 200 whose audio is cut short: billed
        with pytest.raises(SynthesisError):
            paid.synthesize("a" * 40)
        assert services.engine_use()["gcloud"] == 40
        gcloud.script.extend([Mode.SERVER_ERROR])  # refused before any audio: not billed
        with pytest.raises(SynthesisError):
            paid.synthesize("b" * 30)
        assert services.engine_use()["gcloud"] == 40
        gcloud.stop()  # nobody listens: the connection is refused, nothing was sent
        with pytest.raises(SynthesisError):
            paid.synthesize("c" * 20)
        assert services.engine_use()["gcloud"] == 40
    finally:
        services.close()
