"""Synthesis job queues: an in-process executor without Redis, the RQ queue with it.

Job ids derive from the audio key (the store passes its ``keys.job_id``), so asking twice for the
same audio queues it once. What a job does is bound from above: ``app.worker`` binds the in-process
queue to the pipeline and is the RQ workers' entry point.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from app import metrics
from app.errors import JobsBusy, StoreUnavailable
from app.lanes import FairLane

log = logging.getLogger(__name__)
JOB_FUNCTION = "app.worker.run_job"  # what RQ workers import and call with the article id
JOB_TIMEOUT_S = 1800
Work = Callable[[str], Any]
LANE_NOW, LANE_LATER, LANE_LONG = "now", "later", "long"  # listener / background / long article
LANE_NOW_LONG = "now-long"  # a long article a listener waits on: never in the short ones' lane
LISTENER_LANES = (LANE_NOW, LANE_NOW_LONG)
NOW_WORKERS = 4  # listeners' jobs run side by side; background ingest runs one at a time
# lane -> (threads, jobs one client may have running in it): no client fills a listener lane
LANE_THREADS = {
    LANE_NOW: (NOW_WORKERS, 2),
    LANE_NOW_LONG: (2, 1),
    LANE_LATER: (1, 1),
    LANE_LONG: (1, 1),
}
CLIENT_WAITING = 8  # listener jobs one client may have waiting; past it JobsBusy
LISTENERS_WAITING = 64  # listener jobs waiting in all (one process, or one Redis); past it JobsBusy
CLIENT_JOBS = 4  # RQ: listener jobs one client may have queued or running across every worker


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
        client: str = "",
    ) -> None:
        """Make sure one job for ``audio_key`` is queued or running (``stale``: its runner died).

        ``interactive``: a listener is waiting, so the job goes ahead of background work.
        ``long``: a long article, made in a lane of its own so it never holds up short ones.
        ``client``: who asks (an address); listener lanes share their threads fairly by client,
        and ``JobsBusy`` refuses a client (or everyone) with too many listener jobs waiting.
        """
        ...

    def bind(self, work: Work) -> None:
        """Run ``work(article_id)`` for jobs taken in this process (RQ's workers run their own)."""
        ...

    def discard(self, audio_key: str) -> None:
        """Drop the job of ``audio_key`` if it has not started (its article was deleted)."""
        ...

    def depths(self) -> dict[str, int]:
        """Jobs waiting to start, by lane."""
        ...

    def started(self) -> list[str]:
        """Article ids of jobs the queue lists as started by another process (RQ: by a worker,
        which may have died; in-process: none, this process runs its own)."""
        ...

    def close(self) -> None:
        """Stop taking work."""
        ...


class InlineQueue:
    """Lanes of threads in this process (the embedded default): listeners first, fairly.

    A job a listener is waiting on runs in the ``now`` lane (a long article: ``now-long``), so it
    never queues behind background ingest; asking for a key still waiting in a background lane
    moves it to a listener lane. The ``now`` lane has a few threads: a listener's first sentence
    takes a fraction of a second even beside other listeners' whole articles, so they share the
    CPU rather than queue. Its threads take jobs round-robin by client, at most two running per
    client (``FairLane``), so no client's jobs fill it.
    """

    kind = "inline"

    def __init__(self) -> None:
        self._work: Work | None = None
        self._lanes = {
            lane: FairLane(lane, threads, per_client)
            for lane, (threads, per_client) in LANE_THREADS.items()
        }
        self._pending: dict[str, tuple[str, Future[Any], Callable[[], Any]]] = {}
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
        client: str = "",
    ) -> None:
        """Queue the work unless the same key is pending; a listener's job goes first.

        A listener asking for a job that waits in another client's line joins it: the job runs
        at the first of their turns.
        """
        work = self._work
        if work is None:
            raise RuntimeError("InlineQueue.submit before bind(): nothing would run the job")
        lane = _lane(interactive, long)
        with self._lock:
            held = self._pending.get(audio_key)
            if held is not None and not held[1].done():
                if interactive and held[0] in LISTENER_LANES:
                    if not held[1].running():
                        self._lanes[held[0]].submit(client, held[2], future=held[1])
                    return
                if not (interactive and held[1].cancel()):
                    return  # running, or already in the lane it would go to
            if lane in LISTENER_LANES:
                self._admit(client)
            call = lambda: self._run(work, lane, article_id)  # noqa: E731
            self._pending[audio_key] = (lane, self._lanes[lane].submit(client, call), call)

    def discard(self, audio_key: str) -> None:
        """Cancel the job of ``audio_key`` unless it runs (a running one sees its article gone)."""
        with self._lock:
            held = self._pending.pop(audio_key, None)
        if held is not None:
            held[1].cancel()

    def _admit(self, client: str) -> None:
        """``JobsBusy`` when ``client``, or all listeners together, have too many jobs waiting."""
        lanes = [self._lanes[lane] for lane in LISTENER_LANES]
        if sum(lane.waiting(client) for lane in lanes) >= CLIENT_WAITING:
            raise JobsBusy()
        if sum(lane.waiting() for lane in lanes) >= LISTENERS_WAITING:
            raise JobsBusy()

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
        for lane, future, _call in held:
            if not (future.running() or future.done()):
                waiting[lane] += 1
        return waiting

    def wait(self, timeout: float | None = None) -> None:
        """Block until everything submitted so far has finished (tests and the CLI use it)."""
        with self._lock:
            futures = [future for _lane, future, _call in self._pending.values()]
        for future in futures:
            if not future.cancelled():
                future.exception(timeout=timeout)

    def started(self) -> list[str]:
        """None: this process runs its own jobs and knows them."""
        return []

    def close(self) -> None:
        """Finish queued work and stop."""
        for lane in self._lanes.values():
            lane.close()


