"""What the online engines (``gcloud``, ``azure``, ``openai``) share: one call, errors, WAV.

Each engine sends one request per sentence and turns the vendor's answer into a ``Speech`` or
into one of three failures the chain understands:

- ``Resting`` (an ``EngineUnavailable``): rate limit, quota spent, bad credentials, 5xx, timeout
  or network error. The chain rests the engine for ``rest_s`` (the ``Retry-After`` when the
  vendor sends one) and the next engine speaks;
- ``SynthesisError``: the vendor refused this sentence (400) or answered with something that is
  not the audio asked for (bad base64, not a WAV, a WAV cut short). Only this sentence moves on.

Credentials are checked once when the engine is built (``check`` in each engine): a refusal is a
``ConfigError`` and start-up stops; an unreachable vendor is only logged (the chain copes).
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import socket
import struct
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import requests

from app.errors import ConfigError, EngineUnavailable, SynthesisError
from app.speech.engines.base import Speech

TIMEOUT_S = 15.0  # one sentence's request, connect to last byte
CHECK_TIMEOUT_S = 5.0  # the start-up credential check
RATE_REST_S = 30.0  # a 429 without Retry-After
SERVER_REST_S = 60.0  # a 5xx, a timeout, an unreachable vendor
QUOTA_REST_S = 3600.0  # quota spent: try again in an hour
CREDENTIALS_REST_S = 3600.0  # credentials refused after start-up (revoked key): an hour
MAX_RETRY_AFTER_S = 3600.0  # a Retry-After beyond this is capped
USER_AGENT = "baonoi-tts/1"
log = logging.getLogger(__name__)


class Resting(EngineUnavailable):
    """The vendor cannot speak for a while: the chain rests the engine ``rest_s`` seconds."""

    def __init__(
        self, en: str, vi: str, *, rest_s: float, kind: str = "server", detail: str = ""
    ) -> None:
        super().__init__(en, vi, detail=detail)
        self.rest_s = rest_s
        self.kind = kind  # a ``Refusal`` kind: rate, quota, credentials, server


@dataclass(frozen=True, slots=True)
class Refusal:
    """What kind of refusal a vendor's non-200 answer is."""

    kind: str  # "rate", "quota", "credentials", "server", "request"
    detail: str


def by_status(status: int, detail: str, quota: bool = False) -> Refusal:
    """The usual reading of a refusal's status: 401/403 credentials, 429 rate (or quota), 5xx."""
    if status in (401, 403):
        return Refusal("credentials", detail)
    if status == 429:
        return Refusal("quota" if quota else "rate", detail)
    return Refusal("server" if status >= 500 else "request", detail)


