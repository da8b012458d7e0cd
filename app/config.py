"""Settings: defaults < instance config file < ``BAONOI_*`` environment < test mapping.

The config file is ``config.json`` in the data directory those layers name. Read and validated
once, in ``create_app``; everything downstream receives a typed ``Settings``. Names that belong to
a table (engines, codecs) are checked by that table's resolver when the services are built.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting the service reads, typed."""

    redis_url: str | None = None
    audio_cache_dir: Path = Path("audio_cache")
    data_dir: Path = Path("instance")
    audio_cache_max_mb: int = 2048
    tts_engine: str = "auto"  # one engine name, or an ordered fallback list: "piper,gtts,espeak"
    piper_model: Path | None = None  # the voice's .onnx (its .onnx.json beside it)
    piper_speaker: str | None = None  # a speaker's name or number, for multi-speaker voices
    piper_speed: float = 1.0  # 1.25 speaks a quarter faster (Piper's length scale, inverted)
    # Voices a listener may choose among, the first the default: "Label=engine list; …", e.g.
    # "Giọng nữ miền Bắc=gcloud@vi-VN-Wavenet-A,espeak; Giọng nam=azure@vi-VN-NamMinhNeural".
    voices: str = ""
    # Online voices (each used only when named in tts_engine; a base URL points at a stand-in).
    # Google Cloud Text-to-Speech: an API key, or a service account's JSON key file. Secrets are
    # kept out of repr(), so a logged Settings never shows them.
    gcloud_api_key: str | None = field(default=None, repr=False)
    gcloud_credentials: Path | None = None
    gcloud_voice: str = "vi-VN-Wavenet-A"  # vi-VN-Standard-A, vi-VN-Neural2-A, …
    gcloud_url: str = "https://texttospeech.googleapis.com"
    azure_key: str | None = field(default=None, repr=False)  # Azure AI Speech resource key
    azure_region: str = "southeastasia"
    azure_voice: str = "vi-VN-HoaiMyNeural"  # or vi-VN-NamMinhNeural
    azure_url: str | None = None  # default: https://<region>.tts.speech.microsoft.com
    openai_url: str = "https://api.openai.com"  # any server with POST /v1/audio/speech
    openai_key: str | None = field(default=None, repr=False)
    openai_model: str = "tts-1"
    openai_voice: str = "alloy"
    openai_speed: float = 1.0
    # Characters an engine may be sent per calendar month (0: no limit); past it the next speaks.
    gcloud_monthly_chars: int = 0
    azure_monthly_chars: int = 0
    openai_monthly_chars: int = 0
    gtts_monthly_chars: int = 0
    api_token: str | None = field(default=None, repr=False)
    metrics_token: str | None = field(default=None, repr=False)  # opens /metrics only
    open_api: bool = False  # without a token, let any client (not only loopback) change articles
    allowed_hosts: tuple[str, ...] = ()  # host names, ``*.x.vn``, or ``host:port``
    permitted_networks: tuple[str, ...] = ()  # CIDRs the fetcher may reach (an intranet portal)
    embed_origins: tuple[str, ...] = ("*",)
    host_fetches_per_minute: int = 30  # fetches of one allowed host for portal visitors; 0: none
    refetch_interval_s: int = 3600  # a known address asked for again after this is re-checked
    fetch_workers: int = 4  # threads of each process's portal fetch pool (not request threads)
    fetch_per_host: int = 2  # fetches of one host running at once, per process
    fetch_wait_s: float = 1.5  # a visitor waits at most this for a fetch, then is told "pending"
    fetch_failure_ttl_s: int = 60  # a failed fetch is answered from memory this long; 0: never
    max_body_mb: int = 5
    ingest_per_minute: int = 60  # per client; 0 turns the limit off
    synth_per_minute: int = 20  # new audio jobs a client may start per minute; 0: no limit
    synth_lock_ttl_s: int = 120  # a dead synthesizer's lock (and job) is taken over after this
    # eSpeak reads about 15 spoken characters a second: 54,000 is an hour of audio.
    max_article_chars: int = 54_000  # 0: no limit
    synth_deadline_s: int = 1200  # a job running longer fails (RQ's hard limit: 1800); 0: none
    public_url: str | None = None  # the origin (and path prefix) readers use; absolute URLs
    trusted_proxies: int = 0  # proxies in front whose X-Forwarded-* headers are believed
    console_idle_minutes: int = 30  # a console session unused this long ends (at least 1)

    @property
    def voices_dir(self) -> Path:
        """Where an operator puts Piper voices; the one ``.onnx`` there is the default model."""
        return self.data_dir / "voices"

    def monthly_chars(self, engine: str) -> int:
        """The monthly character budget of ``engine`` (0: none)."""
        return int(getattr(self, f"{engine}_monthly_chars", 0))

    @property
    def store_kind(self) -> str:
        """``redis`` when a Redis URL is set, else ``local``."""
        return "redis" if self.redis_url else "local"


