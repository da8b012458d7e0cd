"""``/metrics`` of real processes: ``baonoi serve --workers 2`` and RQ workers, in one scrape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from app import metrics
from app.audio import decode
from tests.integration.processes import (
    Processes,
    free_port,
    statuses_by_process,
    wait_until,
)
from tests.portal_server import article_page, portal

pytestmark = pytest.mark.slow
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(base: str) -> tuple[str, Samples]:
    """``GET /metrics`` (from loopback): the text and its samples, parsed by prometheus_client."""
    answer = requests.get(f"{base}/metrics", timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    parsed = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(answer.text)
        for s in family.samples
    }
    return answer.text, parsed


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples whose labels include ``labels``."""
    return sum(
        value
        for (sample, sample_labels), value in samples.items()
        if sample == name and labels.items() <= dict(sample_labels).items()
    )


def ready(base: str, article_id: str) -> bool:
    """Whether the article's audio is made."""
    answer = requests.get(f"{base}/api/articles/{article_id}", timeout=30).json()
    return bool(answer["audio"]["status"] == "ready")


def post(base: str, page: bytes, article_id: str) -> None:
    """Ingest a page through the API, from loopback."""
    url = f"{base}/api/articles?id={article_id}"
    answer = requests.post(url, data=page, headers={"Content-Type": "text/html"}, timeout=60)
    assert answer.status_code == 201, answer.text


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Data and audio directories of the test's own (audio already made runs no job)."""
    return {
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_INGEST_PER_MINUTE": "0",
        "BAONOI_SYNTH_PER_MINUTE": "0",
    }


@pytest.fixture
def procs(env: dict[str, str], tmp_path: Path) -> Iterator[Processes]:
    """Processes started by the test, all stopped at the end."""
    running = Processes(env, tmp_path)
    yield running
    running.stop_all()


def serve(procs: Processes, workers: int) -> str:
    """``baonoi serve --workers N`` on a free port; its base URL once it answers."""
    port = free_port()
    procs.start("web", "serve", "--port", str(port), "--workers", str(workers))
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: _answers(base), 60, "baonoi serve did not start")
    return base


def _answers(base: str) -> bool:
    """Whether ``/healthz`` answers."""
    try:
        return requests.get(f"{base}/healthz", timeout=2).ok
    except requests.RequestException:
        return False


def test_one_scrape_adds_up_both_web_processes_after_the_sample_article(
    procs: Processes, env: dict[str, str], sample_page: bytes, tmp_path: Path
) -> None:
    with portal() as site:
        url = site.add("bai-moi", article_page(1))
        procs.env.update(
            BAONOI_ALLOWED_HOSTS=f"127.0.0.1:{site.port}",
            BAONOI_PERMITTED_NETWORKS="127.0.0.0/8",
        )
        base = serve(procs, workers=2)
        post(base, sample_page, "sample")
        wait_until(lambda: ready(base, "sample"), 300, "the sample's audio was never made")
        audio = requests.get(f"{base}/articles/sample/audio.mp3", timeout=60)
        assert audio.status_code == 200
        samples_made, rate = decode(audio.content)
        assert len(samples_made) > 60 * rate  # the sample article: minutes of speech
        assert requests.get(f"{base}/api/portal", params={"url": url}, timeout=60).ok
        sent = 0
        directory = tmp_path / "instance" / "metrics"
        for _round in range(6):  # until both processes answered some (the kernel picks)

            def read(_i: int) -> int:
                with requests.Session() as fresh:  # a new connection each time
                    return fresh.get(f"{base}/articles/sample", timeout=60).status_code

            with ThreadPoolExecutor(16) as pool:
                assert set(pool.map(read, range(32))) == {200}
            sent += 32
            if len(statuses_by_process(directory, "/articles/<article_id>", "GET")) >= 2:
                break
        text, samples = scrape(base)
    (tmp_path / "scrape.txt").write_text(text, encoding="utf-8")
    by_process = statuses_by_process(directory, "/articles/<article_id>", "GET")
    assert len(by_process) >= 2, by_process  # both web processes counted some
    route = {"route": "/articles/<article_id>", "method": "GET", "status": "200"}
    assert total(samples, "baonoi_http_requests_total", **route) == sent  # and they add up
    assert total(samples, "baonoi_http_requests_total", route="/api/articles", status="201") == 1
    assert total(samples, "baonoi_audio_jobs_total", outcome="done") >= 1
    assert total(samples, "baonoi_synthesis_seconds_count") >= 1
    assert total(samples, "baonoi_synthesis_seconds_sum") > 0
    assert total(samples, "baonoi_portal_fetches_total", outcome="ok") == 1
    assert total(samples, "baonoi_audio_cache_bytes") > len(audio.content)
    assert ("baonoi_audio_cache_evictions_total", ()) in samples
    lanes = {dict(labels)["lane"] for name, labels in samples if name == "baonoi_audio_queue_depth"}
    assert lanes == {"now", "now-long", "later", "long"}
    assert not re.search(r'route="/articles/sample"', text)  # rules, never raw paths


