"""Job queues: a listener's job goes ahead of background ingest, in process and on Redis."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any

import pytest
import redis

from app.jobs import LANE_LATER, LANE_LONG, LANE_NOW, InlineQueue, RQQueue
from app.pipeline import LONG_ARTICLE_CHARS, ingest, request_audio
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


def test_a_long_article_in_the_background_never_holds_up_short_ones() -> None:
    queue, work = InlineQueue(), Recorder(hold="long")
    queue.bind(work)
    queue.submit("long", "k-long", long=True)
    assert work.started.wait(10)
    for n in range(20):
        queue.submit(f"short-{n}", f"k-{n}")
    wait_for(lambda: len(work.ran) == 20)
    assert work.ran == [f"short-{n}" for n in range(20)]  # all made while the long one runs
    work.release.set()
    queue.close()
    assert work.ran[-1] == "long"


def test_a_listener_moves_a_waiting_long_article_to_the_listeners_lane() -> None:
    queue, work = InlineQueue(), Recorder(hold="first")
    queue.bind(work)
    queue.submit("first", "k-first", long=True)
    assert work.started.wait(10)
    queue.submit("second", "k-second", long=True)  # waits behind the first long one
    queue.submit("second", "k-second", interactive=True)
    wait_for(lambda: "second" in work.ran)
    work.release.set()
    queue.close()
    assert work.ran == ["second", "first"]


@pytest.mark.redis
def test_on_redis_long_articles_have_a_queue_of_their_own(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    queue = RQQueue(connection, keys.QUEUES, keys.job_id)
    queue.submit("long", "c" * 32, long=True)
    assert queue.queues[LANE_LONG].job_ids == [keys.job_id("c" * 32)]
    queue.submit("long", "c" * 32, interactive=True)
    assert queue.queues[LANE_LONG].job_ids == []
    assert queue.queues[LANE_NOW].job_ids == [keys.job_id("c" * 32)]
    connection.close()


@pytest.mark.own_audio  # the short page's audio must not be made already
def test_request_audio_sends_a_long_article_to_the_long_lane(
    services: Any, short_page: bytes
) -> None:
    asked: list[tuple[str, bool, bool]] = []

    class Recording:
        """A queue that records what it is asked to run (and runs nothing)."""

        kind = "recording"

        def submit(
            self,
            article_id: str,
            audio_key: str,
            stale: bool = False,
            interactive: bool = False,
            long: bool = False,
        ) -> None:
            asked.append((article_id, interactive, long))

        def close(self) -> None:
            """Nothing to stop."""

    short, _ = ingest(services, short_page, article_id="short", queue_audio=False)
    services.queue = Recording()
    request_audio(services, short)
    copies = LONG_ARTICLE_CHARS // len(short.text) + 2
    long_article = replace(short, id="long", audio_key="e" * 32, blocks=short.blocks * copies)
    assert len(long_article.text) > LONG_ARTICLE_CHARS
    request_audio(services, long_article)
    assert asked == [("short", False, False), ("long", False, True)]
