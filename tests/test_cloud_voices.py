"""The paid voices (gcloud, azure, openai) against loopback stand-ins answering as vendors do."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config import load_settings
from app.errors import ConfigError, EngineUnavailable, SynthesisError
from app.speech.engines import ENGINES, EngineOptions
from app.speech.engines.azure import AzureEngine
from app.speech.engines.base import Engine
from app.speech.engines.cloud import QUOTA_REST_S, Resting, is_loopback, wav_speech
from app.speech.engines.gcloud import GcloudEngine, ServiceAccount
from app.speech.engines.labels import voice_label
from app.speech.engines.openai import OpenAIEngine
from tests.cloud_standin import API_KEY, MS_PER_CHAR, RATE_HZ, CloudStandIn, Mode, tone_wav

VENDORS = ("gcloud", "azure", "openai")
SENTENCE = "Ủy ban nhân dân tỉnh Bắc Kạn họp phiên thường kỳ tháng mười hai."


@pytest.fixture(params=VENDORS)
def standin(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CloudStandIn]:
    """One vendor's stand-in, reached directly even where a proxy is configured."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with CloudStandIn(request.param) as running:
        yield running


def settings_for(standin: CloudStandIn, key: str = API_KEY, **more: Any) -> dict[str, Any]:
    """The settings that aim ``standin.vendor`` at the stand-in with ``key``."""
    vendor = standin.vendor
    found: dict[str, Any] = {
        "gcloud": {"gcloud_api_key": key, "gcloud_url": standin.url},
        "azure": {"azure_key": key, "azure_url": standin.url},
        "openai": {"openai_key": key, "openai_url": standin.url, "openai_voice": "vi-female"},
    }[vendor]
    return {**found, "tts_engine": vendor, **more}


def load(standin: CloudStandIn, key: str = API_KEY, **more: Any) -> Engine:
    """The engine as the services build it (start-up check included)."""
    settings = load_settings(settings_for(standin, key, **more), environ={})
    return ENGINES[standin.vendor](EngineOptions.from_settings(settings))


def engine_for(standin: CloudStandIn, timeout: float = 10.0) -> Engine:
    """The vendor's engine aimed at the stand-in, without the start-up check."""
    if standin.vendor == "gcloud":
        return GcloudEngine(api_key=API_KEY, base_url=standin.url, timeout=timeout)
    if standin.vendor == "azure":
        return AzureEngine(API_KEY, base_url=standin.url, timeout=timeout)
    return OpenAIEngine(standin.url, API_KEY, voice="vi-female", timeout=timeout)


def test_each_engine_speaks_a_sentence_in_one_request_the_service_accepts(
    standin: CloudStandIn,
) -> None:
    speech = load(standin).synthesize(SENTENCE)
    assert standin.texts == [SENTENCE]
    assert speech.rate == RATE_HZ
    expected = len(SENTENCE) * MS_PER_CHAR / 1000
    assert abs(len(speech.samples) / speech.rate - expected) < 0.01
    assert abs(int(speech.samples.astype(int).max()) - 0.3 * 32767) < 500


def test_text_with_markup_characters_reaches_the_service_as_text(standin: CloudStandIn) -> None:
    text = 'Giá "xăng" <tăng> 5% & dầu giảm'
    engine_for(standin).synthesize(text)
    assert standin.texts == [text]


def test_a_rate_limit_rests_the_engine_for_its_retry_after(standin: CloudStandIn) -> None:
    standin.script.append(Mode.RATE_LIMITED)
    with pytest.raises(Resting) as caught:
        engine_for(standin).synthesize(SENTENCE)
    assert caught.value.kind == "rate" and caught.value.rest_s == 1.0


def test_a_spent_quota_rests_the_engine_for_an_hour(standin: CloudStandIn) -> None:
    standin.script.append(Mode.QUOTA)
    with pytest.raises(Resting) as caught:
        engine_for(standin).synthesize(SENTENCE)
    assert caught.value.kind == "quota" and caught.value.rest_s == QUOTA_REST_S


