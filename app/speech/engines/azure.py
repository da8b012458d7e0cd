"""Azure AI Speech (REST ``cognitiveservices/v1``): the ``vi-VN`` neural voices, key and region.

One request per sentence: SSML (``<speak version="1.0" xml:lang="vi-VN"><voice name=…>``, the
text escaped) posted with ``Ocp-Apim-Subscription-Key``, ``X-Microsoft-OutputFormat:
riff-24khz-16bit-mono-pcm`` and a ``User-Agent``; the answer is the WAV itself. Building the
engine checks the key and the voice with one ``GET cognitiveservices/voices/list`` (free).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import requests

from app.speech.engines.base import EngineOptions, Speech
from app.speech.engines.cloud import (
    CHECK_TIMEOUT_S,
    TIMEOUT_S,
    CloudEngine,
    Refusal,
    by_status,
    checked,
    missing,
    send,
    unknown_voice,
    wav_speech,
)

VENDOR = "Azure AI Speech"
OUTPUT_FORMAT = "riff-24khz-16bit-mono-pcm"


def azure_url(region: str) -> str:
    """The regional text-to-speech endpoint."""
    return f"https://{region}.tts.speech.microsoft.com"


def refusal(reply: requests.Response) -> Refusal:
    """What Azure's answer means: 401 key, 403 quota (free tier) or key, 429 rate, 5xx."""
    detail = f"HTTP {reply.status_code}: {reply.text[:160]}"
    if reply.status_code == 403 and "quota" in reply.text.lower():  # the free tier's quota
        return Refusal("quota", detail)
    return by_status(reply.status_code, detail)


def ssml(text: str, voice: str, language: str) -> str:
    """One sentence as SSML for ``voice``."""
    return (
        f'<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" '
        f"xml:lang={quoteattr(language)}><voice name={quoteattr(voice)}>"
        f"{escape(text)}</voice></speak>"
    )


class AzureEngine(CloudEngine):
    """One ``vi-VN`` Azure neural voice, a request per sentence, RIFF PCM answers."""

    name = "azure"
    vendor = VENDOR
    refusal = staticmethod(refusal)

    def __init__(
        self,
        key: str,
        voice: str = "vi-VN-HoaiMyNeural",
        base_url: str = "",
        timeout: float = TIMEOUT_S,
    ) -> None:
        self.timeout = timeout
        self.key = key
        self.voice = voice
        self.language = "-".join(voice.split("-")[:2])
        self.base_url = (base_url or azure_url("southeastasia")).rstrip("/")
        self.version = f"cognitiveservices v1 {OUTPUT_FORMAT}"

    def synthesize(self, text: str) -> Speech:
        """One sentence's audio."""
        reply = self._post(
            "/cognitiveservices/v1",
            data=ssml(text, self.voice, self.language).encode("utf-8"),
            headers={
                "Ocp-Apim-Subscription-Key": self.key,
                "Content-Type": "application/ssml+xml",
                "X-Microsoft-OutputFormat": OUTPUT_FORMAT,
            },
        )
        return wav_speech(VENDOR, reply.content)

    def check(self) -> None:
        """Start-up: the key is accepted and the voice exists (``GET …/voices/list``)."""
        reply = checked(
            VENDOR,
            "BAONOI_AZURE_KEY",
            lambda: send(
                VENDOR,
                "GET",
                f"{self.base_url}/cognitiveservices/voices/list",
                headers={"Ocp-Apim-Subscription-Key": self.key},
                timeout=CHECK_TIMEOUT_S,
            ),
            refusal,
        )
        if reply is None:
            return
        try:
            names = [str(v["ShortName"]) for v in reply.json()]
        except (ValueError, KeyError, TypeError):
            return
        if self.voice not in names:
            local = [n for n in names if n.startswith(self.language)]
            raise unknown_voice(VENDOR, self.voice, "BAONOI_AZURE_VOICE", local)


def load_azure(options: EngineOptions) -> AzureEngine:
    """The engine the settings describe, its key checked with one request."""
    settings = options.settings
    if not settings.azure_key:
        raise missing(VENDOR, "BAONOI_AZURE_KEY")
    engine = AzureEngine(
        settings.azure_key,
        voice=settings.azure_voice,
        base_url=settings.azure_url or azure_url(settings.azure_region),
    )
    engine.check()
    return engine
