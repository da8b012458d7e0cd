"""What every loopback stand-in shares: a threaded HTTP server on a free port, scripted answers."""

from __future__ import annotations

import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

HANG_LIMIT_S = 60.0  # a hanging request is let go at the latest after this (or at stop())


class StandInServer(ThreadingHTTPServer):
    """The HTTP server, knowing its stand-in; waits for its handler threads when closed."""

    daemon_threads = False
    standin: Any


class LoopbackStandIn:
    """A service on 127.0.0.1 at a free port, for as long as the ``with`` lasts.

    ``mode`` is how it answers by default; ``script`` holds one-off answers for the next requests.
    """

    def __init__(self, handler: type[BaseHTTPRequestHandler], mode: Any) -> None:
        self.mode = mode
        self.script: deque[Any] = deque()
        self.received: list[Any] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = StandInServer(("127.0.0.1", 0), handler)
        self._server.standin = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL to give the engine."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def texts(self) -> list[str]:
        """The text of every request received, in order."""
        return [r.text for r in self.received]

    def take_mode(self) -> Any:
        """How to answer the next request: the script first, then ``mode``."""
        with self._lock:
            return self.script.popleft() if self.script else self.mode

    def hang(self) -> None:
        """Hold a request until the stand-in stops."""
        self._release.wait(HANG_LIMIT_S)

    def start(self) -> Self:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Let hanging requests go, stop serving and wait for every handler."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