def test_a_server_error_or_a_hang_makes_the_engine_unavailable(standin: CloudStandIn) -> None:
    standin.script.extend([Mode.SERVER_ERROR, Mode.HANG])
    engine = engine_for(standin, timeout=0.3)
    for _ in range(2):
        with pytest.raises(EngineUnavailable) as caught:
            engine.synthesize(SENTENCE)
        assert isinstance(caught.value, Resting) and caught.value.kind == "server"


@pytest.mark.parametrize("mode", [Mode.NOT_AUDIO, Mode.TRUNCATED, Mode.BAD_BASE64])
def test_a_malformed_answer_fails_only_the_sentence(standin: CloudStandIn, mode: Mode) -> None:
    if mode is Mode.BAD_BASE64 and standin.vendor != "gcloud":
        pytest.skip("only Google wraps the audio in base64")
    standin.script.append(mode)
    with pytest.raises(SynthesisError) as caught:
        engine_for(standin).synthesize(SENTENCE)
    assert not isinstance(caught.value, EngineUnavailable)
    assert "usable audio" in caught.value.message_en


def test_a_wrong_key_stops_start_up_with_a_bilingual_config_error(standin: CloudStandIn) -> None:
    with pytest.raises(ConfigError) as caught:
        load(standin, key="wrong-key")
    assert "refused the credentials" in caught.value.message_en
    assert "từ chối thông tin xác thực" in caught.value.message_vi
    assert standin.texts == []  # the check costs no characters


def test_a_key_revoked_after_start_up_rests_the_engine(standin: CloudStandIn) -> None:
    engine = load(standin)
    standin.key = "rotated"
    with pytest.raises(Resting) as caught:
        engine.synthesize(SENTENCE)
    assert caught.value.kind == "credentials"


def test_a_voice_the_vendor_does_not_offer_stops_start_up(standin: CloudStandIn) -> None:
    if standin.vendor == "openai":
        pytest.skip("OpenAI-style servers do not list their voices")
    voice = {
        "gcloud": {"gcloud_voice": "vi-VN-Wavenet-Z"},
        "azure": {"azure_voice": "vi-VN-XNeural"},
    }
    with pytest.raises(ConfigError) as caught:
        load(standin, **voice[standin.vendor])
    assert "has no voice" in caught.value.message_en and "không có giọng" in caught.value.message_vi


