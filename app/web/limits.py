"""Per-client rate limits, counted in the store (Redis when scaled out) so every process agrees."""

from __future__ import annotations

from flask import request

from app.errors import RateLimited
from app.web.context import get_services

WINDOW_S = 60


def client_id() -> str:
    """Who is asking: the remote address (a proxy in front should set it, e.g. via ProxyFix)."""
    return request.remote_addr or "unknown"


def check_rate(bucket: str, per_minute: int) -> None:
    """Raise ``RateLimited`` when this client went over ``per_minute`` in ``bucket``."""
    if per_minute <= 0:
        return
    count = get_services().store.hit(bucket, client_id(), WINDOW_S)
    if count > per_minute:
        raise RateLimited()
