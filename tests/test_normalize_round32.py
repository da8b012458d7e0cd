"""Behaviours found by the round-thirty-two set (policy news: salaries, insurance, labour,
education)."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import comparable


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Bảo hiểm tai nạn lao động - bệnh nghề nghiệp (TNLĐ-BNN) được đóng 0,5%.",
            "bảo hiểm tai nạn lao động bệnh nghề nghiệp tai nạn lao động bệnh nghề nghiệp "
            "được đóng không phẩy năm phần trăm",
        ),
        (
            "Quỹ bảo lãnh tín dụng (QBLTD) vừa ra mắt.",
            "quỹ bảo lãnh tín dụng quỹ bảo lãnh tín dụng vừa ra mắt",
        ),
        (
            "Bộ Lao động - Thương binh và Xã hội (LĐ-TB&XH) cho biết.",
            "bộ lao động thương binh và xã hội lao động thương binh và xã hội cho biết",
        ),
    ],
)
def test_a_bracketed_acronym_reads_as_the_words_it_abbreviates(written: str, spoken: str) -> None:
    assert comparable(normalize(written)) == comparable(spoken)


def test_a_bracketed_acronym_the_words_before_do_not_spell_is_not_expanded() -> None:
    spoken = comparable(normalize("Tổ chức Y tế Thế giới (WHO) khuyến cáo."))
    assert spoken == comparable("tổ chức y tế thế giới vê kép hát ô khuyến cáo")
    spoken = comparable(normalize("Theo báo cáo (BNN) năm nay."))
    assert "bệnh nghề nghiệp" not in spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Khối ngành VI có học phí cao nhất.", "khối ngành sáu có học phí cao nhất"),
        ("Nhóm ngành VII gồm nhân văn.", "nhóm ngành bảy gồm nhân văn"),
        ("ngành Y dược (khối VI) thu tối đa", "ngành y dược khối sáu thu tối đa"),
    ],
)
def test_a_roman_numeral_after_a_group_of_fields_is_its_number(written: str, spoken: str) -> None:
    assert comparable(normalize(written)) == comparable(spoken)


def test_a_single_letter_after_khoi_stays_an_exam_block() -> None:
    assert "khối năm" not in comparable(normalize("Thí sinh khối V thi môn Vẽ."))
    assert comparable(normalize("thi khối C")) == comparable("thi khối xê")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("tuyển thợ điện bậc 3/7.", "tuyển thợ điện bậc ba trên bảy"),
        ("công nhân bậc 4/7 hưởng hệ số cao hơn", "công nhân bậc bốn trên bảy hưởng hệ số cao hơn"),
    ],
)
def test_a_skill_grade_out_of_its_scale_is_no_date(written: str, spoken: str) -> None:
    assert comparable(normalize(written)) == comparable(spoken)


def test_a_date_after_a_grade_word_further_back_stays_a_date() -> None:
    spoken = comparable(normalize("nâng bậc lương 1/7/2025"))
    assert spoken == comparable(
        "nâng bậc lương ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("trúng tuyển NV1.", "trúng tuyển nguyện vọng một"),
        ("đạt NV2, NV3 vào ngành Luật", "đạt nguyện vọng hai nguyện vọng ba vào ngành luật"),
        (
            "thí sinh KV1 được cộng 0,75 điểm",
            "thí sinh khu vực một được cộng không phẩy bảy mươi lăm điểm",
        ),
        ("điểm HK1 lớp 12", "điểm học kỳ một lớp mười hai"),
    ],
)
def test_an_admission_abbreviation_glued_to_its_number_is_read_in_words(
    written: str, spoken: str
) -> None:
    assert comparable(normalize(written)) == comparable(spoken)


def test_an_abbreviation_without_a_glued_number_is_not_read_as_a_wish() -> None:
    assert comparable(normalize("NV văn phòng")) == comparable("nhân viên văn phòng")
    assert "nguyện vọng" not in comparable(normalize("mã NV123 đã hết hạn"))


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("người nộp hồ sơ hưởng TCTN tăng", "người nộp hồ sơ hưởng trợ cấp thất nghiệp tăng"),
        (
            "chế độ TNLĐ-BNN cho người lao động",
            "chế độ tai nạn lao động bệnh nghề nghiệp cho người lao động",
        ),
        (
            "chế độ TNLĐ, BNN cho người lao động",
            "chế độ tai nạn lao động bệnh nghề nghiệp cho người lao động",
        ),
    ],
)
def test_labour_insurance_abbreviations_are_read_in_full(written: str, spoken: str) -> None:
    assert comparable(normalize(written)) == comparable(spoken)


def test_an_occupational_disease_abbreviation_alone_is_spelled() -> None:
    assert "bệnh nghề nghiệp" not in comparable(normalize("Quỹ BNN của tỉnh"))
