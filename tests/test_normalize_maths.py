"""Formulas, maths markup and chemistry (issue 29): each class read in a formula context, and
the same letters and signs left to the news rules outside one."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from app.speech.normalize.formulas import is_formula, speak_formula

IN_A_FORMULA = [
    # letters are variables with their maths names once a relation makes a formula
    ("E = mc² nổi tiếng", "e bằng mờ xê bình phương nổi tiếng"),
    ("định luật Húc F = k∆l", "định luật Húc ép bằng ca đen ta lờ"),
    ("ax² + bx + c = 0", "a ích bình phương cộng bê ích cộng xê bằng không"),
    ("Nếu x > 5 thì", "Nếu ích lớn hơn năm thì"),
    # a minus between operands, and before one
    ("1/2 - 1/3 = -1/6", "một trên hai trừ một trên ba bằng âm một trên sáu"),
    ("b² - 4ac", "bê bình phương trừ bốn a xê"),
    ("2x - 3", "hai ích trừ ba"),
    ("đạo hàm là -sin x, đổi dấu", "đạo hàm là âm sin ích, đổi dấu"),
    # factorials, absolute values, functions, powers and indices
    ("câu trả lời là 5! = 120 cách", "câu trả lời là năm giai thừa bằng một trăm hai mươi cách"),
    ("độ phức tạp O(n!) bùng nổ", "độ phức tạp ô, nờ giai thừa bùng nổ"),
    ("|x| < 5", "giá trị tuyệt đối của ích, nhỏ hơn năm"),
    ("hàm f(x) = eˣ rất đẹp", "hàm ép, ích, bằng e mũ ích rất đẹp"),
    ("giải log₃(x - 1) = 2", "giải log ba, ích trừ một, bằng hai"),
    ("aᵢ", "a i"),
    ("công thức cos2x = 1 - 2sin²x", "công thức cos hai ích bằng một trừ hai sin bình phương ích"),
    ("E_in = E_out", "e in bằng e out"),
    # maths symbols, and a variable of the formula named again in the sentence
    ("tồn tại ∃ x thuộc tập số thực", "tồn tại tồn tại ích thuộc tập số thực"),
    ("nếu a lớn hơn b ⇒ a bình phương", "nếu a lớn hơn bê suy ra a bình phương"),
    ("Tổng Σ(1/2ⁿ) khi n tiến ra", "Tổng xích ma, một trên hai mũ nờ khi nờ tiến ra"),
    # a mantissa times a power of ten: its decimals digit by digit
    ("khoảng 6,022 x 10²³ hạt", "khoảng sáu phẩy không hai hai nhân mười mũ hai mươi ba hạt"),
]

OUTSIDE_A_FORMULA = [
    ("Học sinh/sinh viên được giảm giá", "Học sinh hoặc sinh viên được giảm giá"),
    ("cấm xe từ 6h - 9h", "cấm xe từ sáu giờ đến chín giờ"),
    ("giải F1 năm nay", "giải ép một năm nay"),
    ("giấy A4", "giấy a bốn"),
    ("cúm A/H5N1", "cúm a hát năm en một"),
    ("trẻ > 6 tuổi", "trẻ trên sáu tuổi"),
    ("1 USD = 25.000 đồng", "một đô la Mỹ bằng hai mươi lăm nghìn đồng"),
    ("diện tích 50 m²", "diện tích năm mươi mét vuông"),
    ("Top 5!", "Top năm!"),
    ("gỗ lim quý", "gỗ lim quý"),
    ("chiều cao h = 2 m.", "chiều cao h bằng hai mét."),  # a number keeps its unit
]

MARKUP = [
    ("<math>b² - 4ac</math>", "bê bình phương trừ bốn a xê"),
    ("<math>5!</math>", "năm giai thừa"),
    ("<math>-a + b</math>", "âm a cộng bê"),
    ("<math>dy/dx</math>", "đê y trên đê ích"),
    ("Công thức <math>E = mc²</math> nổi tiếng", "Công thức e bằng mờ xê bình phương nổi tiếng"),
]

CHEMISTRY = [
    ("CO2 và H2O", "xê ô hai và hát hai ô"),
    ("NaCl", "nờ a xê lờ"),
    ("CaCO3", "xê a xê ô ba"),
    ("phản ứng 6CO2 + 6H2O cần ánh sáng", "phản ứng sáu xê ô hai cộng sáu hát hai ô cần ánh sáng"),
    ("Phản ứng: 2H2 + O2 → 2H2O", "Phản ứng: hai hát hai cộng ô hai tạo thành hai hát hai ô"),
    ("Hóa chất: KOH, HF", "Hóa chất: ca ô hát, hát ép"),
]

NOT_CHEMISTRY = [
    ("ông HF cho biết", "ông hát ép cho biết"),  # no chemistry cue: an abbreviation, spelled
    ("virus SARS-CoV-2", "virus xa cô vi hai"),  # a virus name, not cobalt and vanadium
]

SCIENTIFIC = [
    ("Sai số là -1.5e-3 đơn vị.", "Sai số là âm một chấm năm nhân mười mũ trừ ba đơn vị."),
    ("là 6.022e23 mol^-1.", "là sáu chấm không hai hai nhân mười mũ hai mươi ba mol mũ trừ một."),
    ("thế hệ 8x", "thế hệ tám ích"),
    ("kích thước 3x4 m", "kích thước ba nhân bốn mét"),
]


@pytest.mark.parametrize(("written", "spoken"), IN_A_FORMULA)
def test_a_formula_in_running_text_is_read_as_a_teacher_reads_it(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), OUTSIDE_A_FORMULA)
def test_letters_and_signs_without_a_formula_context_keep_their_news_reading(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), MARKUP)
def test_math_markup_is_read_as_maths_without_its_tags(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), CHEMISTRY)
def test_a_chemical_formula_is_spelled_element_by_element(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), NOT_CHEMISTRY)
def test_element_letters_outside_chemistry_are_no_formula(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), SCIENTIFIC)
def test_scientific_notation_keeps_its_sign_and_its_exponent(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize("span", ["x 8", "≈ 0", "20 x 8 =", "mg", "sinh/sinh"])
def test_a_run_without_a_formula_context_is_no_formula(span: str) -> None:
    assert not is_formula(span)


def test_a_formula_never_reads_its_brackets_as_comparisons() -> None:
    spoken = speak_formula("x = (-b ± √(b² - 4ac)) / 2a")
    assert "nhỏ hơn" not in spoken and spoken.startswith("ích bằng, âm bê cộng trừ căn bậc hai")
