"""``baonoi serve``: the app under waitress, which reads whole requests before a thread runs them.

A thread-per-connection server (gunicorn's ``gthread``) lets eight idle or byte-at-a-time
connections take every thread; waitress buffers each request in its event loop (``poll``, so past
1024 sockets) and hands only complete ones to its thread pool, so slow clients cost a socket, not a
thread. ``--workers N`` starts N such processes on one listening socket, under a supervisor that
serves nothing: it replaces a worker that dies, and its workers die with it (``PR_SET_PDEATHSIG``),
so no old worker keeps the port after the supervisor is killed, even by ``kill -9``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

THREADS = 16
CONNECTION_LIMIT = 4000  # open sockets one process holds before it stops accepting
CHANNEL_TIMEOUT_S = 30  # an idle (or stalled) connection is closed after this
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
SEND_BUFFER = 128 * 1024  # per connection (the kernel doubles it): 5 MB/s at 50 ms round trips


def options(max_body_bytes: int, trusted_proxies: int = 0) -> dict[str, Any]:
    """waitress's settings: big connection limit, short idle timeout, a bounded body.

    ``X-Forwarded-*`` headers are rewritten in one place, the app's ``ProxyFix``
    (``app.web.public``), with ``trusted_proxies`` hops. waitress therefore passes them through
    untouched when proxies are trusted, and removes them (its default) when none are, so a client
    can never set them and nothing is applied twice.
    """
    return {
        "threads": THREADS,
        "connection_limit": CONNECTION_LIMIT,
        "channel_timeout": CHANNEL_TIMEOUT_S,
        "asyncore_use_poll": True,
        # Above the app's own limit, so the app answers its bilingual 413 for what it can see;
        # this only bounds what waitress spools to disk for a chunked body.
        "max_request_body_size": 2 * max_body_bytes + 1024 * 1024,
        "ident": "baonoi",
        "clear_untrusted_proxy_headers": trusted_proxies == 0,
    }


def _listening_socket(host: str, port: int) -> socket.socket:
    """A listening socket shared by every worker process (each accepts for itself)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Connections inherit it: a fixed send buffer instead of one the kernel grows to 4 MB for a
    # client that never reads (what the bytes waiting in the kernel for one connection come to).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def open_warning(host: str, api_token: str | None, open_api: bool) -> str | None:
    """The warning for serving a non-loopback address without an API token, else None."""
    if api_token or is_loopback_host(host):
        return None
    opened = (
        "BAONOI_OPEN_API=1: ANY client can add, overwrite and delete articles.\n"
        "CẢNH BÁO: BAONOI_OPEN_API=1: BẤT KỲ ai cũng thêm, ghi đè và xoá được bài."
        if open_api
        else "only clients on this machine can add or delete articles until it is set.\n"
        "CẢNH BÁO: chỉ máy này thêm hoặc xoá được bài cho đến khi đặt BAONOI_API_TOKEN."
    )
    return f"WARNING: serving {host} without BAONOI_API_TOKEN; {opened}"


def banner(host: str, port: int, settings: Any) -> str:
    """What ``serve`` says at start: address, store, voices, where article text goes, warnings."""
    from urllib.parse import urlsplit

    from app.errors import BaonoiError
    from app.speech.engines import ONLINE, destination, parse_engines, parse_voices
    from app.speech.engines.labels import voice_label

    shown = f"[{host}]" if ":" in host else host
    lines = [f"Báo nói: serving http://{shown}:{port}/"]
    if settings.redis_url:
        parts = urlsplit(settings.redis_url)
        netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        lines.append(f"  store: Redis at {parts.scheme}://{netloc}{parts.path}")
    else:
        lines.append(f"  store: embedded SQLite at {settings.data_dir / 'baonoi.sqlite3'}")
    lines.append(f"  audio: {settings.audio_cache_dir}")
    try:
        choices = parse_voices(settings.voices)
        lists = [(c.label, parse_engines(c.spec)) for c in choices] or [
            ("voices", parse_engines(settings.tts_engine))
        ]
    except BaonoiError as exc:
        return "\n".join([*lines, f"  voices: {exc.message_en}"])
    for title, chain in lists:
        voices = ", ".join(f"{name}: {voice_label(*_voice_of(name, settings))}" for name in chain)
        lines.append(f"  {title}, in order: {voices}")
    names = list(dict.fromkeys(n.partition("@")[0] for _, chain in lists for n in chain))
    for name in names:
        if settings.monthly_chars(name):
            lines.append(f"  {name}: at most {settings.monthly_chars(name):,} characters a month")
    for title, chain in lists:
        last = chain[-1].partition("@")[0]
        if last in ONLINE:
            lines.append(
                f"WARNING: {title} ends with the online {last}: when it is down or its budget is"
                " spent, articles fail; end the list with espeak.\n"
                f"CẢNH BÁO: {title} kết thúc bằng {last} trực tuyến: khi nó lỗi hoặc hết hạn mức,"
                " bài không đọc được; hãy đặt espeak cuối danh sách."
            )
    away = list(dict.fromkeys(p for name in names if (p := destination(name, settings))))
    for what, where in away:
        lines.append(
            f"NOTICE: article text is sent to {what} ({where}) to be spoken.\n"
            f"LƯU Ý: nội dung bài được gửi ra ngoài máy, tới {what} ({where}), để đọc."
        )
    if not away:
        lines.append("  article text stays on this machine (offline voices only)")
    if "espeak" in lists[0][1][:1]:
        lines.append("  note: eSpeak NG is clear but robotic; see README, Voices")
    return "\n".join(lines)


