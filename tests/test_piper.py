"""The Piper engine through piper-tts's real loading code, with a tiny generated voice.

The voice (tests/piper_voice.py) sounds ``HOP`` samples per phoneme id, so every sentence's length
is known from its phoneme ids; the real Vietnamese voices cannot be downloaded here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app import audio
from app.audiostate import audio_path, timings_path
from app.config import load_settings
from app.errors import ConfigError
from app.pipeline import ingest, synthesize
from app.planning import plan
from app.services import Services, build_services
from app.speech.engines import EngineOptions
from app.speech.engines.piper import PiperEngine, load_piper
from app.speech.render import SpokenUnit, render
from tests.piper_voice import HOP, RATE, write_voice
from tests.test_listen import onsets


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """A tiny single-speaker Vietnamese voice."""
    return write_voice(tmp_path / "voices")


def ids_of(engine: PiperEngine, text: str) -> int:
    """How many phoneme ids the voice turns ``text`` into (over all its sentences)."""
    voice = engine._voice
    return sum(len(voice.phonemes_to_ids(p)) for p in voice.phonemize(text))


def settings_for(tmp_path: Path, **values: Any) -> Any:
    """Settings on a fresh data directory with ``values`` on top."""
    base = {"data_dir": tmp_path / "instance", "audio_cache_dir": tmp_path / "audio"}
    return load_settings(base | values, environ={})


@pytest.fixture
def piper_services(tmp_path: Path, model: Path) -> Iterator[Services]:
    """Services speaking with the tiny voice, their own audio directory."""
    services = build_services(settings_for(tmp_path, tts_engine="piper", piper_model=model))
    yield services
    services.close()


def test_the_voice_speaks_one_hop_per_phoneme_id_at_its_own_rate(model: Path) -> None:
    engine = load_piper(EngineOptions(piper_model=model))
    text = "Tỉnh Bắc Kạn nâng cao chất lượng. Câu hai!"
    speech = engine.synthesize(text)
    assert speech.rate == RATE and engine.name == "piper" and not engine.robotic
    assert len(speech.samples) == ids_of(engine, text) * HOP
    assert np.abs(speech.samples.astype(np.int32)).max() > 10_000
    assert engine.voice == "vi_VN-tiny-x_low" and engine.facts.language == "vi"


def test_speed_is_the_inverse_of_pipers_length_scale(model: Path) -> None:
    engine = load_piper(EngineOptions(piper_model=model, piper_speed=2.0))
    assert engine.length_scale == 0.5
    assert len(engine.synthesize("Câu hai.").samples) == ids_of(engine, "Câu hai.") * HOP // 2


def test_text_with_nothing_to_say_is_silence_not_a_crash(model: Path, tmp_path: Path) -> None:
    engine = load_piper(EngineOptions(piper_model=model))
    assert len(engine.synthesize("...").samples) == 0
    out = render([SpokenUnit(0, "...", "...", 300)], engine, tmp_path / "units")
    assert out.timings[0].start == out.timings[0].end


def test_a_named_speaker_of_a_multi_speaker_voice_is_used(tmp_path: Path) -> None:
    model = write_voice(tmp_path, speakers=2)
    first = load_piper(EngineOptions(piper_model=model))
    second = load_piper(EngineOptions(piper_model=model, piper_speaker="b"))
    assert first.facts.speakers == ("a", "b") and second.speaker_id == 1
    assert second.voice.endswith("#b") and first.version != second.version
    one, two = first.synthesize("Xin chào."), second.synthesize("Xin chào.")
    assert len(one.samples) == len(two.samples) and not np.array_equal(one.samples, two.samples)


def test_the_one_voice_in_the_data_dirs_voices_is_the_default(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, tts_engine="piper")
    write_voice(settings.voices_dir)
    services = build_services(settings)
    try:
        assert services.engine.name == "piper"
        assert services.engine.voice == "vi_VN-tiny-x_low"
    finally:
        services.close()


def test_the_sample_article_speaks_with_piper_in_time_with_its_timings(
    piper_services: Services, sample_page: bytes
) -> None:
    engine = piper_services.engine
    assert isinstance(engine, PiperEngine)
    article, _ = ingest(piper_services, sample_page, queue_audio=False)
    started = time.perf_counter()
    info = synthesize(piper_services, article.id)
    print(f"sample article with the tiny voice: {time.perf_counter() - started:.1f} s")
    assert (info.engine, info.voice) == ("piper", "vi_VN-tiny-x_low")
    units = plan(piper_services, article).units
    assert info.engines == {"piper": len(units)}
    timings = json.loads(timings_path(piper_services, article.audio_key).read_text("utf-8"))
    for unit, timing in zip(units, timings, strict=True):
        expected = ids_of(engine, unit.spoken) * HOP / RATE  # resampled to 24 kHz: same seconds
        assert timing["end"] - timing["start"] == pytest.approx(expected, abs=0.002)
        assert timing["engine"] == "piper"
    for fmt in audio.CODECS:
        samples, rate = audio.decode(audio_path(piper_services, article.audio_key, fmt))
        assert rate == audio.SAMPLE_RATE
        assert len(samples) / rate == pytest.approx(info.duration_s, rel=0.01)
        late = [
            (i, round(found - t["start"], 3))
            for i, (found, t) in enumerate(
                zip(onsets(samples, rate, timings), timings, strict=True)
            )
            if abs(found - t["start"]) > 0.05
        ]
        assert not late, f"{fmt}: sentences sounding away from their timing: {late}"


def test_a_different_voice_file_makes_a_different_audio_key(
    tmp_path: Path, model: Path, sample_page: bytes
) -> None:
    def key() -> str:
        services = build_services(settings_for(tmp_path, tts_engine="piper", piper_model=model))
        try:
            article, _ = ingest(services, sample_page, queue_audio=False)
            return plan(services, article).key
        finally:
            services.close()

    first = key()
    assert key() == first  # the same files: the same key
    write_voice(model.parent, amplitude=0.4)  # the same name, new weights
    second = key()
    config = Path(f"{model}.json")
    config.write_text(config.read_text("utf-8").replace('"noise_w": 0.8', '"noise_w": 0.7'))
    assert len({first, second, key()}) == 3


# --- a bad voice is a clear error when the services are built, never a crash mid-job ---------


def startup_error(tmp_path: Path, **values: Any) -> ConfigError:
    """The ``ConfigError`` building services with ``values`` raises."""
    with pytest.raises(ConfigError) as caught:
        build_services(settings_for(tmp_path, tts_engine="piper,espeak", **values))
    return caught.value


def test_a_missing_config_is_named_at_start_up(tmp_path: Path, model: Path) -> None:
    Path(f"{model}.json").unlink()
    error = startup_error(tmp_path, piper_model=model)
    assert f"{model}.json" in error.message_en and "config is missing" in error.message_en
    assert f"{model}.json" in error.message_vi and "thiếu tệp cấu hình" in error.message_vi


def test_a_corrupt_model_is_named_at_start_up(tmp_path: Path, model: Path) -> None:
    model.write_bytes(b"\x08\x07 not a model" * 20)
    error = startup_error(tmp_path, piper_model=model)
    assert str(model) in error.message_en and "cannot be loaded" in error.message_en
    assert str(model) in error.message_vi and "không nạp được" in error.message_vi


@pytest.mark.parametrize(
    "broken", [{"output": "wav"}, {"drop": "input_lengths"}], ids=["output", "input"]
)
def test_a_model_with_the_wrong_interface_is_named_at_start_up(
    tmp_path: Path, broken: dict[str, str]
) -> None:
    model = write_voice(tmp_path / "v", **broken)
    error = startup_error(tmp_path, piper_model=model)
    assert str(model) in error.message_en and "Piper needs inputs" in error.message_en
    assert "không phải mô hình giọng Piper" in error.message_vi


def test_a_multi_speaker_config_on_a_one_speaker_model_is_a_wrong_interface(
    tmp_path: Path, model: Path
) -> None:
    config = Path(f"{model}.json")
    config.write_text(config.read_text("utf-8").replace('"num_speakers": 1', '"num_speakers": 3'))
    assert "'sid'" in startup_error(tmp_path, piper_model=model).message_en


def test_a_voice_for_another_language_is_named_at_start_up(tmp_path: Path) -> None:
    model = write_voice(tmp_path / "v", name="en_US-tiny-low", language="en-us")
    error = startup_error(tmp_path, piper_model=model)
    assert f"{model}.json" in error.message_en and "'en-us', not Vietnamese" in error.message_en
    assert "không phải tiếng Việt" in error.message_vi


def test_a_missing_model_file_is_named_at_start_up(tmp_path: Path) -> None:
    error = startup_error(tmp_path, piper_model=tmp_path / "nowhere.onnx")
    assert "nowhere.onnx" in error.message_en and "does not exist" in error.message_en


def test_no_voice_or_several_voices_in_the_voices_dir_say_what_to_do(tmp_path: Path) -> None:
    error = startup_error(tmp_path)
    assert "No Piper voice" in error.message_en and "BAONOI_PIPER_MODEL" in error.message_en
    voices = settings_for(tmp_path).voices_dir
    write_voice(voices, name="one")
    write_voice(voices, name="two")
    error = startup_error(tmp_path)
    assert "one.onnx, two.onnx" in error.message_en and "nhiều giọng" in error.message_vi


def test_an_unknown_or_needless_speaker_is_named_at_start_up(tmp_path: Path, model: Path) -> None:
    error = startup_error(tmp_path, piper_model=model, piper_speaker="b")
    assert "one speaker" in error.message_en and "một người đọc" in error.message_vi
    several = write_voice(tmp_path / "many", speakers=2)
    error = startup_error(tmp_path, piper_model=several, piper_speaker="z")
    assert "no speaker 'z'; the voice has a, b" in error.message_en
