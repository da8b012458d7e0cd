""" "Nghe thử": a sentence spoken with a lexicon entry applied, in every configured voice, before
the entry is saved.

Each voice's MP3 goes into ``trials/`` in the audio directory (shared by every process and, when
scaled out, every machine) under an unguessable name, and lives ``TRIAL_TTL_S``; at most
``MAX_TRIALS`` files are kept. The sentence goes through the per-sentence cache like any other,
so saving the entry afterwards does not make a tried sentence again.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app import audio
from app.errors import BaonoiError, InputError
from app.pronunciation import candidates
from app.services import Services
from app.speech.engines import Engine
from app.speech.engines.labels import voice_label
from app.speech.normalize import normalize
from app.speech.render import SpokenUnit, lead_in, speak
from app.speech.segment import segment
from app.store.lexicon import check_entry

TRIAL_DIR = "trials"
TRIAL_TTL_S = 15 * 60
MAX_TRIALS = 200  # files kept, whoever made them
MAX_SENTENCE = 300  # characters of a sentence to try
LOOKED_AT = 200  # articles looked into for an example sentence, at most
TOKEN = re.compile(r"[0-9a-f]{32}")
CARRIER = "Xin mời nghe thử cách đọc {written} trong câu này."


@dataclass(frozen=True, slots=True)
class Heard:
    """One voice's try: its label and the file's token (None, with the error, when it failed)."""

    voice: str
    token: str | None
    error_vi: str = ""
    error_en: str = ""


@dataclass(frozen=True, slots=True)
class Trial:
    """A sentence as written, as read now, as read with the entry, and each voice's audio."""

    sentence: str
    before: str
    after: str
    heard: list[Heard]


def example_sentence(services: Services, written: str) -> str:
    """The first sentence of an article that says ``written``; else a neutral carrier sentence."""
    written = unicodedata.normalize("NFC", written)
    for looked, article in enumerate(candidates(services, [written])):
        if looked >= LOOKED_AT:
            break
        for unit in segment(article):
            text = unicodedata.normalize("NFC", unit.text)
            if written in text and len(text) <= MAX_SENTENCE:
                return text
    return CARRIER.format(written=written)


def check_sentence(sentence: str) -> str:
    """The sentence to try, spaces collapsed; an ``InputError`` when empty or too long."""
    sentence = " ".join(unicodedata.normalize("NFC", sentence).split())
    if not sentence or len(sentence) > MAX_SENTENCE:
        raise InputError(
            f"The sentence to try must hold 1 to {MAX_SENTENCE} characters",
            f"Câu nghe thử phải có từ 1 đến {MAX_SENTENCE} ký tự",
        )
    return sentence


def voices(services: Services) -> list[tuple[str, Engine]]:
    """Every configured voice (``BAONOI_VOICES``, else the one engine): its label and engine."""
    if not services.voice_choices:
        engine = services.engine
        return [(voice_label(engine.name, engine.voice), engine)]
    return [(c.label, services.engine_for(c.id)) for c in services.voice_choices]


def trial_dir(services: Services) -> Path:
    """Where tries are kept."""
    return services.audio_dir / TRIAL_DIR


def _prune(folder: Path, now: float) -> None:
    """Drop the tries past their time, and the oldest past ``MAX_TRIALS``."""
    found = []
    for path in folder.glob("*.mp3"):
        try:
            found.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            continue  # another process pruned it
    found.sort(reverse=True)
    for index, (made, path) in enumerate(found):
        if index >= MAX_TRIALS or now - made > TRIAL_TTL_S:
            path.unlink(missing_ok=True)


def _speak(services: Services, engine: Engine, sentence: str, spoken: str) -> str:
    """One voice's MP3 of the sentence, kept under a new token; the token."""
    unit = SpokenUnit(0, sentence, spoken, 0)
    pieces = [p.samples for p in speak([unit], engine, services.audio_dir / "units")]
    mp3 = audio.encode(np.concatenate([lead_in(), *pieces]), audio.codec_for("mp3"))
    token = secrets.token_hex(16)
    folder = trial_dir(services)
    audio.write_atomic(folder / f"{token}.mp3", mp3)
    _prune(folder, time.time())
    return token


def try_entry(services: Services, written: str, spoken: str, sentence: str) -> Trial:
    """``sentence`` read with the entry ``written`` -> ``spoken`` added, in every voice."""
    written, spoken = check_entry(written, spoken)
    sentence = check_sentence(sentence)
    now = services.lexicon
    before, after = normalize(sentence, now), normalize(sentence, {**now, written: spoken})
    heard = []
    for label, engine in voices(services):
        try:
            heard.append(Heard(label, _speak(services, engine, sentence, after)))
        except BaonoiError as exc:  # one voice down: the others are still heard
            heard.append(Heard(label, None, exc.message_vi, exc.message_en))
    return Trial(sentence, before, after, heard)


def trial_file(services: Services, token: str) -> Path | None:
    """The MP3 of a try while it lives; None for an unknown, malformed or expired token."""
    if not TOKEN.fullmatch(token):
        return None
    path = trial_dir(services) / f"{token}.mp3"
    try:
        made = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return path if time.time() - made <= TRIAL_TTL_S else None
