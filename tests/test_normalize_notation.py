"""Notations from outside running prose (issue 29, item 5), each pinned in and out of shape."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize

READ = [
    # English thousands grouping, with and without decimals
    ("1,000,000", "một triệu"),
    (
        "Trường hợp 1,234,567",
        "Trường hợp một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy",
    ),
    ("giá $1,299.99", "giá một nghìn hai trăm chín mươi chín phẩy chín mươi chín đô la"),
    # scientific notation and powers
    ("6.626e-34", "sáu chấm sáu hai sáu nhân mười mũ trừ ba mươi tư"),
    ("3.2e5 km", "ba chấm hai nhân mười mũ năm ki lô mét"),
    ("nồng độ 10^-3 mol/L.", "nồng độ mười mũ trừ ba mol trên lít."),
    ("nồng độ 10⁻³ mol", "nồng độ mười mũ trừ ba mol"),
    ("x⁴ và b²", "ích mũ bốn và bê bình phương"),
    # a sign said once
    ("nhiệt độ âm -5 độ C", "nhiệt độ âm năm độ xê"),
    ("kết quả là âm -2", "kết quả là âm hai"),
    # heights, weights and shorthand amounts
    ("anh ấy cao 1m75", "anh ấy cao một mét bảy mươi lăm"),
    ("bé cao 1m1", "bé cao một mét một"),
    ("nặng 3kg2.", "nặng ba ki lô gam hai."),
    ("lương 1tr5", "lương một triệu năm trăm nghìn"),
    # quarters, clock times with seconds, race times
    ("trong Q4/2025", "trong quý bốn năm hai nghìn không trăm hai mươi lăm"),
    ("lúc 14:22:03", "lúc mười bốn giờ hai mươi hai phút ba giây"),
    ("chạy 10.000m trong 27:45.", "chạy mười nghìn mét trong hai mươi bảy phút bốn mươi lăm giây."),
    # dashed digit groups and hotlines, digit by digit
    (
        "thẻ 4111-2222-3333-4444",
        "thẻ bốn một một một, hai hai hai hai, ba ba ba ba, bốn bốn bốn bốn",
    ),
    ("gọi 1900-1080", "gọi một chín không không một không tám không"),
    # a minus in an equation
    ("23 - 45 = -22", "hai mươi ba trừ bốn mươi lăm bằng âm hai mươi hai"),
    # Roman numerals: after a monarch's name, a trigger, at the head of a section
    ("vua Louis XIV", "vua Louis mười bốn"),
    ("Edward II lên ngôi", "Edward hai lên ngôi"),
    ("sau Thế chiến II", "sau Thế chiến hai"),
    ("II. CƠ CẤU TỔ CHỨC", "hai. cơ cấu tổ chức"),
    ("X. PHỤ LỤC", "mười. phụ lục"),
    # mathematical symbols
    ("x ∈ ℝ", "ích thuộc tập số thực"),
    ("√4 và ∛8", "căn bậc hai bốn và căn bậc ba tám"),
    ("¾ số phiếu", "ba phần tư số phiếu"),
]

UNTOUCHED_SHAPES = [
    ("1,5 triệu", "một phẩy năm triệu"),  # a Vietnamese decimal comma is no English grouping
    ("1,299", "một phẩy hai trăm chín mươi chín"),
    ("diện tích 100m2", "diện tích một trăm mét vuông"),  # square metres, not a height
    ("diện tích 50 m²", "diện tích năm mươi mét vuông"),
    (
        "năm 2021 - 2025",
        "năm hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm",
    ),
    ("V. Nguyễn Văn Minh", "V. Nguyễn Văn Minh"),  # an initial, not section five
    ("điểm II", "điểm II"),  # no name, no trigger
    ("lúc 8:30", "lúc tám giờ ba mươi phút"),  # a clock time stays one
]


@pytest.mark.parametrize(("written", "spoken"), READ)
def test_a_notation_from_outside_prose_is_read_as_a_listener_expects(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), UNTOUCHED_SHAPES)
def test_a_look_alike_of_those_notations_keeps_its_own_reading(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
