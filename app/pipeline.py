"""The order of things: ``ingest`` a page (or ``ingest_url``), ``plan`` its speech, ``synthesize``.

Only this module knows the order of the steps; web views, CLI commands and workers call it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from app import deletion, metrics
from app.audiostate import audio_state, reuse
from app.clean import sanitize
from app.errors import (
    BaonoiError,
    Busy,
    DeadlinePassed,
    NotFound,
    RateLimited,
    SynthesisError,
)
from app.extract import extract
from app.identity import check_id, known_id, version_of
from app.jobs import Heartbeat
from app.models import Article, AudioInfo, AudioStatus, Block, safe_text
from app.planning import (
    Plan,
    SpokenBudget,
    check_length,
    job_subject,
    plan,
    split_subject,
    voice_key,
)
from app.services import Services
from app.speech.engines import Engine
from app.speech.normalize import NORMALIZER_VERSION
from app.speech.render import Rendered, lead_in, speak
from app.speech.segment import block_sentences, heading_sentences
from app.store import files, keys, worklog
from app.store.audioset import AudioSetWriter

RENDER_SHARE = 0.95  # progress reported while sentences are spoken and encoded; the rest: files
LONG_ARTICLE_CHARS = 8_400  # about ten minutes of speech: made in a lane of its own


def extract_article(
    data: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    max_bytes: int | None = None,
    budget: SpokenBudget | None = None,
) -> Article:
    """Page bytes (at most ``max_bytes`` once inflated) to a cleaned article (no id or version).

    With a ``budget``, an article that speaks too long is refused as soon as that is known.
    """
    limits = {} if max_bytes is None else {"max_bytes": max_bytes}
    article = extract(data, url=url, content_type=content_type, **limits)
    article.source_url = url
    if budget is not None:
        budget.add(heading_sentences(safe_text(article.title), safe_text(article.lead)))
    blocks = []
    for block in article.blocks:
        html = sanitize(block.html, base_url=url)
        cleaned = Block(block.kind, safe_text(block.text), safe_text(html))
        if cleaned.html.strip() or cleaned.text:
            if budget is not None:
                budget.add(block_sentences(cleaned))
            blocks.append(cleaned)
    article.blocks = blocks
    return article.xml_safe()


def ingest(
    services: Services,
    data: bytes,
    *,
    url: str | None = None,
    article_id: str | None = None,
    content_type: str | None = None,
    queue_audio: bool = True,
    admit: Callable[[], None] | None = None,
) -> tuple[Article, bool]:
    """Extract, clean and store a page; queue its audio. Returns the article and whether new.

    ``admit`` may refuse the audio job (``RateLimited``): the article is stored all the same and
    its audio is made when someone first listens.
    """
    max_bytes = services.settings.max_body_mb * 1024 * 1024
    budget = SpokenBudget(services.settings.max_article_chars, services.lexicon)
    article = extract_article(
        data, url=url, content_type=content_type, max_bytes=max_bytes, budget=budget
    )
    article.id = check_id(article_id) if article_id else known_id(services, article)
    article.version = version_of(article)
    existing = services.store.get_article(article.id)
    if existing is not None and existing.version == article.version:
        return existing, False
    article.created_at = existing.created_at if existing else time.time()
    article.audio_key = check_length(services, plan(services, article, known=budget.spoken)).key
    services.store.put_article(article)
    if queue_audio:
        try:
            request_audio(services, article, admit)
        except RateLimited:
            pass  # stored; the first listener's request queues the audio
    return article, True


def ingest_url(
    services: Services,
    url: str,
    *,
    article_id: str | None = None,
    queue_audio: bool = True,
    admit: Callable[[], None] | None = None,
) -> tuple[Article, bool]:
    """Fetch ``url`` through the services' fetcher (allow-list and all), then ``ingest`` it."""
    page = services.fetcher.fetch(url)
    return ingest(
        services,
        page.body,
        url=page.url,
        article_id=article_id,
        content_type=page.content_type,
        queue_audio=queue_audio,
        admit=admit,
    )


