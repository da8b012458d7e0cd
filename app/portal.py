"""A portal's article by its address: fetched and ingested once, however many ask at once.

The snippet on a portal page (and ``GET /embed?url=``) names an article by its address. A known
address is answered from the store; a new one, or a known one not checked for
``refetch_interval_s``, is fetched on the services' fetch pool, never on the asking thread: one
flight per address in a process, and across processes the store lock ``fetch:<digest>`` (held by
the pool thread that fetches), conditionally (with the validators kept in the address's source
state), then ingested through the pipeline, which makes again only the sentences that changed.

A visitor (``visit``) waits for the flight at most ``fetch_wait_s``; then a new address is
"pending" (``None``: ask again in ``RETRY_AFTER_S``) and a known one answers the copy held. A failed
fetch ends every waiter at once and, for a new address, is remembered in the store for
``fetch_failure_ttl_s``: visitors get it again without a fetch. ``article_for_url`` (the watcher,
tests) waits for the end and tries a remembered failure again. ``_counted`` is the one place a
fetch ends, with its outcome (``OUTCOMES``). The URL is checked against the allow-list before
anything is read or written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from app import metrics
from app.errors import (
    BaonoiError,
    FetchError,
    FetchesBusy,
    HostNotAllowed,
    InputError,
    RateLimited,
    error_for,
)
from app.fetch import Request
from app.fetch.policy import Target, check_url
from app.fetch.pool import Flight
from app.fetch.rules import REFUSAL_OUTCOMES
from app.models import Article
from app.pipeline import get_article, ingest
from app.services import Services
from app.store import keys, worklog

log = logging.getLogger(__name__)

LOCK_TTL_S = 60.0  # longer than a fetch (10 s) and an ingest; a dead holder's lock expires
POLL_S = 0.05  # how often a caller looks at the store while another process fetches
HOST_WINDOW_S = 60
RETRY_AFTER_S = 2  # a "pending" answer asks to be asked again after this
OUTCOMES = ("ok", "not_modified", "failed", "refused", "timeout")  # how a portal fetch ends
Gate = Callable[[], None]  # a limit checked before work; raises ``RateLimited``
# A flight's mode: a visitor's (remembered failures stand), a retry (they are tried again), a
# forced re-check (whatever the address's age). Each mode has its own flight of an address.
VISIT, RETRY, FORCE = "visit", "retry", "force"


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
    admit: Gate | None = None,
    admit_audio: Gate | None = None,
    force: bool = False,
) -> Article:
    """The article at ``url`` (an allowed host), fetched and ingested when new or due.

    Waits for the fetch however long it takes (at most its deadline) and tries a remembered
    failure again: for the watcher and the command line, not for request threads (``visit``).
    ``admit`` runs before a fetch (a per-client limit); ``admit_audio`` before a new audio job.
    ``force`` re-checks the address whatever its age (the watcher, on a changed ``lastmod``).
    """
    article = _lookup(services, url, admit, admit_audio, mode=FORCE if force else RETRY)
    if article is None:  # never: it waited for the end, however long
        raise FetchError(detail=url)
    return article


def visit(
    services: Services,
    url: str,
    *,
    admit: Gate | None = None,
    admit_audio: Gate | None = None,
) -> Article | None:
    """What a visitor gets: the article, or None while a new address is being fetched.

    Waits at most ``fetch_wait_s`` (and only while a waiting place is free); a remembered failure
    of the address is raised again without a fetch.
    """
    return _lookup(services, url, admit, admit_audio, mode=VISIT)


def _lookup(
    services: Services, url: str, admit: Gate | None, admit_audio: Gate | None, *, mode: str
) -> Article | None:
    """The article at ``url``; None when a visitor's wait ran out before its fetch ended."""
    address = canonical(url, services)
    wait_s = services.settings.fetch_wait_s if mode == VISIT else None
    deadline = None if wait_s is None else time.monotonic() + wait_s
    while True:
        source = get_source(services, address)
        if source is not None and mode != FORCE and not _due(services, source):
            return get_article(services, source.article_id)
        if source is None and mode == VISIT:
            if (failure := services.store.get_failure(address)) is not None:
                raise failure_error(failure)
        try:
            flight = _flight(services, address, source, admit, admit_audio, mode)
        except (RateLimited, FetchesBusy):
            if source is None or mode == FORCE:
                raise
            return get_article(services, source.article_id)  # over a limit: the copy stands
        if not services.fetch_pool.wait(flight, _left(deadline)):
            return get_article(services, source.article_id) if source else None
        article = flight.result()
        if article is not None:
            return article
        if source is not None and mode != FORCE:  # another process re-checks it: the copy stands
            return get_article(services, source.article_id)
        if not _await_elsewhere(services, address, deadline):
            return None
        # The other process ended: its article or failure is stored (or its lock expired).


def _left(deadline: float | None) -> float | None:
    """Seconds to the deadline (None: no deadline), never below zero."""
    return None if deadline is None else max(deadline - time.monotonic(), 0.0)


def _due(services: Services, source: Source) -> bool:
    """Whether a known address is old enough to be checked again."""
    return time.time() - source.checked_at >= services.settings.refetch_interval_s


