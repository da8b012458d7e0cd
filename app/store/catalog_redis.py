"""The Redis store's article index: hashes written in the same pipeline as each article.

``CATALOG`` holds what the list shows, ``CATALOG_FIND`` each article's audio key and folded title,
``AUDIO_STATUS`` each audio key's status. A plain page is a ``ZREVRANGE`` of the time index; a
search or a filter is one pass over ``CATALOG_FIND`` inside Redis (``SEARCH``, a Lua script),
which sends back one page of ids: reading the index whole into Python took 250 ms for 10,000
articles; a script making 20,000 HGETs about 100 ms on a busy machine; two HGETALLs, a few.
Articles stored before the index existed are indexed on the first search.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from app.models import Article, AudioInfo, AudioStatus
from app.store import keys
from app.store.catalog import Page, Query, fields, fold, row_of

SEP = "\x1f"
# A search or a filter, in one pass inside Redis: ``CATALOG_FIND`` (and, to filter, the statuses)
# read whole with HGETALL, the matches sorted newest first; back come how many match and the ids
# of one page. KEYS: CATALOG_FIND, AUDIO_STATUS; ARGV: folded needle ("" for any), statuses
# joined by "," ("" for any), offset, limit.
SEARCH = """
local flat = redis.call('HGETALL', KEYS[1])
local needle, filter = ARGV[1], ARGV[2] ~= ''
local want, status = {}, {}
for s in string.gmatch(ARGV[2], '[^,]+') do want[s] = true end
if filter then
  local known = redis.call('HGETALL', KEYS[2])
  for i = 1, #known, 2 do status[known[i]] = known[i + 1] end
