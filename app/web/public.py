"""Absolute URLs behind a proxy: from ``public_url`` when set, forwarded headers only if trusted.

Without ``public_url`` an absolute URL is built from the request as the server sees it; the
``X-Forwarded-*`` headers change that only when ``trusted_proxies`` is above 0 (werkzeug's
``ProxyFix``, one hop per trusted proxy: the one place they are read; ``baonoi serve`` has waitress
pass them through then, and remove them otherwise). With it, no header can change an absolute URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import Settings


class PublicFlask(Flask):
    """Flask whose external URLs start with the configured public base URL, when there is one."""

    public_url: str | None = None

    def url_for(self, endpoint: str, *, _external: bool | None = None, **values: Any) -> str:
        """``Flask.url_for``, with ``public_url`` in front of external URLs."""
        if not (_external and self.public_url):
            return super().url_for(endpoint, _external=_external, **values)
        values.pop("_scheme", None)
        return self.public_url + super().url_for(endpoint, _external=False, **values)


def init_app(app: PublicFlask, settings: Settings) -> None:
    """Set the public base URL and trust as many forwarding proxies as configured."""
    app.public_url = settings.public_url
    hops = settings.trusted_proxies
    if hops > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )


def public_host(request_host: str) -> str:
    """The host (and port) readers reach the service at: the public URL's, else the request's."""
    public_url = getattr(current_app, "public_url", None)
    return urlsplit(public_url).netloc if public_url else request_host


def peer_address() -> str | None:
    """The address of the connection's other end: the proxy when one is trusted, else the client."""
    original = request.environ.get("werkzeug.proxy_fix.orig")
    return original.get("REMOTE_ADDR") if original else request.remote_addr
