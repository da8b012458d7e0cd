"""Work a dead process left behind, taken back: an in-process queue's start, an idle worker's sweep.

The embedded store frees a dead process's locks at once (``recover_abandoned``); an RQ worker that
died mid-job is found by its stale heartbeat and its job queued again (``retake_stale``).
"""

from __future__ import annotations

import time

from app.models import AudioInfo, AudioStatus
from app.pipeline import request_audio
from app.planning import plan, split_subject
from app.services import Services
from app.store import files, keys


def recover_abandoned(services: Services) -> list[str]:
    """Take back the syntheses a dead process of this store left (at an in-process queue's start).

    Their locks are freed at once (not after their TTL), their audio shown as not made (the next
    listener queues it again), their live MP3 and partial files removed. Returns their keys.
    """
    recovered = []
    for name in services.store.reclaim_dead_locks():
        key = keys.key_of_synth_lock(name)
        if key is None:
            continue
        if services.store.get_audio(key).status in (AudioStatus.RUNNING, AudioStatus.QUEUED):
            services.store.put_audio(key, AudioInfo(key=key, updated_at=time.time()))
        files.remove_leftovers(services.audio_dir, key)
        recovered.append(key)
    return recovered


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
