"""Who runs synthesis jobs: the in-process queue bound to the pipeline, and ``baonoi worker``.

RQ workers import ``run_job`` by name (``jobs.JOB_FUNCTION``); the services it uses are bound
once per worker process by ``run_worker``.
"""

from __future__ import annotations

import logging

from app.errors import ConfigError
from app.pipeline import synthesize
from app.services import Services
from app.store import keys, require_answer

log = logging.getLogger(__name__)
_bound: dict[str, Services] = {}


def attach(services: Services) -> None:
    """Make jobs queued in this process run the pipeline's synthesis with ``services``."""

    def work(article_id: str) -> None:
        try:
            synthesize(services, article_id)
        except Exception:
            log.exception("synthesis of %s failed", article_id)  # also recorded in the store
            raise
        finally:
            services.store.release()  # the job thread's connection

    services.queue.bind(work)


def run_worker(services: Services, burst: bool = False) -> bool:
    """Take synthesis jobs from Redis until stopped (with ``burst``: until the queue is empty)."""
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
    # Its own connection: blocking pops outlast the short timeouts request threads use.
    connection = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
    try:
        worker = Worker([keys.QUEUE_NOW, keys.QUEUE, keys.QUEUE_LONG], connection=connection)
        return bool(worker.work(burst=burst, with_scheduler=False))
    finally:
        connection.close()


def run_job(article_id: str) -> None:
    """RQ entry point: synthesize an article's audio with the worker's services."""
    try:
        services = _bound["services"]
    except KeyError:
        raise RuntimeError(
            "run_job needs run_worker() first (run it under `baonoi worker`)"
        ) from None
    synthesize(services, article_id)
