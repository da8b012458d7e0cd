"""The numbered visible sets of news and portal text (rounds 4 to 37), every line gated.

Each set (``tests/data/normalize/round<N>.tsv``) was written by hand, by someone who had not seen
the later ones, and committed before the normalizer was run on it. Each stands for a held-back set
of the same kinds: a failing line is fixed by solving its class, never by matching the line.

- round 4: 300+ news sentences in ten domains;
- round 5: 200+ news sentences in eleven domains;
- round 6: 220+ longer portal and news sentences in twelve domains;
- round 7: 550+ everyday news briefs in ten domains;
- round 8: 180 long mixed sentences and headlines;
- round 9: 450 provincial-portal sentences;
- round 10: 150 national news sentences of 2025-2026;
- round 11: 200 national news sentences of 2025-2026 (politics, economy, diplomacy, society);
- round 12: 200 technology and science news sentences of 2025-2026;
- round 13: 200 business, finance and law sentences of 2025-2026;
- round 14: 480 everyday news sentences of 2025-2026 in five domains;
- round 15: 200 news sentences of 2025-2026 in five domains;
- round 16: 200 news sentences of 2025-2026 in five domains, written in batches of 40;
- round 17: 200 news sentences of 2025-2026 in five domains, written forty at a time;
- round 18: 200 national news sentences of 2025-2026 in five domains, written in batches of 40;
- round 19: 200 everyday news sentences of 2025-2026 in five domains, written in batches of 40;
- round 20: 200 provincial-portal sentences of 2025-2026 in five domains, in batches of 40;
- round 21: 200 everyday national news sentences of 2025-2026 in five domains, in batches of 40;
- round 22: 200 national online news sentences of 2025-2026 in five domains, in batches of 40;
- round 23: 200 national and provincial news sentences of 2025-2026 (culture and tourism, law,
  science and environment, diplomacy and defence, long mixed), written in batches of 40;
- round 24: 200 northern provincial daily news sentences of 2025-2026 (party building,
  agriculture and forestry, culture and society, security and order, long mixed), batches of 40;
- round 25: 200 national online news sentences of 2025-2026 (football, other sports, weather and
  disasters, medicine, long mixed), written in batches of 40;
- round 26: 200 business and finance news sentences of 2025-2026 (stocks, banking, corporate
  results, real estate, energy and commodities), written in batches of 40;
- round 27: 200 law and public-security news sentences of 2025-2026 (courts, police reports,
  traffic, regulations, long mixed), written in batches of 40;
- round 28: 200 national online news sentences of 2025-2026 (technology, science and space, world,
  schools, long mixed), written in batches of 40;
- round 29: 200 regional news sentences of 2025-2026 from the Mekong Delta and the Central
  provinces (agriculture and prices, weather and water, traffic and transport, local
  government, long mixed), written in batches of 40;
- round 30: 200 official national news sentences of 2025-2026 (politics, diplomacy, economy,
  national assembly, long mixed), written in batches of 40;
- round 31: 200 lifestyle and consumer news sentences of 2025-2026 (entertainment, travel, food
  and consumer, cars and motorbikes, long mixed), written in batches of 40;
- round 32: 200 policy news sentences of 2025-2026 (salaries and pensions, insurance, jobs and
  labour, education policy, long mixed), written in batches of 40;
- round 33: 200 short pieces of news pages of 2025-2026 (headlines, briefs, photo captions,
  public notices, quoted speech), written in batches of 40;
- round 34: 200 public-security and city news sentences of 2025-2026 (crime, trials, traffic
  accidents, fire and rescue, long mixed), written in batches of 40;
- round 35: 200 business-page sentences of 2025-2026 (gold and currency, fuel and prices, stock
  market, trade and industry, long mixed), written in batches of 40;
- round 36: 200 health and environment sentences of 2025-2026 (diseases and outbreaks, treatment
  and hospitals, nutrition and lifestyle, environment and pollution, long mixed), in batches of 40;
- round 37: 200 provincial-portal sentences of 2025-2026 (leadership activities, direction and
  administration, socio-economic reports, new countryside and poverty, long mixed), in batches
  of 40.
"""

from __future__ import annotations

import pytest

from app.speech.normalize import normalize
from tests.normalize_cases import accepted, round_sets

