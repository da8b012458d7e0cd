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


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("sơ đồ 3-4-3", "sơ đồ ba bốn ba"),
        ("đội hình 4-2-3-1 quen thuộc", "đội hình bốn hai ba một quen thuộc"),
    ],
)
def test_three_or_more_numbers_joined_by_dashes_are_no_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("hiệu số 3-2.", "hiệu số ba hai."),
        ("Trận đấu kết thúc 1-1.", "Trận đấu kết thúc một một."),
        ("ngược dòng 3-2 trước Arsenal", "ngược dòng ba hai trước Arsenal"),
    ],
)
def test_a_dash_to_a_number_no_larger_is_no_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("cấm xe từ 22-5h", "cấm xe từ hai mươi hai đến năm giờ"),
        ("cấm từ 22 - 6 giờ sáng", "cấm từ hai mươi hai đến sáu giờ sáng"),
        ("mùa giải 2025-26", "mùa giải hai nghìn không trăm hai mươi lăm đến hai mươi sáu"),
        ("từ 5-5,5 triệu", "từ năm đến năm phẩy năm triệu"),
    ],
)
def test_a_clock_over_midnight_or_a_rising_span_stays_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("vòng 1/16 Cúp C1", "vòng một phần mười sáu Cúp xê một"),
        ("chiếm 1/12 diện tích", "chiếm một phần mười hai diện tích"),
    ],
)
def test_one_part_of_a_large_whole_after_a_fraction_word_is_a_fraction(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_a_count_out_of_a_large_total_is_still_read_with_tren() -> None:
    assert normalize("trên 15/20 đại biểu") == "trên mười lăm trên hai mươi đại biểu"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("thành tích 30:12.45.", "thành tích ba mươi phút mười hai giây bốn mươi lăm."),
        ("về đích sau 27:45.05", "về đích sau hai mươi bảy phút bốn mươi lăm giây không năm"),
        ("chạy 1:02:30.5", "chạy một giờ hai phút ba mươi giây năm"),
    ],
)
def test_hundredths_after_a_long_race_time_follow_its_seconds(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_comma_after_a_duration_is_still_a_pause() -> None:
    assert normalize("dài 27:45, khá lâu") == "dài hai mươi bảy phút bốn mươi lăm giây, khá lâu"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Chiếc Boeing 787-10 hạ cánh", "Chiếc Boeing bảy trăm tám mươi bảy mười hạ cánh"),
        ("máy bay ATR 72-500", "máy bay a tê e rờ bảy mươi hai năm trăm"),
    ],
)
def test_a_makers_model_and_its_variant_are_no_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_an_amount_after_a_maker_is_still_a_range() -> None:
    assert normalize("Boeing giao 40-50 chiếc") == "Boeing giao bốn mươi đến năm mươi chiếc"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "tọa độ 17°20'N - 108°15'E.",
            "tọa độ mười bảy độ hai mươi phút vĩ bắc,"
            " một trăm linh tám độ mười lăm phút kinh đông.",
        ),
        (
            "tọa độ 10°46'37\"N",
            "tọa độ mười độ bốn mươi sáu phút ba mươi bảy giây vĩ bắc",
        ),
        ("góc 45°30'", "góc bốn mươi lăm độ ba mươi phút"),
    ],
)
def test_degrees_with_arc_minutes_and_seconds_are_read_as_such(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_race_time_with_a_double_prime_is_untouched_by_arc_degrees() -> None:
    assert normalize('chạy 9"58') == "chạy chín giây năm mươi tám"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chuyến bay VN1 cất cánh", "chuyến bay vê en một cất cánh"),
        ("chuyến bay VJ7 từ Đà Nẵng", "chuyến bay vê gi bảy từ Đà Nẵng"),
    ],
)
def test_a_one_digit_flight_number_is_a_flight(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ĐHQG-HCM", "đại học quốc gia thành phố Hồ Chí Minh"),
        ("ĐHQG-HN công bố", "đại học quốc gia Hà Nội công bố"),
    ],
)
def test_the_national_universities_written_with_a_dash_are_named(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
