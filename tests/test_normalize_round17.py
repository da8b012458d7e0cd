"""Round seventeen: classes found by the hand-written set ``round17.tsv``, each pinned with its own
examples and a case where the rule must not fire."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import accepted


def _check(written: str, spoken: str) -> None:
    """``normalize(written)`` is one of the accepted ``spoken`` forms."""
    assert accepted(normalize(written), spoken), normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mã số triệu hồi 24-KS-01", "mã số triệu hồi hai mươi tư ca ét không một"),
        ("căn hộ A-12-05 tòa B", "căn hộ a mười hai không năm tòa bê"),
        ("căn B1-15-08", "căn bê một mười lăm không tám"),
        ("ký hiệu AB-01-02", "ký hiệu a bê không một không hai"),
        ("phòng 12A-01", "phòng mười hai a không một"),
        # A document's number, a score and a range of numbers keep their readings.
        ("Công văn số 12-CV-UBND", "công văn số mười hai công văn ủy ban nhân dân"),
        ("tỷ số 3-0", "tỷ số ba không"),
        ("từ 12-15 tầng", "từ mười hai đến mười lăm tầng"),
    ],
)
def test_a_code_of_dashed_capitals_and_numbers_is_read_part_by_part(
    written: str, spoken: str
) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("4.592 chỉ tiêu NCS", "bốn nghìn năm trăm chín mươi hai chỉ tiêu nghiên cứu sinh"),
        ("môn KHTN lớp 8", "môn khoa học tự nhiên lớp tám"),
        ("kỳ thi ĐGNL đợt 1", "kỳ thi đánh giá năng lực đợt một"),
        ("kỳ thi ĐGTD năm nay", "kỳ thi đánh giá tư duy năm nay"),
        ("GVCN lớp 9", "giáo viên chủ nhiệm lớp chín"),
    ],
)
def test_school_abbreviations_are_read_in_full(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ngoại ngữ (90')", "ngoại ngữ chín mươi phút"),
        ("bài thi 120' môn Văn", "bài thi một trăm hai mươi phút môn văn"),
        ("Ronaldo ghi bàn (45+2')", "ronaldo ghi bàn bốn mươi lăm cộng hai phút"),
        # After "phút" the mark is not said twice; a closing quote is no mark.
        ("ghi bàn ở phút 90+3'", "ghi bàn ở phút chín mươi cộng ba"),
        (
            "chương trình 'Sức khỏe 365' lên sóng",
            "chương trình sức khỏe ba trăm sáu mươi lăm lên sóng",
        ),
    ],
)
def test_a_prime_after_a_number_is_minutes(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("nhà 5 tầng, DTSD 320 m²", "nhà năm tầng, diện tích sử dụng ba trăm hai mươi mét vuông"),
        ("vé VIP giá 8 triệu đồng", "vé {vi ai pi|víp} giá tám triệu đồng"),
    ],
)
def test_listing_and_ticket_abbreviations_are_read_as_words(written: str, spoken: str) -> None:
    _check(written, spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mệnh giá 100 triệu đồng/TP", "mệnh giá một trăm triệu đồng {một|mỗi|trên} trái phiếu"),
        ("GV tiểu học hưởng 45%", "giáo viên tiểu học hưởng bốn mươi lăm phần trăm"),
        ("Trường ĐH Bách khoa - ĐHĐN", "trường đại học bách khoa đại học đà nẵng"),
        # A city after a slash elsewhere is still a city.
        ("UBND TP/huyện", "ủy ban nhân dân thành phố hoặc huyện"),
        ("100.000 đồng/TP.HCM", "một trăm nghìn đồng trên thành phố hồ chí minh"),
    ],
)
def test_bond_teacher_and_university_abbreviations_read_by_their_context(
    written: str, spoken: str
) -> None:
    _check(written, spoken)
