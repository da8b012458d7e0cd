"""Listen counters in Redis: per day, a hash of cells, a hash of totals and two rankings.

``listens:<day>`` holds each cell's numbers (``<article>|<surface>|<voice>|<count>``, only those
not zero) for the CSV and filtered views; ``listens-totals:<day>`` the day's sums per surface and
voice (the chart and the funnel read 30 small hashes); ``listens-rank:<day>:plays|complete:<which>``
rank articles (``which`` empty: every surface and voice; else ``<surface>|<voice>``), so the top
articles of 30 days, filtered or not, are one ZUNIONSTORE in Redis. Every
key expires ``KEEP_DAYS`` after its day. A batch is added up here per field, then written by one
script per day inside one MULTI (Redis loops over the fields: a year's seed takes seconds).
"""

from __future__ import annotations

import calendar
import secrets
import time
from collections.abc import Mapping
from typing import Any

from app.store import keys
from app.store.listens import COUNTS, KEEP_DAYS, Cell, Numbers, zero
from app.store.redis import RedisStore

SEP = "|"  # never in an article id, a surface or a voice id (each is checked before counting)
UNION_TTL_S = 10
RANKED = ("plays", "complete")  # the counts articles are ranked by
# One day's part of a batch: KEYS the cells and totals hashes, then sorted sets (rankings); ARGV
# the expiry, then for each key a count and that many (field, increment) pairs. Redis loops.
ADD = """
local at, i = tonumber(ARGV[1]), 2
for k = 1, #KEYS do
  local n = tonumber(ARGV[i])
  i = i + 1
  for _ = 1, n do
    if k <= 2 then
      redis.call('hincrby', KEYS[k], ARGV[i], ARGV[i + 1])
    else
      redis.call('zincrby', KEYS[k], ARGV[i + 1], ARGV[i])
    end
    i = i + 2
  end
  if n > 0 then redis.call('expireat', KEYS[k], at) end
end
return 1
"""


def rank(day: str, count: str, surface: str = "", voice: str = "") -> str:
    """The ranking of articles by ``count`` on ``day``: every surface and voice, or one pair."""
    return keys.LISTEN_RANK.format(day=day, count=count, which=SEP.join((surface, voice)))


def _expiry(day: str) -> int:
    """When a day's keys go (Unix time): ``KEEP_DAYS`` after the day."""
    return calendar.timegm(time.strptime(day, "%Y-%m-%d")) + KEEP_DAYS * 86400


def _text(raw: Any) -> str:
    """A Redis reply as text."""
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def _matches(surface: str, voice: str, want_surface: str | None, want_voice: str | None) -> bool:
    """Whether a cell of ``surface`` and ``voice`` is in the filter."""
    return (not want_surface or surface == want_surface) and (not want_voice or voice == want_voice)


class _Day:
    """One day's part of a batch, added up per hash field and per ranking's article."""

    def __init__(self, day: str) -> None:
        self.day = day
        self.cells: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.ranks: dict[str, dict[str, int]] = {}  # ranking key -> article -> increment

    def count(self, cell: Cell, numbers: Numbers) -> None:
        """Add one cell's numbers to the fields and rankings they go to."""
        for name, value in zip(COUNTS, numbers, strict=True):
            if value:
                field = SEP.join((cell.article, cell.surface, cell.voice, name))
                self.cells[field] = self.cells.get(field, 0) + value
                total = SEP.join((cell.surface, cell.voice, name))
                self.totals[total] = self.totals.get(total, 0) + value
        for name in RANKED:
            if value := numbers[COUNTS.index(name)]:
                for key in (rank(self.day, name), rank(self.day, name, cell.surface, cell.voice)):
                    ranked = self.ranks.setdefault(key, {})
                    ranked[cell.article] = ranked.get(cell.article, 0) + value

    def keys(self) -> list[str]:
        """The script's keys: the day's two hashes, then each ranking."""
        cells = keys.LISTEN_CELLS.format(day=self.day)
        return [cells, keys.LISTEN_TOTALS.format(day=self.day), *self.ranks]

    def args(self) -> list[str | int]:
        """The script's arguments: the expiry, then each key's count and its pairs."""
        out: list[str | int] = [_expiry(self.day)]
        for group in (self.cells, self.totals, *self.ranks.values()):
            out.append(len(group))
            for name, value in group.items():
                out += [name, value]
        return out


class RedisListens:
    """The listen keys of the store's Redis."""

    def __init__(self, store: RedisStore) -> None:
        self.store = store
        self._script = store.client.register_script(ADD)

    def add(self, batch: Mapping[Cell, Numbers]) -> None:
        """Every cell of the batch in one MULTI: per day, one script adding its fields."""
        days: dict[str, _Day] = {}
        for cell, numbers in batch.items():
            days.setdefault(cell.day, _Day(cell.day)).count(cell, numbers)

        def write() -> None:
            pipe = self.store.client.pipeline(transaction=True)
            for day in days.values():
                self._script(keys=day.keys(), args=day.args(), client=pipe)
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
        """The most played articles, from the days' rankings (those of the filter's surfaces and
        voices, as the day totals name them)."""
        if not (surface or voice):
            return self._ranked({name: [rank(d, name) for d in days] for name in RANKED}, limit)
        pairs: set[tuple[str, str, str]] = set()
        for day, fields in zip(days, self._hashes(keys.LISTEN_TOTALS, days), strict=True):
            for field in fields:
                s, v, _ = _text(field).split(SEP)
                if _matches(s, v, surface, voice):
                    pairs.add((day, s, v))
        if not pairs:
            return []
        return self._ranked({n: [rank(d, n, s, v) for d, s, v in pairs] for n in RANKED}, limit)

    def _ranked(self, ranks: dict[str, list[str]], limit: int) -> list[tuple[str, int, int]]:
        """The top of the rankings, added up by ZUNIONSTORE into short-lived keys."""
        token = secrets.token_hex(8)
        plays = keys.LISTEN_UNION.format(token=token + ":plays")
        done = keys.LISTEN_UNION.format(token=token + ":complete")

        def read() -> tuple[list[Any], list[Any]]:
            pipe = self.store.client.pipeline(transaction=False)
            for union, name in ((plays, "plays"), (done, "complete")):
                pipe.zunionstore(union, ranks[name])
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
