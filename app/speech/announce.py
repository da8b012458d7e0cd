"""Short spoken phrases between articles ("Bài tiếp theo."), made through the article path.

A phrase is one sentence spoken by the configured engine through the per-sentence FLAC cache,
after the usual lead-in, encoded by a codec of ``app.audio.CODECS`` and kept as a file named by
everything that shapes its bytes (so it is made once per voice and codec, in any process). The
next article's own audio starts with its title, so "Bài tiếp theo." followed by that audio is
heard as "Bài tiếp theo: <title>".
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from app.audio import ENCODING_PROFILE, codec_for, encode, write_atomic
from app.speech.engines import Engine
from app.speech.render import RENDER_VERSION, SpokenUnit, lead_in, speak

PHRASES: dict[str, str] = {
    "next": "Bài tiếp theo.",
    "end": "Đã hết danh sách bài.",
}
PHRASE_DIR = "phrases"  # under the audio directory, beside the sentence cache ``units``


def phrase_key(engine: Engine, name: str) -> str:
    """The name of phrase ``name``'s files: the voice, the render and codec profile, the text."""
    parts = [engine.name, engine.voice, engine.version, RENDER_VERSION, ENCODING_PROFILE]
    raw = json.dumps([*parts, PHRASES[name]], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def phrase_file(engine: Engine, name: str, fmt: str, audio_dir: Path) -> Path:
    """The file of phrase ``name`` (a key of ``PHRASES``) in ``fmt``, spoken now if missing."""
    codec = codec_for(fmt)
    path = audio_dir / PHRASE_DIR / f"{phrase_key(engine, name)}.{codec.ext}"
    if not path.is_file():
        text = PHRASES[name]
        unit = SpokenUnit(block=0, text=text, spoken=text, pause_ms=0)
        pieces = [piece.samples for piece in speak([unit], engine, audio_dir / "units")]
        write_atomic(path, encode(np.concatenate([lead_in(), *pieces]), codec))
    return path
