"""What listeners are told about the voice they hear, in Vietnamese: a table, then functions."""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.speech.engines.base import Engine
from app.speech.engines.budget import BudgetedEngine
from app.speech.engines.chain import ChainEngine

# Engine name -> label; {voice} is the voice's short name (a Piper model's, without locale/quality;
# a cloud voice's without its vi-VN- prefix and Neural suffix).
LABELS = {
    "espeak": "máy (eSpeak NG)",
    "gtts": "Google (trực tuyến)",
    "piper": "Piper {voice} (giọng nơ-ron)",
    "gcloud": "Google Cloud {voice} (trực tuyến)",
    "azure": "Azure {voice} (giọng nơ-ron, trực tuyến)",
    "openai": "{voice} (giọng nơ-ron, máy chủ riêng)",
}
NEURAL = frozenset({"piper", "gcloud", "azure", "openai"})  # a neural network's voice
SPENT = "{label}: đã hết hạn mức tháng này"  # a member whose monthly budget is spent
_LOCALE = re.compile(r"^[a-z]{2,3}[_-][A-Z]{2}-")  # vi_VN-vais1000-medium, vi-VN-HoaiMyNeural
_QUALITY = re.compile(r"-(?:x_low|low|medium|high)(?=#|$)")  # vais1000-medium -> vais1000
_NEURAL_SUFFIX = re.compile(r"(?<=[a-z])Neural$")  # HoaiMyNeural -> HoaiMy


def voice_label(name: str, voice: str = "") -> str:
    """``Piper vais1000 (giọng nơ-ron)``, ``máy (eSpeak NG)``: one engine's voice for listeners."""
    short = _NEURAL_SUFFIX.sub("", _QUALITY.sub("", _LOCALE.sub("", voice)))
    return " ".join(LABELS.get(name, name).format(voice=short).split())


def members(engine: Engine) -> tuple[Engine, ...]:
    """A chain's engines in order; a lone engine by itself."""
    return engine.members if isinstance(engine, ChainEngine) else (engine,)


def spent_members(engine: Engine) -> list[Engine]:
    """The members whose monthly character budget is spent now."""
    return [m for m in members(engine) if isinstance(m, BudgetedEngine) and m.spent()]


def describe_voice(
    engine: Engine, spoken: Mapping[str, int] | None = None, spent: list[Engine] | None = None
) -> str:
    """The voice heard: who spoke the audio (with counts when several did), else who will.

    ``spent``: members past their monthly budget, named at the end ("…: đã hết hạn mức").
    """
    voices = {member.name: member.voice for member in members(engine)}
    made = [(name, voices.get(name, ""), count) for name, count in (spoken or {}).items()]
    if any(count for _, _, count in made):
        label = describe_heard(made)
    else:
        first, *rest = members(engine)
        label = voice_label(first.name, first.voice)
        if rest:
            label += "; dự phòng: " + ", ".join(voice_label(m.name, m.voice) for m in rest)
    notes = [SPENT.format(label=voice_label(m.name, m.voice)) for m in spent or []]
    return "; ".join([label, *notes])


def describe_heard(heard: list[tuple[str, str, int]]) -> str:
    """Voices that spoke (engine, voice, sentences), the most heard first, counted when several."""
    made = sorted([h for h in heard if h[2]], key=lambda h: -h[2])  # stable: ties keep order
    if len(made) == 1:
        return voice_label(made[0][0], made[0][1])
    return ", ".join(f"{voice_label(n, v)} {c} câu" for n, v, c in made)


def robotic(engine: Engine, spoken: Mapping[str, int]) -> bool:
    """Whether a robotic voice spoke any of ``spoken`` (else: whether the first member is one)."""
    flags = {member.name: member.robotic for member in members(engine)}
    heard = [name for name, count in spoken.items() if count]
    if not heard:
        return members(engine)[0].robotic
    return any(flags.get(name, name == "espeak") for name in heard)