end
local found = {}
for i = 1, #flat, 2 do
  local entry = flat[i + 1]
  local a = string.find(entry, '\\31', 1, true)
  local b = string.find(entry, '\\31', a + 1, true)
  local ok = needle == '' or string.find(entry, needle, b + 1, true) ~= nil
  if ok and filter then ok = want[status[string.sub(entry, a + 1, b - 1)] or 'none'] == true end
  if ok then found[#found + 1] = {tonumber(string.sub(entry, 1, a - 1)), flat[i]} end
end
table.sort(found, function(x, y)
  if x[1] ~= y[1] then return x[1] > y[1] end
  return x[2] > y[2]
end)
local page = {}
local offset, limit = tonumber(ARGV[3]), tonumber(ARGV[4])
for i = offset + 1, math.min(offset + limit, #found) do page[#page + 1] = found[i][2] end
return {#found, page}
"""
CHUNK = 500  # articles read at once while indexing old ones


def index(pipe: Any, article: Article) -> None:
    """Queue the article's index entries on a pipeline (or client)."""
    row = dict(fields(article), created_at=article.created_at, audio_key=article.audio_key)
    pipe.hset(keys.CATALOG, article.id, json.dumps(row, ensure_ascii=False))
    found = SEP.join((repr(article.created_at), article.audio_key, fold(article.title)))
    pipe.hset(keys.CATALOG_FIND, article.id, found)


def unindex(pipe: Any, article_id: str) -> None:
    """Queue the removal of the article's index entries."""
    pipe.hdel(keys.CATALOG, article_id)
    pipe.hdel(keys.CATALOG_FIND, article_id)
    pipe.delete(keys.CATALOG_VOICES.format(id=article_id))


def note_status(pipe: Any, audio_key: str, status: str) -> None:
    """Queue the audio key's status, for the list's state filter."""
    pipe.hset(keys.AUDIO_STATUS, audio_key, status)


def _text(value: Any) -> str:
    """A Redis reply as text."""
    return value.decode() if isinstance(value, bytes) else str(value)


def _ensure(client: Any) -> None:
    """Index the articles stored before the index existed."""
    pipe = client.pipeline()
    pipe.zcard(keys.ARTICLES_BY_TIME)
    pipe.hlen(keys.CATALOG_FIND)
    count, indexed = pipe.execute()
    if indexed >= count:
        return
    ids = [_text(i) for i in list(client.zrange(keys.ARTICLES_BY_TIME, 0, -1))]
    have = {_text(i) for i in client.hkeys(keys.CATALOG_FIND)}
    missing = [i for i in ids if i not in have]
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        bodies = client.mget([keys.ARTICLE.format(id=i) for i in chunk])
        articles = [Article.from_json(raw) for raw in bodies if raw]
        records = client.mget([keys.AUDIO.format(key=a.audio_key) for a in articles])
        pipe = client.pipeline()
        for article, record in zip(articles, records, strict=True):
            index(pipe, article)
            if record:
                note_status(pipe, article.audio_key, str(json.loads(record).get("status")))
        pipe.execute()


def _matches(client: Any, query: Query) -> tuple[list[str], int]:
    """The ids of one page of matches, and how many match in all."""
    if not query.needle and not query.statuses:
        pipe = client.pipeline()
        pipe.zrevrange(keys.ARTICLES_BY_TIME, query.offset, query.offset + query.limit - 1)
        pipe.zcard(keys.ARTICLES_BY_TIME)
        page, total = pipe.execute()
        return [_text(i) for i in page], int(total)
    _ensure(client)
    total, page = client.eval(
        SEARCH,
        2,
        keys.CATALOG_FIND,
        keys.AUDIO_STATUS,
        query.needle,
        ",".join(query.statuses),
        query.offset,
        query.limit,
    )
    return [_text(i) for i in page], int(total)


def _record(key: str, raw: Any) -> AudioInfo:
    """An audio record as read (none when absent)."""
    return AudioInfo.from_dict(json.loads(raw)) if raw else AudioInfo(key=key)


class RedisCatalog:
    """The ``Catalog`` of the Redis store; ``call`` turns Redis failures into ours."""

    def __init__(self, client: Any, call: Callable[[Callable[[], Any]], Any]) -> None:
        self.client, self._call = client, call

    def find(self, query: Query) -> Page:
        """One page of matching articles, newest first, and how many match."""
        page: Page = self._call(lambda: self._find(query))
        return page

    def _find(self, query: Query) -> Page:
        """``find`` itself."""
        ids, total = _matches(self.client, query)
        if not ids:
            return Page([], total, query)
        raws = self.client.hmget(keys.CATALOG, ids)
        shown = [(i, json.loads(raw)) for i, raw in zip(ids, raws, strict=True) if raw]
        audio_keys = [str(data.get("audio_key", "")) for _, data in shown]
        records = self.client.mget([keys.AUDIO.format(key=k) for k in audio_keys])
        rows = [
            row_of(i, float(data.get("created_at", 0.0)), key, json.dumps(data), _record(key, r))
            for (i, data), key, r in zip(shown, audio_keys, records, strict=True)
        ]
        return Page(rows, total, query)

    def in_progress(self, limit: int = 100) -> list[AudioInfo]:
        """Audio records queued or running (from the status hash), the latest updated first."""
        found: list[AudioInfo] = self._call(lambda: self._in_progress())
        return sorted(found, key=lambda info: -info.updated_at)[:limit]

    def _in_progress(self) -> list[AudioInfo]:
        """``in_progress`` itself."""
        making = (AudioStatus.QUEUED.value, AudioStatus.RUNNING.value)
        found = self.client.hgetall(keys.AUDIO_STATUS)
        busy = [_text(k) for k, v in found.items() if _text(v) in making]
        if not busy:
            return []
        records = self.client.mget([keys.AUDIO.format(key=k) for k in busy])
        infos = [AudioInfo.from_dict(json.loads(r)) for r in records if r]
        return [info for info in infos if info.status.value in making]

    def articles_of_keys(self, audio_keys: list[str]) -> dict[str, str]:
        """Audio key -> article id, for the keys that are some article's default voice."""
        wanted = set(audio_keys)

        def read() -> dict[str, str]:
            found = self.client.hgetall(keys.CATALOG_FIND)
            pairs = ((_text(k), _text(v).split(SEP)[1]) for k, v in found.items())
            return {key: article_id for article_id, key in pairs if key in wanted}

        return dict(self._call(read)) if wanted else {}

    def note_voice(self, article_id: str, voice: str, audio_key: str) -> None:
        """Remember the key last queued for the article in ``voice``."""
        key = keys.CATALOG_VOICES.format(id=article_id)
        self._call(lambda: self.client.hset(key, voice, audio_key))

    def voice_states(self, ids: list[str], voices: list[str]) -> dict[tuple[str, str], str]:
        """The status of each (article, voice) pair's last queued audio."""
        pairs = [(i, voice) for i in ids for voice in voices]
        if not pairs:
            return {}

        def read() -> dict[tuple[str, str], str]:
            pipe = self.client.pipeline(transaction=False)
            for i in ids:
                pipe.hmget(keys.CATALOG_VOICES.format(id=i), voices)
            found = [key for keys_of_one in pipe.execute() for key in keys_of_one]
            known = [(pair, _text(key)) for pair, key in zip(pairs, found, strict=True) if key]
            if not known:
                return {}
            statuses = self.client.hmget(keys.AUDIO_STATUS, [key for _, key in known])
            none = AudioStatus.NONE.value
            return {
                pair: _text(status) if status else none
                for (pair, _), status in zip(known, statuses, strict=True)
            }

        found: dict[tuple[str, str], str] = self._call(read)
        return found
