"""Waiting requests are served in turn by client, health checks first (``channels.FairQueue``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from app.channels import BoundedServer, FairQueue, create_server
from tests.waitress_run import start, stop

FLOODER, OTHER = "127.0.0.1", "127.0.0.2"  # two clients: Linux answers all of 127/8 on loopback


class Gate:
    """A WSGI app that records each request's path and holds its thread until opened."""

    def __init__(self) -> None:
        self.served: list[str] = []
        self.opened = threading.Event()
        self.entered = threading.Event()

    def __call__(self, environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        """Record the path (and the client), then wait for the gate unless it is a health check."""
        self.served.append(f"{environ['REMOTE_ADDR']} {environ['PATH_INFO']}")
        self.entered.set()
        if environ["PATH_INFO"] != "/healthz":
            self.opened.wait(10)
        start("200 OK", [("Content-Length", "2")])
        return [b"ok"]


@pytest.fixture
def gated() -> Iterator[tuple[BoundedServer, Gate]]:
    """A one-thread bounded server whose app holds its thread until the gate opens."""
    gate = Gate()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = create_server(gate, sock, {"threads": 1, "ident": "t"})
    runner = start(server)
    yield server, gate
    gate.opened.set()
    stop(server, runner)


def _send(port: int, source: str, path: str) -> socket.socket:
    """A connection from ``source`` that sends one GET for ``path``."""
    sock = socket.socket()
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    return sock


def _queued(server: BoundedServer, count: int) -> None:
    """Wait until ``count`` requests wait for the thread."""
    deadline = time.monotonic() + 10
    while len(server.task_dispatcher.queue) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(server.task_dispatcher.queue) == count


def _answered(sock: socket.socket) -> bytes:
    """The answer's bytes, read until the body (two bytes) arrives."""
    sock.settimeout(10)
    data = b""
    while not data.endswith(b"ok"):
        piece = sock.recv(4096)
        if not piece:
            break
        data += piece
    return data


def test_another_clients_request_is_served_before_the_flooders_next_ones(
    gated: tuple[BoundedServer, Gate],
) -> None:
    server, gate = gated
    port = server.socket.getsockname()[1]
    first = _send(port, FLOODER, "/a0")
    assert gate.entered.wait(10)  # the only thread is held
    flood = [_send(port, FLOODER, f"/a{n}") for n in range(1, 4)]
    _queued(server, 3)
    other = _send(port, OTHER, "/b")
    _queued(server, 4)
    gate.opened.set()
    for sock in [first, *flood, other]:
        assert _answered(sock).startswith(b"HTTP/1.1 200")
        sock.close()
    assert gate.served == [
        f"{FLOODER} /a0",
        f"{FLOODER} /a1",
        f"{OTHER} /b",  # its turn comes after one of the flooder's, not after all three
        f"{FLOODER} /a2",
        f"{FLOODER} /a3",
    ]


def test_a_health_check_is_served_before_every_waiting_request(
    gated: tuple[BoundedServer, Gate],
) -> None:
    server, gate = gated
    port = server.socket.getsockname()[1]
    first = _send(port, FLOODER, "/a0")
    assert gate.entered.wait(10)
    flood = [_send(port, OTHER, f"/b{n}") for n in range(3)]
    _queued(server, 3)
    health = _send(port, FLOODER, "/healthz")
    _queued(server, 4)
    gate.opened.set()
    for sock in [first, *flood, health]:
        assert _answered(sock).startswith(b"HTTP/1.1 200")
        sock.close()
    assert gate.served[:2] == [f"{FLOODER} /a0", f"{FLOODER} /healthz"]


def _channel(addr: str, path: str = "/", forwarded: str = "", command: str = "GET") -> Any:
    """A stand-in for a waitress channel with one request waiting."""
    headers = {"X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = SimpleNamespace(command=command, path=path, headers=headers)
    return SimpleNamespace(addr=(addr, 5000), requests=[request])


def test_behind_trusted_proxies_the_client_is_the_forwarded_address() -> None:
    queue = FairQueue(trusted_proxies=1)
    a1, a2 = (_channel("127.0.0.1", forwarded="203.0.113.7") for _ in range(2))
    b = _channel("127.0.0.1", forwarded="198.51.100.2")
    for channel in (a1, a2, b):
        queue.append(channel)
    assert [queue.popleft() for _ in range(3)] == [a1, b, a2]
    assert len(queue) == 0


def test_a_forged_hop_beyond_the_trusted_ones_does_not_make_a_new_client() -> None:
    queue = FairQueue(trusted_proxies=1)
    a1 = _channel("127.0.0.1", forwarded="10.9.9.9, 203.0.113.7")
    a2 = _channel("127.0.0.1", forwarded="10.8.8.8, 203.0.113.7")
    b = _channel("127.0.0.1", forwarded="198.51.100.2")
    for channel in (a1, a2, b):
        queue.append(channel)
    assert [queue.popleft() for _ in range(3)] == [a1, b, a2]


def test_a_post_to_the_health_path_waits_its_turn() -> None:
    queue = FairQueue()
    a = _channel("127.0.0.1")
    post = _channel("127.0.0.1", "/healthz", command="POST")
    queue.append(a)
    queue.append(post)
    assert [queue.popleft(), queue.popleft()] == [a, post]
    with pytest.raises(IndexError):
        queue.popleft()
