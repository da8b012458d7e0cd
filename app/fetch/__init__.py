"""The hardened page fetcher: a ``PageFetcher`` Protocol and the public-rules ``Fetcher``.

``transport`` does one checked fetch; ``policy`` decides which URLs and addresses may be reached;
``rules`` holds the limits, refused networks and refusal messages as data. The pipeline receives a
``PageFetcher`` through its services, so tests can swap it (as httpx takes a transport).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from app.fetch.policy import Network, allow_pattern, parse_networks
from app.fetch.rules import DEADLINE_S, MAX_BYTES, PORTS
from app.fetch.transport import Page, Request, Resolver, fetch_page, system_resolver

__all__ = ["Fetcher", "Page", "PageFetcher", "Request", "fetch_page"]


class PageFetcher(Protocol):
    """Something that fetches an article page by URL, or refuses with a ``BaonoiError``."""

    def fetch(self, url: str, asked: Request | None = None) -> Page:
        """The page at ``url`` (``asked``: other types, validators for a conditional GET)."""
        ...


@dataclass(frozen=True)
class Fetcher:
    """``fetch_page`` bound to an allow-list and the operator's settings."""

    allowed_hosts: tuple[str, ...]
    permitted: tuple[Network, ...] = ()
    ports: tuple[int, ...] = PORTS
    deadline_s: float = DEADLINE_S
    max_bytes: int = MAX_BYTES
    resolver: Resolver = system_resolver
    tls_context: ssl.SSLContext | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for entry in self.allowed_hosts:  # a bad allow-list entry fails at start-up
            allow_pattern(entry)

    @classmethod
    def for_hosts(cls, allowed_hosts: Iterable[str], permitted: Iterable[str] = ()) -> Fetcher:
        """The fetcher for an allow-list, reaching the ``permitted`` networks (CIDRs) too."""
        return cls(tuple(allowed_hosts), permitted=parse_networks(permitted))

    def fetch(self, url: str, asked: Request | None = None) -> Page:
        """The page at ``url``, every hop checked."""
        return fetch_page(
            url,
            self.allowed_hosts,
            deadline_s=self.deadline_s,
            max_bytes=self.max_bytes,
            permitted=self.permitted,
            ports=self.ports,
            resolver=self.resolver,
            tls_context=self.tls_context,
            asked=asked,
        )
