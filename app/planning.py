"""What an article's audio will be: its spoken units and audio key in a voice (``plan``).

The spoken-length limit is counted here too (``SpokenBudget`` while an article is cleaned,
``check_length`` on a whole plan), and a job's subject names the article and voice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from app import audio
from app.errors import PayloadTooLarge
from app.models import Article
from app.services import Services
from app.speech.normalize import NORMALIZER_VERSION, normalize
from app.speech.render import RENDER_VERSION, SpokenUnit
from app.speech.segment import segment

VOICE_KEYS_KEPT = 4096  # voice keys remembered (a few hundred bytes each)


@dataclass(frozen=True, slots=True)
class Plan:
    """What an article's audio will be: its key and its spoken units."""

    key: str
    units: list[SpokenUnit]


class SpokenBudget:
    """Spoken characters counted as an article is cleaned, block by block: ``PayloadTooLarge``
    as soon as they pass ``limit`` (0: no limit), before the rest is cleaned or normalized.

    A block's sentences depend on that block alone, so the count so far is never more than the
    whole article's: nothing that fits is refused. The spoken forms are kept for ``plan``.
    """

    def __init__(self, limit: int, lexicon: Mapping[str, str] | None = None) -> None:
        self.limit, self.lexicon = limit, lexicon
        self.used = 0
        self.spoken: dict[str, str] = {}  # sentence -> spoken form: at most ``limit`` of them

    def add(self, sentences: list[str]) -> None:
        """Count ``sentences``; refuse once the article is over the limit."""
        if not self.limit:
            return
        for sentence in sentences:
            said = self.spoken.get(sentence)
            if said is None:
                said = self.spoken[sentence] = normalize(sentence, self.lexicon)
            self.used += len(said)
        if self.used > self.limit:
            raise too_long(self.used, self.limit, more=True)


def too_long(spoken: int, limit: int, more: bool = False) -> PayloadTooLarge:
    """The refusal of an article of ``spoken`` characters (``more``: at least that many)."""
    en, vi = ("over ", "hơn ") if more else ("", "")
    return PayloadTooLarge(
        f"The article is too long to read aloud: {en}{spoken} spoken characters, at most {limit}",
        f"Bài quá dài để đọc: {vi}{spoken} ký tự đọc, tối đa {limit}",
    )


def check_length(services: Services, the_plan: Plan) -> Plan:
    """The plan if its spoken text is within ``max_article_chars``, else ``PayloadTooLarge``."""
    limit = services.settings.max_article_chars
    spoken = sum(len(unit.spoken) for unit in the_plan.units)
    if limit and spoken > limit:
        raise too_long(spoken, limit)
    return the_plan


def plan(
    services: Services,
    article: Article,
    voice: str | None = None,
    known: Mapping[str, str] | None = None,
) -> Plan:
    """The article's spoken units and the audio key they make with the engine of ``voice``.

    ``known``: spoken forms already made (a ``SpokenBudget``'s), reused rather than made again.
    """
    engine = services.engine_for(voice)
    known = known or {}
    units = [
        SpokenUnit(
            u.block,
            u.text,
            known[u.text] if u.text in known else normalize(u.text, services.lexicon),
            u.pause_ms,
        )
        for u in segment(article)
    ]
    material = json.dumps(
        [
            engine.name,
            engine.voice,
            engine.version,
            NORMALIZER_VERSION,
            RENDER_VERSION,
            audio.ENCODING_PROFILE,
            [[u.spoken, u.pause_ms] for u in units],
        ],
        ensure_ascii=False,
    )
    return Plan(hashlib.sha256(material.encode()).hexdigest()[:32], units)


def voice_key(services: Services, article: Article, voice: str | None) -> str:
    """The audio key of the article in the listener's ``voice`` (its own key for the default).

    Kept per article version, voice, engine and lexicon (at most ``VOICE_KEYS_KEPT``): a reader
    view with ``?voice=`` does not plan the whole article again.
    """
    if services.choice(voice) is None:
        return article.audio_key
    engine = services.engine_for(voice)
    lexicon = hash(frozenset(services.lexicon.items()))
    known = (article.id, article.version, voice, engine.name, engine.version, lexicon)
    key = services.voice_keys.get(known)
    if key is None:
        key = plan(services, article, voice).key
        while len(services.voice_keys) >= VOICE_KEYS_KEPT:
            services.voice_keys.pop(next(iter(services.voice_keys)), None)
        services.voice_keys[known] = key
    return key


def job_subject(article_id: str, voice: str | None) -> str:
    """What a job is given: the article id, and ``#voice`` for a listener's other voice."""
    return f"{article_id}#{voice}" if voice else article_id


def split_subject(subject: str) -> tuple[str, str | None]:
    """The article id and voice of a job's subject (ids never hold ``#``)."""
    article_id, _, voice = subject.partition("#")
    return article_id, voice or None
