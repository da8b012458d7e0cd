"""Loopback stand-ins for the paid voices: Google Cloud TTS, Azure AI Speech, OpenAI-style speech.

Each follows its vendor's documented REST format and checks what it receives as the service does:
the credentials (an unknown key is refused in the vendor's own way), the body (JSON fields and
enums; SSML well-formed, with ``xml:lang`` and a known voice), the voice, the text's length. It
answers a real WAV (a tone as long as the text would take to say) or, as ``mode`` / ``script``
say, the vendor's rate limit (429 with ``Retry-After``), spent quota, server error, a hang, or a
malformed answer. Google's service-account flow is here too: ``POST /token`` verifies the JWT's
RS256 signature against the account's public key before it hands out a bearer token.
"""

from __future__ import annotations

import base64
import io
import json
import secrets
import time
import wave
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from enum import StrEnum
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np

from tests.loopback import LoopbackStandIn, StandInServer

RATE_HZ = 24_000
MS_PER_CHAR = 20
RETRY_AFTER_S = "1"
API_KEY = "test-key-0123456789"
GCLOUD_VOICES = ("vi-VN-Standard-A", "vi-VN-Wavenet-A", "vi-VN-Neural2-A", "vi-VN-Wavenet-D")
AZURE_VOICES = ("vi-VN-HoaiMyNeural", "vi-VN-NamMinhNeural")
OPENAI_VOICES = ("alloy", "nova", "vi-female")
GCLOUD_ENCODINGS = ("LINEAR16", "MP3", "OGG_OPUS", "MULAW", "ALAW", "PCM")
AZURE_FORMATS = (
    "riff-24khz-16bit-mono-pcm",
    "riff-16khz-16bit-mono-pcm",
    "raw-24khz-16bit-mono-pcm",
)
OPENAI_FORMATS = ("mp3", "opus", "aac", "flac", "wav", "pcm")
SSML_NS = "{http://www.w3.org/2001/10/synthesis}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Mode(StrEnum):
    """How a stand-in answers a request."""

    AUDIO = "audio"
    RATE_LIMITED = "429"  # 429 with Retry-After
    QUOTA = "quota"  # the vendor's "quota spent"
    SERVER_ERROR = "500"
    HANG = "hang"
    BAD_BASE64 = "bad_base64"  # gcloud: audioContent that is not base64
    NOT_AUDIO = "not_audio"  # 200 with something else than audio (an HTML page)
    TRUNCATED = "truncated"  # a WAV whose data chunk is cut short


@dataclass(frozen=True, slots=True)
class Received:
    """One synthesis request as the stand-in understood it."""

    text: str
    voice: str
    mode: Mode
    body_bytes: int


def tone_wav(seconds: float, rate: int = RATE_HZ) -> bytes:
    """A real 16-bit mono WAV of a soft tone lasting ``seconds``."""
    t = np.arange(int(seconds * rate)) / rate
    wave_ = 0.3 * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((wave_ * 32767).astype("<i2").tobytes())
    return buf.getvalue()


def b64url_decode(part: str) -> bytes:
    """Base64url without padding, decoded."""
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class Refused(Exception):
    """A request the real service would refuse: status and JSON/text body."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def google_error(status: int, state: str, message: str, reason: str = "") -> Refused:
    """Google's error body: ``{"error": {"code", "message", "status", "details"}}``."""
    details = (
        [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason}] if reason else []
    )
    error = {"code": status, "message": message, "status": state, "details": details}
    return Refused(status, {"error": error})


def openai_error(status: int, message: str, kind: str, code: str | None) -> Refused:
    """OpenAI's error body: ``{"error": {"message", "type", "param", "code"}}``."""
    return Refused(
        status, {"error": {"message": message, "type": kind, "param": None, "code": code}}
    )


