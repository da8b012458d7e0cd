"""Bounded waitress connections: a client that pipelines and never reads holds no thread long."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
import requests

from app.channels import BoundedServer, create_server
from tests.waitress_run import start, stop

BODY = b"x" * (1024 * 1024)  # an answer bigger than a socket's buffers


def big(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """A WSGI app answering every request with 1 MB."""
    start_response("200 OK", [("Content-Length", str(len(BODY)))])
    return [BODY]


@pytest.fixture
def server() -> Iterator[BoundedServer]:
    """A one-thread bounded server on loopback with a 1 s stall timeout, run in a thread."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    bounded = create_server(
        big, sock, {"threads": 1, "channel_timeout": 1, "cleanup_interval": 1, "ident": "t"}
    )
    runner = start(bounded)
    yield bounded
    stop(bounded, runner)


def _non_reader(port: int, requests_: int) -> socket.socket:
    """A connection that pipelines ``requests_`` GETs and reads nothing."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * requests_)
    return sock


def test_clients_that_pipeline_and_never_read_leave_the_only_thread_free(
    server: BoundedServer,
) -> None:
    port = server.socket.getsockname()[1]
    stuck = [_non_reader(port, 40) for _ in range(3)]
    try:
        time.sleep(0.5)
        answer = requests.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert answer.status_code == 200 and len(answer.content) == len(BODY)
        held = [c.total_outbufs_len for c in server.active_channels.values()]
        assert max(held) < 3 * len(BODY)  # paused after an answer or two, not forty
    finally:
        for sock in stuck:
            sock.close()


def test_a_connection_whose_client_reads_nothing_is_closed_after_the_timeout(
    server: BoundedServer,
) -> None:
    port = server.socket.getsockname()[1]
    stuck = _non_reader(port, 5)
    try:
        deadline = time.monotonic() + 10
        while server.active_channels and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not server.active_channels  # closed, its buffers and files with it
    finally:
        stuck.close()


def test_a_client_that_reads_gets_every_pipelined_answer_in_order(server: BoundedServer) -> None:
    port = server.socket.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 4)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := sock.recv(1 << 20):
            received += chunk
    assert received.count(b"HTTP/1.1 200 OK") == 5
    assert received.count(b"x") == 5 * len(BODY)
