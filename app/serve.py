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
    import waitress

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
    waitress.serve(app, sockets=[sock], **options(limit, settings.trusted_proxies))


def startup_check() -> None:
    """Refuse to start (``ConfigError``, exit 1) when the configured store does not answer."""
    from app.config import load_settings
    from app.store import require_answer

    require_answer(load_settings())


def run(host: str, port: int, workers: int = 1) -> None:
    """Serve on host:port with ``workers`` processes until interrupted."""
    from app import metrics
    from app.config import load_settings

    startup_check()
    settings = load_settings()
    # Before the fork: every worker process counts into this machine's shared directory.
    metrics.use_directory(settings.data_dir / metrics.DIRECTORY)
    sock = _listening_socket(host, port)
    print(banner(host, port, settings), file=sys.stderr, flush=True)
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
