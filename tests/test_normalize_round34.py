"""Round thirty-four's classes (issue 29): each reading the round-thirty-four set of crime,
trials, traffic accidents, fire and rescue and long mixed sentences found missing, pinned with a
case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chém vào tay anh V., gây thương tích", "chém vào tay anh vê, gây thương tích"),
        ("bà X. (70 tuổi)", "bà ích, bảy mươi tuổi"),
        ("ông V. cho biết", "ông vê cho biết"),
        ("Chương V. Điều khoản chung", "Chương năm. Điều khoản chung"),
        ("Công ty cổ phần X. bị phạt", "Công ty cổ phần X bị phạt"),
    ],
)
def test_a_roman_looking_initial_after_a_person_word_is_a_letter(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Tài (SN1992) bị bắt", "Tài, sinh năm một nghìn chín trăm chín mươi hai, bị bắt"),
        ("bà Lan (SN 1960)", "bà Lan, sinh năm một nghìn chín trăm sáu mươi"),
        ("mã SN1234 của máy", "mã ét en một hai ba bốn của máy"),
    ],
)
def test_sn_glued_to_a_year_is_sinh_nam(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ngụ 27/4 Cách Mạng Tháng Tám", "ngụ hai mươi bảy trên bốn Cách Mạng Tháng Tám"),
        ("trú tại 12/3 đường Lê Lợi", "trú tại mười hai trên ba đường Lê Lợi"),
        ("trú tại 27/4, ông Lợi", "trú tại ngày hai mươi bảy tháng tư, ông Lợi"),
        ("ngày 27/4 Lê Lợi ra mắt", "ngày hai mươi bảy tháng tư Lê Lợi ra mắt"),
    ],
)
def test_a_slashed_house_number_after_a_residence_word_is_an_address(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
