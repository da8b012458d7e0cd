"""URL fetching: the allow-list, address checks, pinning, redirects, deadline, size and type limits.

Every test runs against real servers on loopback (``tests/fetch_servers.py``). Loopback and the
servers' ports are refused by default, so the tests that must get through permit them explicitly
(``permitted=``, ``ports=``), and host names reach the servers through a fake resolver; each
refusal is also shown without those permits where the permit is not what it is about.
"""

from __future__ import annotations

import ipaddress
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from app.errors import (
    BaonoiError,
    ConfigError,
    FetchError,
    HostNotAllowed,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from app.fetch import MAX_BYTES, Page, check_peer, fetch_page, resolve
from tests.fetch_servers import HTML, MB, PAGE, FetchServer, running

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
ALLOWED = ("portal.test", "*.backan.gov.vn", "cổngthôngtin.vn")
PUNYCODE = "xn--cngthngtin-vbb7982g.vn"
# Generous: a 2 s deadline must stop a fetch well before this even on a loaded machine.
SLACK_S = 8.0


class FakeDNS:
    """A resolver answering from a table; records every name it is asked."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(self.table[host])


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


def fetch(server: FetchServer, dns: FakeDNS, url: str, **options: Any) -> Page:
    """``fetch_page`` with loopback and the server's port permitted and the fake resolver."""
    allowed = options.pop("allowed", ALLOWED)
    settings = {"permitted": LOOPBACK, "ports": [server.port], "resolver": dns} | options
    return fetch_page(url, allowed, **settings)


def refused(kind: type[BaonoiError], call: Callable[[], object]) -> BaonoiError:
    """Run ``call``, expecting exactly ``kind`` with its message in English and Vietnamese."""
    with pytest.raises(kind) as caught:
        call()
    error = caught.value
    assert type(error) is kind, repr(error)
    assert error.message_en and error.message_vi and error.message_en != error.message_vi
    assert re.search(r"[^\x00-\x7f]", error.message_vi)  # Vietnamese, diacritics and all
    return error


# -- pages that are fetched ----------------------------------------------------------------------


def test_fetches_an_html_page_from_an_allowed_host(server: FetchServer, dns: FakeDNS) -> None:
    url = server.url("/page", "portal.test")
    page = fetch(server, dns, url)
    assert page == Page(url, PAGE.encode(), HTML)
    assert server.requests == [("/page", f"portal.test:{server.port}")]
    assert dns.asked == ["portal.test"]


@pytest.mark.parametrize(
    "content_type", ["text/html", "application/xhtml+xml", "TEXT/HTML; Charset=UTF-8"]
)
def test_accepts_html_and_xhtml(server: FetchServer, dns: FakeDNS, content_type: str) -> None:
    url = server.url(f"/page?type={quote(content_type)}", "portal.test")
    assert fetch(server, dns, url).content_type == content_type


@pytest.mark.parametrize(
    ("entry", "host"),
    [
        ("cổngthôngtin.vn", PUNYCODE),
        (PUNYCODE, "cổngthôngtin.vn"),
        ("cổngthôngtin.vn", "CỔNGTHÔNGTIN.VN"),
        ("portal.test", "portal.test."),
        ("portal.test.", "portal.test"),
        ("Portal.TEST", "PORTAL.test"),
        ("*.backan.gov.vn", "www.backan.gov.vn"),
        ("*.backan.gov.vn", "a.b.backan.gov.vn."),
    ],
)
def test_allow_list_matches_after_idna_case_and_trailing_dot(
    server: FetchServer, dns: FakeDNS, entry: str, host: str
) -> None:
    fetch(server, dns, server.url("/page", host), allowed=[entry])
    name = host.encode("idna").decode().lower().rstrip(".")
    assert server.requests == [("/page", f"{name}:{server.port}")]


def test_connects_to_the_checked_address_without_a_second_lookup(server: FetchServer) -> None:
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])  # rebinding after the first answer
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    fetch(server, FakeDNS({}), server.url("/page", "portal.test"), resolver=rebinding)
    assert asked == ["portal.test"]
    assert len(server.requests) == 1


def test_every_redirect_hop_is_resolved_and_checked_again(server: FetchServer) -> None:
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])
    error = refused(
        FetchError,
        lambda: fetch(
            server,
            FakeDNS({}),
            server.url("/chain/1", "portal.test"),
            resolver=lambda *_: next(answers),
        ),
    )
    assert "169.254.169.254" in error.detail
    assert [path for path, _ in server.requests] == ["/chain/1"]