def test_an_unreachable_service_at_start_up_is_left_to_the_chain(
    standin: CloudStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    url = standin.url
    standin.stop()
    standin.start = lambda: standin  # type: ignore[method-assign]
    standin.stop = lambda: None  # type: ignore[method-assign]
    settings = settings_for(standin)
    settings.update(
        {k: url.replace(url.rsplit(":", 1)[1], "9") for k in settings if k.endswith("_url")}
    )
    engine = ENGINES[standin.vendor](
        EngineOptions.from_settings(load_settings(settings, environ={}))
    )
    assert engine.name == standin.vendor and not engine.available()
    assert "could not reach" in caplog.text


def test_missing_credentials_are_a_config_error_naming_the_setting() -> None:
    settings = load_settings({"tts_engine": "gcloud"}, environ={})
    with pytest.raises(ConfigError, match="BAONOI_GCLOUD_API_KEY"):
        ENGINES["gcloud"](EngineOptions.from_settings(settings))
    with pytest.raises(ConfigError, match="BAONOI_AZURE_KEY"):
        ENGINES["azure"](EngineOptions.from_settings(settings))


def test_voice_and_model_are_part_of_what_each_engine_reports() -> None:
    a = GcloudEngine(voice="vi-VN-Wavenet-A", api_key="k")
    b = GcloudEngine(voice="vi-VN-Neural2-A", api_key="k")
    assert (a.voice, a.version) != (b.voice, b.version) or a.voice != b.voice
    assert OpenAIEngine(model="m1").version != OpenAIEngine(model="m2").version
    assert voice_label("gcloud", "vi-VN-Wavenet-A") == "Google Cloud Wavenet-A (trực tuyến)"
    assert voice_label("azure", "vi-VN-HoaiMyNeural") == "Azure HoaiMy (giọng nơ-ron, trực tuyến)"
    assert voice_label("openai", "vi-female") == "vi-female (giọng nơ-ron, máy chủ riêng)"


def test_google_service_account_signs_a_jwt_and_uses_one_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with CloudStandIn("gcloud", key="no-api-key-accepted") as standin:
        key_file = standin.service_account(tmp_path)
        settings = load_settings(
            {"gcloud_credentials": key_file, "gcloud_url": standin.url}, environ={}
        )
        engine = ENGINES["gcloud"](EngineOptions.from_settings(settings))
        engine.synthesize(SENTENCE)
        engine.synthesize(SENTENCE + " Hai.")
        assert standin.token_requests == 1 and len(standin.texts) == 2


def test_a_service_account_the_service_does_not_trust_stops_start_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with CloudStandIn("gcloud") as standin:
        key_file = standin.service_account(tmp_path)
        standin.service_account(tmp_path / "..")  # the stand-in now trusts another key
        settings = load_settings(
            {"gcloud_credentials": key_file, "gcloud_url": standin.url}, environ={}
        )
        with pytest.raises(ConfigError, match="refused the credentials"):
            ENGINES["gcloud"](EngineOptions.from_settings(settings))
    assert ServiceAccount.from_file(key_file).email.endswith("gserviceaccount.com")


def test_wav_answers_are_checked_before_they_are_used() -> None:
    wav = tone_wav(0.5)
    assert len(wav_speech("x", wav).samples) == RATE_HZ // 2
    streamed = wav[:40] + b"\xff\xff\xff\xff" + wav[44:]  # a streamed WAV: length unknown
    assert len(wav_speech("x", streamed).samples) == RATE_HZ // 2
    for broken in (wav[:-10], b"RIFF", b"ID3" + wav, base64.b64encode(wav)):
        with pytest.raises(SynthesisError):
            wav_speech("x", broken)


def test_only_loopback_addresses_keep_the_text_on_the_machine() -> None:
    assert is_loopback("http://127.0.0.1:8000") and is_loopback("http://localhost/v1")
    assert not is_loopback("https://api.openai.com") and not is_loopback("http://10.0.0.5")


def test_the_standin_refuses_what_the_service_would(standin: CloudStandIn) -> None:
    import requests

    if standin.vendor == "azure":
        bad = requests.post(
            f"{standin.url}/cognitiveservices/v1",
            data=b"<speak><voice>unclosed",
            headers={
                "Ocp-Apim-Subscription-Key": API_KEY,
                "Content-Type": "application/ssml+xml",
                "X-Microsoft-OutputFormat": "riff-24khz-16bit-mono-pcm",
            },
            timeout=5,
        )
    elif standin.vendor == "gcloud":
        body = {"input": {"text": "a"}, "voice": {"languageCode": "vi-VN", "name": "x"}}
        bad = requests.post(
            f"{standin.url}/v1/text:synthesize",
            json={**body, "audioConfig": {"audioEncoding": "WAV"}},
            headers={"X-Goog-Api-Key": API_KEY},
            timeout=5,
        )
    else:
        bad = requests.post(
            f"{standin.url}/v1/audio/speech",
            json={"model": "tts-1", "input": "a", "voice": "nobody"},
            headers={"Authorization": f"Bearer {API_KEY}"},
            timeout=5,
        )
    assert bad.status_code == 400 and standin.texts == []
    if standin.vendor != "azure":
        assert json.loads(bad.text)["error"]["message"]
