"""Job queues: a listener's job goes ahead of background ingest, in process and on Redis."""

from __future__ import annotations

import threading
import time

import pytest
import redis

from app.jobs import LANE_LATER, LANE_NOW, InlineQueue, RQQueue
from app.store import keys


class Recorder:
    """Work that records the order it ran in and can hold one article until released."""

    def __init__(self, hold: str) -> None:
        self.hold, self.release = hold, threading.Event()
        self.ran: list[str] = []
        self.started = threading.Event()

    def __call__(self, article_id: str) -> None:
        if article_id == self.hold:
            self.started.set()
            assert self.release.wait(30)
        self.ran.append(article_id)


def wait_for(condition: object, seconds: float = 10.0) -> None:
    """Poll ``condition`` (a callable) until true."""
    end = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < end, "condition never held"
        time.sleep(0.01)


def test_a_listeners_job_runs_while_a_long_background_job_holds_the_background_lane() -> None:
    queue, work = InlineQueue(), Recorder(hold="long")
    queue.bind(work)
    queue.submit("long", "k-long")
    assert work.started.wait(10)
    for n in range(20):
        queue.submit(f"ingested-{n}", f"k-{n}")
    queue.submit("listened", "k-listened", interactive=True)
    wait_for(lambda: "listened" in work.ran)
    assert work.ran == ["listened"]  # ahead of the 20 queued and beside the running one
    work.release.set()
    queue.close()
    assert work.ran[-1] == "ingested-19" and len(work.ran) == 22


def test_asking_to_listen_moves_a_waiting_background_job_to_the_listeners_lane() -> None:
    queue, work = InlineQueue(), Recorder(hold="long")
    queue.bind(work)
    queue.submit("long", "k-long")
    assert work.started.wait(10)
    queue.submit("waiting", "k-waiting")
    queue.submit("waiting", "k-waiting", interactive=True)
    wait_for(lambda: "waiting" in work.ran)
    work.release.set()
    queue.close()
    assert work.ran == ["waiting", "long"]  # once, not twice


def test_a_running_job_is_not_started_again_when_a_listener_asks() -> None:
    queue, work = InlineQueue(), Recorder(hold="long")
    queue.bind(work)
    queue.submit("long", "k-long")
    assert work.started.wait(10)
    queue.submit("long", "k-long", interactive=True)
    work.release.set()
    queue.close()
    assert work.ran == ["long"]


@pytest.mark.redis
def test_on_redis_a_listeners_job_goes_to_the_queue_workers_take_first(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    queue = RQQueue(connection, keys.QUEUES, keys.job_id)
    queue.submit("ingested", "a" * 32)
    queue.submit("listened", "b" * 32, interactive=True)
    assert queue.queues[LANE_LATER].job_ids == [keys.job_id("a" * 32)]
    assert queue.queues[LANE_NOW].job_ids == [keys.job_id("b" * 32)]
    queue.submit("ingested", "a" * 32, interactive=True)  # a listener presses play on it
    assert queue.queues[LANE_LATER].job_ids == []
    assert queue.queues[LANE_NOW].job_ids == [keys.job_id("b" * 32), keys.job_id("a" * 32)]
    queue.submit("ingested", "a" * 32, interactive=True)  # asked again: still queued once
    assert len(queue.queues[LANE_NOW].job_ids) == 2
    connection.close()
