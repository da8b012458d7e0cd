"""An operator's Piper voice: neural, offline, Vietnamese (the ``baonoi[piper]`` extra).

No Vietnamese voice ships in a package; the operator puts one (``voice.onnx`` with its
``voice.onnx.json`` beside it) in ``$BAONOI_DATA_DIR/voices/`` or names it in
``BAONOI_PIPER_MODEL``. Loading checks what a job would otherwise trip over later: both files,
the config, the language and the model's interface. Each fault is a ``ConfigError`` naming the
file, raised when the services are built. The engine's version holds a hash of both files, so a
new voice never reuses the old one's audio. ``piper`` is imported only here, only when used.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import ConfigError, SynthesisError
from app.speech.engines.base import EngineOptions, Speech

LANGUAGE_PREFIX = "vi"  # espeak.voice in the config: vi, vi-vn-x-central, …
# What Piper feeds a voice and reads back: name -> (type, rank). ``sid`` only with speakers.
INPUTS = {
    "input": ("tensor(int64)", 2),
    "input_lengths": ("tensor(int64)", 1),
    "scales": ("tensor(float)", 1),
}
SPEAKER_INPUT = ("sid", ("tensor(int64)", 1))
OUTPUT = ("output", ("tensor(float)", 3))


def _bad(path: Path, en: str, vi: str) -> ConfigError:
    """A ``ConfigError`` about one voice file."""
    return ConfigError(f"Piper voice {path}: {en}", f"Giọng Piper {path}: {vi}")


def find_model(options: EngineOptions) -> Path:
    """``BAONOI_PIPER_MODEL``, else the one ``.onnx`` in the voices directory."""
    if options.piper_model is not None:
        return options.piper_model
    found = sorted(options.voices_dir.glob("*.onnx"))
    if len(found) == 1:
        return found[0]
    if not found:
        raise ConfigError(
            f"No Piper voice: put one .onnx (with its .onnx.json) in {options.voices_dir}"
            " or set BAONOI_PIPER_MODEL",
            f"Chưa có giọng Piper: đặt một tệp .onnx (kèm .onnx.json) vào {options.voices_dir}"
            " hoặc đặt BAONOI_PIPER_MODEL",
        )
    names = ", ".join(p.name for p in found)
    raise ConfigError(
        f"Several Piper voices in {options.voices_dir} ({names}): set BAONOI_PIPER_MODEL",
        f"Có nhiều giọng Piper trong {options.voices_dir} ({names}): hãy đặt BAONOI_PIPER_MODEL",
    )


def read_config(model: Path) -> dict[str, Any]:
    """The voice's ``.onnx.json``, checked: present, JSON, Vietnamese, phonemized by eSpeak."""
    config = Path(f"{model}.json")
    if not model.is_file():
        raise _bad(model, "the model file does not exist", "không có tệp mô hình")
    if not config.is_file():
        raise _bad(
            config,
            "the voice's config is missing (it must sit beside the model as <model>.onnx.json)",
            "thiếu tệp cấu hình của giọng (phải nằm cạnh mô hình, tên <mô hình>.onnx.json)",
        )
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        language = data["espeak"]["voice"]
        rate = data["audio"]["sample_rate"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _bad(
            config,
            f"not a Piper voice config ({type(exc).__name__}: {exc})",
            f"không phải tệp cấu hình giọng Piper ({type(exc).__name__}: {exc})",
        ) from exc
    if not str(language).lower().startswith(LANGUAGE_PREFIX):
        raise _bad(
            config,
            f"the voice speaks {language!r}, not Vietnamese ({LANGUAGE_PREFIX})",
            f"giọng này đọc tiếng {language!r}, không phải tiếng Việt ({LANGUAGE_PREFIX})",
        )
    if data.get("phoneme_type", "espeak") != "espeak" or not (isinstance(rate, int) and rate > 0):
        raise _bad(
            config,
            "only eSpeak-phonemized voices with a sample rate are supported",
            "chỉ hỗ trợ giọng dùng âm vị eSpeak và có tần số lấy mẫu",
        )
    return dict(data)


def file_digest(*paths: Path) -> str:
    """sha256 of the files' bytes, one after another."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _signature(args: Any) -> dict[str, tuple[str, int]]:
    """ONNX inputs or outputs as name -> (type, rank)."""
    return {arg.name: (arg.type, len(arg.shape or ())) for arg in args}


def check_interface(model: Path, session: Any, speakers: int) -> None:
    """A ``ConfigError`` unless the model takes and gives what Piper passes and reads."""
    expected = dict(INPUTS) | (dict([SPEAKER_INPUT]) if speakers > 1 else {})
    inputs = _signature(session.get_inputs())
    outputs = list(_signature(session.get_outputs()).items())
    if inputs != expected or outputs[:1] != [OUTPUT]:
        found = f"inputs {inputs}, outputs {dict(outputs)}"
        wanted = f"inputs {expected}, first output {dict([OUTPUT])}"
        raise _bad(
            model,
            f"not a Piper voice model for this config: it has {found}; Piper needs {wanted}",
            f"không phải mô hình giọng Piper hợp với cấu hình: có {found}; Piper cần {wanted}",
        )


def _load(model: Path) -> Any:
    """The ``PiperVoice`` of ``model``; a ``ConfigError`` naming the file when it will not load."""
    try:
        from piper import PiperVoice
    except ImportError as exc:
        raise ConfigError(
            "Piper is not installed: pip install 'baonoi[piper]'",
            "Chưa cài Piper: pip install 'baonoi[piper]'",
        ) from exc
    try:
        return PiperVoice.load(model)
    except Exception as exc:  # onnxruntime's errors have no common base: wrap them all here
        raise _bad(
            model,
            f"the model cannot be loaded ({type(exc).__name__}: {exc})",
            f"không nạp được mô hình ({type(exc).__name__}: {exc})",
        ) from exc


def speaker_id(model: Path, config: Any, speaker: str | None) -> int | None:
    """The id of ``speaker`` (a name or a number) in a multi-speaker voice; None: the default."""
    if speaker is None:
        return None
    names: dict[str, int] = dict(config.speaker_id_map)
    if config.num_speakers > 1 and speaker in names:
        return names[speaker]
    if config.num_speakers > 1 and speaker.isdigit() and int(speaker) < config.num_speakers:
        return int(speaker)
    known = ", ".join(names) or f"0-{config.num_speakers - 1}"
    if config.num_speakers <= 1:
        raise _bad(
            model,
            f"the voice has one speaker; unset BAONOI_PIPER_SPEAKER ({speaker!r})",
            f"giọng này chỉ có một người đọc; bỏ BAONOI_PIPER_SPEAKER ({speaker!r})",
        )
    raise _bad(
        model,
        f"no speaker {speaker!r}; the voice has {known}",
        f"không có người đọc {speaker!r}; giọng này có {known}",
    )


@dataclass(frozen=True, slots=True)
class VoiceFacts:
    """What ``baonoi voices`` shows of a loaded voice."""

    model: Path
    language: str
    sample_rate: int
    speakers: tuple[str, ...]
    digest: str


class PiperEngine:
    """A Piper voice speaking through ``piper-tts`` (ONNX Runtime on the CPU)."""

    name = "piper"
    robotic = False

    def __init__(
        self, voice: Any, model: Path, digest: str, speaker: str | None = None, speed: float = 1.0
    ) -> None:
        config = voice.config
        self._voice = voice
        self.speaker_id = speaker_id(model, config, speaker)
        self.length_scale = float(config.length_scale) / speed
        self.facts = VoiceFacts(
            model,
            str(config.espeak_voice),
            int(config.sample_rate),
            tuple(config.speaker_id_map) or tuple(str(i) for i in range(config.num_speakers)),
            digest,
        )
        self.voice = model.name.removesuffix(".onnx") + (f"#{speaker}" if speaker else "")
        self.version = (
            f"piper-tts {metadata.version('piper-tts')} model={digest[:16]}"
            f" speaker={self.speaker_id} length={self.length_scale:.3f}"
        )

    def available(self) -> bool:
        """Always: the voice is loaded in this process."""
        return True

    def synthesize(self, text: str) -> Speech:
        """Audio of ``text`` at the voice's rate; nothing speakable (``...``) is no sound."""
        from piper import SynthesisConfig

        config = SynthesisConfig(speaker_id=self.speaker_id, length_scale=self.length_scale)
        try:
            chunks = [chunk.audio_int16_array for chunk in self._voice.synthesize(text, config)]
        except Exception as exc:  # ONNX Runtime and the phonemizer: wrapped where called
            raise SynthesisError(
                "Piper could not synthesize the text",
                "Piper không đọc được văn bản",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        return Speech(samples.astype(np.int16), self.facts.sample_rate)


def load_piper(options: EngineOptions) -> PiperEngine:
    """The configured voice, loaded and checked (a ``ConfigError`` names the file and the fault)."""
    model = find_model(options)
    read_config(model)
    voice = _load(model)
    check_interface(model, voice.session, int(voice.config.num_speakers))
    digest = file_digest(model, Path(f"{model}.json"))
    return PiperEngine(voice, model, digest, options.piper_speaker, options.piper_speed)
