"""An article as spoken units: one per sentence, with its block and the pause after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.models import Article, Block, BlockKind
from app.speech.structure import spoken_lines

SENTENCE_PAUSE_MS = 250
BLOCK_PAUSE_MS = 600
HEADING_PAUSE_MS = 900  # before and after a heading, so it stands apart from the text around it
TITLE_BLOCK = 0  # block numbers: 0 the title, 1 the lead, body block i is i + 2
LEAD_BLOCK = 1

# Words ending in a full stop that do not end a sentence (rule data, extend freely).
NON_FINAL = (
    "TP",
    "Tp",
    "TS",
    "ThS",
    "PGS",
    "GS",
    "BS",
    "KS",
    "Đ/c",
    "đ/c",
    "St",
    "v.v",
    "Th.S",
    "TT",
    "P",
    "Q",
    "H",
    "X",
    "Ô",
    "Bà",
    "Mr",
    "Mrs",
    "Dr",
    "No",
    "tr",
    "Tr",
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[0-9A-ZÀ-Ỹ])")


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence to speak: where it belongs, what it says, the pause after it."""

    block: int
    text: str
    pause_ms: int


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, keeping abbreviations like "TP." inside their sentence."""
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip('"”’)]')
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        if last_word.rstrip(".") in NON_FINAL or re.fullmatch(r"[A-ZĐ]\.", last_word):
            continue
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _block_units(block: int, lines: list[str], pause_ms: int = BLOCK_PAUSE_MS) -> list[Unit]:
    """Units of one block: short pauses between its sentences, ``pause_ms`` after it."""
    sentences = [s for line in lines for s in split_sentences(line)]
    return [
        Unit(block, s, pause_ms if i == len(sentences) - 1 else SENTENCE_PAUSE_MS)
        for i, s in enumerate(sentences)
    ]


def block_sentences(block: Block) -> list[str]:
    """The sentences ``segment`` makes of one body block (they depend on that block alone)."""
    return [unit.text for unit in _block_units(0, spoken_lines(block))]


def heading_sentences(title: str, lead: str) -> list[str]:
    """The sentences ``segment`` makes of the title and the lead."""
    lines = title.splitlines() + (lead.splitlines() if lead else [])
    return [unit.text for unit in _block_units(TITLE_BLOCK, lines)]


def _pause_before_heading(units: list[Unit]) -> None:
    """Lengthen the pause after the last unit so the heading that follows stands apart."""
    if units and units[-1].pause_ms < HEADING_PAUSE_MS:
        units[-1] = replace(units[-1], pause_ms=HEADING_PAUSE_MS)


def segment(article: Article) -> list[Unit]:
    """Title, lead, then every body block as a listener hears it, sentence by sentence.

    Headings get a pause before and after; list items are announced ("Mục 1: …"); a caption
    is read as "Ảnh: …" where it stands; a table row by row with its header cells.
    """
    units = _block_units(TITLE_BLOCK, article.title.splitlines())
    if article.lead:
        units += _block_units(LEAD_BLOCK, article.lead.splitlines())
    for index, block in enumerate(article.blocks):
        if block.kind is BlockKind.HEADING:
            _pause_before_heading(units)
            units += _block_units(index + 2, spoken_lines(block), HEADING_PAUSE_MS)
        else:
            units += _block_units(index + 2, spoken_lines(block))
    return units