def _split(value: str) -> tuple[str, ...]:
    """Comma- or space-separated list to a tuple of non-empty items."""
    return tuple(p for p in value.replace(",", " ").split() if p)


def _coerce(name: str, value: Any) -> Any:
    """A raw value (string from the environment, or JSON) to the field's type."""
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "Path":
            return Path(value)
        if kind == "Path | None":
            return Path(value) if str(value) else None
        if kind == "int":
            number = int(value)
            if number < 0:
                raise ValueError("negative")
            return number
        if kind == "float":
            real = float(value)
            if not real > 0 or real == float("inf"):
                raise ValueError("not a positive number")
            return real
        if kind == "bool":
            if isinstance(value, bool):
                return value
            return {
                "1": True,
                "true": True,
                "yes": True,
                "0": False,
                "false": False,
                "no": False,
                "": False,
            }[str(value).strip().lower()]
        if kind == "tuple[str, ...]":
            return _split(value) if isinstance(value, str) else tuple(value)
        if kind == "str | None":
            return str(value) or None
        return str(value)
    except (ValueError, KeyError) as exc:
        raise ConfigError(
            f"Invalid value for {name}: {value!r}", f"Giá trị không hợp lệ cho {name}: {value!r}"
        ) from exc


def _from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """``BAONOI_*`` variables (and plain ``REDIS_URL``) as raw settings."""
    names = {f.name for f in fields(Settings)}
    raw: dict[str, Any] = {}
    if environ.get("REDIS_URL"):
        raw["redis_url"] = environ["REDIS_URL"]
    for key, value in environ.items():
        if key.startswith("BAONOI_") and key[7:].lower() in names:
            raw[key[7:].lower()] = value
    return raw


def _from_file(path: Path) -> dict[str, Any]:
    """The instance config file (JSON object with the same keys, lower or upper case)."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}", f"Không đọc được {path}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a JSON object", f"{path} phải là một đối tượng JSON")
    return {k.lower().removeprefix("baonoi_"): v for k, v in data.items()}


def _merged(layers: tuple[dict[str, Any], ...], name: str, default: Any) -> Any:
    """The value of ``name`` from the last layer that sets it (the config file's own lookup)."""
    for layer in reversed(layers):
        if name in layer:
            return layer[name]
    return default


def _checked_public_url(value: str | None) -> str | None:
    """The public base URL without its trailing slash; ``ConfigError`` unless plain http(s)."""
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"public_url must be an http(s) URL such as https://baonoi.example.gov.vn: {value!r}",
            f"public_url phải là URL http(s), ví dụ https://baonoi.example.gov.vn: {value!r}",
        )
    return value.rstrip("/")


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from every layer, validated."""
    env = os.environ if environ is None else environ
    layers = _from_environ(env), dict(overrides or {})
    data_dir = Path(str(_merged(layers, "data_dir", Settings().data_dir)))
    raw: dict[str, Any] = _from_file(data_dir / "config.json")
    for layer in layers:
        raw.update(layer)
    names = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - names)
    if unknown:
        raise ConfigError(
            f"Unknown settings: {', '.join(unknown)}",
            f"Thiết lập không xác định: {', '.join(unknown)}",
        )
    settings = replace(Settings(), **{k: _coerce(k, v) for k, v in raw.items()})
    return replace(settings, public_url=_checked_public_url(settings.public_url))
