"""Per-client rate limits, counted in the store (Redis when scaled out) so every process agrees."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from flask import request

from app.errors import RateLimited
from app.web.context import get_services

WINDOW_S = 60


# An IPv6 subscriber gets a whole /64 (RFC 6177) and may use any address in it: one client.
IPV6_CLIENT_PREFIX = 64


def client_of(address: str) -> str:
    """The client an address counts as: an IPv4 address itself, an IPv6 one its /64."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(ip)


def client_id() -> str:
    """Who is asking: the remote address (behind trusted proxies, from X-Forwarded-For); an
    IPv6 address counts as its /64."""
    return client_of(request.remote_addr or "")


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
