"""An operator's intranet: ``host:port`` allow-list entries and permitted networks."""

from __future__ import annotations

import ipaddress

import pytest

from app.errors import FetchError, HostNotAllowed
from app.fetch import Fetcher
from tests.fetch.servers import PAGE, FetchServer
from tests.fetch.support import FakeDNS, refused


def test_an_entry_naming_the_port_reaches_a_portal_on_loopback_when_permitted(
    server: FetchServer, dns: FakeDNS
) -> None:
    fetcher = Fetcher.for_hosts([f"portal.test:{server.port}"], ["127.0.0.0/8"])
    fetcher = Fetcher(fetcher.allowed_hosts, fetcher.permitted, resolver=dns)
    page = fetcher.fetch(server.url("/page", "portal.test"))
    assert page.body == PAGE.encode()


def test_an_ip_literal_entry_with_a_port_reaches_loopback_when_permitted(
    server: FetchServer,
) -> None:
    fetcher = Fetcher.for_hosts([f"127.0.0.1:{server.port}"], ["127.0.0.0/8"])
    assert fetcher.fetch(f"http://127.0.0.1:{server.port}/page").body == PAGE.encode()


def test_an_entry_naming_a_port_opens_that_port_only(server: FetchServer, dns: FakeDNS) -> None:
    fetcher = Fetcher(("portal.test:8081",), (ipaddress.ip_network("127.0.0.0/8"),), resolver=dns)
    error = refused(FetchError, lambda: fetcher.fetch(server.url("/page", "portal.test")))
    assert error.detail == str(server.port)
    assert server.requests == []


def test_a_port_named_for_one_host_does_not_open_it_for_another(
    server: FetchServer, dns: FakeDNS
) -> None:
    fetcher = Fetcher(
        (f"portal.test:{server.port}", "evil.test"),
        (ipaddress.ip_network("127.0.0.0/8"),),
        resolver=dns,
    )
    refused(FetchError, lambda: fetcher.fetch(server.url("/page", "evil.test")))
    refused(HostNotAllowed, lambda: fetcher.fetch("http://other.test/page"))
    assert server.requests == []


def test_loopback_is_refused_without_the_permitted_network(
    server: FetchServer, dns: FakeDNS
) -> None:
    fetcher = Fetcher((f"portal.test:{server.port}",), resolver=dns)
    refused(FetchError, lambda: fetcher.fetch(server.url("/page", "portal.test")))
    assert server.requests == []


def test_a_permitted_network_opens_no_other_private_network(
    server: FetchServer, dns: FakeDNS
) -> None:
    fetcher = Fetcher(
        (f"inside.backan.gov.vn:{server.port}",),
        (ipaddress.ip_network("127.0.0.0/8"),),
        resolver=dns,
    )
    error = refused(FetchError, lambda: fetcher.fetch(server.url("/page", "inside.backan.gov.vn")))
    assert "10.0.0.1" in error.detail


@pytest.mark.parametrize(
    "url", ["http://user@portal.test:{port}/page", "http://portal.test:{port}@evil.test/page"]
)
def test_user_info_is_refused_on_a_named_port(server: FetchServer, dns: FakeDNS, url: str) -> None:
    fetcher = Fetcher(
        (f"portal.test:{server.port}",), (ipaddress.ip_network("127.0.0.0/8"),), resolver=dns
    )
    refused(FetchError, lambda: fetcher.fetch(url.format(port=server.port)))
    assert server.requests == []
