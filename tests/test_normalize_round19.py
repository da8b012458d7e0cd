"""Round nineteen's classes (issue 29): each reading the round-nineteen news set found missing,
pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("khai mạc ngày 11.6 tại Mỹ", "khai mạc ngày mười một tháng sáu tại Mỹ"),
        ("Sáng 7.12, trời rét", "Sáng ngày bảy tháng mười hai, trời rét"),
        ("hết ngày 31.12.", "hết ngày ba mươi mốt tháng mười hai."),
    ],
)
def test_a_dotted_day_and_month_after_a_date_word_is_a_date(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_dotted_pair_before_a_magnitude_is_not_a_date() -> None:
    assert "tháng" not in normalize("ngày 1.5 triệu")


def test_a_storm_position_pair_reads_its_hemisphere_letters_as_degrees() -> None:
    assert normalize("tâm bão ở khoảng 15,6N; 110,2E") == (
        "tâm bão ở khoảng mười lăm phẩy sáu độ vĩ bắc; một trăm mười phẩy hai độ kinh đông"
    )


def test_a_lone_number_before_n_stays_a_force() -> None:
    assert normalize("lực 15,6N") == "lực mười lăm phẩy sáu niu tơn"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("nhóm máu O Rh- hiếm", "nhóm máu o Rh âm hiếm"),
        ("nhóm máu A+ cần", "nhóm máu a dương cần"),
        ("nhóm máu O- hiếm", "nhóm máu o âm hiếm"),
    ],
)
def test_a_blood_group_sign_is_read_as_positive_or_negative(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_letter_pair_with_a_dash_is_not_a_blood_group() -> None:
    assert normalize("tỷ số A-B") == "tỷ số a bê"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Công ty TNHH X. 1,5 tỷ đồng", "Công ty trách nhiệm hữu hạn ích. một phẩy năm tỷ đồng"),
        ("Công ty cổ phần X. bị phạt", "Công ty cổ phần X bị phạt"),
    ],
)
def test_a_firm_initial_after_its_legal_form_is_a_letter(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_part_heading_numeral_is_still_a_number() -> None:
    assert normalize("Phần X: kết luận") == "Phần mười: kết luận"


def test_a_reigning_champion_abbreviation_is_expanded() -> None:
    assert normalize("ĐKVĐ Nam Định") == "đương kim vô địch Nam Định"
