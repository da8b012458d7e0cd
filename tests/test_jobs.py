"""Job queues: a listener's job goes ahead of background ingest, in process and on Redis."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any

import pytest
import redis

from app.errors import JobsBusy
from app.jobs import (
    CLIENT_JOBS,
    CLIENT_WAITING,
    LANE_LATER,
    LANE_LONG,
    LANE_NOW,
    LANE_NOW_LONG,
    NOW_WORKERS,
    InlineQueue,
    RQQueue,
)
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
            client: str = "",
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


class Gate:
    """Work that holds every article whose id starts with ``held`` until released."""

    def __init__(self, held: str) -> None:
        self.held, self.release = held, threading.Event()
        self.started: list[str] = []
        self.ran: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, article_id: str) -> None:
        with self._lock:
            self.started.append(article_id)
        if article_id.startswith(self.held):
            assert self.release.wait(30)
        with self._lock:
            self.ran.append(article_id)


def test_one_clients_listener_jobs_never_fill_the_listeners_lane() -> None:
    queue, work = InlineQueue(), Gate(held="flood")
    queue.bind(work)
    for n in range(6):  # one client asks for six articles, none of them made
        queue.submit(f"flood-{n}", f"k-flood-{n}", interactive=True, client="10.0.0.1")
    wait_for(lambda: len(work.started) == 2)
    queue.submit("other", "k-other", interactive=True, client="10.0.0.2")
    wait_for(lambda: "other" in work.ran)  # a thread was free for the other client
    assert sorted(work.started[:2]) == ["flood-0", "flood-1"]  # at most two of the flood at once
    assert queue.depths()[LANE_NOW] == 4
    work.release.set()
    queue.close()
    assert len(work.ran) == 7


def test_waiting_listener_jobs_are_taken_round_robin_by_client() -> None:
    queue, work = InlineQueue(), Gate(held="hold")
    queue.bind(work)
    for n in range(NOW_WORKERS):  # every thread of the lane busy, one client each
        queue.submit(f"hold-{n}", f"k-hold-{n}", interactive=True, client=f"10.0.1.{n}")
    wait_for(lambda: len(work.started) == NOW_WORKERS)
    for n in range(3):
        queue.submit(f"a-{n}", f"k-a-{n}", interactive=True, client="10.0.0.1")
    queue.submit("b-0", "k-b-0", interactive=True, client="10.0.0.2")
    work.release.set()
    queue.close()
    assert work.started[NOW_WORKERS:][:2] == ["a-0", "b-0"]  # b's turn comes before a's second


def test_a_long_article_a_listener_waits_on_runs_beside_the_short_ones_lane() -> None:
    queue, work = InlineQueue(), Gate(held="long")
    queue.bind(work)
    for n in range(3):
        queue.submit(f"long-{n}", f"k-long-{n}", interactive=True, long=True, client="10.0.0.1")
    wait_for(lambda: len(work.started) == 1)
    assert queue.depths()[LANE_NOW_LONG] == 2 and queue.depths()[LANE_NOW] == 0
    queue.submit("short", "k-short", interactive=True, client="10.0.0.1")  # the same client
    wait_for(lambda: "short" in work.ran)
    work.release.set()
    queue.close()


def test_a_job_another_client_waits_for_runs_at_the_first_of_their_turns() -> None:
    queue, work = InlineQueue(), Gate(held="a-")
    queue.bind(work)
    for n in range(4):
        queue.submit(f"a-{n}", f"k-a-{n}", interactive=True, client="10.0.0.1")
    wait_for(lambda: len(work.started) == 2)
    queue.submit("a-3", "k-a-3", interactive=True, client="10.0.0.2")  # b wants a's fourth too
    wait_for(lambda: "a-3" in work.started)
    assert "a-2" not in work.started  # taken in b's turn, ahead of a's own third
    work.release.set()
    queue.close()
    assert sorted(work.ran) == ["a-0", "a-1", "a-2", "a-3"]  # each once


def test_a_client_with_too_many_listener_jobs_waiting_is_refused() -> None:
    queue, work = InlineQueue(), Gate(held="a-")
    queue.bind(work)
    for n in range(CLIENT_WAITING + 2):  # two run, eight wait
        queue.submit(f"a-{n}", f"k-a-{n}", interactive=True, client="10.0.0.1")
    with pytest.raises(JobsBusy):
        queue.submit("a-more", "k-a-more", interactive=True, client="10.0.0.1")
    queue.submit("b", "k-b", interactive=True, client="10.0.0.2")  # others are still served
    queue.submit("bg", "k-bg", client="10.0.0.1")  # background work is not a listener's
    wait_for(lambda: "b" in work.ran and "bg" in work.ran)
    work.release.set()
    queue.close()


@pytest.mark.redis
def test_on_redis_a_client_has_at_most_a_few_listener_jobs_and_long_ones_apart(
    redis_url: str,
) -> None:
    connection = redis.Redis.from_url(redis_url)
    queue = RQQueue(connection, keys.QUEUES, keys.job_id, keys.client_jobs)
    for n in range(CLIENT_JOBS):
        queue.submit(f"a-{n}", f"{n:032x}", interactive=True, client="10.0.0.1")
    with pytest.raises(JobsBusy):
        queue.submit("a-more", "f" * 32, interactive=True, client="10.0.0.1")
    queue.submit("b", "e" * 32, interactive=True, long=True, client="10.0.0.2")
    assert queue.queues[LANE_NOW_LONG].job_ids == [keys.job_id("e" * 32)]
    assert len(queue.queues[LANE_NOW].job_ids) == CLIENT_JOBS
    queue.queues[LANE_NOW].remove(keys.job_id(f"{0:032x}"))  # one of a's ends (gone)
    from rq.job import Job

    Job.fetch(keys.job_id(f"{0:032x}"), connection=connection).delete()
    queue.submit("a-more", "f" * 32, interactive=True, client="10.0.0.1")  # a has room again
    connection.close()
