"""A lexicon change and what it changes: the sentences that now sound otherwise, re-made.

A lexicon entry changes a sentence only where its written form occurs in that sentence (the
lexicon is applied first, to the sentence as written). So the articles to look at are found by a
substring scan of the store (``LexiconStore.mentioning``); in each, only the sentences holding a
changed written form are normalized twice (before and after). The articles whose spoken form
changed get their new audio key and a re-making job; the per-sentence cache
(``app.speech.render``) keeps every sentence that did not change, so only the changed ones reach
the engine.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field

from app.errors import BaonoiError, NotFound
from app.models import Article
from app.pipeline import plan, request_audio
from app.services import Services
from app.speech.normalize import normalize
from app.speech.segment import segment
from app.speech.structure import CAPTION_PREFIX, ITEM_PREFIX
from app.store.lexicon import Entry, check_entry

log = logging.getLogger(__name__)
EXAMPLES = 20  # changed sentences shown after a change
SYNC_REMAKES = 50  # with a budget, more changed articles than this are re-keyed in the background
MAX_FRAGMENTS = 200  # past this many changed forms, every article is looked at (one pass)
# Words the reading adds to an article's own text ("Ảnh: …", "Mục 1: …", "năm 2020 …"): an
# entry made only of these may change articles that never write it.
ADDED_WORDS = frozenset(
    re.findall(r"\w+", f"{CAPTION_PREFIX} {ITEM_PREFIX.format(number=1)} năm".lower())
)


@dataclass(frozen=True, slots=True)
class Changed:
    """One sentence whose spoken form a change altered."""

    article_id: str
    title: str
    text: str
    before: str
    after: str


@dataclass(slots=True)
class Impact:
    """What a lexicon change did: articles and sentences changed, re-making queued."""

    articles: list[str] = field(default_factory=list)  # ids of the articles that sound otherwise
    sentences: int = 0  # sentences (in all those articles) whose spoken form changed
    new_forms: int = 0  # distinct new spoken forms: at most this many sentences to synthesize
    examples: list[Changed] = field(default_factory=list)
    queued: int = 0  # articles whose re-making was queued
    seconds: float = 0.0  # how long finding them took
    partial: bool = False  # the rest is looked through (and re-made) in the background
    later: bool = False  # the articles found are re-made from the background (too many to wait)


def fragments(written: str) -> list[str]:
    """What a stored article must contain for ``written`` to occur in one of its sentences.

    The reading lower-cases the first letter of a table's header cells and adds a few words of
    its own, so the fragment is the longest word of the entry that the reading never adds, in
    both cases of its first letter; [""] (every article) when there is no such word.
    """
    words = [w for w in re.findall(r"\w+", written) if w.lower() not in ADDED_WORDS]
    words = [w for w in words if not w.isdigit()]
    if not words:
        return [""]
    word = max(words, key=len)
    return sorted({word, word[:1].upper() + word[1:], word[:1].lower() + word[1:]})


def candidates(services: Services, written: Collection[str]) -> Iterator[Article]:
    """Every stored article that may say one of the ``written`` forms (a superset, each once)."""
    wanted = sorted({f for w in written for f in fragments(w)})
    if "" in wanted or len(wanted) > MAX_FRAGMENTS:
        wanted = [""]
    yield from services.store.lexicon().mentioning(wanted)


def _sentence_changes(
    article: Article, before: Mapping[str, str], after: Mapping[str, str], written: Collection[str]
) -> list[Changed]:
    """The sentences of ``article`` that ``before`` and ``after`` read differently."""
    found: list[Changed] = []
    for unit in segment(article):
        text = unicodedata.normalize("NFC", unit.text)
        if not any(w in text for w in written):
            continue  # the lexicon applies to the sentence as written: nothing else can change
        old, new = normalize(unit.text, before), normalize(unit.text, after)
        if old != new:
            found.append(Changed(article.id, article.title, unit.text, old, new))
    return found


def _scan(
    pending: Iterator[Article],
    change: tuple[Mapping[str, str], Mapping[str, str], Collection[str]],
    result: Impact,
    changed: list[Article],
    deadline: float = float("inf"),
) -> bool:
    """Look through ``pending`` articles for what ``change`` (before, after, written forms)
    alters, into ``result`` and ``changed``; False when ``deadline`` stopped it first."""
    before, after, written = change
    forms = {c.after for c in result.examples}
    for article in pending:
        sentences = _sentence_changes(article, before, after, written)
        if sentences:
            changed.append(article)
            result.articles.append(article.id)
            result.sentences += len(sentences)
            forms.update(s.after for s in sentences)
            result.examples.extend(sentences[: EXAMPLES - len(result.examples)])
        result.new_forms = max(result.new_forms, len(forms))
        if time.monotonic() > deadline:
            return False
    return True


def impact(
    services: Services,
    before: Mapping[str, str],
    after: Mapping[str, str],
    written: Collection[str],
) -> tuple[Impact, list[Article]]:
    """Which articles and sentences the change ``before`` -> ``after`` of ``written`` alters."""
    started, result = time.monotonic(), Impact()
    changed: list[Article] = []
    _scan(candidates(services, written), (before, after, written), result, changed)
    result.seconds = round(time.monotonic() - started, 3)
    return result, changed


def remake(services: Services, articles: list[Article]) -> int:
    """Give each article the audio key of its new spoken form and queue its making; how many."""
    queued = 0
    for stale in articles:
        article = services.store.get_article(stale.id)  # the latest copy, not the scanned one
        if article is None:
            continue
        key = plan(services, article).key
        if key != article.audio_key:
            article.audio_key = key
            services.store.put_article(article)
        request_audio(services, article)
        queued += 1
    return queued


def _changed(
    services: Services, reverted: Mapping[str, str | None], budget_s: float | None = None
) -> Impact:
    """The impact of the change just stored (``reverted``: each changed form's old reading, None
    for a new one), with the re-making of what changed queued. With ``budget_s``, what is not
    looked through by then goes on in a background thread (``Impact.partial``)."""
    live = services.live_lexicon
    after = live.refresh() if live is not None else services.store.lexicon().table()
    before = dict(after)
    for written, old in reverted.items():
        if old is None:
            before.pop(written, None)
        else:
            before[written] = old
    started, result = time.monotonic(), Impact()
    changed: list[Article] = []
    change = (before, after, list(reverted))
    pending = candidates(services, list(reverted))
    deadline = started + budget_s if budget_s is not None else float("inf")
    finished = _scan(pending, change, result, changed, deadline)
    if finished and (budget_s is None or len(changed) <= SYNC_REMAKES):
        result.queued = remake(services, changed)
    else:
        result.partial, result.later = not finished, True
        work = (services, pending, change, changed)
        threading.Thread(target=_finish, args=work, name="lexicon-change", daemon=True).start()
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _finish(
    services: Services,
    pending: Iterator[Article],
    change: tuple[Mapping[str, str], Mapping[str, str], Collection[str]],
    changed: list[Article],
) -> None:
    """The rest of a change too large for its request: looked through, then re-made."""
    rest = Impact()
    try:
        _scan(pending, change, rest, changed)
        queued = remake(services, changed)
        log.info("lexicon change: %d more articles changed, %d re-made", len(rest.articles), queued)
    except BaonoiError:
        log.exception("lexicon change: the rest of the articles were not re-made")
    finally:
        services.store.release()


def save_entry(
    services: Services, written: str, spoken: str, by: str, budget_s: float | None = None
) -> tuple[Entry, Impact]:
    """Add or replace an entry; what it changed (the re-making of that is queued)."""
    written, spoken = check_entry(written, spoken)
    source = services.store.lexicon()
    old = source.get(written)
    entry = Entry(written, spoken, by, time.time())
    source.put(entry)
    if old is not None and old.spoken == spoken:
        return entry, Impact()
    return entry, _changed(services, {written: old.spoken if old else None}, budget_s)


def delete_entry(
    services: Services, written: str, budget_s: float | None = None
) -> tuple[Entry, Impact]:
    """Remove an entry (``NotFound`` when there is none); what that changed."""
    source = services.store.lexicon()
    old = source.get(written)
    if old is None or source.delete(written) is None:
        raise NotFound("No lexicon entry for this word", "Không có mục từ điển cho từ này")
    return old, _changed(services, {written: old.spoken}, budget_s)


def import_table(
    services: Services, table: Mapping[str, str], by: str, replace: bool = False
) -> Impact:
    """Add or replace many entries (``replace``: drop all others); what that changed."""
    source = services.store.lexicon()
    before = source.table()
    source.put_many(table, by, replace=replace)
    after = source.table()
    changed = {w for w in before.keys() | after.keys() if before.get(w) != after.get(w)}
    if not changed:
        return Impact()
    return _changed(services, {w: before.get(w) for w in changed})
