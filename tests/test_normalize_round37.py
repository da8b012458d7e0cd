"""Round thirty-seven's classes (issue 29): each reading the round-thirty-seven set of provincial
portal news (leadership, direction, reports, new countryside, long mixed) found missing, pinned
with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("thi công Dự án Cầu Kim Thành II, thăm", "thi công Dự án Cầu Kim Thành hai, thăm"),
        ("Thủy điện Nậm Chiến III đã phát điện", "Thủy điện Nậm Chiến ba đã phát điện"),
        ("nhà máy Phả Lại II", "nhà máy Phả Lại hai"),
    ],
)
def test_a_roman_numeral_ending_a_proper_name_is_its_number(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize("written", ["ông Lê Văn I", "mẫu III mới", "nhà máy Phả Lại I"])
def test_a_lone_roman_letter_or_one_after_a_lower_case_word_is_left(written: str) -> None:
    assert normalize(written) == written


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Phó Chủ tịch TT HĐND tỉnh", "Phó Chủ tịch thường trực hội đồng nhân dân tỉnh"),
        ("TT Tỉnh ủy họp", "thường trực Tỉnh ủy họp"),
        ("Phó Bí thư TT Đảng ủy xã", "Phó Bí thư thường trực Đảng ủy xã"),
    ],
)
def test_tt_before_a_council_or_after_a_deputy_title_is_thuong_truc(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("TT số 12", "thông tư số mười hai"),
        ("UBND TT Sa Pa", "ủy ban nhân dân thị trấn Sa Pa"),
    ],
)
def test_tt_as_circular_or_town_keeps_its_reading(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_land_use_certificate_before_dat_is_read_in_full() -> None:
    assert normalize("đã cấp 15 GCNQSD đất") == (
        "đã cấp mười lăm giấy chứng nhận quyền sử dụng đất"
    )
    assert normalize("cấp 15 GCNQSDĐ") == "cấp mười lăm giấy chứng nhận quyền sử dụng đất"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("số bác sĩ/vạn dân đạt 12", "số bác sĩ trên vạn dân đạt mười hai"),
        ("số ca mắc/nghìn dân", "số ca mắc trên nghìn dân"),
    ],
)
def test_a_slash_before_a_population_scale_is_per(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_a_slash_between_two_nouns_of_one_kind_is_still_a_choice() -> None:
    assert normalize("học sinh/sinh viên") == "học sinh hoặc sinh viên"


def test_the_document_system_abbreviation_is_read_whole() -> None:
    assert normalize("trên Hệ thống QLVB&ĐH của tỉnh") == (
        "trên Hệ thống quản lý văn bản và điều hành của tỉnh"
    )
    assert normalize("phần mềm QLVB") == "phần mềm quản lý văn bản"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("với BTV các đảng ủy trực thuộc", "với ban thường vụ các đảng ủy trực thuộc"),
        ("BTV các cấp ủy", "ban thường vụ các cấp ủy"),
    ],
)
def test_btv_before_the_party_committees_it_heads_is_ban_thuong_vu(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_btv_of_a_newsroom_is_still_an_editor() -> None:
    assert normalize("các BTV của đài") == "các biên tập viên của đài"


def test_txct_is_read_as_meeting_voters() -> None:
    assert normalize("tổ chức TXCT trước kỳ họp") == "tổ chức tiếp xúc cử tri trước kỳ họp"
