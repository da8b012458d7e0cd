"""Who runs synthesis jobs: the in-process queue bound to the pipeline, and ``baonoi worker``.

RQ workers import ``run_job`` by name (``jobs.JOB_FUNCTION``); the services it uses are bound
once per worker process by ``run_worker``.
"""

from __future__ import annotations

import logging

from app import metrics
from app.errors import ConfigError
from app.pipeline import split_subject, synthesize
from app.services import Services
from app.store import keys, require_answer

log = logging.getLogger(__name__)
_bound: dict[str, Services] = {}
LANES = {name: lane for lane, name in keys.QUEUES.items()}  # RQ queue name -> lane


def attach(services: Services) -> None:
    """Make jobs queued in this process run the pipeline's synthesis with ``services``."""

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
        worker = Worker([keys.QUEUE_NOW, keys.QUEUE, keys.QUEUE_LONG], connection=connection)
        return bool(worker.work(burst=burst, with_scheduler=False))
    finally:
        connection.close()


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