def _voice_of(name: str, settings: Any) -> tuple[str, str]:
    """An engine list's entry (``gcloud`` or ``gcloud@vi-VN-…``) as (engine, voice) for labels."""
    from app.speech.engines import configured_voice

    engine, _, voice = name.partition("@")
    return engine, voice or configured_voice(engine, settings)


def proxy_warning(host: str, trusted_proxies: int) -> str | None:
    """The warning for trusting proxy headers on a port clients may reach directly, else None."""
    if not trusted_proxies or is_loopback_host(host):
        return None
    return (
        f"WARNING: BAONOI_TRUSTED_PROXIES={trusted_proxies} while serving {host}: a client "
        "reaching this port directly can name any address in X-Forwarded-For (rate limits, "
        "logs); bind 127.0.0.1 behind the proxy.\n"
        f"CẢNH BÁO: BAONOI_TRUSTED_PROXIES={trusted_proxies} khi phục vụ {host}: máy khách vào "
        "thẳng cổng này tự khai được địa chỉ bất kỳ; hãy nghe ở 127.0.0.1 sau proxy."
    )


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    return host in ("localhost", "::1") or host.startswith("127.")


def _serve(sock: socket.socket, host: str) -> None:
    """Build the app in this process and serve ``sock`` until interrupted."""
    from app import create_app
    from app.web.context import get_settings

    app = create_app()
    settings = get_settings(app)
    for warning in (
        open_warning(host, settings.api_token, settings.open_api),
        proxy_warning(host, settings.trusted_proxies),
    ):
        if warning:
            print(warning, file=sys.stderr, flush=True)
    limit = int(app.config["MAX_CONTENT_LENGTH"])
    _run_bounded(app, sock, options(limit, settings.trusted_proxies), settings.trusted_proxies)


def _run_bounded(
    app: Any, sock: socket.socket, settings: dict[str, Any], trusted_proxies: int = 0
) -> None:
    """waitress on ``sock`` with connections a slow reader cannot make hold much (``channels``)."""
    import logging

    from app.channels import create_server

    # One line per ingest, fetch, synthesis and refusal (INFO), and every warning, on stderr.
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    server = create_server(app, sock, settings, trusted_proxies)
    server.print_listen("Serving on http://{}:{}")
    server.run()


def startup_check() -> None:
    """Refuse to start (``ConfigError``, exit 1) when the configured store does not answer."""
    from app.config import load_settings
    from app.store import require_answer

    require_answer(load_settings())


def run(host: str, port: int, workers: int = 1) -> None:
    """Serve on host:port: in this process, or (``workers`` > 1) in that many supervised ones."""
    from app import metrics
    from app.config import load_settings

    startup_check()
    settings = load_settings()
    # Before the fork: every worker process counts into this machine's shared directory.
    metrics.use_directory(settings.data_dir / metrics.DIRECTORY)
    sock = _listening_socket(host, port)
    print(banner(host, port, settings), file=sys.stderr, flush=True)
    if workers <= 1:
        try:
            _serve(sock, host)
        finally:
            sys.stdout.flush()
        return
    supervise(lambda: _serve(sock, host), workers)


PR_SET_PDEATHSIG = 1  # linux/prctl.h
RESPAWN_PAUSE_S = 1.0  # a worker that dies sooner than this after its start is replaced this late
STOP_WAIT_S = 10.0  # workers still running this long after SIGTERM get SIGKILL


def die_with_parent(parent: int) -> None:
    """In a forked child: be sent SIGTERM when ``parent`` dies, whatever kills it (Linux).

    The parent may have died between the fork and this call: then exit at once.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl (not Linux): the getppid check below still covers a parent already gone
    if os.getppid() != parent:
        os._exit(0)


def _spawn(serve: Callable[[], None]) -> int:
    """Fork one worker that runs ``serve`` and never returns into the supervisor's code."""
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the supervisor's handler is not ours
        die_with_parent(parent)
        serve()
    finally:
        os._exit(0)


def _stopping(signum: int, frame: Any) -> None:
    """SIGTERM in the supervisor: stop (its workers are stopped on the way out)."""
    raise SystemExit(0)


def supervise(serve: Callable[[], None], workers: int) -> None:
    """Run ``serve`` in ``workers`` forked processes; replace any that dies; stop them on exit.

    The supervisor itself serves nothing and starts no thread, so forking a replacement is safe.
    Its workers die with it, whatever signal ends it (``die_with_parent``).
    """
    signal.signal(signal.SIGTERM, _stopping)
    started = {_spawn(serve): time.monotonic() for _ in range(workers)}
    try:
        while True:
            pid, status = os.wait()
            if pid not in started:
                continue
            lived = time.monotonic() - started.pop(pid)
            print(
                f"baonoi serve: worker {pid} ended ({_ending(status)}); starting another",
                file=sys.stderr,
                flush=True,
            )
            if lived < RESPAWN_PAUSE_S:
                time.sleep(RESPAWN_PAUSE_S)
            started[_spawn(serve)] = time.monotonic()
    except KeyboardInterrupt:
        pass
    finally:
        _stop(list(started))
        sys.stdout.flush()


def _ending(status: int) -> str:
    """How a worker ended, from its wait status."""
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit {os.waitstatus_to_exitcode(status)}"


def _stop(pids: list[int]) -> None:
    """SIGTERM every worker, wait for them; SIGKILL those still there after ``STOP_WAIT_S``."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_WAIT_S
    left = set(pids)
    while left and time.monotonic() < deadline:
        for pid in list(left):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            left.discard(pid)
        time.sleep(0.05)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
