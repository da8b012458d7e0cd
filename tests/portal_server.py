"""A "portal" on loopback: article pages in the portal family's layout, feeds, hostile answers.

``PortalServer`` serves ``/tin-tuc/<slug>.aspx`` pages (with strong ETags: a conditional GET of an
unchanged page gets 304), ``/feed.xml`` (RSS), ``/atom.xml``, ``/sitemap.xml`` of the items it
holds, ``/raw/<name>`` answers a test wrote byte for byte, and ``/go?to=`` redirects; a path in
``delays`` is answered that many seconds late. It records every request path, so a test can count
fetches. ``tarpit()`` is a server that accepts connections and never answers.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).parent / "data" / "portal"
LAYOUT = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="GENERATOR" content="Microsoft SharePoint">
<title>{title} - Sở Nội vụ tỉnh Sơn Lâm</title>
{head}
</head>
<body>
<div id="ctl00_MSO_ContentDiv">
 <div class="banner"><span>SỞ NỘI VỤ TỈNH SƠN LÂM</span></div>
 <div class="ms-webpart-zone">
  <div class="ms-webpartzone-cell">
   <div class="ChiTietTin">
    <h2 class="TieuDeTin">{title}</h2>
    <span class="NgayDang">Cập nhật ngày 5 tháng 11 năm 2021</span>
    <p class="TomTat"><em>{lead}</em></p>
    <div class="NoiDungTin">
     {body}
     <p align="right"><strong>Thu Hằng</strong></p>
    </div>
   </div>
  </div>
 </div>
 <div class="footer">Sở Nội vụ tỉnh Sơn Lâm. Điện thoại: 0200.3850.000</div>
</div>
{tail}
</body>
</html>
"""


def article_page(number: int, revision: int = 0, head: str = "", tail: str = "") -> str:
    """A short article in the portal family's layout (a few sentences: quick to synthesize)."""
    body = (
        f"<p>Đây là bản tin số {number} của Sở Nội vụ.</p>"
        "<p>Các sở, ngành được yêu cầu nâng cao chỉ số hài lòng của người dân.</p>"
    )
    if revision:
        body += f"<p>Bản tin được cập nhật lần thứ {revision}.</p>"
    return LAYOUT.format(
        title=f"Bản tin số {number} về cải cách hành chính",
        lead="Sở Nội vụ tổ chức hội nghị tổng kết công tác cải cách hành chính.",
        body=body,
        head=head,
        tail=tail,
    )


@dataclass
class Item:
    """One article the portal holds."""

    html: str
    lastmod: str = "2021-11-05T08:00:00+07:00"
    headers: dict[str, str] = field(default_factory=dict)
    modified: str = ""  # a Last-Modified date: then If-Modified-Since is honoured, not ETag

    @property
    def etag(self) -> str:
        """A strong validator of the page's bytes."""
        return '"' + hashlib.sha256(self.html.encode()).hexdigest()[:16] + '"'


@dataclass
class Raw:
    """An answer written as given."""

    status: str = "200 OK"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class Handler(BaseHTTPRequestHandler):
    """Pages, feeds, raw answers and redirects."""

    server: PortalServer

    def do_GET(self) -> None:
        """Record the request, then answer it."""
        with self.server.lock:
            self.server.requests.append(self.path)
        parts = urlsplit(self.path)
        if (delay := self.server.delays.get(parts.path)) is not None:
            time.sleep(delay)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        if path.startswith("/tin-tuc/") and path in self.server.items:
            self.article(self.server.items[path])
        elif path in ("/feed.xml", "/atom.xml", "/sitemap.xml"):
            self.send(200, FEEDS[path](self.server), "application/xml; charset=utf-8")
        elif path.startswith("/raw/") and path[5:] in self.server.raw:
            raw = self.server.raw[path[5:]]
            head = "".join(f"{k}: {v}\r\n" for k, v in raw.headers.items())
            start = f"HTTP/1.1 {raw.status}\r\n{head}\r\n".encode("latin-1")
            with suppress(ConnectionError):  # the fetcher may hang up once it has seen enough
                self.wfile.write(start + raw.body)
        elif path == "/go":
            self.send(302, b"", "text/plain", Location=query.get("to", "/"))
        else:
            self.send(404, b"not found", "text/plain")

    def article(self, item: Item) -> None:
        """The page, or 304 when the client holds this version."""
        with self.server.lock:
            self.server.conditions.append(
                (self.headers.get("If-None-Match", ""), self.headers.get("If-Modified-Since", ""))
            )
        if item.modified:
            if self.headers.get("If-Modified-Since") == item.modified:
                self.send(304, b"", "")
                return
            validator = {"Last-Modified": item.modified}
        elif self.headers.get("If-None-Match") == item.etag:
            self.send(304, b"", "", ETag=item.etag)
            return
        else:
            validator = {"ETag": item.etag}
        headers = {**validator, **item.headers}
        self.send(200, item.html.encode(), "text/html; charset=utf-8", **headers)

    def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        """A whole answer with its length."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request list is the log."""