@pytest.mark.parametrize("code", ["301", "302", "303", "307", "308"])
def test_follows_a_redirect(server: FetchServer, dns: FakeDNS, code: str) -> None:
    page = fetch(server, dns, server.url(f"/to?u=/page&status={code}", "portal.test"))
    assert page.body == PAGE.encode()
    assert page.url == server.url("/page", "portal.test")


def test_follows_three_redirects_across_allowed_hosts(server: FetchServer, dns: FakeDNS) -> None:
    target = server.url("/chain/2", "www.backan.gov.vn")
    page = fetch(server, dns, server.url(f"/to?u={target}", "portal.test"))
    assert page.url == server.url("/chain/0", "www.backan.gov.vn")
    assert [host.split(":")[0] for _, host in server.requests] == ["portal.test"] + [
        "www.backan.gov.vn"
    ] * 3


def test_undoes_gzip(server: FetchServer, dns: FakeDNS) -> None:
    assert fetch(server, dns, server.url("/gzip", "portal.test")).body == PAGE.encode()


def test_reads_a_chunked_page(server: FetchServer, dns: FakeDNS) -> None:
    assert fetch(server, dns, server.url("/chunked", "portal.test")).body == PAGE.encode()


def test_a_page_of_exactly_the_limit_passes(server: FetchServer, dns: FakeDNS) -> None:
    page = fetch(server, dns, server.url("/big?mb=5", "portal.test"))
    assert len(page.body) == MAX_BYTES == 5 * MB


def test_sends_non_ascii_paths_percent_encoded(server: FetchServer, dns: FakeDNS) -> None:
    fetch(server, dns, server.url("/page?q=tin tức", "portal.test"))
    assert server.requests[0][0] == "/page?q=tin%20t%E1%BB%A9c"


def test_reaches_loopback_only_when_permitted(server: FetchServer) -> None:
    url = server.url("/page")
    options = {"ports": [server.port]}
    error = refused(FetchError, lambda: fetch_page(url, ["127.0.0.1"], **options))
    assert "private or reserved" in error.message_en
    assert server.requests == []
    assert fetch_page(url, ["127.0.0.1"], permitted=LOOPBACK, **options).body == PAGE.encode()


def test_reaches_ipv6_loopback_only_when_permitted() -> None:
    with running("::1") as server:
        url = server.url("/page")
        refused(FetchError, lambda: fetch_page(url, ["[::1]"], ports=[server.port]))
        page = fetch_page(url, ["::1"], ports=[server.port], permitted=LOOPBACK)
        assert page.body == PAGE.encode()
        assert server.requests == [("/page", f"[::1]:{server.port}")]


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


# -- redirects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("http://evil.test:{port}/page", HostNotAllowed),
        ("http://inside.backan.gov.vn:{port}/page", FetchError),  # allowed name, private address
        ("http://169.254.169.254:{port}/latest/meta-data/", HostNotAllowed),
        ("http://10.0.0.1:{port}/", HostNotAllowed),
        ("file:///etc/passwd", FetchError),
        ("javascript:alert(1)", FetchError),
        ("ftp://portal.test/page", FetchError),
        ("data:text/html,<h1>x</h1>", FetchError),
        ("http://portal.test:8080/page", FetchError),
        ("http://user:pw@portal.test:{port}/page", FetchError),
        ("http://2130706433:{port}/page", FetchError),
        ("//evil.test:{port}/page", HostNotAllowed),
    ],
)
def test_refuses_redirects_to_refused_urls(
    server: FetchServer, dns: FakeDNS, location: str, kind: type[BaonoiError]
) -> None:
    target = location.format(port=server.port).replace("&", "%26")
    refused(kind, lambda: fetch(server, dns, server.url(f"/to?u={target}", "portal.test")))
    assert len(server.requests) == 1


def test_refuses_a_redirect_to_a_listed_metadata_address(server: FetchServer, dns: FakeDNS) -> None:
    url = server.url("/to?u=http://169.254.169.254/latest/meta-data/", "portal.test")
    allowed = [*ALLOWED, "169.254.169.254"]
    error = refused(
        FetchError, lambda: fetch(server, dns, url, allowed=allowed, ports=[server.port, 80])
    )
    assert "private or reserved" in error.message_en


def test_refuses_a_fourth_redirect(server: FetchServer, dns: FakeDNS) -> None:
    error = refused(FetchError, lambda: fetch(server, dns, server.url("/chain/4", "portal.test")))
    assert "redirects" in error.message_en
    assert len(server.requests) == 4


def test_refuses_a_redirect_without_location(server: FetchServer, dns: FakeDNS) -> None:
    refused(FetchError, lambda: fetch(server, dns, server.url("/to", "portal.test")))


