"""``baonoi serve``: the app under waitress, which reads whole requests before a thread runs them.

A thread-per-connection server (gunicorn's ``gthread``) lets eight idle or byte-at-a-time
connections take every thread; waitress buffers each request in its event loop (``poll``, so past
1024 sockets) and hands only complete ones to its thread pool, so slow clients cost a socket, not a
thread. ``--workers N`` starts N such processes on one port (``SO_REUSEPORT``).
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

THREADS = 16
CONNECTION_LIMIT = 4000  # open sockets one process holds before it stops accepting
CHANNEL_TIMEOUT_S = 30  # an idle (or stalled) connection is closed after this


def options(max_body_bytes: int) -> dict[str, Any]:
    """waitress's settings: big connection limit, short idle timeout, a bounded body."""
    return {
        "threads": THREADS,
        "connection_limit": CONNECTION_LIMIT,
        "channel_timeout": CHANNEL_TIMEOUT_S,
        "asyncore_use_poll": True,
        # Above the app's own limit, so the app answers its bilingual 413 for what it can see;
        # this only bounds what waitress spools to disk for a chunked body.
        "max_request_body_size": 2 * max_body_bytes + 1024 * 1024,
        "ident": "baonoi",
    }


def _listening_socket(host: str, port: int) -> socket.socket:
    """A listening socket shared by every worker process (each accepts for itself)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def open_warning(host: str, api_token: str | None, open_api: bool) -> str | None:
    """The warning for serving a non-loopback address without an API token, else None."""
    if api_token or host in ("localhost", "127.0.0.1", "::1") or host.startswith("127."):
        return None
    opened = (
        "BAONOI_OPEN_API=1: ANY client can add, overwrite and delete articles.\n"
        "CẢNH BÁO: BAONOI_OPEN_API=1: BẤT KỲ ai cũng thêm, ghi đè và xoá được bài."
        if open_api
        else "only clients on this machine can add or delete articles until it is set.\n"
        "CẢNH BÁO: chỉ máy này thêm hoặc xoá được bài cho đến khi đặt BAONOI_API_TOKEN."
    )
    return f"WARNING: serving {host} without BAONOI_API_TOKEN; {opened}"


def _serve(sock: socket.socket, host: str) -> None:
    """Build the app in this process and serve ``sock`` until interrupted."""
    import waitress

    from app import create_app
    from app.web.context import get_settings

    app = create_app()
    settings = get_settings(app)
    if warning := open_warning(host, settings.api_token, settings.open_api):
        print(warning, file=sys.stderr, flush=True)
    limit = int(app.config["MAX_CONTENT_LENGTH"])
    waitress.serve(app, sockets=[sock], **options(limit))


def startup_check() -> None:
    """Refuse to start (``ConfigError``, exit 1) when the configured store does not answer."""
    from app.config import load_settings
    from app.store import require_answer

    require_answer(load_settings())


def run(host: str, port: int, workers: int = 1) -> None:
    """Serve on host:port with ``workers`` processes until interrupted."""
    startup_check()
    sock = _listening_socket(host, port)
    children = []
    for _ in range(workers - 1):
        pid = os.fork()
        if pid == 0:  # a worker: serve, never return into the parent's code
            try:
                _serve(sock, host)
            finally:
                os._exit(0)
        children.append(pid)
    try:
        _serve(sock, host)
    finally:
        for pid in children:
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        sys.stdout.flush()
