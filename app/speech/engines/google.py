"""Google's voice through gTTS: better than eSpeak, online only, rate-limited, no timings."""

from __future__ import annotations

import socket
import time
from typing import Any
from urllib.parse import urlsplit

import gtts
import numpy as np
import requests

from app.audio import decode
from app.errors import EngineUnavailable, SynthesisError
from app.speech.engines import Speech

GOOGLE_URL = "https://translate.google.com"
RPC_PATH = "/_/TranslateWebserverUi/data/batchexecute"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class _TargetedTTS(gtts.gTTS):
    """gTTS whose requests go to ``base_url`` (Google, or a stand-in in tests)."""

    def __init__(self, *args: Any, base_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/")

    def _prepare_requests(self) -> list[requests.PreparedRequest]:
        """gTTS's prepared requests, pointed at ``base_url``."""
        prepared = super()._prepare_requests()
        for request in prepared:
            request.url = self.base_url + RPC_PATH
        return prepared


class GoogleEngine:
    """gTTS ``vi`` with a deadline per request and retries with backoff on 429 and 5xx."""

    name = "gtts"
    voice = "vi"
    robotic = False

    def __init__(
        self,
        base_url: str = GOOGLE_URL,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.version = f"gtts {gtts.__version__}"

    def available(self) -> bool:
        """Whether the endpoint accepts a TCP connection within a second."""
        parts = urlsplit(self.base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname or "", port), timeout=1.0):
                return True
        except OSError:
            return False

    def synthesize(self, text: str) -> Speech:
        """Audio of ``text``, retried on rate limits and server errors."""
        for attempt in range(self.retries + 1):
            try:
                return self._once(text)
            except _Retryable as exc:
                if attempt == self.retries:
                    raise EngineUnavailable(
                        "Google TTS kept failing", "Google TTS liên tục lỗi", detail=str(exc)
                    ) from exc
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, text: str) -> Speech:
        """One attempt: gTTS's MP3 stream, decoded."""
        tts = _TargetedTTS(
            text, lang="vi", lang_check=False, timeout=self.timeout, base_url=self.base_url
        )
        try:
            data = b"".join(tts.stream())
        except gtts.gTTSError as exc:
            status = getattr(getattr(exc, "rsp", None), "status_code", None)
            if status in RETRY_STATUSES or status is None:
                raise _Retryable(str(exc)) from exc
            raise SynthesisError(
                "Google TTS refused the text", "Google TTS từ chối văn bản", detail=str(exc)
            ) from exc
        if not data:
            raise SynthesisError("Google TTS sent no audio", "Google TTS không trả về âm thanh")
        samples, rate = decode(data)
        return Speech(np.asarray(samples, dtype=np.int16), rate)


class _Retryable(Exception):
    """A failure worth another try (rate limit, server error, network)."""
