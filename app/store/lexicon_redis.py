"""The lexicon in Redis: one hash of entries and a version counter, changed together."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import redis

from app.models import Article
from app.store import keys
from app.store.lexicon import MAX_ENTRIES, Entry, checked_table, json_fragment, too_many

_BATCH = 200  # articles read at a time while scanning

# Each script changes the hash and the version at once, so no reader sees one without the other.
PUT = """
local size = redis.call('hlen', KEYS[1])
if redis.call('hexists', KEYS[1], ARGV[1]) == 0 and size + 1 > tonumber(ARGV[3]) then
  return -1 - size
end
redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
return redis.call('incr', KEYS[2])
"""
DELETE = """
if redis.call('hdel', KEYS[1], ARGV[1]) == 0 then return 0 end
return redis.call('incr', KEYS[2])
"""
# ARGV: limit, replace (0/1), then written, value pairs.
PUT_MANY = """
if ARGV[2] == '1' then redis.call('del', KEYS[1]) end
local added = 0
for i = 3, #ARGV, 2 do
  if redis.call('hexists', KEYS[1], ARGV[i]) == 0 then added = added + 1 end
end
local size = redis.call('hlen', KEYS[1]) + added
if added > 0 and size > tonumber(ARGV[1]) then return -1 - size end
for i = 3, #ARGV, 2 do redis.call('hset', KEYS[1], ARGV[i], ARGV[i + 1]) end
return redis.call('incr', KEYS[2])
"""
# KEYS: hash, version, imported marker. ARGV: the time, then written, value pairs.
IMPORT_ONCE = """
if redis.call('setnx', KEYS[3], ARGV[1]) == 0 then return -1 end
local added = 0
for i = 2, #ARGV, 2 do added = added + redis.call('hsetnx', KEYS[1], ARGV[i], ARGV[i + 1]) end
if added > 0 then redis.call('incr', KEYS[2]) end
return added
"""


def _text(raw: Any) -> str:
    """A Redis reply as text."""
    return raw.decode() if isinstance(raw, bytes) else str(raw)


class RedisLexicon:
    """The lexicon every web process, worker and machine on this Redis shares."""

    def __init__(self, client: redis.Redis, call: Callable[[Callable[[], Any]], Any]) -> None:
        self.client, self._call = client, call
        self._version_key = keys.COUNTER.format(name=keys.LEXICON_VERSION)

    def version(self) -> int:
        """The lexicon's change counter (one GET)."""
        return int(self._call(lambda: self.client.get(self._version_key)) or 0)

    def _all(self) -> dict[str, Entry]:
        """Every entry by written form (one HGETALL)."""
        raw = self._call(lambda: self.client.hgetall(keys.LEXICON))
        return {_text(w): Entry.from_json(_text(w), v) for w, v in raw.items()}

    def table(self) -> dict[str, str]:
        """Every entry: written form -> spoken form."""
        return {written: entry.spoken for written, entry in self._all().items()}

    def entries(self) -> list[Entry]:
        """Every entry, by written form."""
        return sorted(self._all().values(), key=lambda entry: entry.written)

    def get(self, written: str) -> Entry | None:
        """The entry of ``written``, or None."""
        raw = self._call(lambda: self.client.hget(keys.LEXICON, written))
        return Entry.from_json(written, raw) if raw else None

    def _script(self, script: str, names: list[str], args: list[Any]) -> int:
        """Run one of the scripts above; its integer answer."""
        return int(self._call(lambda: self.client.eval(script, len(names), *names, *args)))

    def put(self, entry: Entry) -> int:
        """Add or replace an entry; the new version."""
        names = [keys.LEXICON, self._version_key]
        version = self._script(PUT, names, [entry.written, entry.to_json(), MAX_ENTRIES])
        if version < 0:
            raise too_many(-version)
        return version

    def delete(self, written: str) -> int | None:
        """Remove an entry; the new version, or None when there was none."""
        version = self._script(DELETE, [keys.LEXICON, self._version_key], [written])
        return version or None

    def _pairs(self, table: Mapping[str, str], by: str) -> list[str]:
        """``written, entry JSON`` pairs, flat, for a script's arguments."""
        now = time.time()
        return [
            part
            for written, spoken in checked_table(table).items()
            for part in (written, Entry(written, spoken, by, now).to_json())
        ]

    def put_many(self, table: Mapping[str, str], by: str, replace: bool = False) -> int:
        """Add or replace many entries (with ``replace``, drop all others); the new version."""
        args = [MAX_ENTRIES, int(replace), *self._pairs(table, by)]
        version = self._script(PUT_MANY, [keys.LEXICON, self._version_key], args)
        if version < 0:
            raise too_many(-1 - version)
        return version

    def import_once(self, table: Mapping[str, str], by: str) -> int | None:
        """Add the entries missing from the store, the first time only; how many were added."""
        marker = keys.COUNTER.format(name=keys.LEXICON_IMPORTED)
        names = [keys.LEXICON, self._version_key, marker]
        added = self._script(IMPORT_ONCE, names, [int(time.time()), *self._pairs(table, by)])
        return None if added < 0 else added

    def _batch(self, start: int) -> list[Any]:
        """The stored JSON of the articles ``start`` to ``start + _BATCH`` in time order."""

        def read() -> list[Any]:
            ids = self.client.zrange(keys.ARTICLES_BY_TIME, start, start + _BATCH - 1)
            if not ids:
                return []
            return list(self.client.mget([keys.ARTICLE.format(id=_text(i)) for i in ids]))

        return list(self._call(read))

    def mentioning(self, texts: Sequence[str]) -> Iterator[Article]:
        """Articles whose stored JSON holds one of ``texts``, a batch at a time (ZRANGE, MGET)."""
        needles, start = [json_fragment(text) for text in texts] or [""], 0
        while batch := self._batch(start):
            for raw in batch:
                if raw is not None and any(n in _text(raw) for n in needles):
                    yield Article.from_json(_text(raw))
            start += _BATCH
