"""Listen counters in Redis: per day, a hash of cells, a hash of totals and two rankings.

``listens:<day>`` holds each cell's numbers (``<article>|<surface>|<voice>|<count>``, only those
not zero) for the CSV and filtered views; ``listens-totals:<day>`` the day's sums per surface and
voice (the chart and the funnel read 30 small hashes); ``listens-rank:<day>:plays`` and
``:complete`` rank articles, so the top articles of 30 days are one ZUNIONSTORE in Redis. Every
key expires ``KEEP_DAYS`` after its day.
"""

from __future__ import annotations

import calendar
import secrets
import time
from collections.abc import Mapping
from typing import Any

from app.store import keys
from app.store.listens import COUNTS, KEEP_DAYS, Cell, Numbers, added, top_of, zero
from app.store.redis import RedisStore

SEP = "|"  # never in an article id, a surface or a voice id (each is checked before counting)
UNION_TTL_S = 10


def _expiry(day: str) -> int:
    """When a day's keys go (Unix time): ``KEEP_DAYS`` after the day."""
    return calendar.timegm(time.strptime(day, "%Y-%m-%d")) + KEEP_DAYS * 86400


def _text(raw: Any) -> str:
    """A Redis reply as text."""
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def _matches(surface: str, voice: str, want_surface: str | None, want_voice: str | None) -> bool:
    """Whether a cell of ``surface`` and ``voice`` is in the filter."""
    return (not want_surface or surface == want_surface) and (not want_voice or voice == want_voice)


class RedisListens:
    """The listen keys of the store's Redis."""

    def __init__(self, store: RedisStore) -> None:
        self.store = store

    def add(self, batch: Mapping[Cell, Numbers]) -> None:
        """Every cell of the batch in one transaction (MULTI/EXEC)."""

        def write() -> None:
            pipe = self.store.client.pipeline(transaction=True)
            days = set()
            for cell, numbers in batch.items():
                days.add(cell.day)
                cells = keys.LISTEN_CELLS.format(day=cell.day)
                totals = keys.LISTEN_TOTALS.format(day=cell.day)
                for name, value in zip(COUNTS, numbers, strict=True):
                    if value:
                        field = SEP.join((cell.article, cell.surface, cell.voice, name))
                        pipe.hincrby(cells, field, value)
                        pipe.hincrby(totals, SEP.join((cell.surface, cell.voice, name)), value)
                for name in ("plays", "complete"):
                    if value := numbers[COUNTS.index(name)]:
                        rank = keys.LISTEN_RANK.format(day=cell.day, count=name)
                        pipe.zincrby(rank, value, cell.article)
            for day in days:
                at = _expiry(day)
                pipe.expireat(keys.LISTEN_CELLS.format(day=day), at)
                pipe.expireat(keys.LISTEN_TOTALS.format(day=day), at)
                for name in ("plays", "complete"):
                    pipe.expireat(keys.LISTEN_RANK.format(day=day, count=name), at)
            pipe.execute()

        self.store._call(write)

    def _hashes(self, template: str, days: list[str]) -> list[dict[Any, Any]]:
        """HGETALL of each day's hash, in one pipeline."""

        def read() -> list[dict[Any, Any]]:
            pipe = self.store.client.pipeline(transaction=False)
            for day in days:
                pipe.hgetall(template.format(day=day))
            return list(pipe.execute())

        return self.store._call(read)

    def by_day(
        self, days: list[str], surface: str | None = None, voice: str | None = None
    ) -> dict[str, Numbers]:
        """Each day's totals, from the small totals hashes."""
        out: dict[str, Numbers] = {}
        for day, fields in zip(days, self._hashes(keys.LISTEN_TOTALS, days), strict=True):
            for field, value in fields.items():
                s, v, name = _text(field).split(SEP)
                if _matches(s, v, surface, voice):
                    out.setdefault(day, zero())[COUNTS.index(name)] += int(value)
        return out

    def top(
        self, days: list[str], limit: int, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, int, int]]:
        """The most played articles: summed in Redis, or from the cells when filtered."""
        if surface or voice:
            numbers: dict[str, Numbers] = {}
            for day in days:
                for article, n in self.day_rows(day, surface, voice):
                    added(numbers.setdefault(article, zero()), n)
            return top_of(numbers, limit)
        return self._ranked(days, limit)

    def _ranked(self, days: list[str], limit: int) -> list[tuple[str, int, int]]:
        """The top of the days' rankings, added up by ZUNIONSTORE into short-lived keys."""
        token = secrets.token_hex(8)
        plays = keys.LISTEN_UNION.format(token=token + ":plays")
        done = keys.LISTEN_UNION.format(token=token + ":complete")

        def read() -> tuple[list[Any], list[Any]]:
            pipe = self.store.client.pipeline(transaction=False)
            for union, name in ((plays, "plays"), (done, "complete")):
                pipe.zunionstore(union, [keys.LISTEN_RANK.format(day=d, count=name) for d in days])
                pipe.expire(union, UNION_TTL_S)
            pipe.zrevrange(plays, 0, limit - 1, withscores=True)
            found = pipe.execute()[-1]
            ids = [_text(article) for article, _ in found]
            completes = self.store.client.zmscore(done, ids) if ids else []
            self.store.client.delete(plays, done)
            return found, list(completes)

        found, completes = self.store._call(read)
        ranked = [
            (_text(article), int(p), int(c or 0))
            for (article, p), c in zip(found, completes, strict=True)
        ]
        ranked.sort(key=lambda r: (-r[1], r[0]))
        return [r for r in ranked if r[1] > 0]

    def day_rows(
        self, day: str, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, Numbers]]:
        """One day's numbers per article, from its cells hash."""
        out: dict[str, Numbers] = {}
        for field, value in self._hashes(keys.LISTEN_CELLS, [day])[0].items():
            article, s, v, name = _text(field).split(SEP)
            if _matches(s, v, surface, voice):
                out.setdefault(article, zero())[COUNTS.index(name)] += int(value)
        return sorted(out.items())

    def prune(self, before: str) -> None:
        """Nothing to do: each day's keys expire on their own."""
