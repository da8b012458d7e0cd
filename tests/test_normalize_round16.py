"""Round sixteen's classes (issue 29): each reading the round-sixteen news set found missing,
pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "An Se-young 0-2 (15-21, 12-21)",
            "An Se young không hai, mười lăm hai mươi mốt, mười hai hai mươi mốt",
        ),
        ("Sinner 1-3 (6-4, 3-6)", "Sinner một ba, sáu bốn, ba sáu"),
    ],
)
def test_a_count_of_sets_before_the_sets_in_brackets_is_a_score(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_range_before_brackets_of_ranges_is_still_a_range() -> None:
    assert normalize("tăng 10-15 (20-25, 30-35)") == (
        "tăng mười đến mười lăm, hai mươi đến hai mươi lăm, ba mươi đến ba mươi lăm"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mức (< 2,6 mmol/l)", "mức, dưới hai phẩy sáu mi li mol trên lít"),
        ("nặng (> 5 kg)", "nặng, trên năm ki lô gam"),
    ],
)
def test_a_sign_after_an_opening_bracket_bounds_an_amount_with_its_unit(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_a_sign_between_operands_in_brackets_is_still_a_comparison() -> None:
    assert normalize("nếu (x < 5) thì") == "nếu ích nhỏ hơn năm thì"


def test_a_slash_between_two_foreign_words_is_a_pause() -> None:
    assert normalize("thuốc nirmatrelvir/ritonavir") == "thuốc nirmatrelvir, ritonavir"


def test_a_slash_between_two_vietnamese_words_is_still_a_choice() -> None:
    assert normalize("học sinh/sinh viên") == "học sinh hoặc sinh viên"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ngày nhận QĐ xử phạt", "ngày nhận quyết định xử phạt"),
        ("bị thu hồi QĐ giao đất", "bị thu hồi quyết định giao đất"),
    ],
)
def test_qd_beside_an_administrative_act_is_a_decision(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_qd_before_nhan_dan_is_still_the_army() -> None:
    assert normalize("QĐ nhân dân Việt Nam") == "quân đội nhân dân Việt Nam"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("lắp thiết bị GSHT", "lắp thiết bị giám sát hành trình"),
        ("nộp qua Cổng DVCQG", "nộp qua Cổng dịch vụ công quốc gia"),
    ],
)
def test_traffic_and_public_service_abbreviations_are_expanded(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Bị can Trần B. (35t, trú tại xã X)", "Bị can Trần bê, ba mươi lăm tuổi, trú tại xã X"),
        ("Chị Nguyễn Thị H. (45t) cho biết", "Chị Nguyễn Thị hát, bốn mươi lăm tuổi, cho biết"),
    ],
)
def test_a_glued_t_after_a_name_or_before_a_residence_is_an_age(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_glued_t_after_a_vehicle_is_still_a_tonnage() -> None:
    assert normalize("xe tải 5t chở hàng") == "xe tải năm tấn chở hàng"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("troponin 1.250 ng/L", "troponin một nghìn hai trăm năm mươi na nô gam trên lít"),
        ("được đặt 2 stent ĐMV", "được đặt hai stent động mạch vành"),
        ("theo GLOBOCAN 2022", "theo glô bô can hai nghìn không trăm hai mươi hai"),
    ],
)
def test_health_units_and_names_are_read(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("bão số 3/2024", "bão số ba năm hai nghìn không trăm hai mươi tư"),
        (
            "Thông tư số 12/2024 quy định",
            "Thông tư số mười hai năm hai nghìn không trăm hai mươi tư quy định",
        ),
    ],
)
def test_a_number_within_a_year_after_so_is_no_month(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_month_and_year_after_thang_is_still_a_month() -> None:
    assert normalize("tháng 3/2024") == "tháng ba năm hai nghìn không trăm hai mươi tư"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("cản phá 6/7 cú sút", "cản phá sáu trên bảy cú sút"),
        ("thành công 8/10 quả phạt đền", "thành công tám trên mười quả phạt đền"),
    ],
)
def test_plays_counted_out_of_a_total_are_no_date(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_day_and_month_after_a_time_of_day_is_still_a_date() -> None:
    assert normalize("sáng 6/7 cầu thủ tập trung") == "sáng ngày sáu tháng bảy cầu thủ tập trung"
