"""Google Cloud Text-to-Speech (REST v1 ``text:synthesize``): the ``vi-VN`` voices a portal buys.

One request per sentence: ``{"input": {"text"}, "voice": {"languageCode": "vi-VN", "name"},
"audioConfig": {"audioEncoding": "LINEAR16", "sampleRateHertz"}}``; the answer's
``audioContent`` is a base64 WAV. Authentication by API key (``X-Goog-Api-Key``) or by a
service account's JSON key file: a JWT signed with its RSA key (the ``rsa`` package, the
``baonoi[gcloud]`` extra) is exchanged at the file's ``token_uri`` for an hour's OAuth token.
Building the engine checks the credentials and the voice with one ``GET v1/voices`` (free).
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from app.errors import ConfigError
from app.speech.engines.base import EngineOptions, Speech
from app.speech.engines.cloud import (
    CHECK_TIMEOUT_S,
    TIMEOUT_S,
    CloudEngine,
    Refusal,
    bad_answer,
    by_status,
    checked,
    failure,
    json_error,
    missing,
    send,
    unknown_voice,
    wav_speech,
)

VENDOR = "Google Cloud TTS"
GCLOUD_URL = "https://texttospeech.googleapis.com"
SCOPE = "https://www.googleapis.com/auth/cloud-platform"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
SAMPLE_RATE_HZ = 24_000
TOKEN_MARGIN_S = 300  # a token is renewed this long before it expires
# Google's ErrorInfo reasons: which 4xx are about the credentials, which 429 is a spent quota.
CREDENTIAL_REASONS = frozenset(
    {"API_KEY_INVALID", "API_KEY_SERVICE_BLOCKED", "ACCESS_TOKEN_EXPIRED", "SERVICE_DISABLED"}
)
QUOTA_REASONS = frozenset({"RESOURCE_EXHAUSTED", "BILLING_DISABLED", "QUOTA_EXCEEDED"})


def _b64url(data: bytes) -> str:
    """Base64url without padding (JWT's encoding)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _der_item(data: bytes, position: int) -> tuple[int, int, int]:
    """One DER item at ``position``: its tag, where its contents start and where they end."""
    tag, length = data[position], data[position + 1]
    start = position + 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[start : start + count], "big")
        start += count
    return tag, start, start + length


def pkcs1_from_pkcs8(der: bytes) -> bytes:
    """The PKCS#1 RSA key inside a PKCS#8 ``PrivateKeyInfo`` (a service account's key)."""
    _, start, _ = _der_item(der, 0)  # SEQUENCE
    _, _, after_version = _der_item(der, start)  # INTEGER version
    _, _, after_algorithm = _der_item(der, after_version)  # SEQUENCE algorithm
    tag, key_start, key_end = _der_item(der, after_algorithm)  # OCTET STRING privateKey
    if tag != 0x04:
        raise ValueError("not a PKCS#8 private key")
    return der[key_start:key_end]


@dataclass
class ServiceAccount:
    """A service account's key: signs a JWT, trades it for an OAuth token, keeps it an hour."""

    email: str
    private_key: str  # PEM, PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY")
    key_id: str
    token_uri: str
    _token: str = ""
    _expires: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_file(cls, path: Path) -> ServiceAccount:
        """The account of a JSON key file; ``ConfigError`` when it is not one."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                email=data["client_email"],
                private_key=data["private_key"],
                key_id=data.get("private_key_id", ""),
                token_uri=data.get("token_uri", "https://oauth2.googleapis.com/token"),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"BAONOI_GCLOUD_CREDENTIALS {path}: not a service account key file ({exc})",
                f"BAONOI_GCLOUD_CREDENTIALS {path}: không phải tệp khoá tài khoản dịch vụ",
            ) from exc

    def assertion(self, now: float) -> str:
        """The signed JWT asking for the cloud-platform scope."""
        try:
            import rsa
        except ImportError as exc:
            raise ConfigError(
                "A service account key needs the rsa package: pip install 'baonoi[gcloud]'",
                "Khoá tài khoản dịch vụ cần gói rsa: pip install 'baonoi[gcloud]'",
            ) from exc
        header = {"alg": "RS256", "typ": "JWT", "kid": self.key_id}
        claims = {
            "iss": self.email,
            "scope": SCOPE,
            "aud": self.token_uri,
            "iat": int(now),
            "exp": int(now) + 3600,
        }
        signing_input = ".".join(
            _b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
        )
        try:
            if "BEGIN RSA PRIVATE KEY" in self.private_key:
                key = rsa.PrivateKey.load_pkcs1(self.private_key.encode())
            else:
                pem = "".join(line for line in self.private_key.splitlines() if "-----" not in line)
                key = rsa.PrivateKey.load_pkcs1(pkcs1_from_pkcs8(base64.b64decode(pem)), "DER")
        except (ValueError, IndexError, binascii.Error) as exc:
            raise ConfigError(
                f"The service account's private key cannot be read ({exc})",
                "Không đọc được khoá riêng của tài khoản dịch vụ",
            ) from exc
        signature = rsa.sign(signing_input.encode(), key, "SHA-256")
        return f"{signing_input}.{_b64url(signature)}"

    def token(self) -> str:
        """A valid access token, fetched again when it nears its end."""
        with self._lock:
            now = time.time()
            if self._token and now < self._expires - TOKEN_MARGIN_S:
                return self._token
            reply = send(
                VENDOR,
                "POST",
                self.token_uri,
                data={"grant_type": JWT_BEARER, "assertion": self.assertion(now)},
            )
            with reply:
                if reply.status_code != 200:
                    kind = "server" if reply.status_code >= 500 else "credentials"
                    raise failure(VENDOR, Refusal(kind, reply.text[:200]), reply.headers)
                try:
                    body = reply.json()
                    self._token = str(body["access_token"])
                    self._expires = now + float(body.get("expires_in", 3600))
                except (ValueError, KeyError, TypeError) as exc:
                    raise bad_answer(VENDOR, f"token answer: {reply.text[:200]}") from exc
            return self._token


def refusal(reply: requests.Response) -> Refusal:
    """What Google's error answer (``{"error": {"code", "status", "details"}}``) means."""
    error = json_error(reply)
    reasons = {
        str(d.get("reason", ""))
        for d in error.get("details", [])
        if isinstance(d, dict) and d.get("reason")
    }
    detail = f"HTTP {reply.status_code} {error.get('status', '')}: {error.get('message', '')}"
    if reasons & CREDENTIAL_REASONS:  # a bad API key is a 400 INVALID_ARGUMENT at Google
        return Refusal("credentials", detail)
    # RATE_LIMIT_EXCEEDED: per-minute limits; the other 429 reasons: the quota is spent
    quota = "RATE_LIMIT_EXCEEDED" not in reasons and bool(
        reasons & QUOTA_REASONS or "quota exceeded" in detail.lower()
    )
    return by_status(reply.status_code, detail, quota)


