"""Synthesis jobs: an in-process executor without Redis, the RQ queue with it.

Job ids derive from the audio key, so asking twice for the same audio queues it once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

from app.store import keys

if TYPE_CHECKING:
    from app.pipeline import Services

log = logging.getLogger(__name__)
JOB_FUNCTION = "app.jobs.run_job"
JOB_TIMEOUT_S = 1800


def job_id(audio_key: str) -> str:
    """The job id for an audio key."""
    return f"synth-{audio_key}"


class JobQueue(Protocol):
    """Somewhere to send synthesis work."""

    kind: str

    def submit(self, article_id: str, audio_key: str, stale: bool = False) -> None:
        """Make sure one job for ``audio_key`` is queued or running (``stale``: its runner died)."""
        ...

    def close(self) -> None:
        """Stop taking work."""
        ...


class InlineQueue:
    """A one-thread executor in this process: the embedded default."""

    kind = "inline"

    def __init__(self, work: Callable[[str], Any]) -> None:
        self._work = work
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="baonoi-synth")
        self._pending: dict[str, Future[Any]] = {}
        self._lock = threading.Lock()

    def submit(self, article_id: str, audio_key: str, stale: bool = False) -> None:
        """Queue the work unless the same key is already pending in this process."""
        with self._lock:
            future = self._pending.get(audio_key)
            if future is not None and not future.done():
                return
            self._pending[audio_key] = self._pool.submit(self._work, article_id)

    def wait(self, timeout: float | None = None) -> None:
        """Block until everything submitted so far has finished (tests and the CLI use it)."""
        with self._lock:
            futures = list(self._pending.values())
        for future in futures:
            future.exception(timeout=timeout)

    def close(self) -> None:
        """Finish queued work and stop."""
        self._pool.shutdown(wait=True)


class RQQueue:
    """The RQ queue on Redis: any ``baonoi worker`` on any machine takes the job."""

    kind = "rq"

    def __init__(self, connection: Any) -> None:
        from rq import Queue

        self.queue = Queue(keys.QUEUE, connection=connection)

    def submit(self, article_id: str, audio_key: str, stale: bool = False) -> None:
        """Enqueue unless a job for this key is queued or running (a stale one counts as dead)."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            job = Job.fetch(job_id(audio_key), connection=self.queue.connection)
            if job.get_status(refresh=False) in (
                JobStatus.QUEUED,
                JobStatus.STARTED,
                JobStatus.DEFERRED,
                JobStatus.SCHEDULED,
            ):
                return
        except NoSuchJobError:
            pass  # first time this key is asked for
        self.queue.enqueue(
            JOB_FUNCTION,
            article_id,
            job_id=job_id(audio_key),
            job_timeout=JOB_TIMEOUT_S,
            result_ttl=3600,
            failure_ttl=86400,
        )

    def close(self) -> None:
        """Nothing to stop: the workers own the work."""


class Heartbeat:
    """Calls ``beat`` every ``every_s`` seconds in a thread while the ``with`` block runs."""

    def __init__(self, beat: Callable[[], object], every_s: float) -> None:
        self._beat, self._every = beat, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="baonoi-heartbeat", daemon=True)

    def _run(self) -> None:
        """Beat until stopped; a failed beat is retried at the next one."""
        while not self._stop.wait(self._every):
            try:
                self._beat()
            except Exception:  # noqa: BLE001 - a missed beat must not kill the synthesis
                log.warning("heartbeat failed", exc_info=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


_worker: dict[str, Services] = {}


def bind_worker(services: Services) -> None:
    """Give this worker process the services its jobs run with (``baonoi worker`` calls it)."""
    _worker["services"] = services


def run_worker(services: Services, burst: bool = False) -> bool:
    """Take synthesis jobs from Redis until stopped (with ``burst``: until the queue is empty)."""
    import redis
    from rq import Worker

    from app.errors import ConfigError

    url = services.settings.redis_url
    if not url:
        raise ConfigError(
            "baonoi worker needs BAONOI_REDIS_URL (or REDIS_URL)",
            "baonoi worker cần BAONOI_REDIS_URL (hoặc REDIS_URL)",
        )
    bind_worker(services)
    # Its own connection: blocking pops outlast the short timeouts request threads use.
    connection = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
    return bool(Worker([keys.QUEUE], connection=connection).work(burst=burst, with_scheduler=False))


def run_job(article_id: str) -> None:
    """RQ entry point: synthesize an article's audio with the worker's services."""
    from app.pipeline import synthesize

    try:
        services = _worker["services"]
    except KeyError:
        raise RuntimeError(
            "run_job needs bind_worker() first (run it under `baonoi worker`)"
        ) from None
    synthesize(services, article_id)