def retry_after(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` in seconds (delta or HTTP date), capped; None when absent or unreadable."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def failure(vendor: str, refusal: Refusal, headers: Mapping[str, str]) -> SynthesisError:
    """The error for a refusal (not billed: no audio came): ``Resting`` or a ``SynthesisError``."""
    error = _refusal_error(vendor, refusal, headers)
    error.billed = False
    return error


def _refusal_error(vendor: str, refusal: Refusal, headers: Mapping[str, str]) -> SynthesisError:
    """``Resting`` with how long to rest, or a ``SynthesisError``, for a refusal."""
    wait = retry_after(headers)
    if refusal.kind == "rate":
        return Resting(
            f"{vendor} is rate-limiting us",
            f"{vendor} đang giới hạn tần suất",
            rest_s=RATE_REST_S if wait is None else wait,
            kind="rate",
            detail=refusal.detail,
        )
    if refusal.kind == "quota":
        return Resting(
            f"{vendor}: the account's quota is spent",
            f"{vendor}: tài khoản đã hết hạn mức",
            rest_s=QUOTA_REST_S if wait is None else max(wait, RATE_REST_S),
            kind="quota",
            detail=refusal.detail,
        )
    if refusal.kind == "credentials":
        log.error("%s refused our credentials: %s", vendor, refusal.detail)
        return Resting(
            f"{vendor} refused the credentials",
            f"{vendor} từ chối thông tin xác thực",
            rest_s=CREDENTIALS_REST_S,
            kind="credentials",
            detail=refusal.detail,
        )
    if refusal.kind == "server":
        return Resting(
            f"{vendor} is failing",
            f"{vendor} đang lỗi",
            rest_s=SERVER_REST_S if wait is None else wait,
            detail=refusal.detail,
        )
    return SynthesisError(
        f"{vendor} refused the sentence", f"{vendor} từ chối câu này", detail=refusal.detail
    )


def send(
    vendor: str,
    method: str,
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    **kwargs: Any,
) -> requests.Response:
    """One HTTP request; a timeout or network failure is ``Resting`` (the vendor is away)."""
    headers = {"User-Agent": USER_AGENT, **kwargs.pop("headers", {})}
    try:
        return requests.request(method, url, headers=headers, timeout=timeout, **kwargs)
    except requests.RequestException as exc:
        error = Resting(
            f"{vendor} did not answer",
            f"{vendor} không trả lời",
            rest_s=SERVER_REST_S,
            detail=f"{type(exc).__name__}: {exc}",
        )
        error.billed = not _never_connected(exc)  # a timeout may come after the vendor's work
        raise error from exc


def _never_connected(exc: requests.RequestException) -> bool:
    """Whether the request never reached the vendor (refused, or no connection in time)."""
    from urllib3.exceptions import ConnectTimeoutError

    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.ConnectTimeout) or isinstance(reason, ConnectTimeoutError)


def post(
    vendor: str,
    refusal: Callable[[requests.Response], Refusal],
    url: str,
    *,
    timeout: float,
    **kwargs: Any,
) -> requests.Response:
    """One synthesis request, read whole; the vendor's refusal raised as its failure."""
    reply = send(vendor, "POST", url, timeout=timeout, **kwargs)
    with reply:
        if reply.status_code != 200:
            raise failure(vendor, refusal(reply), reply.headers)
        _ = reply.content  # read before the connection goes back
    return reply


def json_error(reply: requests.Response) -> dict[str, Any]:
    """The ``error`` object of a JSON error body (Google's and OpenAI's shape), else {}."""
    try:
        body = reply.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def bad_answer(vendor: str, what: str) -> SynthesisError:
    """A 200 whose body is not the audio asked for."""
    return SynthesisError(
        f"{vendor} answered without usable audio",
        f"{vendor} trả lời nhưng không có âm thanh dùng được",
        detail=what,
    )


def wav_speech(vendor: str, data: bytes) -> Speech:
    """The samples of a 16-bit mono PCM WAV, checked: RIFF/WAVE, ``fmt``, a whole ``data`` chunk.

    A ``data`` size of 0 or 0xFFFFFFFF (a streamed WAV whose length was unknown) means "to the
    end"; otherwise fewer bytes than declared is a WAV cut short, a ``SynthesisError``.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise bad_answer(vendor, f"not a WAV file ({data[:16]!r})")
    position, rate, channels, bits = 12, 0, 0, 0
    while position + 8 <= len(data):
        chunk, size = data[position : position + 4], struct.unpack_from("<I", data, position + 4)[0]
        body = position + 8
        if chunk == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise bad_answer(vendor, "WAV fmt chunk cut short")
            audio_format, channels, rate = struct.unpack_from("<HHI", data, body)
            bits = struct.unpack_from("<H", data, body + 14)[0]
            if audio_format not in (1, 0xFFFE) or bits != 16 or channels != 1:
                raise bad_answer(vendor, f"WAV format {audio_format}/{bits} bit/{channels} ch")
        elif chunk == b"data":
            if not rate:
                raise bad_answer(vendor, "WAV data before its fmt chunk")
            end = len(data) if size in (0, 0xFFFFFFFF) else body + size
            if end > len(data) or (end - body) % 2:
                raise bad_answer(vendor, f"WAV cut short: {len(data) - body} of {size} bytes")
            samples = np.frombuffer(data[body:end], dtype="<i2").astype(np.int16)
            if not len(samples):
                raise bad_answer(vendor, "WAV without samples")
            return Speech(samples, rate)
        position = body + size + (size % 2)
    raise bad_answer(vendor, "WAV without a data chunk")


def reachable(url: str, timeout: float = 1.0) -> bool:
    """Whether ``url``'s host accepts a TCP connection within ``timeout``."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine (text sent there never leaves it)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked(
    vendor: str,
    setting: str,
    ask: Callable[[], requests.Response],
    refusal: Callable[[requests.Response], Refusal],
) -> requests.Response | None:
    """The answer to a start-up check; ``ConfigError`` when credentials are refused.

    An unreachable or failing vendor is logged and ``None`` returned: the chain rests it later.
    """
    try:
        reply = ask()
    except Resting as exc:
        if exc.kind == "credentials":
            raise ConfigError(
                f"{vendor} refused the credentials in {setting} ({exc.detail})",
                f"{vendor} từ chối thông tin xác thực trong {setting}",
            ) from exc
        log.warning("%s: start-up check could not reach the service: %s", vendor, exc)
        return None
    if reply.status_code == 200:
        return reply
    found = refusal(reply)
    if found.kind == "credentials":
        raise ConfigError(
            f"{vendor} refused the credentials in {setting} (HTTP {reply.status_code}: "
            f"{found.detail})",
            f"{vendor} từ chối thông tin xác thực trong {setting} (HTTP {reply.status_code})",
        )
    log.warning("%s: start-up check answered HTTP %s: %s", vendor, reply.status_code, found.detail)
    return None


def missing(vendor: str, setting: str) -> ConfigError:
    """The error for an online engine named without its credentials."""
    return ConfigError(
        f"The {vendor} voice needs {setting}",
        f"Giọng {vendor} cần đặt {setting}",
    )


def unknown_voice(vendor: str, voice: str, setting: str, known: list[str]) -> ConfigError:
    """The error for a voice the vendor does not offer."""
    offered = ", ".join(sorted(known)[:12]) or "none"
    return ConfigError(
        f"{vendor} has no voice {voice!r} ({setting}); Vietnamese voices: {offered}",
        f"{vendor} không có giọng {voice!r} ({setting}); các giọng tiếng Việt: {offered}",
    )


class CloudEngine:
    """What the online engines share: a base URL, a deadline, reachability and one POST."""

    name = ""
    vendor = ""
    robotic = False
    base_url = ""
    timeout = TIMEOUT_S

    @staticmethod
    def refusal(reply: requests.Response) -> Refusal:
        """What the vendor's error answer means."""
        return by_status(reply.status_code, reply.text[:160])

    def available(self) -> bool:
        """Whether the service accepts a connection."""
        return reachable(self.base_url)

    def _post(self, path: str, **kwargs: Any) -> requests.Response:
        """One synthesis request to ``path``, read whole; a refusal raised as its failure."""
        return post(
            self.vendor, self.refusal, f"{self.base_url}{path}", timeout=self.timeout, **kwargs
        )
