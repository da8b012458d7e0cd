"""Round-eight classes: each fix pinned by its class and by a case it must leave alone."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ước tính 250-275 tỷ", "ước tính hai trăm năm mươi đến hai trăm bảy mươi lăm tỷ"),
        ("dự tính 10-12 ngày", "dự tính mười đến mười hai ngày"),
        ("tạm tính 5-7 tỷ", "tạm tính năm đến bảy tỷ"),
    ],
)
def test_an_estimate_before_a_dash_is_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_number_after_bare_tinh_is_still_a_sum() -> None:
    assert normalize("tính 23-45") == "tính hai mươi ba trừ bốn mươi lăm"


def test_an_amount_after_a_digit_cue_is_read_as_an_amount() -> None:
    assert normalize("viện trợ khẩn cấp 275 triệu USD") == (
        "viện trợ khẩn cấp hai trăm bảy mươi lăm triệu đô la Mỹ"
    )


def test_a_number_to_dial_after_the_same_cue_is_still_read_digit_by_digit() -> None:
    assert normalize("gọi khẩn cấp 112") == "gọi khẩn cấp một một hai"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("thép cuộn CB240", "thép cuộn xê bê hai trăm bốn mươi"),
        ("thép thanh CB300", "thép thanh xê bê ba trăm"),
    ],
)
def test_capitals_against_three_digits_are_a_grade_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("có 20 CB tham gia", "có hai mươi cán bộ tham gia"),
        ("QL279 đoạn", "quốc lộ hai trăm bảy mươi chín đoạn"),
        ("ĐT741", "đường tỉnh bảy trăm bốn mươi mốt"),
        ("QH15", "Quốc hội mười lăm"),
    ],
)
def test_abbreviations_and_roads_before_a_number_keep_their_words(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chị P. 35 tuổi", "chị pê. ba mươi lăm tuổi"),
        ("tuyên phạt công ty X. 1,2 tỷ đồng", "tuyên phạt công ty ích. một phẩy hai tỷ đồng"),
    ],
)
def test_a_capital_and_dot_after_a_person_or_firm_word_is_an_initial(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tại P. Bến Thành", "tại phường Bến Thành"),
        ("ở X. Uy Nỗ", "ở xã Uy Nỗ"),
    ],
)
def test_a_capital_and_dot_elsewhere_is_still_an_administrative_unit(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mã CK: ABC", "mã chứng khoán: a bê xê"),
        ("DT 4x15m", "diện tích bốn nhân mười lăm mét"),
        ("LH 0988 777 555", "liên hệ không chín tám tám, bảy bảy bảy, năm năm năm"),
    ],
)
def test_listing_shorthands_are_read_where_the_sentence_decides(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("CK1", "xê ca một"),
        ("nhóm DT", "nhóm dê tê"),
        ("nhóm LH", "nhóm e lờ hát"),
    ],
)
def test_the_same_shorthands_without_their_cue_are_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chung kết SEA V.League", "chung kết xi vi lích"),
        ("Giá Chung Cư HN Quý III", "Giá Chung Cư Hà Nội Quý ba"),
    ],
)
def test_sea_and_hn_are_read_as_words(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_season_written_with_a_two_digit_second_year_is_a_span() -> None:
    assert normalize("V.League 2025/26") == (
        "vi lích hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm hai mươi sáu"
    )


def test_a_year_over_a_two_digit_number_that_does_not_follow_it_stays_a_ratio() -> None:
    assert normalize("2025/27") == "hai nghìn không trăm hai mươi lăm trên hai mươi bảy"


def test_the_second_dash_of_a_capitals_identifier_is_a_pause() -> None:
    assert normalize("lỗi CVE-2026-2145") == (
        "lỗi xê vê e hai nghìn không trăm hai mươi sáu, hai nghìn một trăm bốn mươi lăm"
    )


def test_a_dash_between_two_years_after_words_is_still_a_range() -> None:
    assert normalize("giai đoạn 2026-2030") == (
        "giai đoạn hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("căn hộ P.1205 tòa HH2", "căn hộ phòng một nghìn hai trăm linh năm tòa hát hát hai"),
        ("P.302, tầng 3", "phòng ba trăm linh hai, tầng ba"),
    ],
)
def test_p_dot_before_three_or_four_digits_is_a_room(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_p_dot_before_one_or_two_digits_is_still_a_ward() -> None:
    assert normalize("P.12, Q.10") == "phường mười hai, quận mười"


def test_a_number_and_capital_after_a_processor_series_is_a_model() -> None:
    assert normalize("chip Intel Core Ultra 7 258V") == (
        "chip Intel Core Ultra bảy hai trăm năm mươi tám vê"
    )


def test_a_number_and_v_elsewhere_is_still_volts() -> None:
    assert normalize("bộ sạc 220V") == "bộ sạc hai trăm hai mươi vôn"


def test_a_mixed_case_acronym_after_a_party_word_is_spelled() -> None:
    assert normalize("đảng AfD đứng thứ 2") == "đảng a ép dê đứng thứ hai"


def test_a_mixed_case_acronym_elsewhere_is_left_to_the_other_rules() -> None:
    assert normalize("máy bay MiG-29") == "máy bay MiG hai mươi chín"