class RQQueue:
    """The RQ queue on Redis: any ``baonoi worker`` on any machine takes the job."""

    kind = "rq"

    def __init__(
        self,
        connection: Any,
        names: dict[str, str],
        job_id: Callable[[str], str],
        client_jobs: Callable[[str], str] | None = None,
    ) -> None:
        from rq import Queue

        self.queues = {lane: Queue(name, connection=connection) for lane, name in names.items()}
        self.queue = self.queues[LANE_LATER]
        self._job_id, self._client_jobs = job_id, client_jobs

    def submit(
        self,
        article_id: str,
        audio_key: str,
        stale: bool = False,
        interactive: bool = False,
        long: bool = False,
        client: str = "",
    ) -> None:
        """Enqueue unless a job for this key is queued or running (a stale one counts as dead).

        A listener's job goes to the ``now`` queue, which workers take from first; one still
        waiting in a background queue is moved there. Long articles have a queue of their own
        (``now-long`` when a listener waits). A client has at most ``CLIENT_JOBS`` listener jobs
        queued or running, counted in Redis for every process (``JobsBusy`` past them).
        """
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            job = Job.fetch(self._job_id(audio_key), connection=self.queue.connection)
            status = job.get_status(refresh=False)
            background = {
                q.name: q for lane, q in self.queues.items() if lane not in LISTENER_LANES
            }
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
        lane = _lane(interactive, long)
        if lane in LISTENER_LANES:
            self._admit(client, self._job_id(audio_key))
        self.queues[lane].enqueue(
            JOB_FUNCTION,
            article_id,
            job_id=self._job_id(audio_key),
            job_timeout=JOB_TIMEOUT_S,
            result_ttl=3600,
            failure_ttl=86400,
        )

    def _admit(self, client: str, job_id: str) -> None:
        """Count ``job_id`` as ``client``'s, or ``JobsBusy`` when it has too many unfinished
        listener jobs (or every listener together has too many waiting)."""
        from rq.job import Job, JobStatus

        connection = self.queue.connection
        if sum(self.queues[lane].count for lane in LISTENER_LANES if lane in self.queues) >= (
            LISTENERS_WAITING
        ):
            raise JobsBusy()
        if self._client_jobs is None:
            return
        name, now = self._client_jobs(client), time.time()
        connection.zremrangebyscore(name, 0, now - JOB_TIMEOUT_S)
        members: list[Any] = connection.zrange(name, 0, -1)
        held = [m.decode() for m in members if m.decode() != job_id]
        unfinished = (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.SCHEDULED)
        jobs = Job.fetch_many(held, connection=connection) if held else []
        done = [
            i
            for i, job in zip(held, jobs, strict=True)
            if job is None or (job.get_status(refresh=False) not in unfinished)
        ]
        if done:
            connection.zrem(name, *done)
        if len(held) - len(done) >= CLIENT_JOBS:
            raise JobsBusy()
        connection.zadd(name, {job_id: now})
        connection.expire(name, int(JOB_TIMEOUT_S))

    def discard(self, audio_key: str) -> None:
        """Delete the queued job of ``audio_key`` (a started one sees its article gone)."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            job = Job.fetch(self._job_id(audio_key), connection=self.queue.connection)
            if job.get_status(refresh=False) is not JobStatus.STARTED:
                job.delete(remove_from_queue=True)
        except NoSuchJobError:
            pass

    def started(self) -> list[str]:
        """Article ids of the jobs RQ lists as started (a killed worker's stay listed)."""
        from rq.job import Job

        ids = {
            job_id
            for queue in self.queues.values()
            for job_id, _ in queue.started_job_registry.get_job_and_execution_ids(cleanup=False)
        }
        jobs = Job.fetch_many(sorted(ids), connection=self.queue.connection)
        return [str(job.args[0]) for job in jobs if job is not None and job.args]

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
        return LANE_NOW_LONG if long else LANE_NOW
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
