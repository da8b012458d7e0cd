"""waitress connections that cannot hold a thread, or more than a little output, for a client.

waitress parses every request a client pipelines in one read and answers them one after another,
buffering the answers (spilled to unlinked temporary files past 1 MB) until the client reads them;
between two answers a thread waits, without end, for a client that reads nothing to drain the
buffer below ``outbuf_high_watermark``; its ``channel_timeout`` closes only connections with no
request pending. So a client that pipelined Range requests and never read held 15 MB of temporary
files per connection, and twenty that pipelined whole files held all sixteen threads.

Here a connection with more than ``PENDING_MAX`` bytes of answers unread gets no further request
served (nor read) until the client has read them: no thread waits for it, its next request waits
in the channel. Large files go out through the file wrapper (``web.ranges.file_part``), so what it
holds is a file descriptor, not a copy. Within one answer written piece by piece (a growing live
MP3), an output limit stays in force: past ``OUTPUT_MAX`` unread, the writing thread waits for the
client to read rather than copying the rest into temporary files (waitress's own limit, which also
makes a thread wait between pipelined answers, stays off). A connection whose client has read
nothing for ``channel_timeout`` while answers wait is closed (which also frees such a thread).

When every thread is busy, waiting requests are taken in turn by client (``FairQueue``), not in
arrival order: a client with 64 requests in a loop waits behind its own, and another client's one
request is next. Health checks (``GET /healthz``) go first, so a monitor sees the process, not the
queue one client made.
"""

from __future__ import annotations

import socket
from collections import deque
from typing import Any

from waitress.adjustments import Adjustments
from waitress.buffers import ReadOnlyFileBasedBuffer
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

# Answers one connection may have waiting to be read before its next pipelined request waits.
PENDING_MAX = 256 * 1024
# A thread writing one answer piece by piece waits while more than this is unread. Above
# PENDING_MAX: an answer's first piece never waits (the pause above comes first), so only answers
# written in pieces (a growing stream) ever do; a file through the wrapper is never copied.
OUTPUT_MAX = 4 * PENDING_MAX
# waitress's own wait (a thread blocked between pipelined answers, or before any write) never
# happens below this: the pause and the limit above take its place.
NEVER = 1 << 62


HEALTH_PATHS = frozenset(("/healthz",))  # answered before every other waiting request


def is_health_check(channel: Any) -> bool:
    """Whether the channel's next request is a health check (``GET``/``HEAD /healthz``)."""
    requests = getattr(channel, "requests", None)
    first = requests[0] if requests else None
    return bool(first and first.command in ("GET", "HEAD") and first.path in HEALTH_PATHS)


def client_of(channel: Any, trusted_proxies: int) -> str:
    """Who sent the channel's next request: the peer address, or (``trusted_proxies`` hops) the
    address the nearest untrusted proxy saw, from ``X-Forwarded-For``."""
    peer = channel.addr[0] if isinstance(channel.addr, tuple) else str(channel.addr)
    requests = getattr(channel, "requests", None)
    if not trusted_proxies or not requests:
        return str(peer)
    hops = [h.strip() for h in requests[0].headers.get("X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    return hops[-trusted_proxies] if len(hops) >= trusted_proxies else str(peer)


class FairQueue:
    """Requests waiting for a thread: health checks first, then one client's at a time, in turn.

    It stands in for the ``deque`` of waitress's ``ThreadedTaskDispatcher`` (``append``,
    ``popleft``, ``len``), under the dispatcher's lock.
    """

    def __init__(self, trusted_proxies: int = 0) -> None:
        self.trusted_proxies = trusted_proxies
        self._first: deque[Any] = deque()
        self._by_client: dict[str, deque[Any]] = {}
        self._turns: deque[str] = deque()  # clients with requests waiting, next first
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def append(self, channel: Any) -> None:
        """Queue a channel whose next request waits for a thread."""
        self._size += 1
        if is_health_check(channel):
            self._first.append(channel)
            return
        client = client_of(channel, self.trusted_proxies)
        waiting = self._by_client.get(client)
        if waiting is None:
            waiting = self._by_client[client] = deque()
            self._turns.append(client)
        waiting.append(channel)

    def popleft(self) -> Any:
        """The next channel to serve: a health check, else the next client's oldest request."""
        if not self._size:
            raise IndexError("pop from an empty FairQueue")
        self._size -= 1
        if self._first:
            return self._first.popleft()
        client = self._turns.popleft()
        waiting = self._by_client[client]
        channel = waiting.popleft()
        if waiting:
            self._turns.append(client)
        else:
            del self._by_client[client]
        return channel


class BoundedChannel(HTTPChannel):
    """An HTTP channel that pauses pipelined requests while its client reads nothing."""

    paused = False

    def service(self) -> None:
        """Serve the next request, unless answers already wait: then pause until they are read."""
        with self.outbuf_lock:
            if self.connected and self.total_outbufs_len > PENDING_MAX:
                self.paused = True
                return
        super().service()

    def write_soon(self, data: Any) -> int:
        """Queue ``data``; first, past ``OUTPUT_MAX`` unread, wait for the client to read (a file
        through the wrapper is queued as it is: a file descriptor, never a copy)."""
        if data and not isinstance(data, ReadOnlyFileBasedBuffer):
            with self.outbuf_lock:
                while self.connected and self.total_outbufs_len > OUTPUT_MAX:
                    self.server.pull_trigger()
                    self.outbuf_lock.wait()  # notified as the client reads, or when it is closed
        return int(super().write_soon(data))

    def handle_write(self) -> None:
        """Send what the client takes; resume a paused request once little is left waiting."""
        super().handle_write()
        with self.outbuf_lock:
            resume = self.paused and self.connected and self.total_outbufs_len <= PENDING_MAX
            if resume:
                self.paused = False
        if resume:
            self.server.add_task(self)


def close_stalled(server: BaseWSGIServer, now: float) -> None:
    """Shut the sockets of connections whose client read nothing for ``channel_timeout``.

    A shut socket wakes the event loop, which then closes the channel and its buffers (closing it
    here would change the channel map while the loop walks it).
    """
    cutoff = now - server.adj.channel_timeout
    for channel in list(server.active_channels.values()):
        if channel.total_outbufs_len and channel.last_activity < cutoff:
            try:
                channel.socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already gone


class BoundedServer(TcpWSGIServer):
    """waitress's TCP server with bounded channels, closing the stalled ones at maintenance."""

    channel_class = BoundedChannel

    def maintenance(self, now: float) -> None:
        """waitress's idle-connection sweep, then the stalled-connection one."""
        super().maintenance(now)
        close_stalled(self, now)


def create_server(
    app: Any, sock: socket.socket, settings: dict[str, Any], trusted_proxies: int = 0
) -> BoundedServer:
    """A ``BoundedServer`` for ``app`` on the listening ``sock`` (waitress's ``settings``), its
    threads taking waiting requests fairly by client (``FairQueue``)."""
    adj = Adjustments(sockets=[sock], **{**settings, "outbuf_high_watermark": NEVER})
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.queue = FairQueue(trusted_proxies)
    dispatcher.set_thread_count(adj.threads)
    return BoundedServer(
        app,
        {},
        True,
        sock,
        dispatcher=dispatcher,
        adj=adj,
        bind_socket=False,
        sockinfo=(sock.family, sock.type, sock.proto, sock.getsockname()),
    )
