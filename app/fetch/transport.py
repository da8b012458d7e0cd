"""Fetch an article page from an allowed host, refusing private addresses, big and slow answers.

Every hop (the URL and each of at most three redirects) is checked the same way: scheme, user
info, port, host name against the allow-list, then every address the name resolves to. We connect
to an address we checked (pinned: no second lookup) and compare the socket's peer with it before a
byte is sent. One deadline covers the whole fetch, name lookups included: a watchdog shuts the
socket when it passes, so a server dripping one byte at a time cannot hold us past it. The body is
limited on the wire and again after gzip is undone, so a decompression bomb stops at the limit.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import urljoin

from app.fetch.policy import (
    Address,
    Network,
    Target,
    address_refused,
    check_url,
    ip_literal,
    refusal,
)
from app.fetch.rules import (
    CHUNK,
    DEADLINE_S,
    ENCODINGS,
    MAX_BYTES,
    MAX_REDIRECTS,
    PAGE_TYPES,
    PORTS,
    REDIRECTS,
    USER_AGENT,
    VALIDATOR_CHARS,
)

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: final URL, decoded body, declared content type and its validators.

    ``not_modified`` is a 304 to a conditional request: the body is empty, the copy we hold stands.
    """

    url: str
    body: bytes
    content_type: str
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    """What one fetch asks for: the types it accepts and the validators of the copy we hold."""

    types: tuple[str, ...] = PAGE_TYPES
    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        """The Accept and conditional headers."""
        headers = {"Accept": ",".join(self.types)}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class Deadline:
    """One time limit for a whole fetch; a watchdog shuts the watched socket when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._cut = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        """Seconds left; the deadline's FetchError once none are."""
        left = self.end - time.monotonic()
        if self._cut or left <= 0:
            raise refusal("deadline", f"{self.seconds:g} s")
        return left

    def watch(self, sock: socket.socket) -> None:
        """Put ``sock`` under the watchdog (it replaces the socket watched so far)."""
        with self._lock:
            self._sock = sock

    @contextmanager
    def watching(self, sock: socket.socket) -> Iterator[None]:
        """Keep ``sock`` (or what replaces it) under the watchdog; close it on the way out."""
        self.watch(sock)
        try:
            yield
        finally:
            with self._lock:
                if self._sock is not None:
                    self._sock.close()
                self._sock = None

    def _expire(self) -> None:
        """Wake any blocked read: a shut socket reads as closed."""
        with self._lock:
            self._cut = True
            if self._sock is not None:
                # The base method: SSLSocket.shutdown would drop its TLS state under the reader.
                with suppress(OSError):
                    socket.socket.shutdown(self._sock, socket.SHUT_RDWR)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the operating system's resolver gives for ``host``."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]


