"""Which URLs and addresses the fetcher may go to: scheme, port, host allow-list, address ranges."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urlsplit

from app.errors import BaonoiError, ConfigError, FetchError, HostNotAllowed
from app.fetch.rules import (
    HOST_LABEL,
    IPV6_UNICAST,
    NUMERIC_LABEL,
    PORTS,
    REFUSAL_KINDS,
    REFUSALS,
    REFUSED_NETWORKS,
    SCHEMES,
)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def refusal(key: str, detail: object = "") -> BaonoiError:
    """The error for a refusal in ``REFUSALS``, in both languages."""
    en, vi = REFUSALS[key]
    error = REFUSAL_KINDS.get(key, FetchError)(
        en.format(detail=detail), vi.format(detail=detail), detail=str(detail)
    )
    error.reason = key
    return error


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the checks: scheme, normalized host, port and request target."""

    url: str
    scheme: str
    host: str
    port: int
    path: str

    @property
    def host_header(self) -> str:
        """The Host header: the checked name, with the port when it is not the default."""
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == SCHEMES[self.scheme] else f"{name}:{self.port}"


def ip_literal(host: str) -> Address | None:
    """``host`` as an IP address when it is one in standard notation, else None."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def normalize_host(host: str) -> str:
    """A host as we compare it: canonical IP literal, or IDNA ASCII name in lower case."""
    host = host.removeprefix("[").removesuffix("]")
    host = host[:-1] if host.endswith(".") else host
    if (literal := ip_literal(host)) is not None:
        return str(literal)
    try:
        name = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise refusal("host", host) from exc
    labels = name.split(".")
    if len(name) > 253 or not all(HOST_LABEL.fullmatch(label) for label in labels):
        raise refusal("host", host)
    if NUMERIC_LABEL.fullmatch(labels[-1]):
        raise refusal("spelling", host)
    return name


def _bad_entry(entry: str) -> ConfigError:
    """The refusal of an allow-list entry that can never match a host."""
    return ConfigError(
        f"Invalid entry in BAONOI_ALLOWED_HOSTS: {entry!r}",
        f"Mục không hợp lệ trong BAONOI_ALLOWED_HOSTS: {entry!r}",
    )


def split_entry(entry: str) -> tuple[str, int | None]:
    """An allow-list entry's host part and the port it names (``portal.example:8080``), if any."""
    if entry.startswith("["):  # an IPv6 literal, maybe with a port: [::1]:8080
        host, _, rest = entry[1:].partition("]")
        port = rest.removeprefix(":") if rest.startswith(":") else None
        if rest and port is None:
            raise _bad_entry(entry)
    elif entry.count(":") == 1:
        host, _, port = entry.partition(":")
    else:
        host, port = entry, None
    if port is None:
        return host, None
    if not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise _bad_entry(entry)
    return host, int(port)


def allow_pattern(entry: str) -> str:
    """An allow-list entry's host normalized like a host (``*.`` kept in front of a wildcard)."""
    host, _port = split_entry(entry.strip())
    wildcard = host.startswith("*.")
    try:
        name = normalize_host(host[2:] if wildcard else host)
    except FetchError as exc:
        raise _bad_entry(entry) from exc
    if wildcard and ip_literal(name) is not None:
        raise _bad_entry(entry)
    return f"*.{name}" if wildcard else name


def _matches(host: str, pattern: str) -> bool:
    """Whether a normalized host equals a pattern, or is a subdomain of a ``*.`` pattern."""
    return host == pattern or (
        pattern.startswith("*.") and host.endswith(pattern[1:]) and ip_literal(host) is None
    )


def host_allowed(host: str, patterns: Iterable[str]) -> bool:
    """Whether a normalized host matches an entry, on whatever port."""
    return bool(entry_ports(host, patterns))


def entry_ports(host: str, patterns: Iterable[str]) -> list[int | None]:
    """The port each entry matching ``host`` names: None for an entry that names none."""
    return [
        split_entry(entry.strip())[1] for entry in patterns if _matches(host, allow_pattern(entry))
    ]


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """``BAONOI_PERMITTED_NETWORKS`` entries (CIDRs) as networks; ConfigError for a bad one."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=True))
        except ValueError as exc:
            raise ConfigError(
                f"Invalid network in BAONOI_PERMITTED_NETWORKS: {entry!r} (a CIDR, 10.0.0.0/8)",
                f"Mạng không hợp lệ trong BAONOI_PERMITTED_NETWORKS: {entry!r} (dạng 10.0.0.0/8)",
            ) from exc
    return tuple(networks)


def address_refused(address: Address, permitted: Iterable[Network] = ()) -> bool:
    """Whether an address is private, loopback, link-local, CGNAT, multicast, reserved or a tunnel.

    An address inside a ``permitted`` network is never refused (an operator's intranet, tests).
    """
    if any(address in net for net in permitted):
        return False
    if isinstance(address, ipaddress.IPv6Address) and address not in IPV6_UNICAST:
        return True
    return (
        not address.is_global
        or address.is_multicast
        or any(address in net for net in REFUSED_NETWORKS)
    )


def _request_target(parts: SplitResult) -> str:
    """Path and query as ASCII for the request line (non-ASCII percent-encoded as UTF-8)."""
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~")
    query = quote(parts.query, safe="/?%:@!$&'()*+,;=~")
    return f"{path}?{query}" if query else path


def check_url(url: str, allowed_hosts: Iterable[str], ports: Iterable[int] = PORTS) -> Target:
    """The parts of a URL we may fetch; FetchError (HostNotAllowed for the host) otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise refusal("url", url) from exc
    if parts.scheme not in SCHEMES:
        raise refusal("scheme", parts.scheme)
    if "@" in parts.netloc:
        raise refusal("userinfo")
    port = SCHEMES[parts.scheme] if port is None else port
    host = normalize_host(parts.hostname or "")
    named = entry_ports(host, allowed_hosts)
    # An entry without a port opens the fetcher's ports; ``host:8080`` opens 8080 for that host.
    if port in named or (port in set(ports) and None in named):
        return Target(url.strip(), parts.scheme, host, port, _request_target(parts))
    if named or port not in set(ports):
        raise refusal("port", port)
    raise HostNotAllowed(detail=host)
