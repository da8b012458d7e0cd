"""A monthly character budget for a paid engine (``BAONOI_<ENGINE>_MONTHLY_CHARS``).

The count lives in the store (``spend`` adds to this month's counter and returns the total;
``used`` reads it), so every web process and worker shares it. A sentence is counted before it
is sent; when it would pass the budget it is given back and ``BudgetSpent`` sends the sentence to
the next engine of the chain. A sentence the vendor refused before any audio (a 4xx or 5xx answer,
a connection refused) is given back too; one it may have billed (a 200 with audio cut short or
unusable, a timeout) stays counted, as the vendor counts it.
The wrapped engine keeps its name, voice and version, so cache and audio keys do not change.
"""

from __future__ import annotations

from collections.abc import Callable

from app.errors import EngineUnavailable, SynthesisError
from app.speech.engines.base import Engine, Speech

SPENT_REST_S = 600.0  # a spent budget is looked at again after this (a new month, a raise)


class BudgetSpent(EngineUnavailable):
    """The engine's monthly character budget is spent: the next engine speaks."""

    code = "budget_spent"
    message_en = "The engine's monthly character budget is spent"
    message_vi = "Bộ đọc đã dùng hết hạn mức ký tự của tháng"
    rest_s = SPENT_REST_S


class BudgetedEngine:
    """``inner`` with at most ``limit`` characters sent a month."""

    def __init__(
        self,
        inner: Engine,
        limit: int,
        spend: Callable[[int], int],
        used: Callable[[], int],
    ) -> None:
        self.inner = inner
        self.limit = limit
        self.spend = spend
        self.used = used
        self.name, self.voice, self.version = inner.name, inner.voice, inner.version
        self.robotic = inner.robotic

    def spent(self) -> bool:
        """Whether nothing more may be sent this month."""
        return self.used() >= self.limit

    def available(self) -> bool:
        """Whether the budget has room and the engine is up."""
        return not self.spent() and self.inner.available()

    def synthesize(self, text: str) -> Speech:
        """``inner``'s audio of ``text``, counted; ``BudgetSpent`` when it does not fit."""
        size = len(text)
        total = self.spend(size)
        if total > self.limit:
            self.spend(-size)
            raise BudgetSpent(detail=f"{self.name}: {total - size} of {self.limit} characters")
        try:
            return self.inner.synthesize(text)
        except SynthesisError as exc:
            if not exc.billed:  # refused before any audio: the vendor charged nothing
                self.spend(-size)
            raise
