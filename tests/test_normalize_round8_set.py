"""The visible round-eight news set: 180 long mixed sentences and headlines, every line gated.

``tests/data/normalize/round8.tsv`` was written by hand, by a helper that had not seen the earlier
sets, and committed before the normalizer was run on it: long sentences that each combine three to
six notations (decisions with numbers, dates, money and percentages; match reports; weather
bulletins with coordinates and wind levels; market, court, health, property, technology, world and
portal notices), plus title-case headlines. It stands for a held-back set of the same kinds: a
failing line is fixed by solving its class.
"""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import accepted, round8_cases

ROUND8_FLOOR = 180  # lines; the set only grows
DOMAINS = (
    "government decision",
    "match report",
    "weather bulletin",
    "market report",
    "court report",
    "health report",
    "property notice",
    "technology",
    "world",
    "portal notice",
    "headline",
    "long mixed",
)


def test_round_eight_set_is_large_and_spans_its_twelve_kinds() -> None:
    cases = round8_cases()
    assert len(cases) >= ROUND8_FLOOR
    domains = {source.removeprefix("news: ") for _, _, source in cases}
    assert domains == set(DOMAINS)


@pytest.mark.parametrize(
    ("written", "expected", "source"), round8_cases(), ids=lambda value: value[:40]
)
def test_every_round_eight_case_passes(written: str, expected: str, source: str) -> None:
    assert accepted(normalize(written), expected), f"{source}: {normalize(written)}"
