"""Speech engines: a small ``Engine`` Protocol, a name table and a resolver that validates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from app.errors import ConfigError, EngineUnavailable


@dataclass(frozen=True, slots=True)
class Speech:
    """Mono int16 samples and their sample rate."""

    samples: np.ndarray
    rate: int


class Engine(Protocol):
    """Turns spoken-form Vietnamese into audio."""

    name: str
    voice: str
    version: str
    robotic: bool

    def synthesize(self, text: str) -> Speech:
        """Audio of ``text`` (one sentence or phrase)."""
        ...

    def available(self) -> bool:
        """Whether the engine can be used right now."""
        ...


def _espeak() -> Engine:
    """The offline eSpeak NG engine."""
    from app.speech.engines.espeak import EspeakEngine

    return EspeakEngine()


def _gtts() -> Engine:
    """The online Google engine."""
    from app.speech.engines.google import GoogleEngine

    return GoogleEngine()


ENGINES: dict[str, Callable[[], Engine]] = {"espeak": _espeak, "gtts": _gtts}


def resolve_engine(name: str, factories: dict[str, Callable[[], Engine]] | None = None) -> Engine:
    """The engine called ``name``; ``auto`` is gtts when reachable, else espeak."""
    table = ENGINES if factories is None else factories
    if name == "auto":
        try:
            online = table["gtts"]()
            if online.available():
                return online
        except EngineUnavailable:
            pass  # offline is the documented fallback for auto
        return table["espeak"]()
    try:
        factory = table[name]
    except KeyError:
        choices = ", ".join(["auto", *table])
        raise ConfigError(
            f"Unknown TTS engine {name!r}; choose one of {choices}",
            f"Bộ đọc không xác định {name!r}; chọn một trong {choices}",
        ) from None
    return factory()
