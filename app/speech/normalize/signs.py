"""Road signs by their code (QCVN 41:2024/BGTVT): "biển P.123a" is the sign's group letter and its
number ("biển pê 123a"), never a ward or a room ("phường", "phòng") nor a dot read aloud."""

from __future__ import annotations

import functools
import re

from app.speech.normalize.acronyms import name_alone, spell
from app.speech.normalize.tables import alternation, data_list


@functools.cache
def _sign_code() -> re.Pattern[str]:
    """A sign word (``sign_words.txt``), then a group letter, a dot and three digits."""
    words = alternation(data_list("sign_words.txt"))
    return re.compile(
        rf"((?i:(?<!\w)(?:{words}))\s+)(DP|[PRWIS])\.\s?([0-9]{{3}}[a-z]?)(?![\w.]|,[0-9])"
    )


def _sign(match: re.Match[str]) -> str:
    group = match[2]
    letters = name_alone(group) if len(group) == 1 else spell(group)
    return f"{match[1]}{letters} {match[3]}"


def read_sign_codes(text: str) -> str:
    """ "biển P.123a", "biển báo W.207", "biển R.302" read as a sign's group and number."""
    return _sign_code().sub(_sign, text) if "biển" in text.lower() else text
