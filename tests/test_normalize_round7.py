"""Round-seven classes: each fix pinned with a case it must read and one it must leave alone."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lô đất 120m² tại", "lô đất một trăm hai mươi mét vuông tại"),
        ("khối 50cm³ nước", "khối năm mươi xăng ti mét khối nước"),
    ],
)
def test_an_amount_glued_to_a_squared_unit_is_an_area(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_squared_variable_in_a_formula_is_still_a_power() -> None:
    assert normalize("2x² + 3x = 0") == "hai ích bình phương cộng ba ích bằng không"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ĐT futsal Việt Nam thắng", "đội tuyển futsal Việt Nam thắng"),
        ("ĐT nữ Việt Nam", "đội tuyển nữ Việt Nam"),
    ],
)
def test_dt_before_a_sport_or_a_squad_is_the_team(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_dt_after_a_calling_word_is_still_the_telephone() -> None:
    assert normalize("gọi ĐT nam") == "gọi điện thoại nam"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("UPCoM-Index tăng nhẹ", "úp com in đếch tăng nhẹ"),
        ("VN30-Index giảm", "vê en ba mươi in đếch giảm"),
        ("rổ VN30", "rổ vê en ba mươi"),
    ],
)
def test_stock_indices_and_baskets_are_read_by_name(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_storage_interfaces_are_spelled() -> None:
    assert normalize("ổ NVMe chuẩn PCIe") == "ổ en vê em e chuẩn pê xê i e"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("bị bỏng độ II-III", "bị bỏng độ hai đến ba"),
        ("ung thư giai đoạn III-IV", "ung thư giai đoạn ba đến bốn"),
    ],
)
def test_two_roman_levels_after_a_trigger_are_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_capitals_joined_by_a_dash_without_a_trigger_stay_spelled() -> None:
    assert normalize("ổ CD-ROM") == "ổ xê dê e rờ o em"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("cho 56 ngành/chương trình đào tạo", "cho năm mươi sáu ngành hoặc chương trình đào tạo"),
        ("có 120 xã/phường", "có một trăm hai mươi xã hoặc phường"),
    ],
)
def test_two_nouns_of_one_kind_after_an_amount_are_a_choice(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("10 thôn/xã", "mười thôn trên xã"),
        ("100 học sinh/lớp", "một trăm học sinh trên lớp"),
    ],
)
def test_a_count_per_a_larger_unit_stays_per(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_ratio_word_earlier_in_the_clause_makes_n_m_after_la_a_ratio() -> None:
    assert normalize("tỷ lệ chọi vào lớp 6 là 1/8") == "tỷ lệ chọi vào lớp sáu là một trên tám"


def test_n_m_after_la_without_a_ratio_word_is_still_a_date() -> None:
    assert normalize("Hạn chót nộp hồ sơ là 1/8") == "Hạn chót nộp hồ sơ là ngày một tháng tám"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("thông số 15:02.45", "thông số mười lăm phút hai giây bốn mươi lăm"),
        ("chạy 9:58.05", "chạy chín phút năm mươi tám giây không năm"),
    ],
)
def test_minutes_seconds_and_hundredths_are_a_race_time(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_clock_time_before_a_sentence_dot_is_still_a_time_of_day() -> None:
    assert normalize("lúc 15:02. Sau đó") == "lúc mười lăm giờ hai phút. Sau đó"


def test_a_motorbike_plate_with_a_dash_after_the_province_is_read_digit_by_digit() -> None:
    assert normalize("biển số 29-B1 567.89") == "biển số hai chín bê một, năm sáu bảy tám chín"


def test_a_score_with_a_dash_is_no_plate() -> None:
    assert normalize("thắng 3-2 sau") == "thắng ba hai sau"


def test_a_letter_glued_to_a_decimal_keeps_the_decimal_whole() -> None:
    assert normalize("dầu diesel 0,05S") == "dầu diesel không phẩy không năm ét"


def test_a_letter_glued_to_a_whole_number_is_still_read_apart() -> None:
    assert normalize("lớp 10A1") == "lớp mười a một"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lô đất ký hiệu CT-02 tại", "lô đất ký hiệu xê tê không hai tại"),
        ("căn hộ A-05", "căn hộ a không năm"),
        ("mã XD-007", "mã ích dê không không bảy"),
    ],
)
def test_a_number_with_a_leading_zero_after_a_code_keeps_its_zero(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_a_code_with_a_number_without_a_leading_zero_is_unchanged() -> None:
    assert normalize("COVID-19") == "cô vít mười chín"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tăng 45% YoY", "tăng bốn mươi lăm phần trăm so với cùng kỳ"),
        ("giảm 3% QoQ", "giảm ba phần trăm so với quý trước"),
    ],
)
def test_growth_shorthands_are_read_as_the_comparison(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_province_or_city_after_an_amount_is_a_choice() -> None:
    assert normalize("tại 25 tỉnh/thành") == "tại hai mươi lăm tỉnh hoặc thành"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("T7 (13/12) gặp Malaysia", "thứ bảy, ngày mười ba tháng mười hai, gặp Malaysia"),
        ("CN (14/12) gặp Thái Lan", "chủ nhật, ngày mười bốn tháng mười hai, gặp Thái Lan"),
    ],
)
def test_a_short_weekday_before_a_date_in_brackets_is_the_day(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_short_weekday_before_a_fraction_stays_as_written() -> None:
    assert normalize("chi nhánh CN (2/3 số phòng)") == "chi nhánh xê en, hai phần ba số phòng"


def test_months_of_a_year_in_business_shorthand() -> None:
    assert normalize("doanh thu 9T/2024") == (
        "doanh thu chín tháng năm hai nghìn không trăm hai mươi tư"
    )


def test_a_dotted_number_keeps_the_zero_after_its_dot() -> None:
    assert normalize("tòa S2.05") == "tòa ét hai chấm không năm"


def test_a_dotted_number_without_a_zero_after_its_dot_is_unchanged() -> None:
    assert normalize("phiên bản 1.10") == "phiên bản một chấm mười"


def test_drivers_counted_out_of_a_total_are_a_ratio() -> None:
    assert normalize("phát hiện 3/10 tài xế") == "phát hiện ba trên mười tài xế"


def test_a_ratio_word_earlier_in_the_clause_makes_la_n_colon_m_a_ratio() -> None:
    assert normalize("tỷ lệ chọi vào trường năm nay là 1:15") == (
        "tỷ lệ chọi vào trường năm nay là một trên mười lăm"
    )


def test_a_ratio_word_in_an_earlier_clause_leaves_a_clock_time() -> None:
    assert normalize("tỷ lệ đỗ cao, giờ thi là 7:30") == (
        "tỷ lệ đỗ cao, giờ thi là bảy giờ ba mươi phút"
    )


def test_bd_before_an_alarm_level_is_the_flood_alarm() -> None:
    assert normalize("trên BĐ III 0,04m") == "trên báo động ba không phẩy không bốn mét"


def test_bd_without_a_level_stays_spelled() -> None:
    assert normalize("tại BĐ Hà Nội") == "tại bê đê Hà Nội"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("giá vàng nhẫn 9999 tăng", "giá vàng nhẫn bốn số chín tăng"),
        ("vàng 999.9", "vàng bốn số chín"),
    ],
)
def test_gold_purity_after_a_gold_word_is_four_nines(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_count_of_9999_is_still_a_number() -> None:
    assert normalize("có 9999 người") == "có chín nghìn chín trăm chín mươi chín người"


def test_a_bare_day_range_before_a_date_is_one_date() -> None:
    assert normalize("đêm diễn vào 20-21/12") == (
        "đêm diễn vào hai mươi đến hai mươi mốt tháng mười hai"
    )


def test_nanograms_per_millilitre_are_a_unit() -> None:
    assert normalize("dưới 20 ng/ml") == "dưới hai mươi na nô gam trên mi li lít"


def test_ng_alone_is_left_as_written() -> None:
    assert normalize("5 ng còn lại") == "năm ng còn lại"


def test_a_rice_variety_is_read_digit_by_digit() -> None:
    assert normalize("lúa tươi IR 50404") == "lúa tươi i e rờ năm không bốn không bốn"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("gạo ST25 đạt", "gạo ét tê hai mươi lăm đạt"),
        ("công ty IR 50404", "công ty i e rờ năm mươi nghìn bốn trăm linh bốn"),
    ],
)
def test_a_short_variety_or_a_code_without_a_crop_word_keeps_its_number(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
