"""Work a dead process left behind, taken back: an in-process queue's start, an idle worker's sweep.

The embedded store frees a dead process's locks at once (``recover_abandoned``); an RQ worker that
died mid-job is found by its stale heartbeat and its job queued again (``retake_stale``).
"""

from __future__ import annotations

import time

from app.models import UNFINISHED, AudioInfo, AudioStatus
from app.pipeline import request_audio
from app.planning import plan, split_subject
from app.services import Services
from app.store import files, keys


def recover_abandoned(services: Services, requeue: bool = True) -> list[str]:
    """Take back the syntheses a dead process of this store left (at an in-process queue's start).

    Their locks are freed at once (not after their TTL), their live MP3 and partial files removed.
    Every job that was running or waiting and runs nowhere now is queued again here (its record
    names its subject), so nothing stays "queued" or is shown as never made. Returns their keys.
    Without ``requeue`` (a one-off command), only the dead processes' locks and files are taken.
    """
    recovered = []
    for name in services.store.reclaim_dead_locks():
        key = keys.key_of_synth_lock(name)
        if key is None:
            continue
        if not requeue and services.store.get_audio(key).status in UNFINISHED:
            services.store.put_audio(key, AudioInfo(key=key, updated_at=time.time()))
        files.remove_leftovers(services.audio_dir, key)  # with ``requeue``: queued again below
        recovered.append(key)
    for info in services.store.unfinished_audio() if requeue else []:
        if _held(services, info.key):
            continue  # another living process of this store runs it
        files.remove_leftovers(services.audio_dir, info.key)
        services.store.put_audio(info.key, AudioInfo(key=info.key, updated_at=time.time()))
        article_id, voice = split_subject(info.subject)
        article = services.store.get_article(article_id) if info.subject else None
        if article is not None:
            request_audio(services, article, voice=voice)
        if info.key not in recovered:
            recovered.append(info.key)
    return recovered


def _held(services: Services, key: str) -> bool:
    """Whether a living process holds the synthesis lock of ``key``."""
    lock = keys.synth_lock(key)
    token = services.store.acquire_lock(lock, 1.0)
    if token is None:
        return True
    services.store.release_lock(lock, token)
    return False


def retake_stale(services: Services) -> list[str]:
    """Queue again the started jobs whose runner stopped beating for the lock's lifetime (it
    died), without waiting for a listener to ask; their article ids."""
    retaken = []
    for subject in services.queue.started():  # ``id`` or ``id#voice``
        article_id, voice = split_subject(subject)
        article = services.store.get_article(article_id)
        if article is None:
            continue
        key = article.audio_key if voice is None else plan(services, article, voice).key
        info = services.store.get_audio(key)
        stale = time.time() - info.updated_at > services.lock_ttl_s
        if info.status is AudioStatus.RUNNING and stale:
            request_audio(services, article, voice=voice)  # a stale job is dropped, queued anew
            retaken.append(subject)
    return retaken
