"""What an article's console page shows of its audio: each voice's state and files, and its
sentences written and spoken side by side, each with who spoke it and where it sits in the MP3.

A sentence plays through the made MP3 itself, with a media fragment (``#t=start,end``): a native
``<audio preload="none">`` per sentence loads nothing until it is pressed, and works without
JavaScript.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.audiostate import audio_state, timings_path
from app.models import Article, AudioInfo, AudioStatus
from app.planning import plan, voice_key
from app.services import Services
from app.speech.engines.labels import voice_label
from app.web.content import audio_url


@dataclass(frozen=True, slots=True)
class VoiceAudio:
    """One voice's audio of the article."""

    id: str | None  # None: the default voice
    label: str
    key: str
    info: AudioInfo
    urls: dict[str, str]  # format -> the made file's address (none before it is made)


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One spoken sentence: its written and spoken forms, who spoke it, its place in the MP3."""

    number: int
    block: int
    written: str
    spoken: str
    engine: str
    start: float | None
    end: float | None
    src: str  # the MP3 with a media fragment for this sentence ("" before it is made)


def voices_of(services: Services, article: Article) -> list[VoiceAudio]:
    """Each configured voice's audio of the article, the default first."""
    default = services.engine
    named: list[tuple[str | None, str]] = [(None, voice_label(default.name, default.voice))]
    named += [(choice.id, choice.label) for choice in services.voice_choices[1:]]
    if services.voice_choices:
        named[0] = (None, services.voice_choices[0].label)
    found = []
    for voice, label in named:
        key = voice_key(services, article, voice)
        info = audio_state(services, article, key)
        urls = {}
        if info.status is AudioStatus.READY:
            urls = {fmt: audio_url(article.id, info, fmt) for fmt in info.files}
        found.append(VoiceAudio(voice, label, key, info, urls))
    return found


def read_timings(services: Services, voice: VoiceAudio) -> list[dict[str, Any]]:
    """The made audio's sentence timings (none before it is made, or when unreadable)."""
    if voice.info.status is not AudioStatus.READY:
        return []
    try:
        found = json.loads(timings_path(services, voice.key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [t for t in found if isinstance(t, dict)] if isinstance(found, list) else []


def _seconds(value: object) -> float | None:
    """A time read from the timings file, if it is a number."""
    return float(value) if isinstance(value, int | float) else None


def sentence_rows(services: Services, article: Article, voice: VoiceAudio) -> list[SentenceRow]:
    """The article's sentences as the default voice speaks them, with that voice's timings."""
    units = plan(services, article).units
    timings = read_timings(services, voice)
    if len(timings) != len(units):  # made from another plan (the lexicon changed since): by text
        by_text = {(t.get("block"), t.get("text")): t for t in timings}
        timings = [by_text.get((u.block, u.text), {}) for u in units]
    mp3 = voice.urls.get("mp3", "")
    rows = []
    for number, (unit, timing) in enumerate(zip(units, timings, strict=True), start=1):
        start, end = _seconds(timing.get("start")), _seconds(timing.get("end"))
        timed = start is not None and end is not None
        rows.append(
            SentenceRow(
                number=number,
                block=unit.block,
                written=unit.text,
                spoken=unit.spoken,
                engine=str(timing.get("engine", "")),
                start=start,
                end=end,
                src=f"{mp3}#t={start:.2f},{end:.2f}" if mp3 and timed else "",
            )
        )
    return rows
