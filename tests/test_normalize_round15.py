"""Round fifteen's classes (issue 29): each reading the round-fifteen news set found missing,
pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mã ngành 7480201", "mã ngành bảy bốn tám không hai không một"),
        (
            "Mã ngành Công nghệ thông tin là 7480201",
            "Mã ngành Công nghệ thông tin là bảy bốn tám không hai không một",
        ),
        ("mã đơn hàng 58213", "mã đơn hàng năm tám hai một ba"),
    ],
)
def test_course_and_order_codes_are_read_digit_by_digit(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_count_after_a_course_word_stays_a_number() -> None:
    assert normalize("ngành này có 350 chỉ tiêu") == "ngành này có ba trăm năm mươi chỉ tiêu"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("soạn tin DK gửi 8088.", "soạn tin dê ca gửi tám không tám tám."),
        ("nhắn UH gửi 1409 để ủng hộ", "nhắn u hát gửi một bốn không chín để ủng hộ"),
    ],
)
def test_a_text_message_short_number_is_read_digit_by_digit(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_message_sent_to_a_count_of_people_stays_a_count() -> None:
    assert normalize("nhắn tin gửi tới 300 khách hàng") == "nhắn tin gửi tới ba trăm khách hàng"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tòa CT2 chủ động trữ nước", "tòa xê tê hai chủ động trữ nước"),
        ("chung cư CT1 Văn Khê", "chung cư xê tê một Văn Khê"),
        ("tòa nhà HH2 và CT3", "tòa nhà hát hát hai và xê tê ba"),
    ],
)
def test_a_building_block_code_is_spelled_not_read_as_a_road(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_road_code_after_a_road_word_stays_a_road() -> None:
    assert normalize("tuyến CT2 nối hai tỉnh") == "tuyến cao tốc hai nối hai tỉnh"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("các ô số B12-B40", "các ô số bê mười hai đến bê bốn mươi"),
        ("phòng A1 - A5", "phòng a một đến a năm"),
    ],
)
def test_a_dash_between_codes_of_one_series_is_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_dash_between_codes_of_two_series_is_no_range() -> None:
    assert "đến" not in normalize("chip i9-14900K")


def test_evn_regional_companies_are_read_as_their_region() -> None:
    assert normalize("tổng đài của EVNHANOI") == "tổng đài của e vê en Hà Nội"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lô đất LK03-15", "lô đất e lờ ca không ba, mười lăm"),
        ("biệt thự BT05-12", "biệt thự bê tê không năm, mười hai"),
    ],
)
def test_a_lot_code_with_a_leading_zero_then_a_dash_is_no_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("thi ĐGNL đợt 2", "thi đánh giá năng lực đợt hai"),
        ("NSDLĐ ký HĐLĐ", "người sử dụng lao động ký hợp đồng lao động"),
    ],
)
def test_admission_and_labour_law_abbreviations_are_expanded(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("kỳ họp thứ 3/2025", "kỳ họp thứ ba năm hai nghìn không trăm hai mươi lăm"),
        ("lần thứ 4/2026", "lần thứ tư năm hai nghìn không trăm hai mươi sáu"),
    ],
)
def test_an_ordinal_of_a_year_after_thu_is_no_month(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_month_of_a_year_stays_a_month() -> None:
    assert normalize("tháng 3/2025") == "tháng ba năm hai nghìn không trăm hai mươi lăm"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mất điện khu vực TBA Cổ Loa 2", "mất điện khu vực trạm biến áp Cổ Loa hai"),
        ("TBA 110kV Sóc Sơn", "trạm biến áp một trăm mười ki lô vôn Sóc Sơn"),
    ],
)
def test_tba_in_a_power_notice_is_a_substation(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_tba_the_sentence_does_not_decide_is_spelled() -> None:
    assert normalize("ngày phát hành: TBA.") == "ngày phát hành: tê bê a."


def test_a_result_between_two_age_group_teams_is_a_score() -> None:
    assert normalize("U22 Việt Nam 2-0 U22 Lào") == (
        "u hai mươi hai Việt Nam hai không u hai mươi hai Lào"
    )


def test_a_long_undotted_number_in_brackets_is_a_code() -> None:
    assert normalize("ngành Luật (7380101) lấy 27 điểm") == (
        "ngành Luật, bảy ba tám không một không một, lấy hai mươi bảy điểm"
    )


def test_a_dotted_amount_in_brackets_stays_an_amount() -> None:
    assert normalize("tiền phạt (1.500.000 đồng)") == "tiền phạt, một triệu năm trăm nghìn đồng"


def test_a_glutinous_rice_variety_is_read_digit_by_digit() -> None:
    assert normalize("nếp IR 4625") == "nếp i e rờ bốn sáu hai năm"
