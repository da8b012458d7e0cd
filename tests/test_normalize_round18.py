"""Round eighteen's classes (issue 29): each reading the round-eighteen news set found missing,
pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("trước tháng 6-2025.", "trước tháng sáu năm hai nghìn không trăm hai mươi lăm."),
        ("quý 2-2025", "quý hai năm hai nghìn không trăm hai mươi lăm"),
    ],
)
def test_a_month_or_quarter_dashed_to_its_year_is_a_date(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_dash_between_two_months_is_still_a_range() -> None:
    assert normalize("tháng 6-7") == "tháng sáu đến bảy"
