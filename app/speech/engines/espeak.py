"""eSpeak NG's Vietnamese voice, loaded in-process from the espeakng-loader wheel via ctypes."""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import numpy as np

from app.errors import EngineUnavailable, SynthesisError
from app.speech.engines.base import Speech

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_CHARS_UTF8 = 1
ESPEAK_PARAM_RATE = 1
ESPEAK_PARAM_PITCH = 3
ESPEAK_PARAM_RANGE = 4
ESPEAK_PARAM_WORDGAP = 7
# eSpeak NG seeds its noise from the clock when it starts, so two processes spoke the same
# sentence with different samples (and the MP3s of one article differed from byte 129 on). Both
# of its random sources get this seed before every sentence: the library's own and the C
# library's rand(), which its breath noise draws from.
RANDOM_SEED = 1
SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

# libespeak-ng keeps global state (voice, parameters, one callback): one lock for the process.
_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}


def _load() -> tuple[ctypes.CDLL, int]:
    """The initialised library and its sample rate (once per process)."""
    if "lib" not in _STATE:
        try:
            import espeakng_loader

            lib = ctypes.CDLL(str(espeakng_loader.get_library_path()))
            data = str(espeakng_loader.get_data_path()).encode()
        except (ImportError, OSError) as exc:
            raise EngineUnavailable(
                "eSpeak NG library could not be loaded",
                "Không nạp được thư viện eSpeak NG",
                detail=str(exc),
            ) from exc
        lib.espeak_Initialize.restype = ctypes.c_int
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if rate <= 0:
            raise EngineUnavailable(
                "eSpeak NG failed to initialise", "eSpeak NG không khởi động được"
            )
        _STATE.update(lib=lib, rate=rate, chunks=[])

        @SYNTH_CALLBACK
        def collect(wav: Any, count: int, _events: Any) -> int:
            if count > 0:
                _STATE["chunks"].append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
            return 0

        _STATE["callback"] = collect  # keep a reference: ctypes callbacks must outlive their use
        lib.espeak_SetSynthCallback(collect)
    return _STATE["lib"], _STATE["rate"]


def _pin_randomness(lib: ctypes.CDLL) -> None:
    """Seed eSpeak NG's noise the same way before each sentence (the caller holds ``_LOCK``)."""
    lib.espeak_ng_SetRandSeed(ctypes.c_long(RANDOM_SEED))
    ctypes.CDLL(None).srand(ctypes.c_uint(RANDOM_SEED))


def library_version() -> str:
    """The eSpeak NG library's version string."""
    with _LOCK:
        lib, _ = _load()
        lib.espeak_Info.restype = ctypes.c_char_p
        return (lib.espeak_Info(None) or b"unknown").decode()


class EspeakEngine:
    """Offline, fast and robotic: eSpeak NG ``vi``.

    The defaults are the settings an offline recognizer understood best on the sample article
    (``python -m bench.intelligibility``): the ``f3`` variant, 135 words a minute, the widest
    pitch range (Vietnamese tones are pitch). eSpeak NG's own ``vi`` at 150 wpm scored worse.
    """

    name = "espeak"
    robotic = True

    def __init__(
        self,
        voice: str = "vi",
        variant: str = "f3",
        rate_wpm: int = 135,
        pitch: int = 50,
        pitch_range: int = 100,
        word_gap: int = 0,
    ) -> None:
        self.voice = voice
        self.variant = variant
        self.rate_wpm = rate_wpm
        self.pitch = pitch
        self.pitch_range = pitch_range
        self.word_gap = word_gap
        self.version = (
            f"espeak-ng {library_version()} variant={variant or '-'} rate={rate_wpm}"
            f" pitch={pitch} range={pitch_range} gap={word_gap} seed={RANDOM_SEED}"
        )

    @property
    def voice_name(self) -> str:
        """The name eSpeak NG knows the voice by: language, then ``+variant``."""
        return f"{self.voice}+{self.variant}" if self.variant else self.voice

    def available(self) -> bool:
        """Always: the library ships in the wheel."""
        return True

    def synthesize(self, text: str) -> Speech:
        """Audio of ``text`` at the library's own sample rate."""
        encoded = text.encode("utf-8")
        with _LOCK:
            lib, rate = _load()
            _STATE["chunks"] = []
            if lib.espeak_SetVoiceByName(self.voice_name.encode()) != 0:
                raise EngineUnavailable(
                    f"eSpeak NG has no voice {self.voice_name!r}",
                    f"eSpeak NG không có giọng {self.voice_name!r}",
                )
            lib.espeak_SetParameter(ESPEAK_PARAM_RATE, self.rate_wpm, 0)
            lib.espeak_SetParameter(ESPEAK_PARAM_PITCH, self.pitch, 0)
            lib.espeak_SetParameter(ESPEAK_PARAM_RANGE, self.pitch_range, 0)
            lib.espeak_SetParameter(ESPEAK_PARAM_WORDGAP, self.word_gap, 0)
            _pin_randomness(lib)
            status = lib.espeak_Synth(
                ctypes.c_char_p(encoded), len(encoded) + 1, 0, 0, 0, ESPEAK_CHARS_UTF8, None, None
            )
            lib.espeak_Synchronize()
            chunks = _STATE["chunks"]
            _STATE["chunks"] = []
        if status != 0:
            raise SynthesisError(
                "eSpeak NG could not synthesize the text",
                "eSpeak NG không đọc được văn bản",
                detail=f"status {status}",
            )
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        return Speech(samples.astype(np.int16), rate)
