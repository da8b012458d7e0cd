"""Speech: segmentation, the eSpeak NG engine, the engine resolver, and rendering."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.audio import SAMPLE_RATE
from app.errors import ConfigError
from app.models import Article, Block, BlockKind
from app.speech.engines import ChainEngine, Speech, resolve_engine
from app.speech.render import SpokenUnit, render
from app.speech.segment import (
    BLOCK_PAUSE_MS,
    HEADING_PAUSE_MS,
    SENTENCE_PAUSE_MS,
    segment,
    split_sentences,
)


def test_sentences_split_at_full_stops_but_not_after_abbreviations() -> None:
    text = "Sáng 21/9, UBND TP. Bắc Kạn họp. Đ/c Nguyễn Văn A phát biểu! Tỷ lệ đạt 95,5%."
    assert split_sentences(text) == [
        "Sáng 21/9, UBND TP. Bắc Kạn họp.",
        "Đ/c Nguyễn Văn A phát biểu!",
        "Tỷ lệ đạt 95,5%.",
    ]


def test_segment_reads_title_lead_body_and_captions_in_order() -> None:
    article = Article(
        title="Tiêu đề",
        lead="Sapo một. Sapo hai.",
        blocks=[
            Block(BlockKind.HEADING, "Mục một", "<h2>Mục một</h2>"),
            Block(BlockKind.FIGURE, "Ảnh hội nghị", "<figure></figure>"),
            Block(BlockKind.PARAGRAPH, "Câu một. Câu hai.", "<p></p>"),
        ],
    )
    units = segment(article)
    assert [(u.block, u.text) for u in units] == [
        (0, "Tiêu đề"),
        (1, "Sapo một."),
        (1, "Sapo hai."),
        (2, "Mục một"),
        (3, "Ảnh: Ảnh hội nghị"),
        (4, "Câu một."),
        (4, "Câu hai."),
    ]
    assert units[1].pause_ms == SENTENCE_PAUSE_MS and units[2].pause_ms == HEADING_PAUSE_MS
    assert units[-1].pause_ms == BLOCK_PAUSE_MS


def test_espeak_speaks_vietnamese() -> None:
    engine = resolve_engine("espeak")
    speech = engine.synthesize("Tỉnh Bắc Kạn nâng cao chất lượng hoạt động.")
    assert engine.name == "espeak" and engine.voice == "vi" and engine.robotic
    assert 1.0 < len(speech.samples) / speech.rate < 6.0
    assert np.abs(speech.samples.astype(np.int32)).max() > 1000


def test_two_fresh_processes_make_the_same_mp3_bytes_of_one_article(
    tmp_path: Path, short_page: bytes
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(short_page)
    made = []
    for run in ("one", "two"):
        env = {
            **os.environ,
            "BAONOI_DATA_DIR": str(tmp_path / run / "instance"),
            "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / run / "audio"),
            "BAONOI_TTS_ENGINE": "espeak",
        }
        for args in (["ingest", "--id", "same", str(page)], ["speak", "same"]):
            done = subprocess.run(
                [sys.executable, "-m", "app.cli", *args],
                env=env,
                capture_output=True,
                text=True,
                check=True,
                cwd=Path(__file__).resolve().parent.parent,
            )
        made.append(Path(done.stdout.strip()))
    assert made[0].name == made[1].name  # same key, same digest: one URL on every instance
    assert made[0].read_bytes() == made[1].read_bytes()


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="espeak"):
        resolve_engine("festival")


def test_auto_speaks_with_espeak_when_google_is_unreachable() -> None:
    class Unreachable:
        name, voice, version, robotic = "gtts", "vi", "test", False

        def available(self) -> bool:
            return False

        def synthesize(self, text: str) -> Speech:
            raise AssertionError("must not be called")

    table = {"gtts": Unreachable, "espeak": lambda: resolve_engine("espeak")}
    engine = resolve_engine("auto", table)  # type: ignore[arg-type]
    assert isinstance(engine, ChainEngine) and engine.name == "gtts,espeak"
    speech, member = engine.run(lambda m: m.synthesize("Xin chào."))
    assert member.name == "espeak" and len(speech.samples) > 0


class CountingEngine:
    """eSpeak NG, counting what it is asked to say."""

    name, voice, version, robotic = "espeak", "vi", "count", True

    def __init__(self) -> None:
        self.inner = resolve_engine("espeak")
        self.calls: list[str] = []

    def available(self) -> bool:
        return True

    def synthesize(self, text: str) -> Speech:
        self.calls.append(text)
        return self.inner.synthesize(text)


def units(*texts: str) -> list[SpokenUnit]:
    """One unit per text, each its own block."""
    return [SpokenUnit(i, t, t, 600) for i, t in enumerate(texts)]


def test_render_places_each_sentence_where_its_audio_starts(tmp_path: Path) -> None:
    out = render(units("Xin chào.", "Bắc Kạn.", "Hẹn gặp lại."), CountingEngine(), tmp_path)
    assert [t.block for t in out.timings] == [0, 1, 2]
    for timing in out.timings:
        start = int(timing.start * SAMPLE_RATE)
        before = out.samples[max(0, start - 2400) : start]  # the pause before it: silence
        after = out.samples[start : start + 4800]
        assert np.abs(before.astype(np.int32)).max(initial=0) < 200
        assert np.abs(after.astype(np.int32)).max() > 1000
    assert out.duration_s == pytest.approx(out.timings[-1].end + 0.6, abs=0.01)


def test_render_keeps_peaks_below_full_scale(tmp_path: Path) -> None:
    out = render(units("Một hai ba bốn năm sáu bảy tám chín mười."), CountingEngine(), tmp_path)
    assert np.abs(out.samples.astype(np.int32)).max() < 32767 * 0.95


def test_render_synthesizes_only_sentences_it_has_not_cached(tmp_path: Path) -> None:
    engine = CountingEngine()
    first = render(units("Câu một.", "Câu hai.", "Câu ba."), engine, tmp_path)
    engine.calls.clear()
    second = render(units("Câu một.", "Câu hai đã sửa.", "Câu ba."), engine, tmp_path)
    assert engine.calls == ["Câu hai đã sửa."] and second.synthesized == 1
    a, b = first.timings, second.timings
    assert np.array_equal(
        first.samples[: int(a[0].end * SAMPLE_RATE)], second.samples[: int(b[0].end * SAMPLE_RATE)]
    )
    tail_a = first.samples[int(a[2].start * SAMPLE_RATE) :]
    tail_b = second.samples[int(b[2].start * SAMPLE_RATE) :]
    assert np.array_equal(tail_a, tail_b)
