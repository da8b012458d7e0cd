"""``/metrics``: Prometheus text format, requests by URL rule, closed like the API; the fold.

These run in one process (counts kept in memory, shared by the tests, so they compare before and
after); tests/integration/test_metrics.py scrapes real ``baonoi serve`` and worker processes.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from prometheus_client.mmap_dict import MmapedDict, mmap_key
from prometheus_client.parser import text_string_to_metric_families

from app import create_app, metrics, portal
from app.errors import FetchError
from app.pipeline import ingest, synthesize
from app.web.context import get_services

REMOTE = {"REMOTE_ADDR": "203.0.113.7"}
DEAD_PIDS = (4_194_305, 4_194_306)  # above Linux's largest pid: never a running process


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape by name and sorted labels (parsed by prometheus_client)."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def scrape(
    client: FlaskClient, **kwargs: Any
) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """``GET /metrics`` from loopback, parsed."""
    answer = client.get("/metrics", **kwargs)
    assert answer.status_code == 200, answer.data
    assert answer.content_type.startswith("text/plain; version=0.0.4")
    return samples(answer.get_data(as_text=True))


def requests_of(scraped: dict[Any, float], route: str, status: str) -> float:
    """The count of GET requests answered on ``route`` with ``status``."""
    labels = (("method", "GET"), ("route", route), ("status", status))
    return scraped.get(("baonoi_http_requests_total", labels), 0.0)


def test_requests_are_counted_by_url_rule_and_status_not_by_path(
    client: FlaskClient, short_page: bytes
) -> None:
    posted = client.post("/api/articles?id=m1", data=short_page, content_type="text/html")
    assert posted.status_code == 201
    before = scrape(client)
    for path in ("/articles/m1", "/articles/m1", "/articles/nothing-here"):
        client.get(path)
    after = scrape(client)
    rule = "/articles/<article_id>"
    assert requests_of(after, rule, "200") - requests_of(before, rule, "200") == 2
    assert requests_of(after, rule, "404") - requests_of(before, rule, "404") == 1
    assert not [key for key in after if ("route", "/articles/m1") in key[1]]
    lanes = {dict(k[1])["lane"] for k in after if k[0] == "baonoi_audio_queue_depth"}
    assert lanes == {"now", "now-long", "later", "long"}
    assert after[("baonoi_audio_cache_bytes", ())] >= 0


def test_metrics_are_closed_to_other_machines_without_a_token(
    client: FlaskClient, overrides: dict[str, Any]
) -> None:
    assert client.get("/metrics", environ_base=REMOTE).status_code == 401
    opened = create_app({**overrides, "open_api": True})  # opens changing articles, not this
    try:
        assert opened.test_client().get("/metrics", environ_base=REMOTE).status_code == 401
    finally:
        get_services(opened).close()


def test_metrics_need_the_api_token_when_one_is_set(overrides: dict[str, Any]) -> None:
    app = create_app({**overrides, "api_token": "s3cret"})
    try:
        client = app.test_client()
        assert client.get("/metrics").status_code == 401  # loopback too, like the API
        refused = client.get("/metrics", headers={"Authorization": "Bearer wrong"})
        assert refused.status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        assert client.get("/metrics", headers=good, environ_base=REMOTE).status_code == 200
    finally:
        get_services(app).close()


def fetches(outcome: str) -> float:
    """The in-process count of portal fetches that ended with ``outcome``."""
    key = ("baonoi_portal_fetches_total", (("outcome", outcome),))
    return samples(metrics.exposition().decode()).get(key, 0.0)


def test_portal_fetches_are_counted_where_they_end_by_outcome(
    services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.portal._fetch_and_ingest", lambda *_args: (None, "not_modified"))
    before = {o: fetches(o) for o in ("not_modified", "failed")}
    portal._counted(services, "https://portal.example/a", None, None)

    def broken(*_args: object) -> None:
        raise FetchError("refused")

    monkeypatch.setattr("app.portal._fetch_and_ingest", broken)
    with pytest.raises(FetchError):
        portal._counted(services, "https://portal.example/a", None, None)
    assert {o: fetches(o) - before[o] for o in before} == {"not_modified": 1, "failed": 1}


def test_jobs_are_counted_by_lane_and_outcome_and_timed_when_done() -> None:
    def job_samples() -> dict[Any, float]:
        return samples(metrics.exposition().decode())

    before = job_samples()
    with metrics.job("long"):
        pass
    with pytest.raises(FetchError), metrics.job("long"):
        raise FetchError("no")
    after = job_samples()

    def grew(name: str, *labels: tuple[str, str]) -> float:
        key = (name, tuple(sorted(labels)))
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert grew("baonoi_audio_jobs_total", ("lane", "long"), ("outcome", "done")) == 1
    assert grew("baonoi_audio_jobs_total", ("lane", "long"), ("outcome", FetchError.code)) == 1
    assert grew("baonoi_synthesis_seconds_count", ("lane", "long")) == 1  # the one that ended well


def _write(path: Path, values: dict[str, float]) -> None:
    """A process's counter file holding ``values`` (label value -> count)."""
    file = MmapedDict(str(path))
    for label, value in values.items():
        key = mmap_key("baonoi_audio_jobs", "baonoi_audio_jobs_total", ["lane"], [label], "help")
        file.write_value(key, value, 0.0)
    file.close()


def _read(path: Path) -> dict[str, float]:
    """Label value -> count in a counter file."""
    return {
        json.loads(key)[2]["lane"]: value
        for key, value, _stamp, _pos in MmapedDict.read_all_values_from_file(str(path))
    }


def test_files_of_ended_processes_are_added_to_the_archive_and_removed(tmp_path: Path) -> None:
    first, second = (tmp_path / f"counter_{pid}.db" for pid in DEAD_PIDS)
    alive = tmp_path / f"counter_{os.getpid()}.db"
    _write(first, {"now": 2, "later": 1})
    _write(second, {"now": 3})
    _write(alive, {"now": 7})
    metrics.fold_ended(tmp_path)
    assert _read(tmp_path / "counter_archive.db") == {"now": 5, "later": 1}
    assert not first.exists() and not second.exists()
    assert _read(alive) == {"now": 7}  # a running process keeps its own file
    _write(first, {"later": 4})  # a later run's process, ended too
    metrics.fold_ended(tmp_path)
    assert _read(tmp_path / "counter_archive.db") == {"now": 5, "later": 5}


def test_metrics_still_answer_when_redis_is_down(overrides: dict[str, Any]) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app({**overrides, "redis_url": f"redis://127.0.0.1:{port}/0"})
    try:
        scraped = scrape(app.test_client())
    finally:
        get_services(app).close()
    assert not [key for key in scraped if key[0] == "baonoi_audio_queue_depth"]
    assert ("baonoi_audio_cache_bytes", ()) in scraped


@pytest.mark.own_audio
def test_evictions_over_the_budget_are_counted(
    overrides: dict[str, Any], short_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.store.files.FRESH_S", -1.0)  # nothing is too recent to go
    key = ("baonoi_audio_cache_evictions_total", ())
    before = samples(metrics.exposition().decode()).get(key, 0.0)
    app = create_app({**overrides, "audio_cache_max_mb": 0})
    try:
        services = get_services(app)
        ingest(services, short_page, article_id="e1", queue_audio=False)
        synthesize(services, "e1")
    finally:
        get_services(app).close()
    removed = samples(metrics.exposition().decode())[key] - before
    assert removed >= 2  # the audio set and its cached sentences, all over a budget of 0
