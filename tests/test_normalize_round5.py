"""Round five of the normalizer: the classes the round-five news set found on its first run."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import comparable


def _check(written: str, spoken: str) -> None:
    """``written`` reads as ``spoken`` under the case files' comparison."""
    assert comparable(normalize(written)) == comparable(spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("giải VĐQG mùa này", "giải vô địch quốc gia mùa này"),
        ("đứng thứ 2 trên BXH", "đứng thứ hai trên bảng xếp hạng"),
        (
            "hàng nghìn CĐV có mặt ở SVĐ Mỹ Đình",
            "hàng nghìn cổ động viên có mặt ở sân vận động mỹ đình",
        ),
        ("suy yếu thành ATNĐ", "suy yếu thành áp thấp nhiệt đới"),
        ("cao hơn TBNN", "cao hơn trung bình nhiều năm"),
        ("một đợt KKL mạnh", "một đợt không khí lạnh mạnh"),
        ("khối NĐT nước ngoài", "khối nhà đầu tư nước ngoài"),
    ],
)
def test_sport_weather_and_market_shorthand_is_expanded(written: str, spoken: str) -> None:
    _check(written, spoken)


def test_a_longer_capital_run_holding_a_shorthand_is_not_expanded_by_parts() -> None:
    assert "bảng xếp hạng" not in normalize("mã BXHD")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("làm việc 7h30-17h", "làm việc bảy giờ ba mươi phút đến mười bảy giờ"),
        ("thứ 2, 7h30-17h30", "thứ hai bảy giờ ba mươi phút đến mười bảy giờ ba mươi phút"),
        ("sáng 8g15-11g", "sáng tám giờ mười lăm phút đến mười một giờ"),
    ],
)
def test_a_time_range_whose_first_time_has_minutes_says_den(written: str, spoken: str) -> None:
    _check(written, spoken)


def test_a_model_name_with_letters_and_digits_on_both_sides_keeps_no_den() -> None:
    assert "đến" not in normalize("chip i9-14900K")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("sức khỏe của 3/5 bệnh nhân", "sức khỏe của ba trên năm bệnh nhân"),
        ("có 7/10 thí sinh đỗ", "có bảy trên mười thí sinh đỗ"),
        ("24/27 quốc gia ủng hộ", "hai mươi tư trên hai mươi bảy quốc gia ủng hộ"),
    ],
)
def test_a_count_of_people_or_bodies_out_of_a_total_is_no_date(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("sáng 3/5 bệnh nhân được xuất viện", "sáng ngày ba tháng năm bệnh nhân được xuất viện"),
        ("ngày 2/9 sinh viên nghỉ học", "ngày hai tháng chín sinh viên nghỉ học"),
    ],
)
def test_a_date_word_before_still_makes_a_date(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tên miền .vn tăng", "tên miền chấm vn tăng"),
        ("đuôi .com.vn hoặc (.net)", "đuôi chấm com chấm vn hoặc chấm net"),
        ("Kết thúc bằng .vn.", "kết thúc bằng chấm vn"),
    ],
)
def test_a_top_level_domain_written_alone_reads_its_dot(written: str, spoken: str) -> None:
    _check(written, spoken)


def test_a_sentence_dot_before_a_word_is_no_domain() -> None:
    assert "chấm" not in normalize("Hết giờ. vn là hai chữ cái.")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "tỷ lệ kiểm soát bóng là 62% - 38%",
            "tỷ lệ kiểm soát bóng là sáu mươi hai phần trăm ba mươi tám phần trăm",
        ),
        ("kiểm soát bóng 55%-45%", "kiểm soát bóng năm mươi lăm phần trăm bốn mươi lăm phần trăm"),
    ],
)
def test_two_shares_of_one_whole_after_a_ratio_word_are_a_split(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    "written",
    ["độ ẩm 40% - 60%", "tỷ lệ hộ nghèo giảm 5% - 3%", "tăng 62% - 38%"],
)
def test_percentages_without_a_ratio_word_or_not_adding_to_a_whole_stay_a_range(
    written: str,
) -> None:
    assert " đến " in normalize(written)
