"""Fixtures of the fetcher tests: a real server on loopback and the fake resolver."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fetch.servers import FetchServer, running
from tests.fetch.support import PUNYCODE, FakeDNS


@pytest.fixture
def server() -> Iterator[FetchServer]:
    """A fresh HTTP server on 127.0.0.1."""
    with running() as started:
        yield started


@pytest.fixture
def dns() -> FakeDNS:
    """Allowed and other names on loopback, one allowed name inside a private network."""
    loopback = ["127.0.0.1"]
    return FakeDNS(
        {
            "portal.test": loopback,
            "www.backan.gov.vn": loopback,
            "a.b.backan.gov.vn": loopback,
            PUNYCODE: loopback,
            "evil.test": loopback,
            "evilbackan.gov.vn": loopback,
            "backan.gov.vn": loopback,
            "backan.gov.vn.evil.com": loopback,
            "portal.test.evil.test": loopback,
            "inside.backan.gov.vn": ["10.0.0.1"],
        }
    )
