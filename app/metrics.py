"""Operators' figures for Prometheus, counted in whichever process does the work.

The web processes (``--workers`` forks included), the RQ workers and the work-horse each job runs
in write their counts to files of one directory per machine (prometheus_client's multiprocess
mode: one memory-mapped file per process and kind); ``/metrics`` adds them up. The entry points
(``baonoi serve``, ``baonoi worker``) name the directory with ``use_directory`` before anything
is counted. Other commands and tests count in the process itself.

Files of processes that ended are folded into one archive file per kind when the figures are
read, and by ``baonoi worker`` as each job's work-horse ends (``fold_now``), so the directory holds
a few files per living process, not one per job ever run, whether anyone scrapes or not.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, values
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from app.errors import BaonoiError

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DIRECTORY = "metrics"  # under the data directory: one per machine, never on shared storage
ENV = "PROMETHEUS_MULTIPROC_DIR"  # where prometheus_client's multiprocess values are written
SYNTHESIS_BUCKETS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200)
PROCESS_FILE = re.compile(r"^(counter|histogram)_(\d+)\.db$")  # a process's own file
ARCHIVE = "archive"  # ``<kind>_archive.db``: what processes that ended had counted


@dataclass(frozen=True)
class Metrics:
    """The figures processes count (those read at scrape time are made by the web layer)."""

    requests: Counter
    jobs: Counter
    synthesis: Histogram
    fetches: Counter
    evictions: Counter


@functools.cache
def _metrics() -> Metrics:
    """The metric objects of this process, made on first use (after ``use_directory``)."""
    return Metrics(
        requests=Counter(
            "baonoi_http_requests",
            "HTTP requests answered, by route (the URL rule), method and status.",
            ["route", "method", "status"],
            registry=None,
        ),
        jobs=Counter(
            "baonoi_audio_jobs",
            "Audio jobs ended, by lane (now, now-long, later, long) and outcome (done or an error"
            " code).",
            ["lane", "outcome"],
            registry=None,
        ),
        synthesis=Histogram(
            "baonoi_synthesis_seconds",
            "Seconds an audio job that ended well took, by lane.",
            ["lane"],
            buckets=SYNTHESIS_BUCKETS,
            registry=None,
        ),
        fetches=Counter(
            "baonoi_portal_fetches",
            "Fetches of portal pages, by outcome (ok, not_modified, failed, refused, timeout).",
            ["outcome"],
            registry=None,
        ),
        evictions=Counter(
            "baonoi_audio_cache_evictions",
            "Audio sets and cached sentences removed from the audio directory.",
            registry=None,
        ),
    )


def use_directory(directory: Path) -> None:
    """Count in files under ``directory`` from now on, with this machine's other processes."""
    directory.mkdir(parents=True, exist_ok=True)
    os.environ[ENV] = str(directory)  # read by prometheus_client as each process opens its files
    values.ValueClass = values.MultiProcessValue()
    _metrics.cache_clear()
    with _locked(directory):
        fold_ended(directory)  # what processes of an earlier run counted


def directory() -> Path | None:
    """The shared directory counts go to, or None when this process counts alone."""
    path = os.environ.get(ENV)
    return Path(path) if path and values.ValueClass is not values.MutexValue else None


def count_request(route: str, method: str, status: int) -> None:
    """One HTTP request answered."""
    _metrics().requests.labels(route, method, str(status)).inc()


def count_fetch(outcome: str) -> None:
    """One fetch of a portal page ended with ``outcome`` (``app.portal.OUTCOMES``)."""
    _metrics().fetches.labels(outcome).inc()


def count_evictions(removed: int) -> None:
    """``removed`` groups of files left the audio directory."""
    if removed:
        _metrics().evictions.inc(removed)


def outcome_of(error: BaseException) -> str:
    """A bounded label for how something failed: our error code, else ``failed``."""
    return error.code if isinstance(error, BaonoiError) else "failed"


@contextlib.contextmanager
def job(lane: str) -> Iterator[None]:
    """Count the audio job run in the block, its outcome and, when it ends well, its seconds."""
    started = time.monotonic()
    try:
        yield
    except BaseException as exc:
        _metrics().jobs.labels(lane, outcome_of(exc)).inc()
        raise
    _metrics().jobs.labels(lane, "done").inc()
    _metrics().synthesis.labels(lane).observe(time.monotonic() - started)


def exposition(extra: Iterable[Collector] = ()) -> bytes:
    """Every process's figures (and ``extra`` collectors') in Prometheus' text format."""
    registry = CollectorRegistry(auto_describe=True)
    for collector in extra:
        registry.register(collector)
    shared = directory()
    if shared is None:
        m = _metrics()
        for metric in (m.requests, m.jobs, m.synthesis, m.fetches, m.evictions):
            registry.register(metric)
        return generate_latest(registry)
    MultiProcessCollector(registry, str(shared))
    with _locked(shared):
        fold_ended(shared)
        return generate_latest(registry)


@contextlib.contextmanager
def _locked(shared: Path) -> Iterator[None]:
    """Hold the directory's lock: one process folds or reads the archive at a time."""
    with (shared / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def fold_now() -> None:
    """Fold the files of processes that ended (a job's work-horse) now, not at the next scrape."""
    shared = directory()
    if shared is not None:
        with _locked(shared):
            fold_ended(shared)


def fold_ended(shared: Path) -> None:
    """Add the files of processes that ended to the archive and remove them (lock held)."""
    for path in sorted(shared.iterdir()):
        match = PROCESS_FILE.match(path.name)
        if not match or _alive(int(match[2])):
            continue
        archive = MmapedDict(str(shared / f"{match[1]}_{ARCHIVE}.db"))
        try:
            for key, value, stamp, _pos in MmapedDict.read_all_values_from_file(str(path)):
                archive.write_value(key, archive.read_value(key)[0] + value, stamp)
        finally:
            archive.close()
        path.unlink()


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
