"""What listeners are told about the voice they hear, in Vietnamese: a table, then two functions."""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.speech.engines.base import Engine
from app.speech.engines.chain import ChainEngine

# Engine name -> label; {voice} is the voice's short name (a Piper model's, without locale/quality).
LABELS = {
    "espeak": "máy (eSpeak NG)",
    "gtts": "Google (trực tuyến)",
    "piper": "Piper {voice} (giọng nơ-ron)",
}
NEURAL = frozenset({"piper"})  # engines whose voice is a neural network's (not robotic)
_LOCALE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}-")  # vi_VN-vais1000-medium -> vais1000-medium
_QUALITY = re.compile(r"-(?:x_low|low|medium|high)(?=#|$)")  # vais1000-medium -> vais1000


def voice_label(name: str, voice: str = "") -> str:
    """``Piper vais1000 (giọng nơ-ron)``, ``máy (eSpeak NG)``: one engine's voice for listeners."""
    short = _QUALITY.sub("", _LOCALE.sub("", voice))
    return " ".join(LABELS.get(name, name).format(voice=short).split())


def members(engine: Engine) -> tuple[Engine, ...]:
    """A chain's engines in order; a lone engine by itself."""
    return engine.members if isinstance(engine, ChainEngine) else (engine,)


def describe_voice(engine: Engine, spoken: Mapping[str, int] | None = None) -> str:
    """The voice heard: who spoke the audio (with counts when several did), else who will."""
    voices = {member.name: member.voice for member in members(engine)}
    made = [(name, count) for name, count in (spoken or {}).items() if count]
    if len(made) == 1:
        return voice_label(made[0][0], voices.get(made[0][0], ""))
    if made:
        return ", ".join(f"{voice_label(n, voices.get(n, ''))} {c} câu" for n, c in made)
    first, *rest = members(engine)
    label = voice_label(first.name, first.voice)
    if rest:
        label += "; dự phòng: " + ", ".join(voice_label(m.name, m.voice) for m in rest)
    return label
