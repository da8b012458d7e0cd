"""Engines in order of preference: each sentence is spoken by the first one able to.

``BAONOI_TTS_ENGINE=piper,gtts,espeak`` builds a ``ChainEngine``; ``auto`` is ``gtts,espeak``.
Its name, voice and version join its members' in order, so the audio key depends on the chain as
configured, never on which member happened to answer. ``run`` returns the member that made each
sentence: render caches the sentence under that member's own key and counts who spoke what.

A member failing with ``SynthesisError`` is passed over for that sentence only. One failing with
``EngineUnavailable`` (unreachable, rate-limited past its retries) also rests for ``rest_s``
seconds (or the ``rest_s`` the error carries: a vendor's ``Retry-After``, an hour for a spent
quota) and must answer ``available()`` before it is tried again, so an offline machine does not
wait through Google's retries on every sentence. The last member is always tried: nothing follows.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from app.errors import EngineUnavailable, SynthesisError
from app.speech.engines.base import Engine, Speech

T = TypeVar("T")
REST_S = 60.0  # how long a member that is down is left alone
log = logging.getLogger(__name__)


def _nothing(_member: Engine) -> None:
    """No cached result for any member."""
    return None


class ChainEngine:
    """Several engines behind one ``Engine``: a sentence one cannot make, the next one makes."""

    def __init__(
        self,
        members: Sequence[Engine],
        rest_s: float = REST_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not members:
            raise ValueError("a chain needs at least one engine")
        self.members = tuple(members)
        self.name = ",".join(m.name for m in self.members)
        self.voice = ",".join(m.voice for m in self.members)
        self.version = " | ".join(f"{m.name}: {m.version}" for m in self.members)
        self.robotic = self.members[0].robotic  # the voice the operator asked for first
        self.rest_s = rest_s
        self.clock = clock
        self._resting: dict[int, float] = {}  # member index -> when it may be tried again
        self._checked: set[int] = set()  # members whose available() said yes since their rest
        self._lock = threading.Lock()

    def available(self) -> bool:
        """Whether any member can be used right now."""
        return any(member.available() for member in self.members)

    def synthesize(self, text: str) -> Speech:
        """Audio of ``text`` from the first member able to make it."""
        speech, _ = self.run(lambda member: member.synthesize(text))
        return speech

    def run(
        self,
        make: Callable[[Engine], T],
        cached: Callable[[Engine], T | None] = _nothing,
    ) -> tuple[T, Engine]:
        """The first member's cached result or ``make(member)``, in order; and that member."""
        failures: list[tuple[Engine, SynthesisError]] = []
        for index, member in enumerate(self.members):
            found = cached(member)
            if found is not None:
                return found, member
            if not self._ready(index):
                continue
            try:
                return make(member), member
            except SynthesisError as exc:
                self._failed(index, exc)
                failures.append((member, exc))
        raise self._all_failed(failures)

    def _last(self, index: int) -> bool:
        """Whether member ``index`` is the last one (always tried)."""
        return index == len(self.members) - 1

    def _ready(self, index: int) -> bool:
        """Whether member ``index`` may be tried: not resting, and up when last asked."""
        if self._last(index):
            return True
        with self._lock:
            if self._resting.get(index, 0.0) > self.clock():
                return False
            if index in self._checked:
                return True
        up = self.members[index].available()  # outside the lock: it may take a second
        with self._lock:
            if up:
                self._checked.add(index)
            else:
                self._resting[index] = self.clock() + self.rest_s
        return up

    def _failed(self, index: int, exc: SynthesisError) -> None:
        """Note a member's failure; one that is down rests before it is asked again."""
        member = self.members[index]
        if self._last(index):
            return
        log.warning("%s failed, the next engine speaks the sentence: %s", member.name, exc)
        if isinstance(exc, EngineUnavailable):
            rest = getattr(exc, "rest_s", None)
            with self._lock:
                self._resting[index] = self.clock() + (self.rest_s if rest is None else rest)
                self._checked.discard(index)

    def _all_failed(self, failures: list[tuple[Engine, SynthesisError]]) -> SynthesisError:
        """The error when no member made the sentence (a lone member's own error, as it was)."""
        if len(self.members) == 1 and failures:
            return failures[0][1]
        detail = "; ".join(f"{member.name}: {exc}" for member, exc in failures)
        if all(isinstance(exc, EngineUnavailable) for _, exc in failures):
            return EngineUnavailable(
                "No engine of the chain could speak the sentence",
                "Không bộ đọc nào trong chuỗi đọc được câu này",
                detail=detail,
            )
        return SynthesisError(
            "No engine of the chain could speak the sentence",
            "Không bộ đọc nào trong chuỗi đọc được câu này",
            detail=detail,
        )
