"""Speech engines: a small ``Engine`` Protocol, a name table and a resolver that validates."""

from __future__ import annotations

from collections.abc import Callable

from app.errors import ConfigError, EngineUnavailable
from app.speech.engines.base import Engine, Speech

__all__ = [
    "AUTO",
    "ENGINES",
    "Engine",
    "Speech",
    "check_engine_name",
    "engine_names",
    "resolve_engine",
]
AUTO = "auto"  # gtts when reachable, else espeak


def _espeak() -> Engine:
    """The offline eSpeak NG engine."""
    from app.speech.engines.espeak import EspeakEngine

    return EspeakEngine()


def _gtts() -> Engine:
    """The online Google engine."""
    from app.speech.engines.google import GoogleEngine

    return GoogleEngine()


ENGINES: dict[str, Callable[[], Engine]] = {"espeak": _espeak, "gtts": _gtts}


def engine_names() -> tuple[str, ...]:
    """Every name ``BAONOI_TTS_ENGINE`` and ``--engine`` accept."""
    return (AUTO, *ENGINES)


def check_engine_name(name: str, table: dict[str, Callable[[], Engine]] | None = None) -> str:
    """``name`` if the table (or ``auto``) has it, else a ``ConfigError`` naming the choices."""
    names = (AUTO, *(ENGINES if table is None else table))
    if name not in names:
        choices = ", ".join(names)
        raise ConfigError(
            f"Unknown TTS engine {name!r}; choose one of {choices}",
            f"Bộ đọc không xác định {name!r}; chọn một trong {choices}",
        )
    return name


def resolve_engine(name: str, factories: dict[str, Callable[[], Engine]] | None = None) -> Engine:
    """The engine called ``name``; ``auto`` is gtts when reachable, else espeak."""
    table = ENGINES if factories is None else factories
    if check_engine_name(name, table) == AUTO:
        try:
            online = table["gtts"]()
            if online.available():
                return online
        except EngineUnavailable:
            pass  # offline is the documented fallback for auto
        return table["espeak"]()
    return table[name]()
