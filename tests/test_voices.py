"""Honest labels: the reader, the embed, /healthz and ``baonoi voices`` name the voice heard."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.pipeline import ingest
from app.speech.engines import ChainEngine
from app.speech.engines.labels import describe_voice, voice_label
from app.web.context import get_services
from tests.piper_voice import write_voice
from tests.test_chain import Tone


def test_each_engine_has_a_vietnamese_label_naming_the_voice() -> None:
    assert voice_label("piper", "vi_VN-vais1000-medium") == "Piper vais1000 (giọng nơ-ron)"
    assert voice_label("piper", "vi_VN-vivos-x_low#3") == "Piper vivos#3 (giọng nơ-ron)"
    assert voice_label("espeak", "vi") == "máy (eSpeak NG)"
    assert voice_label("gtts", "vi") == "Google (trực tuyến)"


def test_a_chain_is_described_by_who_spoke_once_the_audio_is_made() -> None:
    chain = ChainEngine([Tone("piper"), Tone("espeak")])
    chain.members[0].voice = "vi_VN-vais1000-medium"  # type: ignore[misc]
    assert describe_voice(chain) == "Piper vais1000 (giọng nơ-ron); dự phòng: máy (eSpeak NG)"
    assert describe_voice(chain, {"piper": 40}) == "Piper vais1000 (giọng nơ-ron)"
    assert (
        describe_voice(chain, {"piper": 40, "espeak": 2})
        == "Piper vais1000 (giọng nơ-ron) 40 câu, máy (eSpeak NG) 2 câu"
    )


@pytest.fixture
def piper_app(tmp_path: Path) -> Iterator[Flask]:
    """The app speaking with the tiny Piper voice, eSpeak NG behind it."""
    model = write_voice(tmp_path / "voices")
    application = create_app(
        {
            "data_dir": tmp_path / "instance",
            "audio_cache_dir": tmp_path / "audio",
            "tts_engine": "piper,espeak",
            "piper_model": model,
        }
    )
    yield application
    get_services(application).close()


def test_healthz_names_each_engine_and_whether_it_is_neural(piper_app: Flask) -> None:
    body = piper_app.test_client().get("/healthz").get_json()
    assert body["engine"] == "piper,espeak" and body["robotic_voice"] is False
    assert body["voice_label"] == "Piper tiny (giọng nơ-ron); dự phòng: máy (eSpeak NG)"
    assert [(e["name"], e["neural"]) for e in body["engines"]] == [
        ("piper", True),
        ("espeak", False),
    ]
    assert "model=" in body["engines"][0]["version"]


def test_reader_and_embed_name_the_voice(piper_app: Flask, short_page: bytes) -> None:
    article, _ = ingest(get_services(piper_app), short_page, queue_audio=False)
    client = piper_app.test_client()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Giọng đọc: Piper tiny (giọng nơ-ron); dự phòng: máy (eSpeak NG)." in page
    embed = client.get(f"/embed/{article.id}").get_data(as_text=True)
    assert "Giọng đọc: Piper tiny (giọng nơ-ron)" in embed


def test_baonoi_voices_lists_the_model_its_rate_and_speakers(tmp_path: Path) -> None:
    write_voice(tmp_path / "instance" / "voices", speakers=2)
    env = {**os.environ, "BAONOI_DATA_DIR": str(tmp_path / "instance")}
    env["BAONOI_TTS_ENGINE"] = "piper,espeak"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "voices"], capture_output=True, env=env, timeout=120
    )
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr
    assert "BAONOI_TTS_ENGINE=piper,espeak: piper, espeak" in out
    assert "piper: Piper tiny (giọng nơ-ron)" in out and "sample rate: 16000 Hz" in out
    assert "speakers: a, b" in out and "espeak: máy (eSpeak NG)" in out


def test_baonoi_voices_explains_a_missing_voice_and_fails_when_piper_is_chosen(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "BAONOI_DATA_DIR": str(tmp_path), "BAONOI_TTS_ENGINE": "piper"}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "voices"], capture_output=True, env=env, timeout=120
    )
    assert done.returncode == 1 and "No Piper voice" in done.stdout.decode()


def test_a_listeners_voice_key_is_planned_once_per_article_version_and_kept_bounded(
    tmp_path: Path, short_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import planning
    from app.pipeline import ingest

    application = create_app(
        {
            "data_dir": tmp_path / "instance",
            "audio_cache_dir": tmp_path / "audio",
            "tts_engine": "espeak",
            "piper_model": write_voice(tmp_path / "voices"),
            "voices": "Giọng eSpeak=espeak; Giọng mẫu=piper",
        }
    )
    services = get_services(application)
    try:
        article, _ = ingest(services, short_page, article_id="v", queue_audio=False)
        planned: list[str] = []
        real_plan = planning.plan
        monkeypatch.setattr(
            planning, "plan", lambda *a, **k: planned.append("x") or real_plan(*a, **k)
        )
        client = application.test_client()
        for _ in range(5):
            assert client.get("/articles/v?voice=giong-mau").status_code == 200
        assert len(planned) == 1  # the first view planned; the next four did not
        key = planning.voice_key(services, article, "giong-mau")
        assert key == real_plan(services, article, "giong-mau").key
        monkeypatch.setattr(planning, "VOICE_KEYS_KEPT", 2)
        for n in range(5):
            other, _ = ingest(
                services,
                short_page.replace("Hội nghị".encode(), f"Hội nghị {n}".encode()),
                article_id=f"v{n}",
                queue_audio=False,
            )
            planning.voice_key(services, other, "giong-mau")
        assert len(services.voice_keys) <= 2
    finally:
        services.close()
