"""An editor's re-make of an article's audio in every voice, through the pipeline's steps."""

from __future__ import annotations

import time

from app.audiostate import audio_state
from app.models import AudioInfo, AudioStatus
from app.pipeline import get_article, request_audio
from app.planning import plan, voice_key
from app.services import Services
from app.store import files


def remake(services: Services, article_id: str) -> list[AudioInfo]:
    """Make the article's audio again in every voice (an editor asked): its plan taken anew.

    A finished set is removed and queued again; the per-sentence cache keeps each sentence its
    member spoke, so only the sentences no longer cached (or a fallback member spoke) are spoken.
    A set queued or being made is left to finish.
    """
    article = get_article(services, article_id)
    key = plan(services, article).key
    if key != article.audio_key:  # the lexicon, engine or normalizer changed since
        article.audio_key = key
        services.store.put_article(article)
    states = []
    for voice in [None, *(choice.id for choice in services.voice_choices[1:])]:
        key = voice_key(services, article, voice)
        if audio_state(services, article, key).status is AudioStatus.READY:
            files.remove_set(services.audio_dir, key)
            services.store.put_audio(key, AudioInfo(key=key, updated_at=time.time()))
        states.append(request_audio(services, article, voice=voice))
    return states