def get_article(services: Services, article_id: str) -> Article:
    """The stored article, or ``NotFound``."""
    article = services.store.get_article(article_id)
    if article is None:
        raise NotFound("No article with this id", "Không có bài viết với mã này")
    return article


def delete_article(services: Services, article_id: str) -> None:
    """Remove an article and all its audio: every voice's and version's files, live files, audio
    records, cached sentences; a waiting job is dropped, a running one stops and keeps nothing.
    """
    article = get_article(services, article_id)
    audio_keys = deletion.keys_of(services, article)
    services.store.delete_article(article.id)  # from here a running job stops at its next sentence
    deletion.remove_audio(services, article, audio_keys)


def request_audio(
    services: Services,
    article: Article,
    admit: Callable[[], None] | None = None,
    interactive: bool = False,
    voice: str | None = None,
    client: str = "",
) -> AudioInfo:
    """The audio state, with a job queued unless it is ready, queued or running.

    ``admit`` runs just before a new job is queued and may refuse it (a rate limit).
    ``interactive``: a listener is waiting, so the job goes (or moves) ahead of background work.
    ``voice``: the listener's choice among ``BAONOI_VOICES`` (None: the default voice).
    ``client``: who asks (listener lanes are shared fairly by client; ``JobsBusy`` past a share).
    """
    voice = voice if services.choice(voice) else None
    key = voice_key(services, article, voice)
    subject = job_subject(article.id, voice)
    info = audio_state(services, article, key)
    stale = time.time() - info.updated_at > services.lock_ttl_s
    long = len(article.title) + len(article.text) > LONG_ARTICLE_CHARS
    if info.status is AudioStatus.READY:
        return info
    if info.status in (AudioStatus.QUEUED, AudioStatus.RUNNING) and not stale:
        if interactive and info.status is AudioStatus.QUEUED:
            services.queue.submit(subject, key, interactive=True, long=long, client=client)
        return info
    was_running = info.status is AudioStatus.RUNNING
    if admit is not None:
        admit()
    queued = AudioInfo(key=key, status=AudioStatus.QUEUED, updated_at=time.time(), subject=subject)
    services.store.note_audio_key(article.id, key)  # a delete finds every voice's audio
    services.store.put_audio(key, queued)
    if voice is not None:  # the console's list shows each voice's state by this key
        services.store.catalog().note_voice(article.id, voice, key)
    try:
        services.queue.submit(
            subject, key, stale=was_running, interactive=interactive, long=long, client=client
        )
    except BaonoiError:
        services.store.put_audio(key, info)  # refused (JobsBusy): the state stays as it was
        raise
    return queued


def synthesize(services: Services, article_id: str, voice: str | None = None) -> AudioInfo:
    """Make the article's audio files unless they exist; one synthesis per key at a time.

    ``voice``: a listener's other voice (``BAONOI_VOICES``); None for the default.
    """
    article = get_article(services, article_id)
    voice = voice if services.choice(voice) else None
    the_plan = plan(services, article, voice)
    if voice is None and the_plan.key != article.audio_key:  # engine or normalizer changed
        article.audio_key = the_plan.key
        services.store.put_article(article)
    info = audio_state(services, article, the_plan.key)
    if info.status is AudioStatus.READY:  # made before (maybe elsewhere): record it here too
        services.store.put_audio(the_plan.key, info)
        return info
    lock = keys.synth_lock(the_plan.key)
    token = services.store.acquire_lock(lock, services.lock_ttl_s)
    if token is None:
        raise Busy()
    try:
        services.store.note_audio_key(article.id, the_plan.key)
        subject = job_subject(article.id, voice)
        return _make_audio(services, the_plan, token, services.engine_for(voice), subject)
    except Exception as exc:
        files.remove_set(services.audio_dir, the_plan.key)  # no half-made set is left behind
        if services.store.get_article(article.id) is None:  # deleted meanwhile: nothing kept
            services.store.delete_audio(the_plan.key)
            raise
        code = exc.code if isinstance(exc, BaonoiError) else SynthesisError.code
        failed = AudioInfo(
            key=the_plan.key,
            status=AudioStatus.FAILED,
            error=str(exc),
            error_code=code,
            updated_at=time.time(),
        )
        services.store.put_audio(the_plan.key, failed)
        entry = worklog.job_failure(job_subject(article.id, voice), failed)
        services.store.work_log().record(worklog.JOB, entry)
        raise
    finally:
        services.store.release_lock(lock, token)


