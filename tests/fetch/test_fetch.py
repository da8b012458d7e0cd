"""URL fetching: the allow-list, address checks, pinning, redirects, deadline, size and type limits.

Every test runs against real servers on loopback (``tests/fetch/servers.py``). Loopback and the
servers' ports are refused by default, so the tests that must get through permit them explicitly
(``permitted=``, ``ports=``), and host names reach the servers through a fake resolver; each
refusal is also shown without those permits where the permit is not what it is about.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from app.errors import (
    BaonoiError,
    FetchError,
    HostNotAllowed,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from app.fetch import Page, fetch_page
from app.fetch.rules import MAX_BYTES
from tests.fetch.servers import HTML, MB, PAGE, FetchServer, running
from tests.fetch.support import (
    ALLOWED,
    LOOPBACK,
    PUNYCODE,
    SLACK_S,
    FakeDNS,
    fetch,
    refused,
)

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