def _flight(
    services: Services,
    address: str,
    source: Source | None,
    admit: Gate | None,
    admit_audio: Gate | None,
    mode: str,
) -> Flight[Article | None]:
    """The flight fetching ``address`` in this mode: the one under way, or a new one (admitted)."""
    pool, key = services.fetch_pool, f"{mode} {address}"
    if (running := pool.flight(key)) is not None:
        return running  # type: ignore[return-value]
    if admit is not None:
        admit()  # only a caller that starts a fetch is counted
    seen = source.checked_at if source else None
    host = address.split("/", 3)[2]

    def work() -> Article | None:
        return _fetch_once(services, address, seen, admit_audio, mode)

    return pool.start(key, host, work)


def _await_elsewhere(services: Services, address: str, deadline: float | None) -> bool:
    """Wait (bounded) while another process fetches ``address``; whether it ended."""
    lock = keys.fetch_lock(address)
    with services.fetch_pool.waiting(_left(deadline)) as allowed:
        end = None if allowed is None else time.monotonic() + allowed
        while True:
            if get_source(services, address) is not None:
                return True
            if services.store.get_failure(address) is not None:
                return True
            token = services.store.acquire_lock(lock, POLL_S)  # free: the holder ended or died
            if token is not None:
                services.store.release_lock(lock, token)
                return True
            if end is not None and time.monotonic() + POLL_S > end:
                return False
            time.sleep(POLL_S)


def _fetch_once(
    services: Services,
    address: str,
    seen: float | None,
    admit_audio: Gate | None,
    mode: str,
) -> Article | None:
    """On a pool thread: fetch and ingest ``address`` under its store lock; None if held elsewhere.

    ``seen`` is when the address was last checked as the caller first read it (None: unknown).
    """
    lock = keys.fetch_lock(address)
    token = services.store.acquire_lock(lock, LOCK_TTL_S)
    if token is None:
        return None
    try:
        source = get_source(services, address)
        if source is not None and source.checked_at != seen and mode != FORCE:
            return get_article(services, source.article_id)  # another caller just checked it
        if source is None and mode == VISIT:
            if (failure := services.store.get_failure(address)) is not None:
                raise failure_error(failure)  # it failed while we waited for the lock
        return _fetch(services, address, source, admit_audio, force=mode == FORCE)
    finally:
        services.store.release_lock(lock, token)
        services.store.release()  # a pool thread gives its connection back between fetches


def _fetch(
    services: Services,
    address: str,
    source: Source | None,
    admit_audio: Gate | None,
    force: bool,
) -> Article:
    """One fetch; a failure of a new address remembered, a failed re-check keeping the copy."""
    try:
        return _counted(services, address, source, admit_audio)
    except RateLimited:
        if source is None or force:
            raise
        return get_article(services, source.article_id)  # over the host's limit: the copy stands
    except (FetchError, InputError) as error:
        if source is None:
            ttl = services.settings.fetch_failure_ttl_s
            if ttl:
                services.store.put_failure(address, failure_state(error), ttl)
            raise
        if force:  # the watcher reports it and tries again next pass
            raise
        # The portal is down or the page changed shape: keep serving the copy we hold,
        # and check again after the interval rather than on every visit.
        source.checked_at = time.time()
        services.store.put_source(address, asdict(source))
        return get_article(services, source.article_id)


def _counted(
    services: Services, address: str, source: Source | None, admit_audio: Gate | None
) -> Article:
    """``_fetch_and_ingest``, its end counted by outcome: the one place a portal fetch ends."""
    started, outcome = time.monotonic(), "failed"
    try:
        article, outcome = _fetch_and_ingest(services, address, source, admit_audio)
        return article
    except BaseException as error:
        outcome = outcome_of(error)
        if isinstance(error, BaonoiError):
            failed = failure_state(error) | {"url": address, "outcome": outcome}
            services.store.work_log().record(worklog.FETCH, failed)
        raise
    finally:
        services.store.incr("portal_fetches")
        services.store.incr(f"portal_fetches:{outcome}")
        metrics.count_fetch(outcome)
        log.info("portal fetch %s %s %.2f s", outcome, address, time.monotonic() - started)


def outcome_of(error: BaseException) -> str:
    """How a fetch that raised ``error`` is counted: refused, timeout or failed."""
    if isinstance(error, HostNotAllowed | RateLimited):
        return "refused"
    return REFUSAL_OUTCOMES.get(getattr(error, "reason", ""), "failed")


def failure_state(error: BaonoiError) -> dict[str, Any]:
    """A failed fetch as the store remembers it."""
    return {
        "code": error.code,
        "en": error.message_en,
        "vi": error.message_vi,
        "detail": error.detail,
        "reason": error.reason,
    }


def failure_error(state: dict[str, Any]) -> BaonoiError:
    """A remembered failure, raised again as the error it was."""
    code = str(state.get("code", ""))
    kind = type(error_for(code))
    if kind.code != code:
        kind = FetchError
    error = kind(
        str(state.get("en", kind.message_en)),
        str(state.get("vi", kind.message_vi)),
        detail=str(state.get("detail", "")),
    )
    error.reason = str(state.get("reason", ""))
    return error


def _fetch_and_ingest(
    services: Services, address: str, source: Source | None, admit_audio: Gate | None
) -> tuple[Article, str]:
    """One (conditional) fetch of ``address`` within the host's limit; the article and outcome."""
    host_admit(services, address)
    asked = Request(etag=source.etag, last_modified=source.last_modified) if source else None
    page = services.fetcher.fetch(address, asked)
    now = time.time()
    if page.not_modified and source is not None:
        source.checked_at = now
        services.store.put_source(address, asdict(source))
        return get_article(services, source.article_id), "not_modified"
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
    return article, "ok"
