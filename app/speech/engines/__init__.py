"""Speech engines: a small ``Engine`` Protocol, a name table and a resolver that validates.

A setting names one engine (``espeak``) or an ordered fallback list (``piper,gtts,espeak``),
which resolves to a ``ChainEngine``. ``auto`` is the list ``gtts,espeak``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from app.config import Settings
from app.errors import ConfigError
from app.speech.engines.base import Engine, EngineOptions, Speech
from app.speech.engines.chain import ChainEngine

__all__ = [
    "AUTO",
    "AUTO_CHAIN",
    "ENGINES",
    "ONLINE",
    "ChainEngine",
    "Engine",
    "EngineOptions",
    "Speech",
    "configured_voice",
    "destination",
    "engine_names",
    "engine_table",
    "parse_engines",
    "resolve_engine",
]
AUTO = "auto"
AUTO_CHAIN = ("gtts", "espeak")  # Google where it answers, eSpeak NG for every sentence it doesn't

Factories = Mapping[str, Callable[[], Engine]]


def _espeak(_options: EngineOptions) -> Engine:
    """The offline eSpeak NG engine."""
    from app.speech.engines.espeak import EspeakEngine

    return EspeakEngine()


def _gtts(_options: EngineOptions) -> Engine:
    """The online Google engine."""
    from app.speech.engines.google import GoogleEngine

    return GoogleEngine()


def _piper(options: EngineOptions) -> Engine:
    """The operator's Piper voice (the ``baonoi[piper]`` extra), checked as it loads."""
    from app.speech.engines.piper import load_piper

    return load_piper(options)


def _gcloud(options: EngineOptions) -> Engine:
    """Google Cloud Text-to-Speech, its credentials checked as it loads."""
    from app.speech.engines.gcloud import load_gcloud

    return load_gcloud(options)


def _azure(options: EngineOptions) -> Engine:
    """Azure AI Speech, its key checked as it loads."""
    from app.speech.engines.azure import load_azure

    return load_azure(options)


def _openai(options: EngineOptions) -> Engine:
    """An OpenAI-style speech server, its key checked as it loads."""
    from app.speech.engines.openai import load_openai

    return load_openai(options)


ENGINES: dict[str, Callable[[EngineOptions], Engine]] = {
    "espeak": _espeak,
    "gtts": _gtts,
    "piper": _piper,
    "gcloud": _gcloud,
    "azure": _azure,
    "openai": _openai,
}
ONLINE = frozenset({"gtts", "gcloud", "azure", "openai"})  # engines that send the text away


def engine_names() -> tuple[str, ...]:
    """Every name ``BAONOI_TTS_ENGINE`` and ``--engine`` accept (alone or in a list)."""
    return (AUTO, *ENGINES)


def engine_table(options: EngineOptions | None = None) -> dict[str, Callable[[], Engine]]:
    """Each factory bound to ``options``, building its engine once (a voice loads once)."""
    bound = options or EngineOptions()
    return {name: functools.cache(functools.partial(make, bound)) for name, make in ENGINES.items()}


def parse_engines(spec: str, table: Factories | None = None) -> tuple[str, ...]:
    """The engine names ``spec`` lists, in order (``auto`` stands for gtts, espeak).

    An unknown name, a name given twice or an empty list is a ``ConfigError`` naming the choices.
    """
    known = tuple(ENGINES if table is None else table)
    names: list[str] = []
    for part in spec.replace(",", " ").split():
        names += AUTO_CHAIN if part == AUTO else (part,)
    choices = ", ".join((AUTO, *known))
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise ConfigError(
            f"Unknown TTS engine {spec!r}; choose one of {choices}, or several in order",
            f"Bộ đọc không xác định {spec!r}; chọn một trong {choices}, hoặc vài bộ theo thứ tự",
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ConfigError(
            f"TTS engine list {spec!r} names {', '.join(repeated)} twice",
            f"Danh sách bộ đọc {spec!r} có {', '.join(repeated)} hai lần",
        )
    return tuple(names)


def resolve_engine(spec: str, factories: Factories | None = None) -> Engine:
    """The engine ``spec`` names; a ``ChainEngine`` when it lists several (``auto`` does)."""
    table = engine_table() if factories is None else factories
    engines = [table[name]() for name in parse_engines(spec, table)]
    return engines[0] if len(engines) == 1 else ChainEngine(engines)


def configured_voice(name: str, settings: Settings) -> str:
    """The voice ``settings`` choose for engine ``name`` (for labels before the engine loads)."""
    voices = {
        "gtts": "vi",
        "espeak": "vi",
        "gcloud": settings.gcloud_voice,
        "azure": settings.azure_voice,
        "openai": settings.openai_voice,
        "piper": settings.piper_model.stem if settings.piper_model else "",
    }
    return voices.get(name, "")


def destination(name: str, settings: Settings) -> tuple[str, str] | None:
    """What service engine ``name`` sends article text to, and its host; None when it stays here."""
    from urllib.parse import urlsplit

    from app.speech.engines.cloud import is_loopback

    places = {
        "gtts": (
            "Google Translate's voice (an unofficial service)",
            "https://translate.google.com",
        ),
        "gcloud": ("Google Cloud Text-to-Speech", settings.gcloud_url),
        "azure": (
            "Azure AI Speech",
            settings.azure_url or f"https://{settings.azure_region}.tts.speech.microsoft.com",
        ),
        "openai": ("an OpenAI-style speech server", settings.openai_url),
    }
    if name not in places or is_loopback(places[name][1]):
        return None
    what, url = places[name]
    return what, urlsplit(url).hostname or url
