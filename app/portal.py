"""A portal's article by its address: fetched and ingested once, however many ask at once.

The snippet on a portal page (and ``GET /embed?url=``) names an article by its address. A known
address is answered from the store; a new one, or a known one not checked for
``refetch_interval_s``, is fetched by one caller under a store lock per address (conditionally,
with the validators kept in the address's source state) and ingested through the pipeline, which
makes again only the sentences that changed. The others wait for that caller's result. The URL is
checked against the allow-list before anything is read or written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from app.errors import FetchError, InputError, RateLimited
from app.fetch import Request
from app.fetch.policy import Target, check_url
from app.models import Article
from app.pipeline import get_article, ingest
from app.services import Services
from app.store import keys

LOCK_TTL_S = 60.0  # longer than a fetch (10 s) and an ingest; a dead holder's lock expires
POLL_S = 0.05
WAIT_S = 45.0  # a waiter gives up after this (the holder's fetch and ingest take far less)
HOST_WINDOW_S = 60


@dataclass
class Source:
    """What we know of a fetched address: its article, validators and when it was checked."""

    url: str
    article_id: str
    etag: str = ""
    last_modified: str = ""
    checked_at: float = 0.0
    changed_at: float = 0.0
    lastmod: str = ""  # the feed's or sitemap's date for it, when a watcher saw one

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """A source state read back from the store."""
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


def canonical(url: str, services: Services) -> str:
    """The address as we key it: checked against the allow-list, fragment dropped."""
    target: Target = check_url(url, services.settings.allowed_hosts)
    host = f"[{target.host}]" if ":" in target.host else target.host
    return f"{target.scheme}://{host}:{target.port}{target.path}"


def get_source(services: Services, url: str) -> Source | None:
    """The stored state of ``url`` (canonical), or None."""
    data = services.store.get_source(url)
    return Source.from_dict(data) if data else None


def host_admit(services: Services, url: str) -> None:
    """Count one fetch of the address's host; ``RateLimited`` past the per-host limit."""
    limit = services.settings.host_fetches_per_minute
    host = check_url(url, services.settings.allowed_hosts).host
    if limit and services.store.hit(keys.HOST_RATE, host, HOST_WINDOW_S) > limit:
        raise RateLimited()


def article_for_url(
    services: Services,
    url: str,
    *,
    admit: Callable[[], None] | None = None,
    admit_audio: Callable[[], None] | None = None,
    force: bool = False,
) -> Article:
    """The article at ``url`` (an allowed host), fetched and ingested when new or due.

    ``admit`` runs before a fetch (a per-client limit); ``admit_audio`` before a new audio job.
    ``force`` re-checks the address whatever its age (the watcher, on a changed ``lastmod``).
    """
    address = canonical(url, services)
    source = get_source(services, address)
    if source is not None and not force and not _due(services, source):
        return get_article(services, source.article_id)
    seen = source.checked_at if source else None
    return _refresh(services, address, seen, admit, admit_audio, force)


def _due(services: Services, source: Source) -> bool:
    """Whether a known address is old enough to be checked again."""
    return time.time() - source.checked_at >= services.settings.refetch_interval_s


def _refresh(
    services: Services,
    address: str,
    seen: float | None,
    admit: Callable[[], None] | None,
    admit_audio: Callable[[], None] | None,
    force: bool,
) -> Article:
    """Fetch and ingest ``address`` under its lock, or wait for whoever holds it.

    ``seen`` is when the address was last checked as this caller first read it (None: unknown).
    """
    lock = keys.fetch_lock(address)
    token = services.store.acquire_lock(lock, LOCK_TTL_S)
    if token is None:
        known = get_source(services, address)
        if known is not None:  # someone re-checks it now: the copy we hold is good enough
            return get_article(services, known.article_id)
        return _await(services, address)
    try:
        source = get_source(services, address)
        if source is not None and source.checked_at != seen and not force:
            return get_article(services, source.article_id)  # another caller just checked it
        try:
            if admit is not None:
                admit()
            host_admit(services, address)
        except RateLimited:
            if source is None or force:
                raise
            return get_article(services, source.article_id)  # over a limit: the copy stands
        try:
            return _fetch_and_ingest(services, address, source, admit_audio)
        except (FetchError, InputError):
            if source is None or force:  # the watcher reports it and tries again next pass
                raise
            # The portal is down or the page changed shape: keep serving the copy we hold,
            # and check again after the interval rather than on every visit.
            source.checked_at = time.time()
            services.store.put_source(address, asdict(source))
            return get_article(services, source.article_id)
    finally:
        services.store.release_lock(lock, token)


def _fetch_and_ingest(
    services: Services, address: str, source: Source | None, admit_audio: Callable[[], None] | None
) -> Article:
    """One (conditional) fetch of ``address``; the article ingested and its state stored."""
    asked = Request(etag=source.etag, last_modified=source.last_modified) if source else None
    page = services.fetcher.fetch(address, asked)
    services.store.incr("portal_fetches")
    now = time.time()
    if page.not_modified and source is not None:
        source.checked_at = now
        services.store.put_source(address, asdict(source))
        return get_article(services, source.article_id)
    article, changed = ingest(
        services,
        page.body,
        url=page.url,
        article_id=source.article_id if source else None,
        content_type=page.content_type,
        admit=admit_audio,
    )
    state = Source(
        address,
        article.id,
        page.etag,
        page.last_modified,
        checked_at=now,
        changed_at=now if changed or source is None else source.changed_at,
        lastmod=source.lastmod if source else "",
    )
    services.store.put_source(address, asdict(state))
    return article


def _await(services: Services, address: str) -> Article:
    """The new article another caller is fetching, once its state is stored; refused if it fails."""
    lock = keys.fetch_lock(address)
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        time.sleep(POLL_S)
        source = get_source(services, address)
        if source is not None:
            return get_article(services, source.article_id)
        token = services.store.acquire_lock(lock, POLL_S)  # free: the holder gave up
        if token is not None:
            services.store.release_lock(lock, token)
            break
    source = get_source(services, address)
    if source is not None:  # the holder finished between our two looks
        return get_article(services, source.article_id)
    raise FetchError(detail=address)