class GcloudEngine(CloudEngine):
    """One ``vi-VN`` Google Cloud voice, a request per sentence, WAV (LINEAR16) answers."""

    name = "gcloud"
    vendor = VENDOR
    refusal = staticmethod(refusal)

    def __init__(
        self,
        voice: str = "vi-VN-Wavenet-A",
        api_key: str | None = None,
        account: ServiceAccount | None = None,
        base_url: str = GCLOUD_URL,
        rate: int = SAMPLE_RATE_HZ,
        timeout: float = TIMEOUT_S,
    ) -> None:
        self.timeout = timeout
        self.voice = voice
        self.language = "-".join(voice.split("-")[:2])
        self.api_key = api_key
        self.account = account
        self.base_url = base_url.rstrip("/")
        self.rate = rate
        self.version = f"texttospeech v1 LINEAR16 {rate} Hz"

    def _auth(self) -> dict[str, str]:
        """The key header, or the service account's bearer token."""
        if self.account is not None:
            return {"Authorization": f"Bearer {self.account.token()}"}
        return {"X-Goog-Api-Key": self.api_key or ""}

    def request_body(self, text: str) -> dict[str, Any]:
        """The ``text:synthesize`` body for one sentence."""
        return {
            "input": {"text": text},
            "voice": {"languageCode": self.language, "name": self.voice},
            "audioConfig": {"audioEncoding": "LINEAR16", "sampleRateHertz": self.rate},
        }

    def synthesize(self, text: str) -> Speech:
        """One sentence's audio."""
        reply = self._post(
            "/v1/text:synthesize",
            json=self.request_body(text),
            headers=self._auth(),
        )
        try:
            data = base64.b64decode(reply.json()["audioContent"], validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise bad_answer(VENDOR, f"no base64 audioContent: {reply.text[:120]}") from exc
        return wav_speech(VENDOR, data)

    def check(self) -> None:
        """Start-up: the credentials are accepted and the voice exists (``GET v1/voices``)."""
        setting = "BAONOI_GCLOUD_CREDENTIALS" if self.account else "BAONOI_GCLOUD_API_KEY"
        reply = checked(
            VENDOR,
            setting,
            lambda: send(
                VENDOR,
                "GET",
                f"{self.base_url}/v1/voices",
                params={"languageCode": self.language},
                headers=self._auth(),
                timeout=CHECK_TIMEOUT_S,
            ),
            refusal,
        )
        if reply is None:
            return
        try:
            names = [str(v["name"]) for v in reply.json().get("voices", [])]
        except (ValueError, KeyError, TypeError, AttributeError):
            return
        if self.voice not in names:
            raise unknown_voice(VENDOR, self.voice, "BAONOI_GCLOUD_VOICE", names)


def load_gcloud(options: EngineOptions) -> GcloudEngine:
    """The engine the settings describe, its credentials checked with one request."""
    settings = options.settings
    account = None
    if settings.gcloud_credentials is not None:
        account = ServiceAccount.from_file(settings.gcloud_credentials)
    elif not settings.gcloud_api_key:
        raise missing(VENDOR, "BAONOI_GCLOUD_API_KEY or BAONOI_GCLOUD_CREDENTIALS")
    engine = GcloudEngine(
        voice=settings.gcloud_voice,
        api_key=settings.gcloud_api_key,
        account=account,
        base_url=settings.gcloud_url,
    )
    engine.check()
    return engine
