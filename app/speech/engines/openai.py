"""Any server with the OpenAI-style ``POST {base}/v1/audio/speech``: a self-hosted neural voice.

One request per sentence: ``{"model", "input", "voice", "response_format": "wav", "speed"}``
with ``Authorization: Bearer <key>`` (when a key is set); the answer is the WAV itself. Building
the engine checks the key with one ``GET {base}/v1/models`` (free; a server without that route
is let through). Errors follow OpenAI's ``{"error": {"message", "type", "code"}}``: 401 key,
429 ``rate_limit_exceeded`` or ``insufficient_quota``.
"""

from __future__ import annotations

import requests

from app.speech.engines.base import EngineOptions, Speech
from app.speech.engines.cloud import (
    CHECK_TIMEOUT_S,
    TIMEOUT_S,
    CloudEngine,
    Refusal,
    by_status,
    checked,
    json_error,
    send,
    wav_speech,
)

VENDOR = "OpenAI-style TTS"
OPENAI_URL = "https://api.openai.com"


def refusal(reply: requests.Response) -> Refusal:
    """What the server's error answer means."""
    error = json_error(reply)
    code = str(error.get("code") or error.get("type") or "")
    detail = f"HTTP {reply.status_code} {code}: {error.get('message', reply.text[:160])}"
    return by_status(reply.status_code, detail, quota="quota" in code)


class OpenAIEngine(CloudEngine):
    """One model and voice on an OpenAI-style speech server, a request per sentence."""

    name = "openai"
    vendor = VENDOR
    refusal = staticmethod(refusal)

    def __init__(
        self,
        base_url: str = OPENAI_URL,
        key: str | None = None,
        model: str = "tts-1",
        voice: str = "alloy",
        speed: float = 1.0,
        timeout: float = TIMEOUT_S,
    ) -> None:
        self.timeout = timeout
        self.base_url = base_url.rstrip("/").removesuffix("/v1")
        self.key = key
        self.model = model
        self.voice = voice
        self.speed = speed
        self.version = f"audio/speech model={model} speed={speed:g} wav"

    def _headers(self) -> dict[str, str]:
        """The bearer key, when there is one."""
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def synthesize(self, text: str) -> Speech:
        """One sentence's audio."""
        reply = self._post(
            "/v1/audio/speech",
            json={
                "model": self.model,
                "input": text,
                "voice": self.voice,
                "response_format": "wav",
                "speed": self.speed,
            },
            headers=self._headers(),
        )
        return wav_speech(VENDOR, reply.content)

    def check(self) -> None:
        """Start-up: the key is accepted (``GET /v1/models``)."""
        checked(
            VENDOR,
            "BAONOI_OPENAI_KEY",
            lambda: send(
                VENDOR,
                "GET",
                f"{self.base_url}/v1/models",
                headers=self._headers(),
                timeout=CHECK_TIMEOUT_S,
            ),
            refusal,
        )


def load_openai(options: EngineOptions) -> OpenAIEngine:
    """The engine the settings describe, its key checked with one request."""
    settings = options.settings
    engine = OpenAIEngine(
        base_url=settings.openai_url,
        key=settings.openai_key,
        model=settings.openai_model,
        voice=settings.openai_voice,
        speed=settings.openai_speed,
    )
    engine.check()
    return engine
