"""Loopback HTTP(S) servers for the fetch tests: a page, redirects, drips, bombs, broken answers.

``running()`` starts a threaded ``http.server`` on a free port of 127.0.0.1 (or ::1) and stops it,
joining every handler thread, when the block ends. Each route writes its answer as raw bytes, so a
test can receive what no well-behaved server would send. The server records every request's path
and Host header, so a test can tell a refusal before connecting from one after.
"""

from __future__ import annotations

import gzip
import socket
import socketserver
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PAGE = "<!doctype html><html><body><article><h1>Xin chào</h1><p>Bản tin</p></article></body></html>"
HTML = "text/html; charset=utf-8"
MB = 1024 * 1024
DRIP_INTERVAL_S = 0.5


@cache
def bomb() -> bytes:
    """A gzip body of a few tens of KiB that decodes to 64 MB of zeros."""
    return gzip.compress(bytes(64 * MB), compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    """Dispatches GET to the route named by the first path segment."""

    server: FetchServer

    def do_GET(self) -> None:
        """Record the request, then answer through its route (404 for an unknown one)."""
        self.server.requests.append((self.path, self.headers.get("Host", "")))
        parts = urlsplit(self.path)
        name, _, rest = parts.path.strip("/").partition("/")
        route = ROUTES.get(name, not_found)
        route(self, rest, {k: v[0] for k, v in parse_qs(parts.query).items()})

    def raw(self, status: str, headers: dict[str, str], body: bytes = b"") -> None:
        """Write a whole answer as given (no headers added)."""
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.wfile.write(f"HTTP/1.1 {status}\r\n{head}\r\n".encode("latin-1") + body)
        self.wfile.flush()

    def page(self, body: bytes, content_type: str = HTML, **extra: str) -> None:
        """A 200 answer with a Content-Length."""
        headers = {"Content-Type": content_type, "Content-Length": str(len(body)), **extra}
        self.raw("200 OK", headers, body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the server's request list is the log."""


Route = Callable[[Handler, str, dict[str, str]], None]


def ok(h: Handler, rest: str, query: dict[str, str]) -> None:
    """The page, with the content type of ``?type=`` (HTML by default)."""
    h.page(PAGE.encode(), query.get("type", HTML))


def no_type(h: Handler, rest: str, query: dict[str, str]) -> None:
    """The page with no Content-Type at all."""
    h.raw("200 OK", {"Content-Length": str(len(PAGE.encode()))}, PAGE.encode())


def chain(h: Handler, rest: str, query: dict[str, str]) -> None:
    """``/chain/N`` redirects to ``/chain/N-1``; ``/chain/0`` is the page."""
    hops = int(rest or 0)
    if hops <= 0:
        ok(h, rest, query)
    else:
        h.raw("302 Found", {"Location": f"/chain/{hops - 1}", "Content-Length": "0"})


def to(h: Handler, rest: str, query: dict[str, str]) -> None:
    """A redirect (``?status=``, 302 by default) to ``?u=``, verbatim; none without ``u``."""
    headers = {"Content-Length": "0"} | ({"Location": query["u"]} if "u" in query else {})
    h.raw(f"{query.get('status', '302')} Redirect", headers)


def status(h: Handler, rest: str, query: dict[str, str]) -> None:
    """``/status/N`` answers N with an HTML body."""
    h.raw(f"{int(rest)} Status", {"Content-Type": HTML, "Content-Length": "5"}, b"oops\n")


def not_found(h: Handler, rest: str, query: dict[str, str]) -> None:
    """An unknown route."""
    status(h, "404", query)


def drip(h: Handler, rest: str, query: dict[str, str]) -> None:
    """A page that never ends: one byte every half second until the server stops."""
    h.raw("200 OK", {"Content-Type": HTML})
    while not h.server.stopping.wait(DRIP_INTERVAL_S):
        h.wfile.write(b"x")
        h.wfile.flush()


def drip_headers(h: Handler, rest: str, query: dict[str, str]) -> None:
    """Headers that never end: one byte of a header line every half second."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    while not h.server.stopping.wait(DRIP_INTERVAL_S):
        h.wfile.write(b"x")
        h.wfile.flush()


def silent(h: Handler, rest: str, query: dict[str, str]) -> None:
    """Take the request and never answer."""
    h.server.stopping.wait()


def hang_up(h: Handler, rest: str, query: dict[str, str]) -> None:
    """Close the connection without a word."""
    h.close_connection = True


def big(h: Handler, rest: str, query: dict[str, str]) -> None:
    """``?mb=`` megabytes of HTML (6 by default), with a Content-Length unless ``?sized=0``."""
    body = b"<p>" + b"a" * int(float(query.get("mb", "6")) * MB - 3)
    if query.get("sized") == "0":
        h.raw("200 OK", {"Content-Type": HTML}, body)  # ends when the connection closes
    else:
        h.page(body)


def gzipped(h: Handler, rest: str, query: dict[str, str]) -> None:
    """The page gzipped (``Content-Encoding`` from ``?coding=``; twice over for ``gzip, gzip``)."""
    coding = query.get("coding", "gzip")
    body = gzip.compress(PAGE.encode())
    body = gzip.compress(body) if coding == "gzip, gzip" else body
    h.page(body, **{"Content-Encoding": coding})


def gzip_bomb(h: Handler, rest: str, query: dict[str, str]) -> None:
    """A gzip bomb: small on the wire, 64 MB decoded (no Content-Length when ``?sized=0``)."""
    if query.get("sized") == "0":
        h.raw("200 OK", {"Content-Type": HTML, "Content-Encoding": "gzip"}, bomb())
    else:
        h.page(bomb(), **{"Content-Encoding": "gzip"})


def truncated(h: Handler, rest: str, query: dict[str, str]) -> None:
    """Close mid-body: ``/truncated/length`` (short of Content-Length), ``gzip``, ``chunked``."""
    body = PAGE.encode() * 40
    if rest == "gzip":
        packed = gzip.compress(body)
        h.raw("200 OK", {"Content-Type": HTML, "Content-Encoding": "gzip"}, packed[:-20])
    elif rest == "chunked":
        headers = {"Content-Type": HTML, "Transfer-Encoding": "chunked"}
        h.raw("200 OK", headers, f"{len(body):x}\r\n".encode() + body[: len(body) // 2])
    else:
        headers = {"Content-Type": HTML, "Content-Length": str(len(body))}
        h.raw("200 OK", headers, body[: len(body) // 2])


def chunked(h: Handler, rest: str, query: dict[str, str]) -> None:
    """The page in two chunks."""
    body, half = PAGE.encode(), len(PAGE.encode()) // 2
    parts = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in (body[:half], body[half:]))
    h.raw("200 OK", {"Content-Type": HTML, "Transfer-Encoding": "chunked"}, parts + b"0\r\n\r\n")


def many_headers(h: Handler, rest: str, query: dict[str, str]) -> None:
    """Two hundred headers (http.client stops at 100)."""
    headers = {f"X-H{i}": "x" for i in range(200)} | {"Content-Type": HTML}
    h.raw("200 OK", headers, PAGE.encode())


ROUTES: dict[str, Route] = {
    "page": ok,
    "no-type": no_type,
    "chain": chain,
    "to": to,
    "status": status,
    "drip": drip,
    "drip-headers": drip_headers,
    "silent": silent,
    "hang-up": hang_up,
    "big": big,
    "gzip": gzipped,
    "bomb": gzip_bomb,
    "truncated": truncated,
    "chunked": chunked,
    "many-headers": many_headers,
}


class FetchServer(ThreadingHTTPServer):
    """A threaded HTTP(S) server on a free loopback port; ``server_close`` joins its handlers."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, host: str, tls: ssl.SSLContext | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.host, self.tls = host, tls
        self.stopping = threading.Event()
        self.requests: list[tuple[str, str]] = []
        super().__init__((host, 0), Handler)

    def server_bind(self) -> None:
        """Bind without http.server's reverse lookup of the host name."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.host, self.server_address[1]

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self.server_address[1])

    def url(self, path: str, host: str | None = None, scheme: str | None = None) -> str:
        """An absolute URL to ``path`` on this server, under another host name if given."""
        host = host or (f"[{self.host}]" if ":" in self.host else self.host)
        return f"{scheme or ('https' if self.tls else 'http')}://{host}:{self.port}{path}"

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Speak TLS first when the server has a certificate."""
        if self.tls is None:
            super().finish_request(request, client_address)
            return
        with self.tls.wrap_socket(request, server_side=True) as tls:
            super().finish_request(tls, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up (as the fetcher does when it refuses) are not errors here."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


@contextmanager
def running(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> Iterator[FetchServer]:
    """A server on ``host`` for the duration of the block."""
    server = FetchServer(host, tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        thread.join()
        server.server_close()
