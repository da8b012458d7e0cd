"""RFC 9110 byte ranges and validators on content-addressed audio."""

from __future__ import annotations

import pytest

from app.web.ranges import parse_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=1000-", False),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),
        ("bytes=5-1", None),
        ("items=0-1", None),
        ("bytes=abc", None),
        ("", None),
    ],
)
def test_parse_range_follows_rfc_9110(header: str, expected: object) -> None:
    assert parse_range(header, 1000) == expected
