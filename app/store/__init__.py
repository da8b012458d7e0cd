"""Where articles, audio state and locks live: a ``Store`` Protocol, ``local`` and ``redis``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from app.errors import ConfigError, StoreUnavailable
from app.models import Article, AudioInfo

if TYPE_CHECKING:
    from app.config import Settings
    from app.jobs import JobQueue
    from app.store.accounts import Accounts
    from app.store.catalog import Catalog
    from app.store.worklog import WorkLog


class Store(Protocol):
    """Article records, audio records, counters and expiring locks."""

    kind: str

    def ping(self) -> None:
        """Raise ``StoreUnavailable`` unless the store answers."""
        ...

    def put_article(self, article: Article) -> bool:
        """Save ``article`` (always); True when its id or version is new."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        ...

    def list_articles(self, limit: int = 100) -> list[Article]:
        """Articles, newest first."""
        ...

    def delete_article(self, article_id: str) -> bool:
        """Remove an article; True when it existed."""
        ...

    def get_source(self, url: str) -> dict[str, Any] | None:
        """The source state of a fetched address (article id, validators, times), or None."""
        ...

    def put_source(self, url: str, state: dict[str, Any]) -> None:
        """Save the source state of a fetched address (a JSON object)."""
        ...

    def get_failure(self, url: str) -> dict[str, Any] | None:
        """The remembered failure of fetching an address (a JSON object), until it expires."""
        ...

    def put_failure(self, url: str, state: dict[str, Any], ttl_s: float) -> None:
        """Remember a failed fetch of an address for ``ttl_s`` seconds."""
        ...

    def get_audio(self, key: str) -> AudioInfo:
        """The audio record for ``key`` (status ``none`` when unknown)."""
        ...

    def delete_audio(self, key: str) -> None:
        """Forget the audio record for ``key``."""
        ...

    def note_audio_key(self, article_id: str, key: str) -> None:
        """Remember that audio ``key`` was asked for as article ``article_id``'s (any voice)."""
        ...

    def audio_keys_of(self, article_id: str) -> set[str]:
        """Every audio key noted for the article (``delete_article`` forgets them)."""
        ...

    def put_audio(self, key: str, info: AudioInfo) -> None:
        """Save the audio record for ``key``."""
        ...

    def audio_keys_in_use(self) -> set[str]:
        """Audio keys that some article still refers to."""
        ...

    def acquire_lock(self, name: str, ttl_s: float) -> str | None:
        """A token when the lock was free (it expires after ``ttl_s``), else None."""
        ...

    def refresh_lock(self, name: str, token: str, ttl_s: float) -> bool:
        """Extend a held lock; False when it is no longer ours."""
        ...

    def release_lock(self, name: str, token: str) -> None:
        """Free a lock if we still hold it."""
        ...

    def unfinished_audio(self) -> list[AudioInfo]:
        """The audio records that say queued or running (a restart takes back a dead one's)."""
        ...

    def reclaim_dead_locks(self) -> list[str]:
        """Free the locks whose holder was a process on this machine that has died; their names.

        Only the embedded store knows its holders are local processes; Redis frees none (its
        holders may be workers on other machines: their locks expire on their own).
        """
        ...

    def incr(self, name: str, amount: int = 1) -> int:
        """Add to a named counter and return its value."""
        ...

    def counters(self, names: list[str]) -> dict[str, int]:
        """The values of named counters (0 for one never counted), without changing them."""
        ...

    def hit(self, bucket: str, client: str, window_s: int) -> int:
        """Count one request of ``client`` in ``bucket`` in the current window; return the count."""
        ...

    def catalog(self) -> Catalog:
        """The console's article list and the audio being made (``store.catalog``)."""
        ...

    def work_log(self) -> WorkLog:
        """Recent job and fetch failures, each feed's last pass (``store.worklog``)."""
        ...

    def accounts(self) -> Accounts:
        """The console's accounts, sessions, sign-in failures and audit log (``store.accounts``)."""
        ...

    def job_queue(self) -> JobQueue:
        """The queue that goes with this store (in-process, or RQ on the same Redis)."""
        ...

    def release(self) -> None:
        """Give back what the calling thread holds (the end of a request or job thread)."""
        ...

    def close(self) -> None:
        """Release every connection."""
        ...


def _local(settings: Settings) -> Store:
    """The embedded SQLite store."""
    from app.store.local import LocalStore

    return LocalStore(settings.data_dir / "baonoi.sqlite3")


def _redis(settings: Settings) -> Store:
    """The Redis store."""
    from app.store.redis import RedisStore

    return RedisStore.from_url(settings.redis_url or "")


BACKENDS: dict[str, Callable[[Settings], Store]] = {"local": _local, "redis": _redis}


def open_store(settings: Settings) -> Store:
    """The store the settings ask for."""
    try:
        factory = BACKENDS[settings.store_kind]
    except KeyError:
        raise ConfigError(f"Unknown store {settings.store_kind!r}") from None
    return factory(settings)


def _where(settings: Settings) -> str:
    """The configured store, for a message: the Redis address without its password, or the file."""
    if not settings.redis_url:
        return str(settings.data_dir / "baonoi.sqlite3")
    parts = urlsplit(settings.redis_url)
    host = parts.netloc.rpartition("@")[2]
    return f"BAONOI_REDIS_URL={parts.scheme}://{host}{parts.path}"


def require_answer(settings: Settings, store: Store | None = None) -> None:
    """Raise ``ConfigError`` naming the store unless it answers: never start on a dead one."""
    opened = store or open_store(settings)
    try:
        opened.ping()
    except StoreUnavailable as exc:
        where = _where(settings)
        fix_en, fix_vi = (
            (
                "start Redis, or unset BAONOI_REDIS_URL for the embedded store",
                "hãy chạy Redis, hoặc bỏ BAONOI_REDIS_URL để dùng kho nhúng",
            )
            if settings.redis_url
            else (
                "check that the data directory is writable",
                "hãy kiểm tra quyền ghi thư mục dữ liệu",
            )
        )
        raise ConfigError(
            f"the store does not answer ({where}): {fix_en}",
            f"kho dữ liệu không trả lời ({where}): {fix_vi}",
            detail=exc.detail,
        ) from exc
    finally:
        if store is None:
            opened.close()