# set -> (the fewest lines it may hold: a set only grows; the domains its lines name)
SETS: dict[str, tuple[int, tuple[str, ...]]] = {
    "round 4": (
        300,
        (
            "sport",
            "weather",
            "markets",
            "health",
            "traffic and courts",
            "schools",
            "technology",
            "property and local notices",
            "world",
            "long mixed",
        ),
    ),
    "round 5": (
        200,
        (
            "sport",
            "weather",
            "markets",
            "health",
            "traffic and courts",
            "schools",
            "technology",
            "property and local notices",
            "world",
            "government documents",
            "long mixed",
        ),
    ),
    "round 6": (
        220,
        (
            "government documents",
            "agriculture",
            "economy",
            "sport",
            "weather",
            "health",
            "traffic and courts",
            "schools",
            "technology",
            "world",
            "culture and tourism",
            "long mixed",
        ),
    ),
    "round 7": (
        550,
        (
            "sport",
            "weather",
            "markets",
            "health",
            "traffic and courts",
            "schools",
            "technology",
            "property",
            "world",
            "culture",
        ),
    ),
    "round 8": (
        180,
        (
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
        ),
    ),
    "round 9": (
        450,
        (
            "gov notice",
            "meeting",
            "agriculture",
            "new countryside",
            "ethnic programme",
            "health",
            "schools",
            "culture",
            "land and construction",
            "elections and party",
        ),
    ),
    "round 10": (
        150,
        (
            "sport",
            "markets",
            "technology",
            "world",
            "traffic and courts",
            "weather",
            "entertainment",
        ),
    ),
    "round 11": (
        200,
        (
            "politics and government",
            "economy",
            "diplomacy and world",
            "society",
            "long mixed",
        ),
    ),
    "round 12": (
        200,
        (
            "phones and devices",
            "internet and AI",
            "science and space",
            "digital government",
            "cars and energy",
        ),
    ),
    "round 13": (
        200,
        (
            "stocks and banks",
            "gold, prices and trade",
            "companies",
            "courts and crime",
            "property",
        ),
    ),
    "round 14": (
        480,
        (
            "sport",
            "weather and disasters",
            "traffic and transport",
            "health",
            "schools and culture",
        ),
    ),
    "round 15": (
        200,
        (
            "world news",
            "local notices",
            "markets and prices",
            "education and jobs",
            "long mixed",
        ),
    ),
    "round 16": (
        200,
        (
            "sport",
            "weather and disasters",
            "health",
            "traffic and courts",
            "technology and world",
        ),
    ),
    "round 17": (
        200,
        (
            "markets",
            "schools",
            "property and local notices",
            "world",
            "long mixed",
        ),
    ),
    "round 18": (
        200,
        ("politics and government", "economy", "world", "society", "long mixed"),
    ),
    "round 19": (
        200,
        ("sport", "weather", "markets", "health", "traffic and courts"),
    ),
    "round 20": (
        200,
        (
            "party and government",
            "agriculture and new countryside",
            "ethnic minorities and social policy",
            "local infrastructure and land",
            "long mixed",
        ),
    ),
    "round 21": (
        200,
        ("sport", "weather", "health", "traffic and courts", "world"),
    ),
    "round 22": (
        200,
        (
            "markets",
            "property and local notices",
            "schools and jobs",
            "technology",
            "long mixed",
        ),
    ),
    "round 23": (
        200,
        (
            "culture and tourism",
            "law and regulations",
            "science and environment",
            "diplomacy and defence",
            "long mixed",
        ),
    ),
    "round 24": (
        200,
        (
            "party building",
            "agriculture and forestry",
            "culture and society",
            "security and order",
            "long mixed",
        ),
    ),
    "round 25": (
        200,
        ("football", "other sports", "weather and disasters", "medicine", "long mixed"),
    ),
    "round 26": (
        200,
        ("stocks", "banking", "corporate results", "real estate", "energy and commodities"),
    ),
    "round 27": (
        200,
        ("courts", "police reports", "traffic", "regulations", "long mixed"),
    ),
    "round 28": (
        200,
        ("technology", "science and space", "world", "schools", "long mixed"),
    ),
    "round 29": (
        200,
        (
            "agriculture and prices",
            "weather and water",
            "traffic and transport",
            "local government",
            "long mixed",
        ),
    ),
    "round 30": (
        200,
        ("politics", "diplomacy", "economy", "national assembly", "long mixed"),
    ),
    "round 31": (
        200,
        ("entertainment", "travel", "food and consumer", "cars and motorbikes", "long mixed"),
    ),
    "round 32": (
        200,
        ("salaries and pensions", "insurance", "jobs and labour", "education policy", "long mixed"),
    ),
    "round 33": (
        200,
        ("headlines", "briefs", "captions", "notices", "quotes"),
    ),
    "round 34": (
        200,
        ("crime", "trials", "traffic accidents", "fire and rescue", "long mixed"),
    ),
    "round 35": (
        200,
        (
            "gold and currency",
            "fuel and prices",
            "stock market",
            "trade and industry",
            "long mixed",
        ),
    ),
    "round 36": (
        200,
        (
            "diseases and outbreaks",
            "treatment and hospitals",
            "nutrition and lifestyle",
            "environment and pollution",
            "long mixed",
        ),
    ),
    "round 37": (
        200,
        (
            "leadership activities",
            "direction and administration",
            "socio-economic reports",
            "new countryside and poverty",
            "long mixed",
        ),
    ),
}
CASES = [
    (name, written, expected, source)
    for name, cases in round_sets().items()
    if name in SETS
    for written, expected, source in cases
]


@pytest.mark.parametrize("name", SETS)
def test_each_set_is_as_large_as_written_and_spans_its_domains(name: str) -> None:
    floor, domains = SETS[name]
    cases = round_sets()[name]
    assert len(cases) >= floor
    assert {source.removeprefix("news: ") for _, _, source in cases} == set(domains)


@pytest.mark.parametrize(
    ("name", "written", "expected", "source"),
    CASES,
    ids=[f"{name}: {written[:40]}" for name, written, _, _ in CASES],
)
def test_every_case_of_every_set_passes(
    name: str, written: str, expected: str, source: str
) -> None:
    assert accepted(normalize(written), expected), f"{name}, {source}: {normalize(written)}"
