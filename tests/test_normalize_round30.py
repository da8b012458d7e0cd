"""Round thirty's classes (issue 29): each reading the round-thirty official news set found
missing, pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "sẽ thăm Cộng hòa Chile từ ngày 10-12/11.",
            "sẽ thăm Cộng hòa Chile từ ngày mười đến mười hai tháng mười một.",
        ),
        (
            "đoàn do ông Nam dẫn đầu thăm Pháp từ 10-12 tháng 11",
            "đoàn do ông Nam dẫn đầu thăm Pháp từ mười đến mười hai tháng mười một",
        ),
        ("Nam Định hòa 2-2 trên sân", "Nam Định hòa hai hai trên sân"),
        ("Hà Nội dẫn 2-1 sau hiệp một", "Hà Nội dẫn hai một sau hiệp một"),
    ],
)
def test_a_day_range_after_a_republic_or_a_leader_is_no_score(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "được thông qua với 434 ĐB tán thành",
            "được thông qua với bốn trăm ba mươi tư đại biểu tán thành",
        ),
        ("các ĐB cho rằng", "các đại biểu cho rằng"),
        ("vùng ĐB sông Cửu Long", "vùng đồng bằng sông Cửu Long"),
        ("giải ĐB xổ số", "giải đê bê xổ số"),
    ],
)
def test_db_is_a_deputy_beside_a_count_or_a_vote_and_a_delta_before_a_river(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "thăm Việt Nam từ ngày 9 đến 11-3, hai bên",
            "thăm Việt Nam từ ngày chín đến mười một tháng ba, hai bên",
        ),
        ("trong các ngày 9 và 11-3 tới", "trong các ngày chín và mười một tháng ba tới"),
        ("nghỉ từ ngày 2 đến 3-4 ngày", "nghỉ từ ngày hai đến ba đến bốn ngày"),
        ("từ 9 đến 11-3 người", "từ chín đến mười một ba người"),
    ],
)
def test_a_dashed_day_month_closing_a_range_of_days_is_a_date(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Thực hiện Đề án 06, đến nay", "Thực hiện Đề án không sáu, đến nay"),
        ("triển khai Đề án 06.", "triển khai Đề án không sáu."),
        ("Đề án 06 được triển khai", "Đề án không sáu được triển khai"),
        ("kế hoạch 05,5 tỷ đồng", "kế hoạch năm phẩy năm tỷ đồng"),
    ],
)
def test_a_programme_number_keeps_its_zero_before_a_comma_or_full_stop(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