# -- the deadline --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/drip", "/drip-headers", "/silent"])
def test_a_slow_server_is_cut_off_at_the_deadline(
    server: FetchServer, dns: FakeDNS, path: str
) -> None:
    started = time.monotonic()
    url = server.url(path, "portal.test")
    error = refused(FetchError, lambda: fetch(server, dns, url, deadline_s=2))
    assert time.monotonic() - started < SLACK_S
    assert "time limit" in error.message_en
    assert len(server.requests) == 1


def test_a_slow_name_lookup_is_cut_off_at_the_deadline(server: FetchServer) -> None:
    release = threading.Event()

    def stuck(host: str, port: int) -> list[str]:
        release.wait(60)
        return ["127.0.0.1"]

    started = time.monotonic()
    try:
        url = server.url("/page", "portal.test")
        refused(FetchError, lambda: fetch(server, FakeDNS({}), url, resolver=stuck, deadline_s=1))
    finally:
        release.set()
    assert time.monotonic() - started < SLACK_S
    assert server.requests == []


# -- size, compression, content type, status, broken answers --------------------------------------


@pytest.mark.parametrize("path", ["/big", "/big?sized=0", "/bomb", "/bomb?sized=0"])
def test_refuses_pages_over_5_mb(server: FetchServer, dns: FakeDNS, path: str) -> None:
    refused(PayloadTooLarge, lambda: fetch(server, dns, server.url(path, "portal.test")))


def test_a_gzip_bomb_stops_at_the_limit_in_memory(server: FetchServer, dns: FakeDNS) -> None:
    url = server.url("/bomb?sized=0", "portal.test")
    tracemalloc.start()
    try:
        refused(PayloadTooLarge, lambda: fetch(server, dns, url, max_bytes=MB))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB  # it decodes to 64 MB


@pytest.mark.parametrize("coding", ["gzip, gzip", "br", "compress"])
def test_refuses_other_or_stacked_compressions(
    server: FetchServer, dns: FakeDNS, coding: str
) -> None:
    url = server.url(f"/gzip?coding={coding}", "portal.test")
    error = refused(FetchError, lambda: fetch(server, dns, url))
    assert error.detail == coding


@pytest.mark.parametrize(
    "path",
    [
        "/page?type=application/pdf",
        "/page?type=image/png",
        "/page?type=text/plain",
        "/page?type=application/json",
        "/no-type",
    ],
)
def test_refuses_what_is_not_html(server: FetchServer, dns: FakeDNS, path: str) -> None:
    refused(UnsupportedMediaType, lambda: fetch(server, dns, server.url(path, "portal.test")))


@pytest.mark.parametrize("code", ["404", "500", "204"])
def test_refuses_error_statuses(server: FetchServer, dns: FakeDNS, code: str) -> None:
    error = refused(
        FetchError, lambda: fetch(server, dns, server.url(f"/status/{code}", "portal.test"))
    )
    assert code in error.message_en and code in error.message_vi


@pytest.mark.parametrize(
    "path",
    ["/truncated/length", "/truncated/gzip", "/truncated/chunked", "/hang-up", "/many-headers"],
)
def test_refuses_broken_answers(server: FetchServer, dns: FakeDNS, path: str) -> None:
    refused(FetchError, lambda: fetch(server, dns, server.url(path, "portal.test")))


# -- HTTPS through the pinned address -------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for portal.test (and its key), made with openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=portal.test"]
        + ["-addext", "subjectAltName=DNS:portal.test"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[FetchServer]:
    """An HTTPS server on 127.0.0.1 with the portal.test certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with running(tls=context) as started:
        yield started


def test_https_verifies_the_checked_name_over_the_pinned_address(
    tls_server: FetchServer, dns: FakeDNS, certificate: tuple[Path, Path]
) -> None:
    trust = ssl.create_default_context(cafile=certificate[0])
    url = tls_server.url("/page", "portal.test")
    assert fetch(tls_server, dns, url, tls_context=trust).body == PAGE.encode()
    other = tls_server.url("/page", "www.backan.gov.vn")  # allowed, but not the certificate's
    refused(FetchError, lambda: fetch(tls_server, dns, other, tls_context=trust))
    refused(FetchError, lambda: fetch(tls_server, dns, url))  # not trusted by default
    assert [path for path, _ in tls_server.requests] == ["/page"]


def test_https_to_a_plain_http_server_is_refused(server: FetchServer, dns: FakeDNS) -> None:
    url = server.url("/page", "portal.test", scheme="https")
    refused(FetchError, lambda: fetch(server, dns, url, deadline_s=3))