@pytest.mark.redis
def test_jobs_done_by_rq_workers_appear_in_the_web_scrape(
    procs: Processes, env: dict[str, str], redis_url: str, short_page: bytes, tmp_path: Path
) -> None:
    procs.env["BAONOI_REDIS_URL"] = redis_url
    base = serve(procs, workers=1)
    procs.start("worker", "worker")
    post(base, short_page, "queued")
    wait_until(lambda: ready(base, "queued"), 120, "the worker never made the audio")
    done = {"lane": "later", "outcome": "done"}
    wait_until(  # counted as the job ends, just after the audio is marked ready
        lambda: total(scrape(base)[1], "baonoi_audio_jobs_total", **done) == 1, 30, "not counted"
    )
    directory = tmp_path / "instance" / "metrics"
    wait_until(  # the work-horse exits after its job; the next scrape folds its files
        lambda: scrape(base) and (directory / "histogram_archive.db").exists(), 30, "not folded"
    )
    _text, samples = scrape(base)  # the web process ran no job: these are the work-horse's
    assert total(samples, "baonoi_audio_jobs_total", **done) == 1
    assert total(samples, "baonoi_synthesis_seconds_count", lane="later") == 1
    depths = {
        dict(k[1])["lane"]: v for k, v in samples.items() if k[0] == "baonoi_audio_queue_depth"
    }
    assert depths == {"now": 0, "now-long": 0, "later": 0, "long": 0}
    files = {p.name for p in directory.glob("*.db")}
    assert len(files) <= 4, files  # the web process's and the worker's own, and the archive


@pytest.mark.redis
def test_an_rq_work_horses_files_are_folded_as_its_job_ends_with_nobody_scraping(
    procs: Processes, env: dict[str, str], redis_url: str, short_page: bytes, tmp_path: Path
) -> None:
    procs.env["BAONOI_REDIS_URL"] = redis_url
    base = serve(procs, workers=1)
    procs.start("worker", "worker")
    for n in range(3):
        post(base, short_page.replace("Hội nghị".encode(), f"Hội nghị {n}".encode()), f"j{n}")
    wait_until(lambda: all(ready(base, f"j{n}") for n in range(3)), 180, "audio not made")
    directory = tmp_path / "instance" / "metrics"

    def ended() -> list[str]:
        """Files of processes that are gone (three work-horses' would be six)."""
        return [
            p.name
            for p in directory.glob("*.db")
            if (m := metrics.PROCESS_FILE.match(p.name)) and not Path(f"/proc/{m[2]}").exists()
        ]

    wait_until(lambda: ended() == [], 30, "the work-horses' files were left to pile up")
    assert (directory / "counter_archive.db").exists()