class _Handler(BaseHTTPRequestHandler):
    """Routes a request to the vendor the stand-in plays."""

    server: StandInServer

    def do_GET(self) -> None:
        """Voice lists and model lists."""
        self._handle("GET", b"")

    def do_POST(self) -> None:
        """Synthesis and token requests."""
        length = int(self.headers.get("Content-Length", "0"))
        self._handle("POST", self.rfile.read(length))

    def _handle(self, method: str, body: bytes) -> None:
        """One request, answered or refused."""
        standin = self.server.standin
        url = urlsplit(self.path)
        try:
            route = standin.route(method, url.path)
            status, payload, content_type = route(self, parse_qs(url.query), body)
        except Refused as refused:
            data = refused.body if isinstance(refused.body, bytes) else None
            if data is None:
                data = json.dumps(refused.body).encode()
            self._send(refused.status, data, "application/json", refused.headers)
            return
        except _Hang:
            standin.hang()
            self.close_connection = True
            return
        self._send(status, payload, content_type)

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        """One complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _Hang(Exception):
    """Answer nothing."""


class CloudStandIn(LoopbackStandIn):
    """One vendor's TTS service on 127.0.0.1 at a free port, for as long as the ``with`` lasts."""

    def __init__(self, vendor: str, key: str = API_KEY, mode: Mode = Mode.AUDIO) -> None:
        if vendor not in ("gcloud", "azure", "openai"):
            raise ValueError(vendor)
        super().__init__(_Handler, mode)
        self.vendor = vendor
        self.key = key
        self.public_key: Any = None  # rsa.PublicKey of the one service account it knows
        self.tokens: set[str] = set()
        self.token_requests = 0
        self.retry_after = RETRY_AFTER_S  # what a 429 says in Retry-After

    def route(self, method: str, path: str) -> Any:
        """The handler of ``method path`` for this vendor; 404 otherwise."""
        routes = {
            "gcloud": {
                ("POST", "/v1/text:synthesize"): self._gcloud_synthesize,
                ("GET", "/v1/voices"): self._gcloud_voices,
                ("POST", "/token"): self._token,
            },
            "azure": {
                ("POST", "/cognitiveservices/v1"): self._azure_synthesize,
                ("GET", "/cognitiveservices/voices/list"): self._azure_voices,
            },
            "openai": {
                ("POST", "/v1/audio/speech"): self._openai_speech,
                ("GET", "/v1/models"): self._openai_models,
            },
        }[self.vendor]
        if (method, path) not in routes:
            raise Refused(404, {"error": {"code": 404, "message": "Not Found"}})
        return routes[(method, path)]

    # --- Google Cloud Text-to-Speech ------------------------------------------------------------

    def _gcloud_auth(self, handler: _Handler, query: dict[str, list[str]]) -> None:
        """An API key (header or ``?key=``) or a bearer token this stand-in issued."""
        bearer = handler.headers.get("Authorization", "")
        if bearer.startswith("Bearer "):
            if bearer[7:] not in self.tokens:
                raise google_error(
                    401, "UNAUTHENTICATED", "Request had invalid authentication credentials."
                )
            return
        key = handler.headers.get("X-Goog-Api-Key") or (query.get("key") or [""])[0]
        if not key:
            raise google_error(403, "PERMISSION_DENIED", "The request is missing a valid API key.")
        if key != self.key:
            raise google_error(
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
                "API_KEY_INVALID",
            )

    def _gcloud_voices(
        self, handler: _Handler, query: dict[str, list[str]], _body: bytes
    ) -> tuple[int, bytes, str]:
        """``GET v1/voices``."""
        self._gcloud_auth(handler, query)
        voices = [
            {
                "languageCodes": ["vi-VN"],
                "name": name,
                "ssmlGender": "FEMALE",
                "naturalSampleRateHertz": 24000,
            }
            for name in GCLOUD_VOICES
        ]
        return 200, json.dumps({"voices": voices}).encode(), "application/json"

    def _gcloud_synthesize(
        self, handler: _Handler, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, bytes, str]:
        """``POST v1/text:synthesize``."""
        self._gcloud_auth(handler, query)
        try:
            request = json.loads(body)
            source, voice, config = request["input"], request["voice"], request["audioConfig"]
            if len([k for k in ("text", "ssml") if k in source]) != 1:
                raise ValueError("input needs exactly one of text, ssml")
            text = str(source.get("text") or source.get("ssml"))
            language, name = str(voice["languageCode"]), str(voice.get("name", ""))
            encoding = config["audioEncoding"]
            rate = int(config.get("sampleRateHertz", 24000))
        except (ValueError, KeyError, TypeError) as exc:
            raise google_error(400, "INVALID_ARGUMENT", f"Invalid JSON payload: {exc}") from exc
        if encoding not in GCLOUD_ENCODINGS:
            raise google_error(400, "INVALID_ARGUMENT", f"Invalid value: {encoding}")
        if name not in GCLOUD_VOICES or language != "vi-VN":
            raise google_error(
                400, "INVALID_ARGUMENT", f"Voice '{name}' does not exist. Is it misspelled?"
            )
        if len(text.encode()) > 5000:
            raise google_error(
                400,
                "INVALID_ARGUMENT",
                "`input.text` is longer than the limit of 5000 bytes.",
            )
        mode = self._received(text, name, len(body))
        if mode is Mode.RATE_LIMITED:
            error = google_error(
                429,
                "RESOURCE_EXHAUSTED",
                "Resource has been exhausted (e.g. check quota).",
                "RATE_LIMIT_EXCEEDED",
            )
            error.headers = {"Retry-After": self.retry_after}
            raise error
        if mode is Mode.QUOTA:
            raise google_error(
                429,
                "RESOURCE_EXHAUSTED",
                "Quota exceeded for quota metric 'Characters'.",
                "RESOURCE_EXHAUSTED",
            )
        self._common_failures(mode)
        wav = self._wav(text, rate, mode)
        content = "%%not base64%%" if mode is Mode.BAD_BASE64 else base64.b64encode(wav).decode()
        return 200, json.dumps({"audioContent": content}).encode(), "application/json"

    def _token(
        self, _handler: _Handler, _query: dict[str, list[str]], body: bytes
    ) -> tuple[int, bytes, str]:
        """``POST /token``: a JWT bearer grant, its RS256 signature verified."""
        import rsa

        form = parse_qs(body.decode())
        invalid = Refused(
            400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        )
        if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            raise Refused(400, {"error": "unsupported_grant_type"})
        try:
            header, claims, signature = form["assertion"][0].split(".")
            rsa.verify(f"{header}.{claims}".encode(), b64url_decode(signature), self.public_key)
            decoded = json.loads(b64url_decode(claims))
        except (KeyError, ValueError, rsa.VerificationError) as exc:
            raise invalid from exc
        if json.loads(b64url_decode(header)).get("alg") != "RS256":
            raise invalid
        if decoded.get("aud") != f"{self.url}/token" or "cloud-platform" not in decoded.get(
            "scope", ""
        ):
            raise Refused(400, {"error": "invalid_scope"})
        if not decoded["iat"] <= time.time() + 60 < decoded["exp"] + 60:
            raise invalid
        token = "ya29." + secrets.token_urlsafe(24)
        with self._lock:
            self.tokens.add(token)
            self.token_requests += 1
        reply = {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}
        return 200, json.dumps(reply).encode(), "application/json"

    def service_account(self, directory: Path) -> Path:
        """A service account key file whose key this stand-in trusts (PKCS#8, as Google's)."""
        import rsa

        public, private = rsa.newkeys(1024)
        self.public_key = public
        pkcs1 = private.save_pkcs1("DER")
        pkcs8 = _pkcs8(pkcs1)
        pem = base64.encodebytes(pkcs8).decode().replace("\n", "")
        lines = [pem[i : i + 64] for i in range(0, len(pem), 64)]
        key = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END PRIVATE KEY-----\n"
        path = directory / "service-account.json"
        path.write_text(
            json.dumps(
                {
                    "type": "service_account",
                    "project_id": "baonoi-test",
                    "private_key_id": "k1",
                    "private_key": key,
                    "client_email": "tts@baonoi-test.iam.gserviceaccount.com",
                    "token_uri": f"{self.url}/token",
                }
            ),
            encoding="utf-8",
        )
        return path

    # --- Azure AI Speech ------------------------------------------------------------------------

    def _azure_auth(self, handler: _Handler) -> None:
        """``Ocp-Apim-Subscription-Key``: 401 when missing or wrong."""
        if handler.headers.get("Ocp-Apim-Subscription-Key") != self.key:
            raise Refused(
                401,
                {
                    "error": {
                        "code": "401",
                        "message": "Access denied due to invalid subscription key or wrong API "
                        "endpoint. Make sure to provide a valid key for an active subscription "
                        "and use a correct regional API endpoint for your resource.",
                    }
                },
            )

    def _azure_voices(
        self, handler: _Handler, _query: dict[str, list[str]], _body: bytes
    ) -> tuple[int, bytes, str]:
        """``GET cognitiveservices/voices/list``."""
        self._azure_auth(handler)
        voices = [
            {
                "Name": f"Microsoft Server Speech Text to Speech Voice (vi-VN, {v[6:]})",
                "ShortName": v,
                "Locale": "vi-VN",
                "VoiceType": "Neural",
            }
            for v in AZURE_VOICES
        ] + [{"ShortName": "en-US-JennyNeural", "Locale": "en-US", "VoiceType": "Neural"}]
        return 200, json.dumps(voices).encode(), "application/json"

    def _azure_synthesize(
        self, handler: _Handler, _query: dict[str, list[str]], body: bytes
    ) -> tuple[int, bytes, str]:
        """``POST cognitiveservices/v1`` with SSML."""
        self._azure_auth(handler)
        output = handler.headers.get("X-Microsoft-OutputFormat", "")
        if not handler.headers.get("User-Agent"):
            raise Refused(400, b"")
        if handler.headers.get("Content-Type", "").split(";")[0] != "application/ssml+xml":
            raise Refused(415, b"")
        if output not in AZURE_FORMATS:
            raise Refused(400, b"")
        try:
            root = ET.fromstring(body)  # noqa: S314 - the engine's own SSML, in a test
            if root.tag != f"{SSML_NS}speak" or root.get("version") != "1.0":
                raise ValueError("root must be <speak version='1.0'>")
            if not root.get(XML_LANG):
                raise ValueError("speak needs xml:lang")
            voice = root.find(f"{SSML_NS}voice")
            if voice is None or voice.get("name") not in AZURE_VOICES:
                raise ValueError("unknown voice")
            text = "".join(voice.itertext())
        except (ET.ParseError, ValueError) as exc:
            raise Refused(400, str(exc).encode()) from exc
        mode = self._received(text, str(voice.get("name")), len(body))
        if mode is Mode.RATE_LIMITED:
            raise Refused(429, b"", {"Retry-After": self.retry_after})
        if mode is Mode.QUOTA:
            raise Refused(403, b"Quota exceeded: out of call volume quota for the F0 tier")
        self._common_failures(mode)
        rate = 16000 if output.startswith("riff-16khz") else RATE_HZ
        return 200, self._wav(text, rate, mode), "audio/x-wav"

    # --- OpenAI-style /v1/audio/speech ----------------------------------------------------------

    def _openai_auth(self, handler: _Handler) -> None:
        """``Authorization: Bearer <key>``."""
        if handler.headers.get("Authorization") != f"Bearer {self.key}":
            raise openai_error(
                401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"
            )

    def _openai_models(
        self, handler: _Handler, _query: dict[str, list[str]], _body: bytes
    ) -> tuple[int, bytes, str]:
        """``GET /v1/models``."""
        self._openai_auth(handler)
        models = {"object": "list", "data": [{"id": "tts-1", "object": "model"}]}
        return 200, json.dumps(models).encode(), "application/json"

    def _openai_speech(
        self, handler: _Handler, _query: dict[str, list[str]], body: bytes
    ) -> tuple[int, bytes, str]:
        """``POST /v1/audio/speech``."""
        self._openai_auth(handler)
        try:
            request = json.loads(body)
            model, text, voice = request["model"], request["input"], request["voice"]
            response_format = request.get("response_format", "mp3")
            speed = float(request.get("speed", 1.0))
            if not (isinstance(model, str) and isinstance(text, str) and text):
                raise ValueError("model and input must be non-empty strings")
        except (ValueError, KeyError, TypeError) as exc:
            raise openai_error(400, str(exc), "invalid_request_error", None) from exc
        if voice not in OPENAI_VOICES or response_format not in OPENAI_FORMATS:
            raise openai_error(400, "Invalid voice or format", "invalid_request_error", None)
        if not 0.25 <= speed <= 4.0 or len(text) > 4096:
            raise openai_error(400, "speed or input out of range", "invalid_request_error", None)
        mode = self._received(text, voice, len(body))
        if mode is Mode.RATE_LIMITED:
            error = openai_error(
                429, "Rate limit reached for requests", "requests", "rate_limit_exceeded"
            )
            error.headers = {"Retry-After": self.retry_after}
            raise error
        if mode is Mode.QUOTA:
            raise openai_error(
                429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota"
            )
        self._common_failures(mode)
        return 200, self._wav(text, RATE_HZ, mode), "audio/wav"

    # --- shared ----------------------------------------------------------------------------------

    def _received(self, text: str, voice: str, size: int) -> Mode:
        """Record a valid synthesis request; how to answer it."""
        mode = self.take_mode()
        with self._lock:
            self.received.append(Received(text, voice, mode, size))
        return mode

    def _common_failures(self, mode: Mode) -> None:
        """Server errors and hangs, the same at every vendor."""
        if mode is Mode.SERVER_ERROR:
            raise Refused(500, {"error": {"code": 500, "message": "Internal error encountered."}})
        if mode is Mode.HANG:
            raise _Hang()

    def _wav(self, text: str, rate: int, mode: Mode) -> bytes:
        """The audio answer for ``mode``: a tone WAV, a page, or a WAV cut short."""
        if mode is Mode.NOT_AUDIO:
            return b"<html><body>Service temporarily unavailable</body></html>"
        wav = tone_wav(max(0.2, len(text) * MS_PER_CHAR / 1000), rate)
        return wav[: len(wav) // 2] if mode is Mode.TRUNCATED else wav


def _der(tag: int, content: bytes) -> bytes:
    """One DER item."""
    size = len(content)
    if size < 0x80:
        length = bytes([size])
    else:
        raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content


def _pkcs8(pkcs1: bytes) -> bytes:
    """A PKCS#1 RSA key wrapped as PKCS#8 ``PrivateKeyInfo`` (what Google's key files hold)."""
    rsa_oid = bytes.fromhex("06092a864886f70d010101") + bytes.fromhex("0500")
    return _der(0x30, _der(0x02, b"\x00") + _der(0x30, rsa_oid) + _der(0x04, pkcs1))
