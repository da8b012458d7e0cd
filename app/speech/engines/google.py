"""Google's voice through gTTS: better than eSpeak, online only, rate-limited, no timings.

gTTS packages the request; we send it ourselves (certificates checked, one session per text,
a deadline per request) and cut the text into Google's 100-character requests at sentence or
phrase boundaries, never inside a word. Rate limits (429), server errors (5xx), timeouts and
network errors are retried with exponential backoff and end in ``EngineUnavailable``; a reply
without usable audio is a ``SynthesisError`` at once.
"""

from __future__ import annotations

import base64
import re
import socket
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import gtts
import numpy as np
import requests

from app.audio import SAMPLE_RATE, decode
from app.errors import EngineUnavailable, SynthesisError
from app.speech.engines.base import Speech

GOOGLE_URL = "https://translate.google.com"
RPC_PATH = "/_/TranslateWebserverUi/data/batchexecute"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_CHARS = 100  # what Google's endpoint takes in one request (gTTS.GOOGLE_TTS_MAX_CHARS)
PIECE_PAUSE_MS = 60  # silence between the pieces of one sentence
SPLIT_VERSION = "1"  # part of the engine version (and so of cache keys): bump when cuts change

# Where a text may be cut, strongest first: sentence ends, ; and :, commas, dashes, any space.
BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"”’)\]])\s+"),
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"(?<=\s[–—-])\s+"),
    re.compile(r"\s+"),
)
_SPEAKABLE = re.compile(r"\w")
_AUDIO = re.compile(r'jQ1olc","\[\\"(.*)\\"]')  # where the reply carries the base64 MP3


def split_for_google(text: str, limit: int = MAX_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at the strongest boundary that fits.

    Pieces are joined again with single spaces to give the text back (whitespace collapsed); a
    single word longer than ``limit`` stays whole.
    """
    return _split(" ".join(text.split()), limit, 0)


def _split(text: str, limit: int, level: int) -> list[str]:
    """Pieces of ``text`` cut at ``BOUNDARIES[level]``, neighbours packed while they fit."""
    if len(text) <= limit or level == len(BOUNDARIES):
        return [text] if text else []
    pieces: list[str] = []
    filling = ""
    for part in BOUNDARIES[level].split(text):
        if len(part) > limit:
            pieces += [filling] if filling else []
            pieces += _split(part, limit, level + 1)
            filling = ""
        elif filling and len(filling) + 1 + len(part) <= limit:
            filling += " " + part
        else:
            pieces += [filling] if filling else []
            filling = part
    return pieces + ([filling] if filling else [])


def audio_from_reply(body: str) -> bytes:
    """The MP3 inside a ``batchexecute`` reply; ``SynthesisError`` when it holds none."""
    chunks = []
    for line in body.splitlines():
        if gtts.gTTS.GOOGLE_TTS_RPC not in line:
            continue
        match = _AUDIO.search(line)
        try:
            chunks.append(base64.b64decode(match.group(1), validate=True) if match else b"")
        except ValueError:
            chunks.append(b"")
    if not chunks or not all(chunks):
        raise SynthesisError(
            "Google TTS answered without audio",
            "Google TTS trả lời nhưng không có âm thanh",
            detail=body[:200],
        )
    return b"".join(chunks)


def join_pieces(clips: list[Speech]) -> Speech:
    """The pieces' audio one after another, a short pause between them."""
    if not clips:
        return Speech(np.zeros(0, dtype=np.int16), SAMPLE_RATE)
    rate = clips[0].rate
    if any(clip.rate != rate for clip in clips):
        raise SynthesisError(
            "Google TTS answered at mixed sample rates",
            "Google TTS trả về âm thanh với tần số lấy mẫu khác nhau",
        )
    gap = np.zeros(rate * PIECE_PAUSE_MS // 1000, dtype=np.int16)
    parts = [part for clip in clips for part in (gap, clip.samples)][1:]
    return Speech(np.concatenate(parts).astype(np.int16), rate)


class _OnePiece(gtts.gTTS):
    """gTTS's request packaging for text we cut already: one request, sent as it is."""

    def _tokenize(self, text: str) -> list[str]:
        """The whole text as one token: no pre-processing, no cutting (gTTS may cut mid-word)."""
        return [text.strip()]


class GoogleEngine:
    """gTTS ``vi`` with a deadline per request and retries with backoff on 429, 5xx and timeouts."""

    name = "gtts"
    voice = "vi"
    robotic = False

    def __init__(
        self,
        base_url: str = GOOGLE_URL,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.version = f"gtts {gtts.__version__} split={SPLIT_VERSION} pause={PIECE_PAUSE_MS}"

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
        """Audio of ``text``: one request per piece of at most 100 characters."""
        pieces = [p for p in split_for_google(text) if _SPEAKABLE.search(p)]
        with requests.Session() as session:
            return join_pieces([self._piece(session, piece) for piece in pieces])

    def _piece(self, session: requests.Session, text: str) -> Speech:
        """One piece's audio, retried with exponential backoff while the failure may pass."""
        for attempt in range(self.retries + 1):
            try:
                samples, rate = decode(self._request(session, text))
                return Speech(samples, rate)
            except _Retryable as exc:
                if attempt == self.retries:
                    raise EngineUnavailable(
                        "Google TTS kept failing", "Google TTS liên tục lỗi", detail=str(exc)
                    ) from exc
                self.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, session: requests.Session, text: str) -> bytes:
        """One POST of one piece; Google's MP3 bytes."""
        body = _OnePiece(text, lang="vi", lang_check=False).get_bodies()[0]
        try:
            reply = session.post(
                self.base_url + RPC_PATH,
                data=body,
                headers=gtts.gTTS.GOOGLE_TTS_HEADERS,
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        with reply:
            if reply.status_code in RETRY_STATUSES:
                raise _Retryable(f"HTTP {reply.status_code} from {self.base_url}")
            if reply.status_code != 200:
                raise SynthesisError(
                    "Google TTS refused the text",
                    "Google TTS từ chối văn bản",
                    detail=f"HTTP {reply.status_code}",
                )
            return audio_from_reply(reply.text)


class _Retryable(Exception):
    """A failure worth another try (rate limit, server error, timeout, network)."""