def _make_audio(
    services: Services, the_plan: Plan, token: str, engine: Engine, subject: str
) -> AudioInfo:
    """Render, encode and store one plan's files with ``engine`` (the caller holds its lock).

    The article deleted meanwhile: ``NotFound`` at the next sentence (the caller removes all).
    """
    key, store = the_plan.key, services.store
    info = AudioInfo(
        key=key,
        status=AudioStatus.RUNNING,
        engine=engine.name,
        voice=engine.voice,
        updated_at=time.time(),
        subject=subject,
    )
    article_id = split_subject(subject)[0]
    store.put_audio(key, info)
    allowed = services.settings.synth_deadline_s
    deadline = time.monotonic() + allowed if allowed else float("inf")

    def progress(fraction: float) -> None:
        if time.monotonic() > deadline:  # the caller removes whatever was made
            raise DeadlinePassed(detail=f"after {allowed} s")
        if store.get_article(article_id) is None:
            raise NotFound("The article was deleted", "Bài đã bị xoá")
        if fraction - info.progress >= 0.05 or fraction == 1.0:
            info.progress, info.updated_at = round(fraction * RENDER_SHARE, 3), time.time()
            store.put_audio(key, info)

    def beat() -> None:
        store.refresh_lock(keys.synth_lock(key), token, services.lock_ttl_s)
        info.updated_at = time.time()
        store.put_audio(key, info)

    with Heartbeat(beat, services.lock_ttl_s / 4, finish=store.release):
        _render_and_store(services, the_plan, info, progress, engine)
    info.status, info.progress, info.updated_at = AudioStatus.READY, 1.0, time.time()
    info.subject = ""
    store.put_audio(key, info)
    return info


def _render_and_store(
    services: Services,
    the_plan: Plan,
    info: AudioInfo,
    progress: Callable[[float], None],
    engine: Engine,
) -> None:
    """Speak every unit into the streaming writer, unless a finished set is already on disk."""
    key, store = the_plan.key, services.store
    if reuse(services, key, info):
        return
    spoken = Rendered(np.zeros(0, dtype=np.int16))  # who spoke what (the samples go to the writer)
    with AudioSetWriter(services.audio_dir, key) as out:
        out.write(lead_in())
        for piece in speak(the_plan.units, engine, services.audio_dir / "units", progress):
            spoken.synthesized += piece.new
            spoken.voices[piece.timing.engine] = piece.voice
            spoken.timings.append(piece.timing)
            out.write(piece.samples, piece.timing)
        # Counted before the manifest makes the set visible: whoever sees it made sees its count.
        store.incr("syntheses")
        store.incr("sentences_synthesized", spoken.synthesized)
        for name, count in spoken.engines.items():  # the voices heard, for /healthz
            store.incr(keys.heard(name, spoken.voices[name]), count)
        info.duration_s = round(out.position_s, 3)
        info.engine, info.voice = spoken.main_voice or (engine.name, engine.voice)
        info.engines = spoken.engines
        info.files, info.digests = out.finish(
            {
                "duration_s": info.duration_s,
                "engine_name": info.engine,
                "voice": info.voice,
                "engines": info.engines,
                "engine": engine.version,
                "normalizer": NORMALIZER_VERSION,
            }
        )
    removed = files.evict(
        services.audio_dir,
        services.settings.audio_cache_max_mb * 1024 * 1024,
        store.audio_keys_in_use(),
    )
    metrics.count_evictions(len(removed))
