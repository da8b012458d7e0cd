"""What every speech engine is: the ``Engine`` Protocol and the ``Speech`` it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from app.config import Settings


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


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """What engines need beyond their name: Piper's voice file, speaker and speed; the settings
    (the online engines read their keys, voices and base URLs there)."""

    piper_model: Path | None = None
    piper_speaker: str | None = None
    piper_speed: float = 1.0
    voices_dir: Path = Path("instance") / "voices"
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def from_settings(cls, settings: Settings) -> EngineOptions:
        """The engine options of ``settings``."""
        return cls(
            piper_model=settings.piper_model,
            piper_speaker=settings.piper_speaker,
            piper_speed=settings.piper_speed,
            voices_dir=settings.voices_dir,
            settings=settings,
        )
