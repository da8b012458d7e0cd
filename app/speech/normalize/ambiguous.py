"""Short abbreviations with several readings: the sentence decides, or they are spelled.

``ambiguous.tsv`` lists each reading with the cue that calls for it ("Công ty CP" "cổ phần",
"Văn phòng CP" "Chính phủ", "ĐT Việt Nam" "đội tuyển", "ĐT: 0912…" "điện thoại"). Without a cue
the abbreviation is spelled with Vietnamese letter names, never guessed.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import NamedTuple

from app.errors import ConfigError
from app.speech.normalize.acronyms import spell
from app.speech.normalize.tables import alternation

_WINDOW = 40  # characters searched before the abbreviation for a cue


class Reading(NamedTuple):
    """One reading of an ambiguous abbreviation and the cue that calls for it."""

    spoken: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


def _cue(text: str, line: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The (before, after) patterns of one cue field."""
    side, _, pattern = text.partition(":")
    if side not in ("before", "after") or not pattern:
        raise ConfigError(
            f"app/data/normalize/ambiguous.tsv: bad cue in {line!r}",
            f"app/data/normalize/ambiguous.tsv: gợi ý sai trong {line!r}",
        )
    compiled = re.compile(pattern, re.IGNORECASE)
    return (compiled, None) if side == "before" else (None, compiled)


@functools.cache
def ambiguous_rules() -> dict[str, tuple[Reading, ...]]:
    """``ambiguous.tsv`` as abbreviation -> its readings, in the order they are tried."""
    path = resources.files("app").joinpath("data", "normalize", "ambiguous.tsv")
    rules: dict[str, list[Reading]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ConfigError(
                f"app/data/normalize/ambiguous.tsv: expected 3 fields, got {line!r}",
                f"app/data/normalize/ambiguous.tsv: cần 3 trường, nhận được {line!r}",
            )
        before, after = _cue(fields[2], line)
        rules.setdefault(fields[0], []).append(Reading(fields[1], before, after))
    return {key: tuple(value) for key, value in rules.items()}


@functools.cache
def _pattern() -> re.Pattern[str]:
    """Any ambiguous abbreviation as a whole token, with its dot before a number or a name."""
    keys = alternation(ambiguous_rules())
    firsts = "".join(sorted({key[0] for key in ambiguous_rules()}))
    return re.compile(
        rf"(?=[{firsts}])(?<![^\W\d_])(?<![&/.-])({keys})(?![\w&/-]|\.\w)(\.(?=\s?[0-9]|\s?[A-ZĐ]))?"
    )


def _reading(match: re.Match[str]) -> str:
    """The reading the sentence calls for, else the letters by name; a "reading" that is the
    abbreviation itself leaves it as written for a later rule."""
    text = match.string
    before = text[max(0, match.start() - _WINDOW) : match.start()]
    for reading in ambiguous_rules()[match[1]]:
        if reading.spoken == match[1] and reading.before and reading.before.search(before):
            return match[0]  # left as written, for a later rule ("2 TB" is a unit)
        if reading.before is not None and reading.before.search(before):
            return reading.spoken
        if reading.after is not None and reading.after.match(text, match.end(1)):
            return f"{reading.spoken} " if match[2] else reading.spoken
    return f"{spell(match[1])}{match[2] or ''}"


def _spaced(match: re.Match[str]) -> str:
    """The reading, set apart from a number written against it ("2PN")."""
    spoken = _reading(match)
    start = match.start()
    return f" {spoken}" if start and match.string[start - 1].isdigit() else spoken


def read_ambiguous(text: str) -> str:
    """Ambiguous short abbreviations read as the sentence says, or spelled."""
    return _pattern().sub(_spaced, text)
