"""Round twenty-eight's classes (issue 29): each reading the round-twenty-eight news set found
missing, pinned with a case of the same class that must keep its old reading."""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "va chạm ở năng lượng 13,6 TeV.",
            "va chạm ở năng lượng mười ba phẩy sáu tê ra e lếch trôn vôn.",
        ),
        ("tia vũ trụ 1,4 PeV", "tia vũ trụ một phẩy bốn pê ta e lếch trôn vôn"),
        ("hãng dược Teva", "hãng dược Teva"),
    ],
)
def test_tera_and_peta_electronvolts_are_read_as_units(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
