"""The normalizer's context rules (slashes, digit strings, signs, ranks, links) and the visible set.

The visible set (``tests/data/normalize/visible.tsv``, over 200 lines written from portal and news
text) is a quality gate: every line must pass. It stands for a larger held-back set of the same
kinds, so a failing line is fixed by solving its kind, not by matching the line.
"""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import accepted, examples, visible_cases

EXAMPLE = ("written", "spoken")
VISIBLE_FLOOR = 200  # lines; the set only grows


def test_visible_set_is_large_and_every_line_names_its_source() -> None:
    cases = visible_cases()
    assert len(cases) >= VISIBLE_FLOOR
    assert all(source.split(":")[0] in ("portal", "news") for _, _, source in cases)


@pytest.mark.parametrize(
    ("written", "expected", "source"), visible_cases(), ids=lambda value: value[:40]
)
def test_every_visible_case_passes(written: str, expected: str, source: str) -> None:
    assert accepted(normalize(written), expected), f"{source}: {normalize(written)}"


@pytest.mark.parametrize(EXAMPLE, examples("fractions"))
def test_slash_with_a_fraction_or_count_cue_is_no_date(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("ranks"))
def test_number_after_a_rank_word_is_an_ordinal_even_out_of_a_total(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("slash dates"))
def test_slash_after_a_date_word_or_without_cue_stays_a_date(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("digits"))
def test_phones_hotlines_and_cued_codes_are_read_digit_by_digit(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("operators"))
def test_signs_between_and_before_numbers_are_read(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("links"))
def test_a_link_is_read_as_its_site_never_its_path(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("dashed dates"))
def test_a_dashed_day_month_after_an_occasion_or_a_date_is_a_date_unless_counted(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(EXAMPLE, examples("same-unit pairs"))
def test_two_amounts_of_one_unit_around_a_slash_are_versions_never_a_rate(
    written: str, spoken: str
) -> None:
    assert normalize(written) == spoken
