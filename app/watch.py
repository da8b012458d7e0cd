"""``baonoi watch``: read feeds on allowed hosts and ingest their new and changed articles.

What the watcher has seen lives in the store, with each address's source state (article id,
validators, the feed's date for it), so a restart does no work twice: an address already known
whose feed date has not changed is skipped; one whose date changed is re-fetched conditionally
(a 304 costs nothing, changed text re-ingests and only changed sentences are spoken again). A feed
is itself fetched conditionally.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field

from app.errors import BaonoiError, RateLimited
from app.fetch import Request
from app.fetch.feeds import Entry, parse_feed
from app.fetch.rules import FEED_TYPES
from app.portal import Source, article_for_url, canonical, get_source
from app.services import Services

# Wraps a feed's entries for the caller (a progress bar on a terminal).
Progress = Callable[[list[Entry]], AbstractContextManager[Iterable[Entry]]]


@dataclass
class Report:
    """What one pass over a feed did."""

    feed: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, error code)
    deferred: int = 0  # left for the next pass: the host's fetch limit was reached
    feed_unchanged: bool = False


def read_feed(services: Services, feed_url: str) -> list[Entry] | None:
    """The feed's entries, or None when it has not changed since the last pass (304)."""
    address = canonical(feed_url, services)
    known = get_source(services, address)
    asked = Request(
        types=FEED_TYPES,
        etag=known.etag if known else "",
        last_modified=known.last_modified if known else "",
    )
    page = services.fetcher.fetch(address, asked)
    if page.not_modified:
        return None
    entries = parse_feed(page.body)
    # Stored once the feed parsed: a refused feed leaves nothing behind.
    state = Source(address, "", page.etag, page.last_modified, checked_at=time.time())
    services.store.put_source(address, asdict(state))
    return entries


def watch_feed(services: Services, feed_url: str, progress: Progress | None = None) -> Report:
    """One pass over a feed: every new or changed article on an allowed host ingested.

    The pass is kept in the store as the feed's last (``worklog.record_pass``), a failed one too.
    """
    try:
        report = _pass(services, feed_url, progress)
    except BaonoiError as error:
        failed = {"error": error.code, "vi": error.message_vi, "en": error.message_en}
        services.store.work_log().record_pass(feed_url, failed)
        raise
    services.store.work_log().record_pass(feed_url, summary(report))
    return report


def summary(report: Report) -> dict[str, object]:
    """A pass's counts, as the store keeps them."""
    return {
        "new": len(report.new),
        "changed": len(report.changed),
        "unchanged": report.unchanged,
        "failed": len(report.failed),
        "deferred": report.deferred,
        "feed_unchanged": report.feed_unchanged,
    }


def _pass(services: Services, feed_url: str, progress: Progress | None) -> Report:
    """The pass itself."""
    report = Report(feed_url)
    entries = read_feed(services, feed_url)
    if entries is None:
        report.feed_unchanged = True
        return report
    with (progress or nullcontext)(entries) as each:
        for done, entry in enumerate(each):
            try:
                _one(services, entry, report)
            except RateLimited:  # BAONOI_HOST_FETCHES_PER_MINUTE: the rest waits for next pass
                report.deferred = len(entries) - done
                break
    return report


def _one(services: Services, entry: Entry, report: Report) -> None:
    """Ingest one feed entry if it is new or its date changed; note what happened."""
    try:
        address = canonical(entry.url, services)
        known = get_source(services, address)
        if known is not None and entry.lastmod and entry.lastmod == known.lastmod:
            report.unchanged += 1
            return
        before = services.store.get_article(known.article_id) if known else None
        # A changed date re-checks now; an undated entry when BAONOI_REFETCH_INTERVAL_S is up.
        article = article_for_url(services, address, force=bool(known and entry.lastmod))
    except RateLimited:
        raise
    except BaonoiError as error:
        report.failed.append((entry.url, error.code))
        return
    state = get_source(services, address)
    if state is not None:
        state.lastmod = entry.lastmod
        services.store.put_source(address, asdict(state))
    if before is None:
        report.new.append(article.id)
    elif before.version != article.version:
        report.changed.append(article.id)
    else:
        report.unchanged += 1
