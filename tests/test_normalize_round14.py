"""Round fourteen's classes (issue 29): each reading the round-fourteen news set found missing,
pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tâm bão ở 17,2°N", "tâm bão ở mười bảy phẩy hai độ vĩ bắc"),
        ("kinh độ 109,5°E", "kinh độ một trăm linh chín phẩy năm độ kinh đông"),
        ("ở 20°S, 150°W", "ở hai mươi độ vĩ nam, một trăm năm mươi độ kinh tây"),
    ],
)
def test_a_degree_with_a_compass_letter_is_latitude_or_longitude(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_degree_with_c_or_f_is_still_a_temperature() -> None:
    assert normalize("từ 25°C đến 77°F") == "từ hai mươi lăm độ xê đến bảy mươi bảy độ ép"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("cứ 2 phút có 1 lượt cất/hạ cánh", "cứ hai phút có một lượt cất hoặc hạ cánh"),
        ("có 300 chuyến tàu ra/vào cảng", "có ba trăm chuyến tàu ra hoặc vào cảng"),
        ("có 5 ca dương tính/âm tính giả", "có năm ca dương tính hoặc âm tính giả"),
        ("3 người thừa cân/béo phì", "ba người thừa cân hoặc béo phì"),
    ],
)
def test_the_two_sides_of_a_pair_after_an_amount_are_a_choice(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("3 cán bộ/xã", "ba cán bộ trên xã"),
        ("500.000 đồng/người/đêm", "năm trăm nghìn đồng trên người trên đêm"),
    ],
)
def test_a_count_per_thing_after_an_amount_is_still_per(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
