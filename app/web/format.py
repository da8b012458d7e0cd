"""How numbers read on the page, in Vietnamese: durations, sizes, dates."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date

from flask import Flask

from app.clean.tables import with_header_cells
from app.models import AudioInfo, AudioStatus, Block, BlockKind
from app.speech.engines import Engine
from app.speech.engines.labels import describe_voice, spent_members


def duration_vi(seconds: float | None) -> str:
    """4 phút 12 giây."""
    if seconds is None:
        return ""
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return f"{minutes} phút {secs} giây"
    return f"{minutes} phút" if minutes else f"{secs} giây"


def size_vi(size: int | None) -> str:
    """1,0 MB (decimal comma, as Vietnamese writes it)."""
    if not size:
        return ""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def date_vi(value: date | None) -> str:
    """21/09/2021."""
    return value.strftime("%d/%m/%Y") if value else ""


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def without_images(html: str) -> str:
    """Sanitized HTML with its images taken out (low-data mode); captions stay."""
    return _IMG.sub("", html)


_ALT = re.compile(r'(<img\b[^>]*?\balt=")([^"]*)(")', re.IGNORECASE)


def _same_words(a: str, b: str) -> bool:
    """Whether two texts say the same, ignoring case, spacing and end punctuation."""

    def plain(text: str) -> str:
        return " ".join(text.split()).strip(" .:;").casefold()

    return bool(plain(a)) and plain(a) == plain(b)


def caption_once(html: str, caption: str) -> str:
    """A figure whose image alt says what its caption says, with alt="" (heard once, not twice)."""

    def quiet(match: re.Match[str]) -> str:
        same = _same_words(htmllib.unescape(match.group(2)), caption)
        return match.group(1) + ("" if same else match.group(2)) + match.group(3)

    return _ALT.sub(quiet, html) if caption else html


_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)  # ">" may be in alt
_SRC = re.compile(r'\bsrc="([^"]*)"', re.IGNORECASE)
_ALT_TEXT = re.compile(r'\balt="([^"]*)"', re.IGNORECASE)
_ABSOLUTE = re.compile(r"(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # a scheme, or a host


def unresolved_as_alt(html: str) -> str:
    """Images whose address is relative with no base to resolve it (the article came without its
    source address) shown as their alt text: the browser would ask us for them, and we have none."""

    def swap(match: re.Match[str]) -> str:
        src = _SRC.search(match.group(0))
        if src and _ABSOLUTE.match(htmllib.unescape(src.group(1)).strip()):
            return match.group(0)
        alt = _ALT_TEXT.search(match.group(0))
        text = htmllib.unescape(alt.group(1)).strip() if alt else ""
        return f'<span class="img-alt">{htmllib.escape(text)}</span>' if text else ""

    return _IMG_TAG.sub(swap, html)


def block_html(block: Block, lowdata: bool = False) -> str:
    """A body block's HTML as the reader page shows it."""
    html = with_header_cells(block.html) if block.kind is BlockKind.TABLE else block.html
    if block.kind is BlockKind.FIGURE:
        html = caption_once(html, block.text)
    return without_images(html) if lowdata else unresolved_as_alt(html)


def voice_vi(engine: Engine, audio: AudioInfo | None = None) -> str:
    """The voice a listener hears: the engines that spoke the audio once it is made."""
    ready = audio is not None and audio.status is AudioStatus.READY
    return describe_voice(engine, audio.engines if ready and audio else None, spent_members(engine))


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(duration_vi)
    app.add_template_filter(size_vi)
    app.add_template_filter(date_vi)
    app.add_template_filter(without_images)
    app.add_template_filter(block_html)
    app.add_template_filter(voice_vi)
