"""Round eleven's classes (issue 29): each reading the round-eleven national news set found
missing, pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("máy bay Boeing 787-10", "máy bay Boeing bảy trăm tám mươi bảy mười"),
        ("Airbus A350-900 của hãng", "Airbus a ba trăm năm mươi chín trăm của hãng"),
        ("dòng Airbus A321-200", "dòng Airbus a ba trăm hai mươi mốt hai trăm"),
    ],
)
def test_a_dash_after_a_makers_model_number_is_its_variant_not_a_range(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_a_dash_between_plain_numbers_stays_a_range() -> None:
    assert normalize("mua 787-10 chiếc") == "mua bảy trăm tám mươi bảy đến mười chiếc"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("sửa Luật Căn cước 2023", "sửa Luật Căn cước hai nghìn không trăm hai mươi ba"),
        ("theo luật căn cước 2023 thì", "theo luật căn cước hai nghìn không trăm hai mươi ba thì"),
    ],
)
def test_a_year_after_a_laws_title_is_no_code_read_digit_by_digit(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_a_number_after_a_cue_word_outside_a_law_title_stays_digit_by_digit() -> None:
    assert normalize("số căn cước 0123") == "số căn cước không một hai ba"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "đăng ký xét tuyển ĐH từ ngày 16/7",
            "đăng ký xét tuyển đại học từ ngày mười sáu tháng bảy",
        ),
        ("sau khi tốt nghiệp ĐH ra trường", "sau khi tốt nghiệp đại học ra trường"),
        ("em thi đỗ ĐH năm nay", "em thi đỗ đại học năm nay"),
        ("thí sinh trúng tuyển ĐH đợt 1", "thí sinh trúng tuyển đại học đợt một"),
    ],
)
def test_dh_after_an_admission_or_degree_word_is_dai_hoc(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
