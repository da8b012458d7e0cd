"""Rebuild the encoded fixture pages in ../ from the UTF-8 (NFC) sources beside this script.

    python tests/data/portal/src/build.py

* ``*-cp1258.html``: windows-1258 bytes the way Vietnamese Windows software writes them: base
  letters precomposed (ơ, ư, ă, â, ê, ô, đ are single cp1258 bytes) and the five tone marks as
  combining characters (U+0300, U+0301, U+0303, U+0309, U+0323). Plain NFD cannot be encoded,
  because cp1258 has no combining horn, breve or circumflex.
* ``*-nfd.html``: UTF-8 in Unicode NFD (fully decomposed).

Each output is checked to round-trip to the NFC source.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE.parent
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def cp1258_form(text: str) -> str:
    """Text with each letter split into its precomposed base and combining tone marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out)


def build(source: Path) -> Path:
    """Write the encoded page for one source and check its round trip."""
    text = source.read_text(encoding="utf-8")
    nfc = unicodedata.normalize("NFC", text)
    if source.stem.endswith("-cp1258"):
        data = cp1258_form(text).encode("cp1258")
        back = data.decode("cp1258")
    else:
        data = unicodedata.normalize("NFD", text).encode("utf-8")
        back = data.decode("utf-8")
    assert back != nfc, "the encoded form should not already be NFC"
    assert unicodedata.normalize("NFC", back) == nfc, f"{source.name} does not round-trip"
    target = OUT / source.name
    target.write_bytes(data)
    return target


def main() -> None:
    """Build every source page."""
    for source in sorted(HERE.glob("*.html")):
        print(build(source))


if __name__ == "__main__":
    main()
