"""The operator lexicon: site-specific readings applied before every rule."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path

from app.speech.normalize.tables import read_tsv, replace_words


def load_lexicon(path: Path) -> dict[str, str]:
    """The operator's ``written<TAB>spoken`` file; a missing file is an empty lexicon."""
    if not path.is_file():
        return {}
    return read_tsv(path)


def apply_lexicon(text: str, lexicon: Mapping[str, str] | None) -> str:
    """Replace whole-word, case-sensitive lexicon entries by their spoken form."""
    if not lexicon:
        return text
    # The text is NFC by now; an entry typed in decomposed form must match it too.
    return replace_words(text, {unicodedata.normalize("NFC", k): v for k, v in lexicon.items()})
