"""Speech engines: a small ``Engine`` Protocol, a name table and a resolver that validates.

A setting names one engine (``espeak``) or an ordered fallback list (``piper,gtts,espeak``),
which resolves to a ``ChainEngine``. ``auto`` is the list ``gtts,espeak``.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

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
    "VOICED",
    "VoiceChoice",
    "configured_voice",
    "destination",
    "engine_names",
    "engine_table",
    "parse_engines",
    "parse_voices",
    "voiced_factory",
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
VOICED = frozenset({"gcloud", "azure", "openai"})  # may be named with a voice: gcloud@vi-VN-…


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
    choices = ", ".join((AUTO, *(name for name in known if "@" not in name)))
    unknown = [name for name in names if name not in known and not _voiced(name, known)]
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


def _voiced(name: str, known: tuple[str, ...]) -> bool:
    """Whether ``name`` is ``engine@voice`` for an engine that takes a voice."""
    engine, at, voice = name.partition("@")
    return bool(at and voice) and engine in VOICED and engine in known


def voiced_factory(options: EngineOptions, name: str) -> Callable[[], Engine]:
    """The factory of ``engine@voice``: the engine built with that voice instead of its setting."""
    engine, _, voice = name.partition("@")
    changed: dict[str, Any] = {f"{engine}_voice": voice}
    settings = dataclasses.replace(options.settings, **changed)
    return functools.cache(
        functools.partial(ENGINES[engine], dataclasses.replace(options, settings=settings))
    )


@dataclass(frozen=True, slots=True)
class VoiceChoice:
    """A voice the listener may choose: its id (for the cookie), label and engine list."""

    id: str
    label: str
    spec: str


def _slug(label: str) -> str:
    """``giong-nu-mien-bac`` for "Giọng nữ miền Bắc"."""
    folded = unicodedata.normalize("NFD", label.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())[:40]


def parse_voices(spec: str) -> tuple[VoiceChoice, ...]:
    """The voices ``BAONOI_VOICES`` offers ("Label=engine list; …"), each list checked."""
    found: list[VoiceChoice] = []
    for part in (p.strip() for p in spec.split(";")):
        if not part:
            continue
        label, equals, engines = (x.strip() for x in part.partition("="))
        if not (equals and label and engines and _slug(label)):
            raise ConfigError(
                f"BAONOI_VOICES entry {part!r} must be 'Label=engine list'",
                f"Mục BAONOI_VOICES {part!r} phải có dạng 'Tên giọng=danh sách bộ đọc'",
            )
        parse_engines(engines)
        found.append(VoiceChoice(_slug(label), label, engines))
    ids = [choice.id for choice in found]
    if len(set(ids)) != len(ids):
        raise ConfigError(
            f"BAONOI_VOICES names one voice twice: {spec!r}",
            f"BAONOI_VOICES có một giọng hai lần: {spec!r}",
        )
    return tuple(found)
