"""An article's audio, all of it, found and removed (``pipeline.delete_article`` orders the steps).

Every key the article had: its own, each listener voice's (``BAONOI_VOICES``), and every key noted
for it in the store (older versions, voices no longer offered). A key another article still has as
its own is kept.
"""

from __future__ import annotations

import time

from app.models import Article
from app.planning import plan, voice_key
from app.services import Services
from app.speech.render import forget
from app.store import files, keys

DELETE_WAIT_S = 10.0  # a delete waits this long for a running job of the article to stop


def _voices(services: Services) -> list[str | None]:
    """The default voice (None) and every other voice listeners may choose."""
    return [None, *(choice.id for choice in services.voice_choices[1:])]


def keys_of(services: Services, article: Article) -> set[str]:
    """Every audio key the article has or had, in any voice."""
    found = {article.audio_key, *services.store.audio_keys_of(article.id)}
    found |= {voice_key(services, article, voice) for voice in _voices(services)}
    return found - {""}


def remove_audio(services: Services, article: Article, audio_keys: set[str]) -> None:
    """Remove the sets, live files, records and cached sentences of a deleted article's keys;
    a waiting job is dropped, a running one is waited for (it stops at its next sentence)."""
    units = plan(services, article).units
    for voice in _voices(services):
        forget(units, services.engine_for(voice), services.audio_dir / "units")
    for key in sorted(audio_keys - services.store.audio_keys_in_use()):
        services.queue.discard(key)
        _wait_unlocked(services, key)
        files.remove_set(services.audio_dir, key)
        files.remove_leftovers(services.audio_dir, key)
        services.store.delete_audio(key)


def _wait_unlocked(services: Services, key: str, limit_s: float = DELETE_WAIT_S) -> None:
    """Wait (at most ``limit_s``) until no job holds the synthesis lock of ``key``."""
    lock, deadline = keys.synth_lock(key), time.monotonic() + limit_s
    while (token := services.store.acquire_lock(lock, 1.0)) is None:
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)
    services.store.release_lock(lock, token)
