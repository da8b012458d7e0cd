"""A whole delete through the real server, on both backends: every URL the article had answers 404.

Two voices (eSpeak NG, the default, and the tests' tiny Piper voice) make two audio sets of one
article; a second article is deleted while its audio is being made.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.integration.processes import Processes, post_page, wait_until
from tests.piper_voice import write_voice

pytestmark = pytest.mark.slow
VOICE = "giong-mau"


@pytest.fixture(params=["local", "redis"])
def procs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Processes]:
    """A web process (and on Redis, a worker) offering two voices."""
    env = {
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_PIPER_MODEL": str(write_voice(tmp_path / "voices")),
        "BAONOI_VOICES": "Giọng eSpeak=espeak; Giọng mẫu=piper",
        "BAONOI_SYNTH_PER_MINUTE": "0",
        "BAONOI_INGEST_PER_MINUTE": "0",
    }
    if request.param == "redis":
        env["BAONOI_REDIS_URL"] = request.getfixturevalue("redis_url")
    running = Processes(env, tmp_path)
    if request.param == "redis":
        running.start("worker", "worker")
    yield running
    running.stop_all()


def state(base: str, article_id: str, voice: str = "") -> dict[str, Any]:
    """The article's audio state in a voice, from the listen request (queues it if need be)."""
    cookies = {"baonoi_prefs": f"voice={voice}"} if voice else {}
    answer = requests.post(f"{base}/articles/{article_id}/listen", cookies=cookies, timeout=30)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def urls_of(base: str, article_id: str, voice: str = "") -> list[str]:
    """Every URL a made article has in a voice: its pages, redirects, their files, live URLs."""
    query = f"?voice={voice}" if voice else ""
    urls = [
        f"/articles/{article_id}{query}",
        f"/embed/{article_id}{query}",
        f"/api/articles/{article_id}",
    ]
    for name in ("audio.mp3", "audio.opus", "timings.json"):
        url = f"/articles/{article_id}/{name}{query}"
        answer = requests.get(base + url, allow_redirects=False, timeout=30)
        assert answer.status_code == 307, (url, answer.status_code)
        urls += [url, answer.headers["Location"].removeprefix(base)]
    key = state(base, article_id, voice)["key"]
    urls += [f"/audio/{key}/live.json", f"/audio/{key}/live.mp3"]
    for url in urls:
        assert requests.get(base + url, timeout=30).status_code == 200, url
    return urls


def ready(base: str, article_id: str, voice: str = "") -> bool:
    """Whether the article's audio in ``voice`` is made."""
    return state(base, article_id, voice)["status"] == "ready"


def files_of(audio_dir: Path, keys: set[str]) -> list[str]:
    """Files in the audio directory (live files included) named after any of ``keys``."""
    return sorted(
        str(p.relative_to(audio_dir))
        for p in audio_dir.rglob("*")
        if p.is_file() and any(k in p.name for k in keys)
    )


def test_after_a_delete_every_url_of_every_voice_answers_404(
    procs: Processes, tmp_path: Path, short_page: bytes
) -> None:
    web = procs.web("web")
    assert post_page(web, short_page, "gone").status_code == 201
    wait_until(lambda: ready(web, "gone"), 120, "the default voice was not made")
    wait_until(lambda: ready(web, "gone", VOICE), 120, "the second voice was not made")
    urls = urls_of(web, "gone") + urls_of(web, "gone", VOICE)
    keys = {state(web, "gone")["key"], state(web, "gone", VOICE)["key"]}
    assert len(keys) == 2 and files_of(tmp_path / "audio", keys)

    assert requests.delete(f"{web}/api/articles/gone", timeout=60).status_code == 204
    answers = {url: requests.get(web + url, timeout=30).status_code for url in urls}
    assert {url: code for url, code in answers.items() if code != 404} == {}
    assert files_of(tmp_path / "audio", keys) == []
    assert list((tmp_path / "audio").glob("units/*/*.flac")) == []  # its sentences too


def test_deleting_an_article_while_its_audio_is_made_keeps_nothing(
    procs: Processes, tmp_path: Path, sample_page: bytes
) -> None:
    web = procs.web("web")
    assert post_page(web, sample_page, "midway").status_code == 201
    key = state(web, "midway")["key"]

    def speaking() -> bool:
        live = requests.get(f"{web}/audio/{key}/live.json", timeout=10)
        return live.status_code == 200 and live.json()["bytes"] > 0 and not live.json()["done"]

    wait_until(speaking, 120, "synthesis never started")
    assert requests.delete(f"{web}/api/articles/midway", timeout=60).status_code == 204
    for url in (f"/audio/{key}/live.json", f"/audio/{key}/live.mp3", "/articles/midway"):
        assert requests.get(web + url, timeout=30).status_code == 404, url
    time.sleep(2)  # the job, had it gone on, would have written more meanwhile
    assert files_of(tmp_path / "audio", {key}) == []
    assert requests.get(f"{web}/audio/{key}/live.json", timeout=30).status_code == 404
