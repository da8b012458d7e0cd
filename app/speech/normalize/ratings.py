"""Star ratings: a small number with a star after a lodging word ("khách sạn 4*", "resort 5★",
"khách sạn 3-4*") is "N sao"; words of ``star_cues.txt`` up to five words before it. Without a cue
the star is a footnote mark, left to be dropped ("giá 120.000 đồng*")."""

from __future__ import annotations

import functools
import re

from app.speech.normalize.tables import alternation, data_list


@functools.cache
def _star_rating() -> re.Pattern[str]:
    """A lodging word, up to five words, then a number of one digit (or two dashed) and a star."""
    cues = alternation(data_list("star_cues.txt"))
    return re.compile(
        rf"(?i:(?<!\w)(?:{cues})(?!\w)(?:\s+[^\W\d_]+){{0,5}}\s+)"
        r"([1-7](?:\s*[-–]\s*[1-7])?)\s*[*★☆](?![\w*])"
    )


def read_star_ratings(text: str) -> str:
    """ "resort 4*" as "resort 4 sao" (the number read later)."""
    if "*" not in text and "★" not in text and "☆" not in text:
        return text
    return _star_rating().sub(lambda m: m[0][: m.start(1) - m.start(0)] + f"{m[1]} sao", text)