def _lookup(resolver: Resolver, host: str, port: int, deadline: Deadline) -> list[str]:
    """The resolver's answer, given up on at the deadline (getaddrinfo has no timeout)."""
    answer: list[list[str] | Exception] = []

    def ask() -> None:
        try:
            answer.append(resolver(host, port))
        except Exception as exc:  # handed to the caller's thread below
            answer.append(exc)

    thread = threading.Thread(target=ask, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(deadline.remaining())
    if not answer:
        deadline.remaining()  # the lookup outlived the deadline: its error
        raise refusal("lookup", host)
    if isinstance(answer[0], OSError | UnicodeError):
        raise refusal("lookup", host) from answer[0]
    if isinstance(answer[0], Exception):
        raise answer[0]
    return answer[0]


def resolve(
    host: str,
    port: int,
    permitted: Iterable[Network] = (),
    resolver: Resolver = system_resolver,
    deadline: Deadline | None = None,
) -> list[Address]:
    """Every address of ``host``, each checked; refused if any one is not a public address."""
    if ip_literal(host) is not None:
        names = [host]
    else:
        names = _lookup(resolver, host, port, deadline or Deadline(DEADLINE_S))
    addresses = [a for a in map(ip_literal, names) if a is not None]
    if not addresses or len(addresses) < len(names):
        raise refusal("lookup", f"{host}: {names}")
    nets = tuple(permitted)
    refused = [a for a in addresses if address_refused(a, nets)]
    if refused:
        raise refusal("private", f"{host}: {refused[0]}")
    return addresses


def check_peer(sock: socket.socket, address: Address, port: int) -> None:
    """Refuse a connection whose peer, as the socket reports it, is not the checked address."""
    peer = sock.getpeername()
    if ip_literal(str(peer[0])) != address or peer[1] != port:
        raise refusal("peer", f"{peer[0]} is not {address}")


def _connect_one(address: Address, port: int, deadline: Deadline) -> socket.socket:
    """A TCP connection to exactly ``address`` (a literal: no lookup), its peer verified."""
    sock = socket.socket(socket.AF_INET6 if address.version == 6 else socket.AF_INET)
    try:
        sock.settimeout(deadline.remaining())
        sock.connect((str(address), port))
        check_peer(sock, address, port)
    except BaseException:
        sock.close()
        raise
    return sock


def _connect(addresses: list[Address], port: int, deadline: Deadline) -> socket.socket:
    """A connection to the first checked address that answers."""
    failure: OSError | None = None
    for address in addresses:
        try:
            return _connect_one(address, port, deadline)
        except OSError as exc:
            failure = exc
    deadline.remaining()
    raise refusal("connect", failure) from failure


def _start_tls(
    sock: socket.socket, host: str, context: ssl.SSLContext | None, deadline: Deadline
) -> ssl.SSLSocket:
    """TLS over the pinned socket, the certificate verified for the host name we checked."""
    context = context or ssl.create_default_context()
    tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
    deadline.watch(tls)
    tls.settimeout(deadline.remaining())
    tls.do_handshake()
    return tls


@contextmanager
def _transport_errors(deadline: Deadline) -> Iterator[None]:
    """Socket, TLS, HTTP and zlib errors as FetchError (the deadline's once it has passed)."""
    try:
        yield
    except (OSError, http.client.HTTPException, zlib.error) as exc:
        deadline.remaining()
        raise refusal("transport", exc) from exc


def _inflater(encoding: str | None) -> zlib._Decompress | None:
    """A decoder for the Content-Encoding (gzip or zlib), None for identity; refused otherwise."""
    coding = (encoding or "identity").strip().lower()
    if coding == "identity":
        return None
    if coding not in ENCODINGS:  # we ask for gzip only; stacked codings are a bomb's trick
        raise refusal("encoding", coding)
    return zlib.decompressobj(zlib.MAX_WBITS | 32)


def _read_body(response: http.client.HTTPResponse, deadline: Deadline, limit: int) -> bytes:
    """The decoded body: at most ``limit`` bytes on the wire and decoded, within the deadline."""
    if response.length is not None and response.length > limit:  # Content-Length, parsed
        raise refusal("size", f"over {limit} bytes")
    inflater = _inflater(response.getheader("Content-Encoding"))
    body, wire = bytearray(), 0
    while chunk := response.read1(CHUNK):
        wire += len(chunk)
        # Asking for one byte over the room left keeps a bomb's output at the limit.
        body += inflater.decompress(chunk, limit - len(body) + 1) if inflater else chunk
        if wire > limit or len(body) > limit:
            raise refusal("size", f"over {limit} bytes")
        deadline.remaining()
    deadline.remaining()  # the watchdog's cut ends the loop like the end of the body
    if response.length or (inflater is not None and not inflater.eof):
        raise refusal("incomplete")
    return bytes(body)


def _redirect_url(target: Target, response: http.client.HTTPResponse) -> str:
    """The absolute URL a redirect points to."""
    location = (response.getheader("Location") or "").strip()
    if not location:
        raise refusal("location")
    with suppress(UnicodeError):  # header bytes arrive as Latin-1; servers send UTF-8
        location = location.encode("latin-1").decode("utf-8")
    return urljoin(target.url, location)


def _validator(response: http.client.HTTPResponse, name: str) -> str:
    """The answer's ``ETag`` or ``Last-Modified``: empty unless short and printable."""
    value = (response.getheader(name) or "").strip()
    return value if len(value) <= VALIDATOR_CHARS and value.isprintable() else ""


def _answer(
    target: Target,
    response: http.client.HTTPResponse,
    deadline: Deadline,
    limit: int,
    asked: Request,
) -> Page | str:
    """The page in ``response``, or the URL it redirects to; refused for any other answer."""
    if response.status in REDIRECTS:
        return _redirect_url(target, response)
    if response.status == 304 and (asked.etag or asked.last_modified):
        return Page(target.url, b"", "", asked.etag, asked.last_modified, not_modified=True)
    if response.status != 200:
        raise refusal("status", response.status)
    content_type = response.getheader("Content-Type", "")
    if content_type.split(";")[0].strip().lower() not in asked.types:
        raise refusal("type", content_type or "no Content-Type")
    body = _read_body(response, deadline, limit)
    etag, modified = _validator(response, "ETag"), _validator(response, "Last-Modified")
    return Page(target.url, body, content_type, etag, modified)


def _fetch_once(
    target: Target,
    addresses: list[Address],
    deadline: Deadline,
    limit: int,
    tls_context: ssl.SSLContext | None,
    asked: Request,
) -> Page | str:
    """One request over a pinned connection: the page, or the URL a redirect points to."""
    sock = _connect(addresses, target.port, deadline)
    with deadline.watching(sock), _transport_errors(deadline):
        if target.scheme == "https":
            sock = _start_tls(sock, target.host, tls_context, deadline)
        connection = http.client.HTTPConnection(target.host, target.port)
        connection.sock = sock  # already connected, to the address we checked
        try:
            headers = {
                "Host": target.host_header,
                "User-Agent": USER_AGENT,
                **asked.headers(),
                "Accept-Encoding": "gzip",
                "Connection": "close",
            }
            connection.request("GET", target.path, headers=headers)
            with connection.getresponse() as response:
                deadline.remaining()  # a cut mid-headers reads like their end
                return _answer(target, response, deadline, limit, asked)
        finally:
            connection.close()


def fetch_page(
    url: str,
    allowed_hosts: Iterable[str],
    *,
    deadline_s: float = DEADLINE_S,
    max_bytes: int = MAX_BYTES,
    permitted: Iterable[Network] = (),
    ports: Iterable[int] = PORTS,
    resolver: Resolver = system_resolver,
    tls_context: ssl.SSLContext | None = None,
    asked: Request | None = None,
) -> Page:
    """The page at ``url``, following at most 3 redirects, each hop checked like the first.

    ``permitted`` networks, other ``ports``, a ``resolver`` and a ``tls_context`` (an intranet
    CA) exist for an operator's intranet and for tests; the defaults are the public rules.
    ``asked`` names other accepted types (feeds) and the validators of a conditional request.
    """
    asked = asked or Request()
    allowed, nets, open_ports = tuple(allowed_hosts), tuple(permitted), frozenset(ports)
    with Deadline(deadline_s) as deadline:
        for _hop in range(MAX_REDIRECTS + 1):
            target = check_url(url, allowed, open_ports)
            addresses = resolve(target.host, target.port, nets, resolver, deadline)
            answer = _fetch_once(target, addresses, deadline, max_bytes, tls_context, asked)
            if isinstance(answer, Page):
                return answer
            url = answer
    raise refusal("redirects", url)
