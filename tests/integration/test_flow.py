"""Whole flows: a portal page in, an article and real, decodable Vietnamese audio out."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app import create_app
from app.audio import decode
from app.audiostate import audio_path, timings_path
from app.models import AudioStatus
from app.pipeline import get_article, ingest, synthesize
from app.web.context import get_services
from app.worker import run_worker
from tests.conftest import need


def speech_seconds(samples: np.ndarray, rate: int, threshold: int = 500) -> float:
    """Seconds of 50 ms windows whose RMS is above ``threshold`` (not silence)."""
    window = rate // 20
    frames = samples[: len(samples) // window * window].astype(np.float64).reshape(-1, window)
    rms = np.sqrt((frames**2).mean(axis=1))
    return float((rms > threshold).sum() * 0.05)


def test_sample_article_becomes_over_a_minute_of_speech(services: Any, sample_page: bytes) -> None:
    article, created = ingest(services, sample_page, article_id="sample", queue_audio=False)
    assert created
    info = synthesize(services, "sample")
    assert info.status is AudioStatus.READY
    for fmt in ("mp3", "opus"):
        samples, rate = decode(audio_path(services, article.audio_key, fmt))
        duration = len(samples) / rate
        assert duration == pytest.approx(info.duration_s, rel=0.01)
        assert speech_seconds(samples, rate) > 60
        assert np.abs(samples.astype(np.int32)).max() < 32767


@pytest.mark.own_audio
def test_ingesting_twice_keeps_the_version_and_synthesizes_once(
    services: Any, short_page: bytes
) -> None:
    first, created = ingest(services, short_page, queue_audio=True)
    second, created_again = ingest(services, short_page, queue_audio=True)
    services.queue.wait(timeout=120)
    assert created and not created_again
    assert first.id == second.id and first.version == second.version
    synthesize(services, first.id)  # already made: nothing to do
    assert services.store.incr("syntheses", 0) == 1


@pytest.mark.own_audio
def test_changed_sentence_is_the_only_one_synthesized_again(
    services: Any, short_page: bytes
) -> None:
    first, _ = ingest(services, short_page, article_id="a", queue_audio=False)
    synthesize(services, "a")
    old = json.loads(timings_path(services, first.audio_key).read_text("utf-8"))
    before = services.store.incr("sentences_synthesized", 0)
    changed = short_page.replace("cắt giảm 126".encode(), "cắt giảm 127".encode())
    article, created = ingest(services, changed, article_id="a", queue_audio=False)
    assert created and article.version != first.version
    synthesize(services, "a")
    assert services.store.incr("sentences_synthesized", 0) - before == 1
    assert get_article(services, "a").version == article.version
    new = json.loads(timings_path(services, article.audio_key).read_text("utf-8"))
    assert len(new) == len(old)
    differ = [n["text"] for o, n in zip(old, new, strict=True) if o["text"] != n["text"]]
    assert len(differ) == 1 and "127" in differ[0]


@pytest.mark.redis
@pytest.mark.own_audio
def test_redis_deployment_queues_audio_for_an_rq_worker(
    overrides: dict[str, Any], redis_url: str, short_page: bytes
) -> None:
    app = create_app({**overrides, "redis_url": redis_url})
    services = get_services(app)
    client = app.test_client()
    response = client.post("/api/articles?id=r1", data=short_page, content_type="text/html")
    assert response.status_code == 201
    assert response.get_json()["audio"]["status"] == "queued"
    assert client.get("/healthz").get_json()["store"] == "redis"
    assert run_worker(services, burst=True)
    body = client.get("/api/articles/r1").get_json()
    assert body["audio"]["status"] == "ready" and body["audio"]["duration_s"] > 30
    audio = client.get(
        "/articles/r1/audio.mp3", follow_redirects=True, headers={"Range": "bytes=0-99"}
    )
    assert audio.status_code == 206 and len(audio.data) == 100
    assert services.store.incr("syntheses", 0) == 1


@pytest.mark.slow
def test_full_disk_gives_507_and_leaves_no_partial_file(
    overrides: dict[str, Any], short_page: bytes, tmp_path: Path
) -> None:
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(small)],
        capture_output=True,
        check=False,
    )
    need(mounted.returncode == 0, f"cannot mount a size-limited tmpfs: {mounted.stderr!r}")
    try:
        app = create_app({**overrides, "audio_cache_dir": small})
        services = get_services(app)
        ingest(services, short_page, article_id="full", queue_audio=False)
        response = app.test_client().get("/articles/full/audio.mp3")
        assert response.status_code == 507
        assert "Hết dung lượng" in response.get_data(as_text=True)
        services.queue.wait(timeout=120)
        left = [p.name for p in small.iterdir() if p.is_file()]
        assert not [n for n in left if n.endswith(".part") or n.endswith((".mp3", ".opus"))]
        assert services.store.get_audio(get_article(services, "full").audio_key).error_code == (
            "storage_full"
        )
        services.queue.close()
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)
