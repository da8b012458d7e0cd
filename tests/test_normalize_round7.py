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
