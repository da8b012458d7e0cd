"""The Redis store: metadata, locks and counters shared by every web process and worker."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import redis

from app.errors import StoreUnavailable
from app.jobs import RQQueue
from app.models import UNFINISHED, Article, AudioInfo
from app.store import catalog_redis, keys
from app.store.accounts_redis import RedisAccounts
from app.store.catalog_redis import RedisCatalog
from app.store.lexicon_redis import RedisLexicon
from app.store.worklog import RedisWorkLog

T = TypeVar("T")
TIMEOUT_S = 0.5  # a dead Redis must never hang a request thread

# Compare-and-delete / compare-and-extend: only the holder's token may touch its lock.
RELEASE = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)
REFRESH = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then "
    "return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
)


def connect(url: str) -> redis.Redis:
    """A client with short connect and socket timeouts."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=TIMEOUT_S,
        socket_timeout=TIMEOUT_S,
        retry_on_timeout=False,
        health_check_interval=30,
    )


class LastKnown:
    """Articles this process has read, so readers still get pages while Redis is away."""

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._listings: dict[int, list[Article]] = {}
        self._lock = threading.Lock()

    def remember(self, article_id: str, article: Article | None) -> None:
        """Keep (or forget, when None) the latest copy of an article."""
        with self._lock:
            self._articles.pop(article_id, None)
            if article is not None:
                self._articles[article_id] = article
                while len(self._articles) > self.capacity:
                    self._articles.popitem(last=False)

    def article(self, article_id: str) -> Article | None:
        """The last copy seen, if any."""
        with self._lock:
            return self._articles.get(article_id)

    def remember_listing(self, limit: int, articles: list[Article]) -> None:
        """Keep the latest article list of this length."""
        with self._lock:
            self._listings[limit] = articles

    def listing(self, limit: int) -> list[Article] | None:
        """The last list of this length seen, if any."""
        with self._lock:
            return self._listings.get(limit)


