"""What the fetcher allows and how it words its refusals: limits, networks, messages (data)."""

from __future__ import annotations

import ipaddress
import re

from app.errors import BaonoiError, PayloadTooLarge, UnsupportedMediaType

MAX_BYTES = 5 * 1024 * 1024
DEADLINE_S = 10.0
MAX_REDIRECTS = 3
PORTS = (80, 443)
SCHEMES = {"http": 80, "https": 443}
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
VALIDATOR_CHARS = 512  # a longer ETag or Last-Modified is not kept (nor sent back)
REDIRECTS = (301, 302, 303, 307, 308)
ENCODINGS = ("gzip", "x-gzip", "deflate")
CHUNK = 64 * 1024
USER_AGENT = "BaoNoi/0.1 (+article reader; Vietnamese text-to-speech)"
# IPv6 outside global unicast is refused whole: loopback, link- and site-local, unique-local,
# multicast, IPv4-mapped and -compatible (::/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48).
IPV6_UNICAST = ipaddress.ip_network("2000::/3")
# Ranges that ``is_global`` lets through (in some Pythons) yet reach or wrap another network.
REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "100.64.0.0/10",  # CGNAT: the provider's side of our own network
        "192.0.0.0/24",  # IETF protocol assignments
        "192.88.99.0/24",  # 6to4 relay anycast
        "2001::/32",  # Teredo: wraps an IPv4 address
        "2001:20::/28",  # ORCHIDv2
        "2002::/16",  # 6to4: wraps an IPv4 address
        "3fff::/20",  # documentation
    )
)
HOST_LABEL = re.compile(r"[a-z0-9_-]{1,63}")
# A last label that is a number makes the socket layer read the name as an IPv4 address
# (2130706433, 0177.0.0.1, 0x7f.0.0.1, 127.1): refused, as browsers treat them as addresses too.
NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")

# Every refusal of this module but the allow-list's: key -> (English, Vietnamese); a
# ``{detail}`` in a message is filled in. All are FetchError but for the kinds below.
REFUSALS: dict[str, tuple[str, str]] = {
    "url": ("The URL is not valid", "Địa chỉ URL không hợp lệ"),
    "scheme": ("Only http and https URLs can be fetched", "Chỉ tải được địa chỉ http và https"),
    "userinfo": (
        "URLs with a user name or password are refused",
        "Không chấp nhận địa chỉ có tên người dùng hoặc mật khẩu",
    ),
    "port": ("Only ports 80 and 443 are allowed", "Chỉ cho phép cổng 80 và 443"),
    "host": ("The host name is not valid", "Tên miền không hợp lệ"),
    "spelling": (
        "IP addresses must be written as four decimal numbers",
        "Địa chỉ IP phải viết dạng bốn số thập phân",
    ),
    "lookup": ("The host name could not be resolved", "Không phân giải được tên miền"),
    "private": (
        "The host is at a private or reserved address; an intranet portal's network may be"
        " listed in BAONOI_PERMITTED_NETWORKS",
        "Tên miền trỏ tới địa chỉ nội bộ hoặc dành riêng; mạng nội bộ của cổng thông tin có thể"
        " khai trong BAONOI_PERMITTED_NETWORKS",
    ),
    "peer": (
        "The connection reached another address than the one checked",
        "Kết nối tới một địa chỉ khác với địa chỉ đã kiểm tra",
    ),
    "connect": ("Could not connect to the server", "Không kết nối được tới máy chủ"),
    "transport": ("The page could not be fetched", "Không tải được trang"),
    "deadline": (
        "The page took longer than the time limit",
        "Trang tải lâu quá thời gian cho phép",
    ),
    "redirects": ("Too many redirects (at most 3)", "Chuyển hướng quá nhiều lần (tối đa 3)"),
    "location": ("A redirect without a Location", "Chuyển hướng không có địa chỉ đích"),
    "status": ("The server answered {detail}", "Máy chủ trả lời mã {detail}"),
    "type": ("Only HTML pages can be fetched", "Chỉ tải được trang HTML"),
    "encoding": (
        "The page uses a compression we do not accept",
        "Trang dùng kiểu nén không được hỗ trợ",
    ),
    "size": ("The page is over the size limit", "Trang vượt quá dung lượng cho phép"),
    "incomplete": (
        "The server closed the connection before the end of the page",
        "Máy chủ ngắt kết nối trước khi gửi hết trang",
    ),
}
# How a portal fetch that ended in one of these refusals is counted (any other failure: "failed").
REFUSAL_OUTCOMES: dict[str, str] = {
    **dict.fromkeys(
        ("url", "scheme", "userinfo", "port", "host", "spelling", "private", "peer"), "refused"
    ),
    "deadline": "timeout",
}
REFUSAL_KINDS: dict[str, type[BaonoiError]] = {
    "type": UnsupportedMediaType,
    "size": PayloadTooLarge,
}
