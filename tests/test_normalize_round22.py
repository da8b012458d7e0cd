"""Round twenty-two's classes (issue 29): each reading the round-twenty-two news set found
missing, pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("diện tích 45-70 m², giá", "diện tích bốn mươi lăm đến bảy mươi mét vuông, giá"),
        ("căn hộ 45-70m² giá", "căn hộ bốn mươi lăm đến bảy mươi mét vuông giá"),
        ("bể 20-25 m³ nước", "bể hai mươi đến hai mươi lăm mét khối nước"),
    ],
)
def test_a_range_before_a_unit_with_its_power_is_an_amount(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_letter_with_its_power_after_a_dash_stays_a_formula() -> None:
    assert normalize("công thức 2-x² là") == "công thức hai trừ ích bình phương là"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("dầu diesel 0,05S-II tăng", "dầu diesel không phẩy không năm ét hai tăng"),
        ("dầu DO 0,001S-V giảm", "dầu dê o không phẩy không không một ét năm giảm"),
    ],
)
def test_a_diesel_sulphur_grade_reads_its_roman_level(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_sulphur_share_without_a_level_keeps_its_reading() -> None:
    assert normalize("dầu DO 0,05S tăng") == "dầu dê o không phẩy không năm ét tăng"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Router TP-Link hỗ trợ", "Router tê pê Link hỗ trợ"),
        ("bộ phát TP-Link Archer", "bộ phát tê pê Link Archer"),
    ],
)
def test_a_short_abbreviation_dashed_to_a_latin_brand_word_is_spelled(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tại TP-Huế hôm", "tại thành phố Huế hôm"),
        ("tại TP-Vinh hôm", "tại thành phố Vinh hôm"),
    ],
)
def test_a_city_abbreviation_dashed_to_a_place_stays_a_city(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Giá vàng hôm nay (7-12): mua", "Giá vàng hôm nay, ngày bảy tháng mười hai: mua"),
        ("Thứ Bảy (13-12), trời", "Thứ Bảy, ngày mười ba tháng mười hai, trời"),
        ("Chủ nhật (14-12) nghỉ", "Chủ nhật, ngày mười bốn tháng mười hai, nghỉ"),
    ],
)
def test_a_dashed_day_and_month_in_brackets_after_a_day_word_is_a_date(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("trẻ (7-12 tuổi) được", "trẻ, bảy đến mười hai tuổi, được"),
        ("nhóm (7-12) gồm", "nhóm, bảy đến mười hai, gồm"),
    ],
)
def test_a_dashed_pair_in_brackets_without_a_day_word_stays_a_range(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("bản 16/512 GB giá", "bản mười sáu trên năm trăm mười hai gi ga bai giá"),
        ("khoảng 2/3 km đường", "khoảng hai phần ba ki lô mét đường"),
    ],
)
def test_a_unit_after_a_slashed_pair_is_read_as_a_unit(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_slashed_pair_before_a_word_keeps_its_reading() -> None:
    assert normalize("tỷ lệ 16/512 học sinh") == "tỷ lệ mười sáu trên năm trăm mười hai học sinh"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Fed hạ lãi suất 25 bps xuống", "phét hạ lãi suất hai mươi lăm điểm cơ bản xuống"),
        ("tăng 25 bps lên", "tăng hai mươi lăm điểm cơ bản lên"),
        ("tăng 5 điểm cơ bản (bps) lên", "tăng năm điểm cơ bản, bê pê ét, lên"),
    ],
)
def test_bps_in_rates_is_basis_points(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_bps_after_a_bare_number_stays_bits_per_second() -> None:
    assert normalize("tốc độ 9600 bps") == "tốc độ chín nghìn sáu trăm bít trên giây"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Viettel và PV GAS.", "vi ét ten và pê vê ga."),
        ("PV Power, PV OIL", "pê vê pao ơ, pê vê oi"),
        ("chứng chỉ TOPIK 4", "chứng chỉ tô pích bốn"),
    ],
)
def test_petrovietnam_units_and_the_korean_test_are_read_by_name(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_pv_before_a_newspaper_stays_a_reporter() -> None:
    assert normalize("trả lời PV Báo Tuổi Trẻ") == "trả lời phóng viên Báo Tuổi Trẻ"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("trong đó lô 3-12 có giá", "trong đó lô ba mười hai có giá"),
        ("thửa đất 25-3 ở", "thửa đất hai mươi lăm ba ở"),
    ],
)
def test_two_dashed_numbers_after_one_plot_word_are_its_name(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("các lô 3-12 có giá", "các lô ba đến mười hai có giá"),
        ("lô 3-5 m rộng", "lô ba đến năm mét rộng"),
        ("diện tích lô 100-120 m² là", "diện tích lô một trăm đến một trăm hai mươi mét vuông là"),
    ],
)
def test_plots_in_the_plural_or_a_span_with_a_unit_stay_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
