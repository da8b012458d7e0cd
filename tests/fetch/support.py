"""Shared pieces of the fetcher tests: the fake resolver, its fixtures and call helpers."""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from typing import Any

import pytest

from app.errors import BaonoiError
from app.fetch import Page, fetch_page
from tests.fetch.servers import FetchServer

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
