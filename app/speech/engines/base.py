"""What every speech engine is: the ``Engine`` Protocol and the ``Speech`` it returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


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