class RedisStore:
    """Articles as JSON strings, a time-ordered index, audio records, locks with expiry."""

    kind = "redis"

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._known = LastKnown()

    @classmethod
    def from_url(cls, url: str) -> RedisStore:
        """A store on the Redis at ``url``."""
        return cls(connect(url))

    def _call(self, action: Callable[[], T]) -> T:
        """Run one Redis action, turning connection failures into ``StoreUnavailable``."""
        try:
            return action()
        except redis.RedisError as exc:
            raise StoreUnavailable(detail=str(exc)) from exc

    def ping(self) -> None:
        """Raise unless Redis answers."""
        self._call(self.client.ping)

    def put_article(self, article: Article) -> bool:
        """Save ``article`` (always); True when its id or version is new."""
        key = keys.ARTICLE.format(id=article.id)

        def write() -> bool:
            pipe = self.client.pipeline()
            pipe.set(key, article.to_json(), get=True)
            pipe.zadd(keys.ARTICLES_BY_TIME, {article.id: article.created_at})
            catalog_redis.index(pipe, article)
            old = pipe.execute()[0]
            return old is None or Article.from_json(old).version != article.version

        return self._call(write)

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or None; the last copy seen here while Redis is down."""
        try:
            raw = self._call(lambda: self.client.get(keys.ARTICLE.format(id=article_id)))
        except StoreUnavailable:
            if (article := self._known.article(article_id)) is not None:
                return article
            raise
        article = Article.from_json(raw) if raw else None
        self._known.remember(article_id, article)
        return article

    def list_articles(self, limit: int = 100) -> list[Article]:
        """Articles, newest first."""

        def read() -> list[Any]:
            found: list[Any] = list(self.client.zrevrange(keys.ARTICLES_BY_TIME, 0, limit - 1))
            ids = [i.decode() if isinstance(i, bytes) else str(i) for i in found]
            return list(self.client.mget([keys.ARTICLE.format(id=i) for i in ids])) if ids else []

        try:
            found = [Article.from_json(raw) for raw in self._call(read) if raw]
        except StoreUnavailable:
            if (listed := self._known.listing(limit)) is not None:
                return listed
            raise
        self._known.remember_listing(limit, found)
        return found

    def delete_article(self, article_id: str) -> bool:
        """Remove an article; True when it existed."""

        def delete() -> bool:
            pipe = self.client.pipeline()
            pipe.delete(keys.ARTICLE.format(id=article_id))
            pipe.zrem(keys.ARTICLES_BY_TIME, article_id)
            catalog_redis.unindex(pipe, article_id)
            pipe.delete(keys.ARTICLE_AUDIO.format(id=article_id))
            return bool(pipe.execute()[0])

        return self._call(delete)

    def get_source(self, url: str) -> dict[str, Any] | None:
        """The source state of a fetched address, or None."""
        raw = self._call(lambda: self.client.get(keys.source(url)))
        return dict(json.loads(raw)) if raw else None

    def put_source(self, url: str, state: dict[str, Any]) -> None:
        """Save the source state of a fetched address."""
        body = json.dumps(state, ensure_ascii=False)
        self._call(lambda: self.client.set(keys.source(url), body))

    def get_failure(self, url: str) -> dict[str, Any] | None:
        """The remembered failure of fetching an address, until its key expires."""
        raw = self._call(lambda: self.client.get(keys.failure(url)))
        return dict(json.loads(raw)) if raw else None

    def put_failure(self, url: str, state: dict[str, Any], ttl_s: float) -> None:
        """Remember a failed fetch for ``ttl_s`` seconds (SET PX)."""
        body = json.dumps(state, ensure_ascii=False)
        px = max(int(ttl_s * 1000), 1)
        self._call(lambda: self.client.set(keys.failure(url), body, px=px))

    def get_audio(self, key: str) -> AudioInfo:
        """The audio record for ``key``."""
        raw = self._call(lambda: self.client.get(keys.AUDIO.format(key=key)))
        return AudioInfo.from_dict(json.loads(raw)) if raw else AudioInfo(key=key)

    def put_audio(self, key: str, info: AudioInfo) -> None:
        """Save the audio record for ``key``."""

        def write() -> None:
            pipe = self.client.pipeline()
            pipe.set(keys.AUDIO.format(key=key), json.dumps(info.to_dict()))
            catalog_redis.note_status(pipe, key, info.status.value)
            pipe.execute()

        self._call(write)

    def unfinished_audio(self) -> list[AudioInfo]:
        """The audio records that say queued or running (a scan: for start-up, not requests)."""

        def scan() -> list[AudioInfo]:
            found = []
            for name in self.client.scan_iter(match=keys.AUDIO.format(key="*"), count=500):
                raw = self.client.get(name)
                if raw:
                    found.append(AudioInfo.from_dict(json.loads(raw)))
            return found

        return [info for info in self._call(scan) if info.status in UNFINISHED]

    def delete_audio(self, key: str) -> None:
        """Forget the audio record for ``key`` (and its status in the console's index)."""

        def delete() -> None:
            pipe = self.client.pipeline()
            pipe.delete(keys.AUDIO.format(key=key))
            pipe.hdel(keys.AUDIO_STATUS, key)
            pipe.execute()

        self._call(delete)

    def note_audio_key(self, article_id: str, key: str) -> None:
        """Remember that audio ``key`` was asked for as the article's."""
        self._call(lambda: self.client.sadd(keys.ARTICLE_AUDIO.format(id=article_id), key))

    def audio_keys_of(self, article_id: str) -> set[str]:
        """Every audio key noted for the article."""
        found = self._call(lambda: self.client.smembers(keys.ARTICLE_AUDIO.format(id=article_id)))
        return {k.decode() if isinstance(k, bytes) else str(k) for k in found}

    def audio_keys_in_use(self) -> set[str]:
        """Audio keys that some article still refers to."""
        return {a.audio_key for a in self.list_articles(limit=1_000_000) if a.audio_key}

    def acquire_lock(self, name: str, ttl_s: float) -> str | None:
        """A token when the lock was free, else None (SET NX PX)."""
        token = secrets.token_hex(16)
        ok = self._call(
            lambda: self.client.set(
                keys.LOCK.format(name=name), token, nx=True, px=int(ttl_s * 1000)
            )
        )
        return token if ok else None

    def reclaim_dead_locks(self) -> list[str]:
        """None: a lock's holder may be a live worker elsewhere; a dead one's lock expires."""
        return []

    def refresh_lock(self, name: str, token: str, ttl_s: float) -> bool:
        """Extend a held lock; False when it is no longer ours."""
        return bool(
            self._call(
                lambda: self.client.eval(
                    REFRESH, 1, keys.LOCK.format(name=name), token, int(ttl_s * 1000)
                )
            )
        )

    def release_lock(self, name: str, token: str) -> None:
        """Free a lock if we still hold it."""
        self._call(lambda: self.client.eval(RELEASE, 1, keys.LOCK.format(name=name), token))

    def incr(self, name: str, amount: int = 1) -> int:
        """Add to a named counter and return its value."""
        return int(self._call(lambda: self.client.incrby(keys.COUNTER.format(name=name), amount)))

    def counters(self, names: list[str]) -> dict[str, int]:
        """The values of named counters (0 for one never counted), in one MGET."""
        if not names:
            return {}
        values = self._call(lambda: self.client.mget([keys.COUNTER.format(name=n) for n in names]))
        return {name: int(value or 0) for name, value in zip(names, values, strict=True)}

    def hit(self, bucket: str, client: str, window_s: int) -> int:
        """Count one request in the current fixed window (INCR, expiring with the window)."""
        window = int(time.time() // window_s)
        key = keys.RATE.format(bucket=bucket, client=f"{client}:{window}")

        def count() -> int:
            pipe = self.client.pipeline()
            pipe.incr(key)
            pipe.expire(key, window_s * 2)
            return int(pipe.execute()[0])

        return self._call(count)

    def catalog(self) -> RedisCatalog:
        """The console's article list and the audio being made, from this Redis."""
        return RedisCatalog(self.client, self._call)

    def work_log(self) -> RedisWorkLog:
        """Recent failures and the feeds' last passes, on this Redis."""
        return RedisWorkLog(self.client, self._call)

    def accounts(self) -> RedisAccounts:
        """The console's accounts and audit log, on this Redis."""
        return RedisAccounts(self.client, self._call)

    def job_queue(self) -> RQQueue:
        """The RQ queue on this Redis: any ``baonoi worker`` takes the jobs."""
        return RQQueue(self.client, keys.QUEUES, keys.job_id, keys.client_jobs)

    def lexicon(self) -> RedisLexicon:
        """The operator lexicon, in this Redis."""
        return RedisLexicon(self.client, self._call)

    def release(self) -> None:
        """Nothing per thread: the pool hands connections back after each command."""

    def close(self) -> None:
        """Release the connection pool."""
        self.client.close()
