"""Round-nine classes: each fix pinned by its class and by a case it must leave alone."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Đề án số 05-ĐA/TU", "Đề án số năm đề án tỉnh ủy"),
        ("Phương án số 15/PA-UBND", "Phương án số mười lăm phương án ủy ban nhân dân"),
        ("số 12-CTr/TU", "số mười hai chương trình tỉnh ủy"),
        ("Biên bản số 03/BB-UBND", "Biên bản số ba biên bản ủy ban nhân dân"),
        ("Giấy phép số 45/GP-UBND", "Giấy phép số bốn mươi lăm giấy phép ủy ban nhân dân"),
    ],
)
def test_more_document_types_are_read_inside_a_document_number(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_document_type_outside_a_document_number_is_left_to_the_other_rules() -> None:
    assert normalize("ĐA") == "đa"


def test_the_safe_zone_of_the_resistance_is_read_in_full() -> None:
    assert normalize("ATK Định Hóa") == "an toàn khu Định Hóa"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mùng 8-9 tháng Giêng", "mùng tám đến chín tháng Giêng"),
        ("ngày 8-9 tháng 3", "ngày tám đến chín tháng ba"),
        ("ngày 28-29 tháng Chạp", "ngày hai mươi tám đến hai mươi chín tháng Chạp"),
    ],
)
def test_a_day_dash_day_before_a_month_word_is_a_range_of_days(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ngày 8-9 tới", "ngày tám tháng chín tới"),
        ("sáng 2-9", "sáng ngày hai tháng chín"),
    ],
)
def test_a_day_dash_month_without_a_month_word_after_is_still_a_date(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Mỗi ha miến dong", "Mỗi héc ta miến dong"),
        ("mỗi lb thịt", "mỗi pao thịt"),
    ],
)
def test_a_unit_that_is_also_a_word_is_the_unit_after_moi(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize("written", ["ha ha", "mỗi Ha", "mỗi hạ"])
def test_ha_elsewhere_is_left_as_a_word(written: str) -> None:
    assert normalize(written) == written


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tải trọng HL93", "tải trọng hát e lờ chín mươi ba"),
        ("tải trọng thiết kế HL-93", "tải trọng thiết kế hát e lờ chín mươi ba"),
    ],
)
def test_a_road_code_after_a_design_load_word_is_a_load_class(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_the_same_code_elsewhere_is_still_a_road() -> None:
    assert normalize("đường HL93") == "đường huyện lộ chín mươi ba"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Tờ trình số 198/TTr-SNV", "Tờ trình số một trăm chín mươi tám tờ trình sở nội vụ"),
        ("số 45/SXD-QLXD", "số bốn mươi lăm sở xây dựng quản lý xây dựng"),
        ("số 5/SGDĐT-GDTrH", "số năm sở giáo dục và đào tạo giáo dục trung học"),
        ("số 5/SNNMT-KH", "số năm sở nông nghiệp và môi trường kế hoạch"),
        ("Công văn số 12/STC-QLNS", "Công văn số mười hai sở tài chính quản lý ngân sách"),
    ],
)
def test_a_department_code_is_read_after_its_ministrys_name(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("số 12/2023/HS-ST", "số mười hai năm hai nghìn không trăm hai mươi ba hình sự sơ thẩm"),
        ("số 3/SX-KD", "số ba ét ích ca dê"),
    ],
)
def test_codes_with_no_ministry_of_that_name_are_not_departments(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Trường TH&THCS Xuân La", "Trường tiểu học và trung học cơ sở Xuân La"),
        ("Trường TH-THCS Kim Đồng", "Trường tiểu học và trung học cơ sở Kim Đồng"),
        ("Trường MN&TH Hoa Mai", "Trường mầm non và tiểu học Hoa Mai"),
    ],
)
def test_joined_school_levels_are_read_in_full(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_th_joined_to_broadcasting_is_still_television() -> None:
    assert normalize("Đài PT&TH tỉnh") == "Đài phát thanh và truyền hình tỉnh"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("vượt 1,2% KH", "vượt một phẩy hai phần trăm kế hoạch"),
        ("hoàn thành KH", "hoàn thành kế hoạch"),
        ("theo KH đề ra", "theo kế hoạch đề ra"),
    ],
)
def test_kh_after_a_target_word_or_a_percentage_is_a_plan(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_kh_without_a_target_cue_is_still_spelled() -> None:
    assert normalize("tư vấn cho KH") == "tư vấn cho ca hát"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("đến năm 2030: 90% xã", "đến năm hai nghìn không trăm ba mươi: chín mươi phần trăm xã"),
        ("năm 2030: 100 trạm", "năm hai nghìn không trăm ba mươi: một trăm trạm"),
    ],
)
def test_a_colon_after_a_year_is_a_headings_colon_not_a_ratio(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tỷ lệ 1:15", "tỷ lệ một trên mười lăm"),
        ("tỷ lệ 2025: 1", "tỷ lệ hai nghìn không trăm hai mươi lăm trên một"),
    ],
)
def test_a_colon_between_numbers_elsewhere_is_still_a_ratio(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("khóa 2/2026", "khóa hai năm hai nghìn không trăm hai mươi sáu"),
        ("đợt 3/2025", "đợt ba năm hai nghìn không trăm hai mươi lăm"),
        ("học kỳ 1/2026", "học kỳ một năm hai nghìn không trăm hai mươi sáu"),
    ],
)
def test_a_number_over_a_year_after_a_series_word_is_no_month(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_number_over_a_year_elsewhere_is_still_a_month() -> None:
    assert normalize("vào 2/2026") == "vào tháng hai năm hai nghìn không trăm hai mươi sáu"
