"""Behaviours found by the round-thirty-five set (business pages: gold, fuel, stocks, trade)."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Trong phiên 2-12, chỉ số giảm", "Trong phiên ngày hai tháng mười hai, chỉ số giảm"),
        ("Phiên giao dịch 5-12 khép lại", "Phiên giao dịch ngày năm tháng mười hai khép lại"),
        ("xét xử trong 2-3 phiên", "xét xử trong hai đến ba phiên"),
        ("phiên 2-3 ngày", "phiên hai đến ba ngày"),
        ("Phiên 4.12, chỉ số giảm", "Phiên ngày bốn tháng mười hai, chỉ số giảm"),
        ("phiên 1.5 triệu cổ phiếu", "phiên một chấm năm triệu cổ phiếu"),
    ],
)
def test_a_dashed_or_dotted_day_month_after_a_trading_session_is_a_date(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
