"""Fetch an article page from an allowed host, refusing private addresses, big and slow answers.

Every hop is checked: scheme, port, host against the allow-list, every address the name resolves
to, and the connection goes to the address we checked (pinned), not to a second lookup.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3

from app.errors import FetchError, HostNotAllowed, PayloadTooLarge, UnsupportedMediaType

MAX_BYTES = 5 * 1024 * 1024
DEADLINE_S = 10.0
MAX_REDIRECTS = 3
PORTS = {"http": 80, "https": 443}
PAGE_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "BaoNoi/0.1 (+article reader; Vietnamese text-to-speech)"
# Forms that wrap or translate another address: refused outright.
TUNNELS = [
    ipaddress.ip_network(n)
    for n in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32", "::/96", "100.64.0.0/10")
]

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: final URL, body and declared content type."""

    url: str
    body: bytes
    content_type: str


def normalize_host(host: str) -> str:
    """IDNA, lower case, no trailing dot."""
    try:
        return host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise FetchError("The host name is not valid", "Tên miền không hợp lệ") from exc


def host_allowed(host: str, patterns: Iterable[str]) -> bool:
    """Whether ``host`` matches an allow-list entry exactly, or ``*.suffix`` as a subdomain."""
    for pattern in (normalize_host(p) for p in patterns if p):
        if pattern.startswith("*.") and host.endswith(pattern[1:]) and host != pattern[2:]:
            return True
        if host == pattern:
            return True
    return False


def address_refused(address: Address, permitted: Iterable[ipaddress._BaseNetwork]) -> bool:
    """Whether an address is private, loopback, link-local, reserved, multicast or a tunnel."""
    if any(address in net for net in permitted):
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return True
    if any(address.version == n.version and address in n for n in TUNNELS):
        return True
    return (
        not address.is_global
        or address.is_multicast
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_private
    )


def check_url(
    url: str, allowed_hosts: Iterable[str], ports: Iterable[int] = (80, 443)
) -> tuple[str, str, int]:
    """Scheme, host and port of a URL we may fetch; refused otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in PORTS:
        raise FetchError(
            "Only http and https URLs can be fetched", "Chỉ tải được địa chỉ http và https"
        )
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise FetchError(
            "URLs with a user name or password are refused",
            "Không chấp nhận địa chỉ có tên người dùng hoặc mật khẩu",
        )
    try:
        port = parts.port or PORTS[parts.scheme]
    except ValueError as exc:
        raise FetchError("The port is not valid", "Cổng không hợp lệ") from exc
    if port not in set(ports):
        raise FetchError("Only ports 80 and 443 are allowed", "Chỉ cho phép cổng 80 và 443")
    host = normalize_host(parts.hostname or "")
    if not host or not host_allowed(host, allowed_hosts):
        raise HostNotAllowed(detail=host)
    return parts.scheme, host, port


def resolve(host: str, port: int, permitted: Iterable[ipaddress._BaseNetwork]) -> str:
    """One address of ``host``, after checking that none of its addresses is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            "The host name could not be resolved", "Không phân giải được tên miền", detail=host
        ) from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    permitted = list(permitted)
    if not addresses or any(address_refused(a, permitted) for a in addresses):
        raise FetchError(
            "The host resolves to a private or reserved address",
            "Tên miền trỏ tới địa chỉ nội bộ hoặc dành riêng",
            detail=host,
        )
    return str(addresses[0])


def _open(
    scheme: str, host: str, port: int, address: str, target: str, deadline: float
) -> urllib3.BaseHTTPResponse:
    """GET ``target`` from ``address`` (pinned), speaking to it as ``host``."""
    remaining = max(0.1, deadline - time.monotonic())
    timeout = urllib3.Timeout(connect=min(remaining, 5.0), read=remaining)
    pool: urllib3.HTTPConnectionPool
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    headers = {
        "Host": host if port == PORTS[scheme] else f"{host}:{port}",
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        return pool.urlopen(
            "GET",
            target,
            headers=headers,
            redirect=False,
            preload_content=False,
            decode_content=True,
        )
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(
            "The page could not be fetched", "Không tải được trang", detail=str(exc)
        ) from exc


def _read(response: urllib3.BaseHTTPResponse, deadline: float, limit: int) -> bytes:
    """The decoded body, within the deadline and the size limit (decompression bombs too)."""
    chunks, total = [], 0
    try:
        for chunk in response.stream(64 * 1024, decode_content=True):
            total += len(chunk)
            if total > limit:
                raise PayloadTooLarge(detail=f"over {limit} bytes")
            if time.monotonic() > deadline:
                raise FetchError("The page took too long to arrive", "Trang tải quá lâu")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(
            "The page could not be read", "Không đọc được trang", detail=str(exc)
        ) from exc
    finally:
        response.release_conn()
    return b"".join(chunks)


def fetch_page(
    url: str,
    allowed_hosts: Iterable[str],
    *,
    deadline_s: float = DEADLINE_S,
    max_bytes: int = MAX_BYTES,
    permitted: Iterable[ipaddress._BaseNetwork] = (),
    ports: Iterable[int] = (80, 443),
) -> Page:
    """The page at ``url``, following at most 3 redirects, each checked like the first.

    ``permitted`` networks and extra ``ports`` exist for an operator's intranet (and for tests).
    """
    deadline = time.monotonic() + deadline_s
    allowed, permitted, ports = list(allowed_hosts), list(permitted), set(ports)
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port = check_url(url, allowed, ports)
        address = resolve(host, port, permitted)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        response = _open(scheme, host, port, address, target, deadline)
        if response.status in (301, 302, 303, 307, 308):
            location = response.headers.get("Location", "")
            response.release_conn()
            if not location:
                raise FetchError("A redirect without a Location", "Chuyển hướng không có đích")
            url = urljoin(url, location)
            continue
        if response.status != 200:
            response.release_conn()
            raise FetchError(
                f"The server answered {response.status}", f"Máy chủ trả lời mã {response.status}"
            )
        content_type = response.headers.get("Content-Type", "")
        if content_type.split(";")[0].strip().lower() not in PAGE_TYPES:
            response.release_conn()
            raise UnsupportedMediaType(
                "Only HTML pages can be fetched", "Chỉ tải được trang HTML", detail=content_type
            )
        return Page(url, _read(response, deadline, max_bytes), content_type)
    raise FetchError("Too many redirects", "Chuyển hướng quá nhiều lần")
