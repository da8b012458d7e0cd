"""Round thirty-six's classes (issue 29): each reading the round-thirty-six set of health and
environment news found missing, pinned with a case of the same class that must keep its old
reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chỉ số Hb còn 6,8 g/dL", "chỉ số hát bê còn sáu phẩy tám gam trên đề xi lít"),
        ("Hct 28%, eGFR 45", "hát xê tê hai mươi tám phần trăm, e giê e rờ bốn mươi lăm"),
        ("xét nghiệm hs-CRP và NT-proBNP", "xét nghiệm hát ét xê e rờ pê và en tê pro bê en pê"),
        ("HbA1c 9,8%", "hát bê a một xê chín phẩy tám phần trăm"),
    ],
)
def test_a_lab_marker_in_mixed_case_is_spelled(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("chỉ số INR là 2,5", "chỉ số i en e rờ là hai phẩy năm"),
        ("INR mục tiêu 2-3", "i en e rờ mục tiêu hai đến ba"),
        ("đồng INR mất giá", "đồng ru pi Ấn Độ mất giá"),
        ("giá vé 5.000 INR", "giá vé năm nghìn ru pi Ấn Độ"),
        ("200 triệu INR", "hai trăm triệu ru pi Ấn Độ"),
    ],
)
def test_inr_is_the_rupee_only_after_an_amount_or_a_currency_word(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "từ đầu năm đến 15-11, cả nước có 19 ca",
            "từ đầu năm đến ngày mười lăm tháng mười một, cả nước có mười chín ca",
        ),
        ("từ đầu tháng tới 20-12 tại Huế", "từ đầu tháng tới ngày hai mươi tháng mười hai tại Huế"),
        ("từ đầu năm đến 3-4 lần mỗi tháng", "từ đầu năm đến ba đến bốn lần mỗi tháng"),
        ("giá tăng từ đầu năm đến 10-15.", "giá tăng từ đầu năm đến mười đến mười lăm."),
    ],
)
def test_a_dashed_day_month_closing_a_span_from_the_start_of_a_period_is_a_date(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("1,2 triệu tấn CO₂ mỗi năm", "một phẩy hai triệu tấn xê ô hai mỗi năm"),
        ("khí NO₂ và SO₂ tăng", "khí nờ ô hai và ét ô hai tăng"),
        ("CO2 và NO2", "xê ô hai và nờ ô hai"),
        ("điện trở R₁", "điện trở rờ một"),
    ],
)
def test_a_chemical_formula_with_subscript_digits_reads_its_counts(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("nước giếng có asen (As) cao", "nước giếng có asen, a ét, cao"),
        ("hàm lượng Pb 0,5 mg/l", "hàm lượng pê bê không phẩy năm mi li gam trên lít"),
        ("ông Trần (Mr) nói", "ông Trần, Mr, nói"),
        ("As a result, Pb giảm", "As a result, Pb giảm"),
    ],
)
def test_a_lone_element_symbol_in_brackets_or_before_a_concentration_is_spelled(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


def test_the_central_military_hospital_is_read_out() -> None:
    assert normalize("Bệnh viện TƯQĐ 108") == "Bệnh viện Trung ương Quân đội một trăm linh tám"
    assert normalize("Ban Chấp hành TƯ") == "Ban Chấp hành Trung ương"
