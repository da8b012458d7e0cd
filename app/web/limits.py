"""Per-client rate limits, counted in the store (Redis when scaled out) so every process agrees."""

from __future__ import annotations

from collections.abc import Callable

from flask import request

from app.errors import RateLimited
from app.web.context import get_services

WINDOW_S = 60


def client_id() -> str:
    """Who is asking: the remote address (behind trusted proxies, from X-Forwarded-For)."""
    return request.remote_addr or "unknown"


def check_rate(bucket: str, per_minute: int) -> None:
    """Raise ``RateLimited`` when this client went over ``per_minute`` in ``bucket``."""
    rate_gate(bucket, per_minute)()


def rate_gate(bucket: str, per_minute: int) -> Callable[[], None]:
    """``check_rate`` bound to this request's client and store, to call later from any thread."""
    store, client = get_services().store, client_id()

    def gate() -> None:
        if per_minute > 0 and store.hit(bucket, client, WINDOW_S) > per_minute:
            raise RateLimited()

    return gate
