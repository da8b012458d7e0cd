"""Round eighteen's classes (issue 29): each reading the round-eighteen news set found missing,
pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tài khoản VNeID mức 2", "tài khoản vê en e i đê mức hai"),
        ("ứng dụng VssID", "ứng dụng vê ét ét i đê"),
        ("sàn HoSE", "sàn hô xê"),
        ("sàn HOSE", "sàn hô xê"),
    ],
)
def test_mixed_case_platform_and_exchange_names_are_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
