"""A stand-in for Google Translate's speech endpoint on loopback: real MP3 replies and failures.

It answers ``POST /_/TranslateWebserverUi/data/batchexecute`` as Google does (gTTS's request
format in, a ``)]}'`` reply with a ``jQ1olc`` line carrying base64 MP3 out) and records every
request. ``mode`` is how it answers by default; ``script`` holds one-off answers for the next
requests, e.g. ``[Mode.SERVER_ERROR] * 3`` then audio.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from enum import StrEnum
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import numpy as np

from app.audio import CODECS, SAMPLE_RATE, encode
from tests.loopback import LoopbackStandIn, StandInServer

RPC_PATH = "/_/TranslateWebserverUi/data/batchexecute"
MS_PER_CHAR = 20  # the audio is a tone as long as the text would take to say, roughly
TONE_HZ = 220


class Mode(StrEnum):
    """How the stand-in answers a request."""

    AUDIO = "audio"
    RATE_LIMITED = "429"
    SERVER_ERROR = "500"
    HANG = "hang"  # never answers (until the stand-in stops): the client must time out
    GARBAGE = "garbage"  # 200 with an HTML page instead of the RPC reply
    NO_AUDIO = "no_audio"  # 200 with the RPC line but no audio, as for an unsupported language
    BAD_AUDIO = "bad_audio"  # 200 with the RPC line carrying bytes that are not MP3


@dataclass(frozen=True, slots=True)
class Received:
    """One request as the stand-in understood it."""

    text: str
    lang: str
    mode: Mode


def tone_mp3(seconds: float) -> bytes:
    """A real MP3 (24 kHz mono, 32 kbit/s) of a soft tone lasting ``seconds``."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    wave = 0.3 * np.sin(2 * np.pi * TONE_HZ * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return encode((wave * 32767).astype(np.int16), CODECS["mp3"])


def rpc_reply(payload: str | None) -> bytes:
    """A ``batchexecute`` reply whose ``jQ1olc`` entry carries ``payload`` (base64), or null."""
    inner = json.dumps([payload]) if payload is not None else None
    entry = json.dumps(
        [["wrb.fr", "jQ1olc", inner, None, None, None, "generic"], ["di", 42], ["af.httprm", 41]],
        separators=(",", ":"),
    )
    tail = json.dumps([["e", 4, None, None, len(entry) + 40]], separators=(",", ":"))
    return f")]}}'\n\n{len(entry)}\n{entry}\n{len(tail)}\n{tail}\n".encode()


def read_rpc(body: str) -> tuple[str, str]:
    """The text and language gTTS packed into a request body (``f.req=...``)."""
    rpc = json.loads(parse_qs(body)["f.req"][0])
    name, parameter = rpc[0][0][0], rpc[0][0][1]
    if name != "jQ1olc":
        raise ValueError(f"unknown RPC {name!r}")
    text, lang = json.loads(parameter)[:2]
    return str(text), str(lang)


class _Handler(BaseHTTPRequestHandler):
    """Answers one request the way the stand-in's mode says."""

    server: StandInServer

    def do_POST(self) -> None:
        """The TTS RPC; anything else is a 404."""
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        if self.path.split("?")[0] != RPC_PATH:
            self._send(404, b"not found", "text/plain")
            return
        try:
            text, lang = read_rpc(body)
        except (KeyError, IndexError, ValueError):
            self._send(400, b"bad request", "text/plain")
            return
        standin = self.server.standin
        mode = standin.take_mode()
        standin.record(Received(text, lang, mode))
        if mode is Mode.HANG:
            standin.hang()
            self.close_connection = True  # the client is gone: answer nothing
            return
        self._answer(mode, text)

    def _answer(self, mode: Mode, text: str) -> None:
        """The reply for ``mode``."""
        if mode is Mode.RATE_LIMITED:
            self._send(429, b"Too Many Requests", "text/html")
        elif mode is Mode.SERVER_ERROR:
            self._send(500, b"Internal Server Error", "text/html")
        elif mode is Mode.GARBAGE:
            self._send(200, b"<html><body>Something else entirely</body></html>", "text/html")
        elif mode is Mode.NO_AUDIO:
            self._send(200, rpc_reply(None), "application/json; charset=utf-8")
        elif mode is Mode.BAD_AUDIO:
            noise = base64.b64encode(b"definitely not an mp3 " * 20).decode()
            self._send(200, rpc_reply(noise), "application/json; charset=utf-8")
        else:
            mp3 = tone_mp3(max(0.2, len(text) * MS_PER_CHAR / 1000))
            reply = rpc_reply(base64.b64encode(mp3).decode())
            self._send(200, reply, "application/json; charset=utf-8")
        self.server.standin.mark_answered()

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        """One complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read ``received`` instead."""


class GoogleStandIn(LoopbackStandIn):
    """Google's TTS endpoint on 127.0.0.1 at a free port, for as long as the ``with`` lasts."""

    def __init__(self, mode: Mode = Mode.AUDIO) -> None:
        super().__init__(_Handler, mode)
        self.answered = 0

    def record(self, request: Received) -> None:
        """Remember a request."""
        with self._lock:
            self.received.append(request)

    def mark_answered(self) -> None:
        """Count a request that got its answer."""
        with self._lock:
            self.answered += 1
