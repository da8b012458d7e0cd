"""URL fetching refusals before any byte is sent: scheme, user info, port, host, addresses."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from app.errors import (
    ConfigError,
    FetchError,
    HostNotAllowed,
)
from app.fetch import Page, fetch_page
from app.fetch.transport import check_peer, resolve
from tests.fetch.servers import PAGE, FetchServer
from tests.fetch.support import (
    ALLOWED,
    LOOPBACK,
    FakeDNS,
    fetch,
    refused,
)

# -- refused before any connection: scheme, user info, port, host ------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://portal.test/page",
        "javascript:alert(1)",
        "data:text/html,<h1>x</h1>",
        "gopher://portal.test:{port}/page",
    ],
)
def test_refuses_other_schemes(server: FetchServer, dns: FakeDNS, url: str) -> None:
    error = refused(FetchError, lambda: fetch(server, dns, url.format(port=server.port)))
    assert "http" in error.message_en
    assert server.requests == [] and dns.asked == []


@pytest.mark.parametrize(
    "url",
    [
        "http://user@portal.test:{port}/page",
        "http://user:pw@portal.test:{port}/page",
        "http://portal.test:{port}@evil.test:{port}/page",
        "http://@portal.test:{port}/page",
    ],
)
def test_refuses_user_info(server: FetchServer, dns: FakeDNS, url: str) -> None:
    error = refused(FetchError, lambda: fetch(server, dns, url.format(port=server.port)))
    assert "user name" in error.message_en
    assert server.requests == []


def test_refuses_port_8080_on_an_allowed_host(server: FetchServer, dns: FakeDNS) -> None:
    refused(FetchError, lambda: fetch(server, dns, "http://portal.test:8080/page"))
    assert dns.asked == []


def test_refuses_a_listening_port_other_than_80_and_443_by_default(
    server: FetchServer, dns: FakeDNS
) -> None:
    url = server.url("/page", "portal.test")
    error = refused(FetchError, lambda: fetch_page(url, ALLOWED, permitted=LOOPBACK, resolver=dns))
    assert error.detail == str(server.port)
    assert server.requests == []


@pytest.mark.parametrize("url", ["http://[::1/page", "http://portal.test:99999/", "http:///page"])
def test_refuses_malformed_urls(server: FetchServer, dns: FakeDNS, url: str) -> None:
    refused(FetchError, lambda: fetch(server, dns, url))


@pytest.mark.parametrize(
    "host",
    [
        "evil.test",
        "evilbackan.gov.vn",  # not a subdomain of backan.gov.vn
        "backan.gov.vn",  # *.backan.gov.vn covers subdomains only
        "backan.gov.vn.evil.com",
        "portal.test.evil.test",
    ],
)
def test_refuses_hosts_off_the_allow_list(server: FetchServer, dns: FakeDNS, host: str) -> None:
    error = refused(HostNotAllowed, lambda: fetch(server, dns, server.url("/page", host)))
    assert error.detail == host
    assert server.requests == [] and dns.asked == []  # it resolves to the server, unasked


def test_an_empty_allow_list_allows_nothing(server: FetchServer, dns: FakeDNS) -> None:
    refused(
        HostNotAllowed, lambda: fetch(server, dns, server.url("/page", "portal.test"), allowed=[])
    )


@pytest.mark.parametrize("entry", ["*", "*.*.vn", "exa mple.vn", "*.10.0.0.1", "2130706433"])
def test_refuses_allow_list_entries_that_can_never_match(
    server: FetchServer, dns: FakeDNS, entry: str
) -> None:
    url = server.url("/page", "portal.test")
    refused(ConfigError, lambda: fetch(server, dns, url, allowed=[entry, "portal.test"]))


# -- refused addresses ---------------------------------------------------------------------------

PRIVATE_LITERALS = [
    "127.0.0.1",
    "10.0.0.1",
    "192.168.1.1",
    "172.16.0.1",
    "169.254.169.254",
    "100.64.0.1",  # CGNAT
    "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
    "224.0.0.1",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.0.8",
    "198.18.0.1",
    "[::1]",
    "[::]",
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::127.0.0.1]",  # IPv4-compatible
    "[64:ff9b::7f00:1]",  # NAT64
    "[64:ff9b:1::a00:1]",  # local-use NAT64
    "[2002:7f00:1::]",  # 6to4
    "[2001::1]",  # Teredo
    "[fe80::1]",
    "[fc00::1]",
    "[fec0::1]",
    "[ff02::1]",
]


@pytest.mark.parametrize("literal", PRIVATE_LITERALS)
@pytest.mark.parametrize("listed", [True, False], ids=["listed", "unlisted"])
def test_refuses_private_and_tunnel_addresses(
    server: FetchServer, literal: str, listed: bool
) -> None:
    # The server's port is open and some of these (127.0.0.1, the mapped form, 0.0.0.0) would
    # reach it: only the address check (listed) or the allow-list (unlisted) stands between.
    url = f"http://{literal}:{server.port}/page"
    allowed = [*ALLOWED, literal] if listed else ALLOWED

    def attempt() -> Page:
        return fetch_page(url, allowed, ports=[server.port])

    if listed:
        error = refused(FetchError, attempt)
        assert "private or reserved" in error.message_en
    else:
        refused(HostNotAllowed, attempt)
    assert server.requests == []


@pytest.mark.parametrize(
    "spelling",
    ["2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1", "0x7f000001", "017700000001", "127.0.0.01"],
)
@pytest.mark.parametrize("listed", [True, False], ids=["listed", "unlisted"])
def test_refuses_decimal_octal_and_hex_spellings(
    server: FetchServer, dns: FakeDNS, spelling: str, listed: bool
) -> None:
    # Loopback and the port are permitted, and the socket layer would reach the server: the
    # spelling alone is refused.
    url = f"http://{spelling}:{server.port}/page"
    allowed = [*ALLOWED, spelling] if listed else ALLOWED
    error = refused(FetchError, lambda: fetch(server, dns, url, allowed=allowed))
    assert "four decimal numbers" in error.message_en
    assert server.requests == []


def test_the_socket_layers_reading_of_a_spelling_is_what_is_checked() -> None:
    # getaddrinfo reads 2130706433 as 127.0.0.1; the check sees that, not the spelling.
    error = refused(FetchError, lambda: resolve("2130706433", 80))
    assert "127.0.0.1" in error.detail
    assert resolve("2130706433", 80, LOOPBACK) == [ipaddress.ip_address("127.0.0.1")]


@pytest.mark.parametrize(
    "answer",
    [
        ["10.0.0.1"],
        ["127.0.0.1", "10.0.0.1"],  # one refused address refuses the name
        ["::ffff:127.0.0.1"],  # mapped: not inside the permitted 127.0.0.0/8
        ["0177.0.0.1"],  # not an address in standard notation
        [],
    ],
)
def test_refuses_names_resolving_to_refused_addresses(
    server: FetchServer, answer: list[str]
) -> None:
    dns = FakeDNS({"portal.test": answer})
    refused(FetchError, lambda: fetch(server, dns, server.url("/page", "portal.test")))
    assert server.requests == []


def test_refuses_names_that_do_not_resolve(server: FetchServer) -> None:
    url = server.url("/page", "portal.test")
    error = refused(FetchError, lambda: fetch(server, FakeDNS({}), url))
    assert "resolved" in error.message_en


def test_the_peer_check_catches_0_0_0_0_reaching_loopback(server: FetchServer) -> None:
    # Even with every network permitted, a connection to 0.0.0.0 lands on 127.0.0.1: refused.
    everything = [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
    unspecified = "0.0.0.0"  # noqa: S104 (an address to refuse, not one to bind)
    url = f"http://{unspecified}:{server.port}/page"
    error = refused(
        FetchError,
        lambda: fetch_page(url, [unspecified], ports=[server.port], permitted=everything),
    )
    assert error.detail == "127.0.0.1 is not 0.0.0.0"
    assert server.requests == []
    mapped = fetch_page(
        f"http://[::ffff:127.0.0.1]:{server.port}/page",
        ["::ffff:127.0.0.1"],
        ports=[server.port],
        permitted=everything,
    )
    assert mapped.body == PAGE.encode()  # what the permits would let through, as a control


def test_check_peer_refuses_a_connection_to_another_address(server: FetchServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        check_peer(sock, ipaddress.ip_address("127.0.0.1"), server.port)
        refused(
            FetchError, lambda: check_peer(sock, ipaddress.ip_address("127.0.0.2"), server.port)
        )
        refused(FetchError, lambda: check_peer(sock, ipaddress.ip_address("127.0.0.1"), 80))


def test_check_peer_refuses_the_mapped_spelling_of_the_checked_address(server: FetchServer) -> None:
    with socket.socket(socket.AF_INET6) as sock:
        sock.connect(("::ffff:127.0.0.1", server.port))
        error = refused(
            FetchError, lambda: check_peer(sock, ipaddress.ip_address("127.0.0.1"), server.port)
        )
    assert "::ffff:127.0.0.1" in error.detail