class PortalServer(ThreadingHTTPServer):
    """The portal: its items, raw answers and the requests it received."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.items: dict[str, Item] = {}
        self.raw: dict[str, Raw] = {}
        self.requests: list[str] = []
        self.conditions: list[tuple[str, str]] = []  # (If-None-Match, If-Modified-Since) asked
        self.delays: dict[str, float] = {}  # path -> seconds before it is answered
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server_address[1])

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path``."""
        return self.origin + path

    def add(
        self, slug: str, html: str, lastmod: str = "2021-11-05T08:00:00+07:00", **headers: str
    ) -> str:
        """Serve ``html`` at ``/tin-tuc/<slug>.aspx`` (with ``headers``); its URL."""
        path = f"/tin-tuc/{slug}.aspx"
        self.items[path] = Item(html, lastmod, dict(headers))
        return self.url(path)

    def fetches(self, path: str) -> int:
        """How many requests asked for ``path``."""
        with self.lock:
            return sum(1 for p in self.requests if urlsplit(p).path == path)


def rss(server: PortalServer) -> bytes:
    """An RSS 2.0 feed of every item."""
    entries = "".join(
        f"<item><title>{escape(path)}</title><link>{server.url(path)}</link>"
        f"<guid>{server.url(path)}</guid><pubDate>{item.lastmod}</pubDate></item>"
        for path, item in server.items.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Tin tức</title>{entries}</channel></rss>"
    ).encode()


def atom(server: PortalServer) -> bytes:
    """An Atom feed of every item."""
    entries = "".join(
        f'<entry><title>{escape(path)}</title><link rel="alternate" href="{server.url(path)}"/>'
        f"<id>{server.url(path)}</id><updated>{item.lastmod}</updated></entry>"
        for path, item in server.items.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Tin tức</title>{entries}</feed>"
    ).encode()


def sitemap(server: PortalServer) -> bytes:
    """A sitemap of every item."""
    entries = "".join(
        f"<url><loc>{server.url(path)}</loc><lastmod>{item.lastmod}</lastmod></url>"
        for path, item in server.items.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


FEEDS = {"/feed.xml": rss, "/atom.xml": atom, "/sitemap.xml": sitemap}


@contextmanager
def portal() -> Iterator[PortalServer]:
    """A running portal on 127.0.0.1, stopped at the end of the block."""
    server = PortalServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class Tarpit:
    """A server on loopback that accepts every connection and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.held: list[socket.socket] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.sock.getsockname()[1])

    def url(self, path: str) -> str:
        """The absolute URL of ``path``."""
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def accepted(self) -> int:
        """How many connections it took (each one a fetch)."""
        with self.lock:
            return len(self.held)

    def _accept(self) -> None:
        """Take connections and hold them, unread, until closed."""
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.held.append(conn)

    def close(self) -> None:
        """Stop listening and drop every connection."""
        with suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self.sock.close()
        with self.lock:
            for conn in self.held:
                conn.close()
        self.thread.join(timeout=10)


@contextmanager
def tarpit() -> Iterator[Tarpit]:
    """A tarpit on 127.0.0.1, closed at the end of the block."""
    server = Tarpit()
    try:
        yield server
    finally:
        server.close()
