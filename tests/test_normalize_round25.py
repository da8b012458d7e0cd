"""Round twenty-five's classes (issue 29): each reading the round-twenty-five news set (football,
other sports, weather and disasters, medicine) found missing, pinned with a case of the same
class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "về đích với thời gian 2h35'12\".",
            "về đích với thời gian hai giờ ba mươi lăm phút mười hai giây.",
        ),
        ("thành tích 3h02'45", "thành tích ba giờ hai phút bốn mươi lăm giây"),
        (
            "về nhất sau 2h08'31\"45.",
            "về nhất sau hai giờ tám phút ba mươi mốt giây bốn mươi lăm.",
        ),
    ],
)
def test_a_race_time_with_hours_and_primes_reads_its_seconds(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_clock_time_with_a_minute_mark_has_no_seconds() -> None:
    assert normalize("chạy hết 1h35'") == "chạy hết một giờ ba mươi lăm phút"
    assert normalize("lúc 14h30 ngày 5/6") == "lúc mười bốn giờ ba mươi phút ngày năm tháng sáu"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("bạch cầu 22 G/L", "bạch cầu hai mươi hai gi ga trên lít"),
        ("hồng cầu 4,5 T/L", "hồng cầu bốn phẩy năm tê ra trên lít"),
    ],
)
def test_blood_counts_per_litre_read_their_prefix(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_letter_pair_with_a_slash_without_a_number_is_no_count_unit() -> None:
    assert normalize("ghi chú G/L") == "ghi chú giê hoặc e lờ"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("trên BĐIII 0,42 m", "trên báo động ba không phẩy bốn mươi hai mét"),
        ("ở mức BĐII, BĐI", "ở mức báo động hai, báo động một"),
    ],
)
def test_an_alarm_level_with_a_roman_numeral_is_read_as_a_level(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("BN có điểm Glasgow 7", "bệnh nhân có điểm Glasgow bảy"),
        ("gia đình BN cho biết", "gia đình bệnh nhân cho biết"),
        ("BN 62 tuổi nhập viện", "bệnh nhân sáu mươi hai tuổi nhập viện"),
        ("mã BN trên phiếu", "mã bê en trên phiếu"),
    ],
)
def test_bn_before_a_patient_word_is_a_patient_else_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Ghi bàn: Xuân Son 10', 56'; Văn Toàn 78'.",
            "Ghi bàn: Xuân Son phút mười, phút năm mươi sáu; Văn Toàn phút bảy mươi tám.",
        ),
        ("Thẻ vàng: Hùng Dũng 44'", "Thẻ vàng: Hùng Dũng phút bốn mươi tư"),
        (
            "Môn Toán 90', môn Ngữ văn 120'.",
            "Môn Toán chín mươi phút, môn Ngữ văn một trăm hai mươi phút.",
        ),
    ],
)
def test_a_minute_mark_after_a_scorer_in_a_match_report_is_the_minute_of_play(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Nam Định 1-1 Hà Nội (luân lưu 4-5).", "Nam Định một một Hà Nội, luân lưu bốn năm."),
        ("(pen 4-3)", "pen bốn ba"),
        ("cần 4-5 người", "cần bốn đến năm người"),
    ],
)
def test_a_shoot_out_score_is_a_score_not_a_range(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Đoàn TTVN đặt chỉ tiêu", "Đoàn thể thao Việt Nam đặt chỉ tiêu"),
        ("theo TTVN cho biết", "theo tê tê vê en cho biết"),
    ],
)
def test_ttvn_after_a_team_word_is_vietnamese_sport_else_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
