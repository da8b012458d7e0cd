"""Who runs synthesis jobs: the in-process queue bound to the pipeline, and ``baonoi worker``.

RQ workers import ``run_job`` by name (``jobs.JOB_FUNCTION``); the services it uses are bound
once per worker process by ``run_worker``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from app import metrics
from app.errors import BaonoiError, ConfigError
from app.pipeline import synthesize
from app.planning import split_subject
from app.recovery import recover_abandoned, retake_stale
from app.services import Services
from app.store import keys, require_answer

log = logging.getLogger(__name__)
_bound: dict[str, Services] = {}
LANES = {name: lane for lane, name in keys.QUEUES.items()}  # RQ queue name -> lane


def attach(services: Services, requeue: bool = True) -> None:
    """Make jobs queued in this process run the pipeline's synthesis with ``services``.

    ``requeue``: queue here the jobs a dead process left (a server); a one-off command does not.
    """

    def work(subject: str) -> None:
        article_id, voice = split_subject(subject)
        try:
            synthesize(services, article_id, voice)
        except Exception:
            log.exception("synthesis of %s failed", article_id)  # also recorded in the store
            raise
        finally:
            services.store.release()  # the job thread's connection

    services.queue.bind(work)
    if services.queue.kind == "inline":  # it owns no job yet: a dead process's are abandoned
        for key in recover_abandoned(services, requeue):
            log.warning("took back the synthesis of %s, abandoned by a process that died", key)


def run_worker(services: Services, burst: bool = False, count_in_files: bool = False) -> bool:
    """Take synthesis jobs from Redis until stopped (with ``burst``: until the queue is empty).

    ``count_in_files``: metrics go to the machine's shared directory (``baonoi worker``).
    """
    import redis
    from rq import Worker

    url = services.settings.redis_url
    if not url:
        raise ConfigError(
            "baonoi worker needs BAONOI_REDIS_URL (or REDIS_URL)",
            "baonoi worker cần BAONOI_REDIS_URL (hoặc REDIS_URL)",
        )
    require_answer(services.settings, services.store)  # a dead Redis: exit 1 now, not later
    _bound["services"] = services
    if count_in_files:  # this machine's shared directory: the work-horses count there too
        metrics.use_directory(services.settings.data_dir / metrics.DIRECTORY)
    # Its own connection: blocking pops outlast the short timeouts request threads use.
    connection = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
    try:
        worker = _sweeping(Worker)(
            [keys.QUEUE_NOW, keys.QUEUE_NOW_LONG, keys.QUEUE, keys.QUEUE_LONG],
            connection=connection,
        )
        # A tenth of the TTL: the job is retaken within the TTL plus one heartbeat (a quarter).
        worker.sweep_every_s = max(1.0, services.lock_ttl_s / 10)
        return bool(worker.work(burst=burst, with_scheduler=False))
    finally:
        connection.close()


def _sweeping(worker_class: Any) -> Any:
    """An RQ worker class that, while idle, retakes the jobs of dead workers.

    RQ itself notices a dead worker's job only when the worker's own TTL (minutes) has passed,
    and then marks it failed. Waiting for work, this one stops every ``sweep_every_s`` (a tenth
    of the lock's TTL) and queues again the jobs whose lock holder stopped beating.
    """

    class SweepingWorker(worker_class):
        """RQ's worker, sweeping for dead workers' jobs while it waits."""

        sweep_every_s = 30.0
        swept_at = 0.0

        @property
        def dequeue_timeout(self) -> int:
            """How long one wait for a job lasts: until the next sweep."""
            return max(1, int(self.sweep_every_s))

        @property
        def should_run_maintenance_tasks(self) -> bool:
            """RQ's own maintenance is due, or a sweep."""
            due = time.monotonic() - self.swept_at >= self.sweep_every_s
            return bool(super().should_run_maintenance_tasks) or due

        def execute_job(self, job: Any, queue: Any) -> None:
            """Run the job in its work-horse; then fold the horse's metrics files (it ended)."""
            try:
                super().execute_job(job, queue)
            finally:
                metrics.fold_now()

        def run_maintenance_tasks(self) -> None:
            """RQ's maintenance when due; the sweep every time."""
            import redis

            if super().should_run_maintenance_tasks:
                super().run_maintenance_tasks()
            self.swept_at = time.monotonic()
            try:
                for article_id in retake_stale(_bound["services"]):
                    log.warning("queued again the job of %s: its worker died", article_id)
            except (BaonoiError, redis.RedisError) as exc:  # the next sweep tries again
                log.warning("sweep for dead workers' jobs failed: %s", exc)

    return SweepingWorker


def run_job(subject: str) -> None:
    """RQ entry point: synthesize an article's audio (``id`` or ``id#voice``) with the worker's."""
    try:
        services = _bound["services"]
    except KeyError:
        raise RuntimeError(
            "run_job needs run_worker() first (run it under `baonoi worker`)"
        ) from None
    from rq import get_current_job

    current = get_current_job()
    lane = LANES.get(current.origin if current else "", "later")
    with metrics.job(lane):
        synthesize(services, *split_subject(subject))
