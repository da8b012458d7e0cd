"""Synthesis job queues: an in-process executor without Redis, the RQ queue with it.

Job ids derive from the audio key (the store passes its ``keys.job_id``), so asking twice for the
same audio queues it once. What a job does is bound from above: ``app.worker`` binds the in-process
queue to the pipeline and is the RQ workers' entry point.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from app import metrics
from app.errors import StoreUnavailable

log = logging.getLogger(__name__)
JOB_FUNCTION = "app.worker.run_job"  # what RQ workers import and call with the article id
JOB_TIMEOUT_S = 1800
Work = Callable[[str], Any]
LANE_NOW, LANE_LATER, LANE_LONG = "now", "later", "long"  # listener / background / long article
NOW_WORKERS = 4  # listeners' jobs run side by side; background ingest runs one at a time


class JobQueue(Protocol):
    """Somewhere to send synthesis work."""

    kind: str

    def submit(
        self,
        article_id: str,
        audio_key: str,
        stale: bool = False,
        interactive: bool = False,
        long: bool = False,
    ) -> None:
        """Make sure one job for ``audio_key`` is queued or running (``stale``: its runner died).

        ``interactive``: a listener is waiting, so the job goes ahead of background work.
        ``long``: a long article, made in a lane of its own so it never holds up short ones.
        """
        ...

    def bind(self, work: Work) -> None:
        """Run ``work(article_id)`` for jobs taken in this process (RQ's workers run their own)."""
        ...

    def depths(self) -> dict[str, int]:
        """Jobs waiting to start, by lane."""
        ...

    def close(self) -> None:
        """Stop taking work."""
        ...


class InlineQueue:
    """Two lanes of threads in this process (the embedded default): listeners first.

    A job a listener is waiting on runs in the ``now`` lane, so it never queues behind background
    ingest; asking for a key still waiting in the background lane moves it to the ``now`` lane.
    The ``now`` lane has a few threads: a listener's first sentence takes a fraction of a second
    even beside other listeners' whole articles, so they share the CPU rather than queue.
    """

    kind = "inline"

    def __init__(self) -> None:
        self._work: Work | None = None
        self._lanes = {
            lane: ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"baonoi-{lane}")
            for lane, workers in ((LANE_NOW, NOW_WORKERS), (LANE_LATER, 1), (LANE_LONG, 1))
        }
        self._pending: dict[str, tuple[str, Future[Any]]] = {}
        self._lock = threading.Lock()

    def bind(self, work: Work) -> None:
        """Run ``work`` for every job submitted from now on."""
        self._work = work

    def submit(
        self,
        article_id: str,
        audio_key: str,
        stale: bool = False,
        interactive: bool = False,
        long: bool = False,
    ) -> None:
        """Queue the work unless the same key is pending; a listener's job goes first."""
        if self._work is None:
            raise RuntimeError("InlineQueue.submit before bind(): nothing would run the job")
        lane = _lane(interactive, long)
        with self._lock:
            held = self._pending.get(audio_key)
            if held is not None and not held[1].done():
                if not (interactive and held[0] != LANE_NOW and held[1].cancel()):
                    return  # running, or already in the lane it would go to
            future = self._lanes[lane].submit(self._run, self._work, lane, article_id)
            self._pending[audio_key] = (lane, future)

    @staticmethod
    def _run(work: Work, lane: str, article_id: str) -> Any:
        """Run one job, counted by lane and outcome."""
        with metrics.job(lane):
            return work(article_id)

    def depths(self) -> dict[str, int]:
        """Jobs waiting to start in this process, by lane."""
        with self._lock:
            held = list(self._pending.values())
        waiting = dict.fromkeys(self._lanes, 0)
        for lane, future in held:
            if not (future.running() or future.done()):
                waiting[lane] += 1
        return waiting

    def wait(self, timeout: float | None = None) -> None:
        """Block until everything submitted so far has finished (tests and the CLI use it)."""
        with self._lock:
            futures = [future for _lane, future in self._pending.values()]
        for future in futures:
            if not future.cancelled():
                future.exception(timeout=timeout)

    def close(self) -> None:
        """Finish queued work and stop."""
        for pool in self._lanes.values():
            pool.shutdown(wait=True)


class RQQueue:
    """The RQ queue on Redis: any ``baonoi worker`` on any machine takes the job."""

    kind = "rq"

    def __init__(
        self, connection: Any, names: dict[str, str], job_id: Callable[[str], str]
    ) -> None:
        from rq import Queue

        self.queues = {lane: Queue(name, connection=connection) for lane, name in names.items()}
        self.queue = self.queues[LANE_LATER]
        self._job_id = job_id

    def submit(
        self,
        article_id: str,
        audio_key: str,
        stale: bool = False,
        interactive: bool = False,
        long: bool = False,
    ) -> None:
        """Enqueue unless a job for this key is queued or running (a stale one counts as dead).

        A listener's job goes to the ``now`` queue, which workers take from first; one still
        waiting in a background queue is moved there. Long articles have a queue of their own.
        """
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            job = Job.fetch(self._job_id(audio_key), connection=self.queue.connection)
            status = job.get_status(refresh=False)
            background = {q.name: q for lane, q in self.queues.items() if lane != LANE_NOW}
            waiting = status == JobStatus.QUEUED and job.origin in background
            if stale and status is JobStatus.STARTED:
                # Its runner stopped beating for the lock's lifetime: it died (kill -9 leaves RQ
                # listing the job as started until its own timeout). Drop it and start anew.
                log.warning("taking over the stale job of %s", article_id)
                job.delete(remove_from_queue=True)
            elif interactive and waiting:
                background[job.origin].remove(job)  # moved to the listeners' queue below
            elif status in (
                JobStatus.QUEUED,
                JobStatus.STARTED,
                JobStatus.DEFERRED,
                JobStatus.SCHEDULED,
            ):
                return
        except NoSuchJobError:
            pass  # first time this key is asked for
        self.queues[_lane(interactive, long)].enqueue(
            JOB_FUNCTION,
            article_id,
            job_id=self._job_id(audio_key),
            job_timeout=JOB_TIMEOUT_S,
            result_ttl=3600,
            failure_ttl=86400,
        )

    def bind(self, work: Work) -> None:
        """Nothing to bind: ``baonoi worker`` processes run the jobs."""

    def depths(self) -> dict[str, int]:
        """Jobs waiting in each lane's Redis queue (every process and machine sees the same)."""
        import redis

        try:
            return {lane: queue.count for lane, queue in self.queues.items()}
        except redis.RedisError as exc:
            raise StoreUnavailable(detail=str(exc)) from exc

    def close(self) -> None:
        """Nothing to stop: the workers own the work."""


def _lane(interactive: bool, long: bool) -> str:
    """The lane a job goes to: listeners first, long articles apart from short ones."""
    if interactive:
        return LANE_NOW
    return LANE_LONG if long else LANE_LATER


class Heartbeat:
    """Calls ``beat`` every ``every_s`` seconds in a thread while the ``with`` block runs."""

    def __init__(
        self,
        beat: Callable[[], object],
        every_s: float,
        finish: Callable[[], object] | None = None,
    ) -> None:
        self._beat, self._every, self._finish = beat, every_s, finish
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="baonoi-heartbeat", daemon=True)

    def _run(self) -> None:
        """Beat until stopped; a failed beat is retried at the next one."""
        try:
            while not self._stop.wait(self._every):
                try:
                    self._beat()
                except Exception:  # a missed beat must not kill the synthesis
                    log.warning("heartbeat failed", exc_info=True)
        finally:
            if self._finish is not None:
                self._finish()  # in this thread: release what the beats opened in it

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
