"""A fallback chain of engines: who speaks each sentence, whose key caches it, the audio key."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.audiostate import manifest_path, timings_path
from app.errors import ConfigError, EngineUnavailable, SynthesisError
from app.models import AudioStatus
from app.pipeline import ingest, synthesize
from app.planning import plan
from app.speech.engines import ChainEngine, Speech, parse_engines, resolve_engine
from app.speech.render import SpokenUnit, render, unit_key

RATE = 16_000


class Tone:
    """A fake engine: a tone of its own pitch per sentence; may fail on every ``fail_every``-th."""

    robotic = False

    def __init__(
        self,
        name: str,
        pitch: float = 220.0,
        fail_every: int = 0,
        error: type[SynthesisError] = SynthesisError,
        up: bool = True,
    ) -> None:
        self.name, self.voice, self.version = name, f"{name}-voice", "1"
        self.pitch, self.fail_every, self.error, self.up = pitch, fail_every, error, up
        self.calls: list[str] = []
        self.probes = 0

    def available(self) -> bool:
        self.probes += 1
        return self.up

    def synthesize(self, text: str) -> Speech:
        self.calls.append(text)
        if self.fail_every and len(self.calls) % self.fail_every == 0:
            raise self.error(f"{self.name} cannot", f"{self.name} không được")
        t = np.arange(int(RATE * 0.3)) / RATE
        return Speech((np.sin(2 * np.pi * self.pitch * t) * 12000).astype(np.int16), RATE)


def sentences(count: int) -> list[SpokenUnit]:
    """``count`` distinct one-sentence units."""
    return [SpokenUnit(i, f"Câu số {i}.", f"câu số {i}", 300) for i in range(count)]


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_chain_is_named_by_its_members_in_order_not_by_who_answered() -> None:
    chain = ChainEngine([Tone("piper"), Tone("espeak")])
    assert (chain.name, chain.voice) == ("piper,espeak", "piper-voice,espeak-voice")
    assert chain.version == "piper: 1 | espeak: 1" and not chain.robotic


def test_a_first_engine_that_is_down_hands_every_sentence_to_the_next(tmp_path: Path) -> None:
    down = Tone("piper", error=EngineUnavailable, fail_every=1)
    steady = Tone("espeak", pitch=440)
    out = render(sentences(6), ChainEngine([down, steady]), tmp_path)
    assert out.engines == {"espeak": 6} and out.main_voice == ("espeak", "espeak-voice")
    assert [t.engine for t in out.timings] == ["espeak"] * 6
    assert len(down.calls) == 1  # then it rests: not asked again for every sentence
    assert out.duration_s > 6 * 0.25


def test_an_engine_failing_every_third_sentence_is_filled_in_sentence_by_sentence(
    tmp_path: Path,
) -> None:
    flaky, steady = Tone("piper", fail_every=3), Tone("espeak", pitch=440)
    out = render(sentences(9), ChainEngine([flaky, steady]), tmp_path)
    made_by = [t.engine for t in out.timings]
    assert made_by == ["piper", "piper", "espeak"] * 3
    assert out.engines == {"piper": 6, "espeak": 3} and out.main_voice == ("piper", "piper-voice")
    assert steady.calls == ["câu số 2", "câu số 5", "câu số 8"]
    assert out.synthesized == 9
    timings = out.timings
    assert all(a.end < b.start for a, b in zip(timings, timings[1:], strict=False))


def test_each_sentence_is_cached_under_the_engine_that_made_it(tmp_path: Path) -> None:
    flaky, steady = Tone("piper", fail_every=3), Tone("espeak", pitch=440)
    units = sentences(6)
    render(units, ChainEngine([flaky, steady]), tmp_path)
    cached = {p.stem for p in tmp_path.rglob("*.flac")}
    assert cached == {
        unit_key(flaky if i % 3 != 2 else steady, u.spoken) for i, u in enumerate(units)
    }
    chain_keys = {unit_key(ChainEngine([flaky, steady]), u.spoken) for u in units}
    assert not cached & chain_keys
    healthy = Tone("piper")  # the same voice, failing no more
    again = render(units, ChainEngine([healthy, steady]), tmp_path)
    assert healthy.calls == ["câu số 2", "câu số 5"]  # only the fallback's sentences are remade
    assert again.engines == {"piper": 6} and again.synthesized == 2


def test_a_sentence_cached_by_the_first_engine_is_used_while_it_is_down(tmp_path: Path) -> None:
    units = sentences(3)
    render(units, Tone("piper"), tmp_path)
    down = Tone("piper", error=EngineUnavailable, fail_every=1, up=False)
    out = render(units, ChainEngine([down, Tone("espeak")]), tmp_path)
    assert out.engines == {"piper": 3} and out.synthesized == 0 and not down.calls


def test_a_resting_engine_is_asked_whether_it_is_up_before_it_is_tried_again() -> None:
    clock = Clock()
    first = Tone("gtts", error=EngineUnavailable, fail_every=1)
    chain = ChainEngine([first, Tone("espeak")], rest_s=60, clock=clock)
    _, member = chain.run(lambda m: m.synthesize("một"))
    assert member.name == "espeak" and first.probes == 1 and len(first.calls) == 1
    clock.now = 30
    chain.run(lambda m: m.synthesize("hai"))
    assert first.probes == 1 and len(first.calls) == 1  # resting
    first.fail_every, first.up = 0, False
    clock.now = 61
    chain.run(lambda m: m.synthesize("ba"))
    assert first.probes == 2 and len(first.calls) == 1  # asked, still down: rests again
    first.up = True
    clock.now = 122
    _, member = chain.run(lambda m: m.synthesize("bốn"))
    assert member.name == "gtts" and first.probes == 3


def test_when_every_engine_fails_the_error_names_each_of_them() -> None:
    chain = ChainEngine([Tone("piper", fail_every=1), Tone("espeak", fail_every=1)])
    with pytest.raises(SynthesisError, match="piper: piper cannot; espeak: espeak cannot") as info:
        chain.synthesize("một")
    assert not isinstance(info.value, EngineUnavailable)
    down = ChainEngine([Tone("a", fail_every=1, error=EngineUnavailable)])
    with pytest.raises(EngineUnavailable, match="a cannot"):  # a lone engine's own error
        down.synthesize("một")


def test_engine_lists_parse_in_order_with_auto_as_gtts_then_espeak() -> None:
    table = {name: functools.partial(Tone, name) for name in ("piper", "gtts", "espeak")}
    assert parse_engines("piper,gtts,espeak", table) == ("piper", "gtts", "espeak")
    assert parse_engines(" piper  espeak ", table) == ("piper", "espeak")
    assert parse_engines("auto", table) == ("gtts", "espeak")
    assert parse_engines("piper,auto", table) == ("piper", "gtts", "espeak")
    with pytest.raises(ConfigError, match="espeak twice"):
        parse_engines("espeak,auto", table)
    with pytest.raises(ConfigError, match="choose one of auto, piper, gtts, espeak"):
        parse_engines("piper,festival", table)
    with pytest.raises(ConfigError):
        parse_engines(" , ", table)


def test_auto_is_a_chain_of_google_then_espeak() -> None:
    table = {"gtts": lambda: Tone("gtts", up=False), "espeak": lambda: Tone("espeak")}
    engine = resolve_engine("auto", table)  # type: ignore[arg-type]
    assert isinstance(engine, ChainEngine) and engine.name == "gtts,espeak"
    assert engine.run(lambda m: m.synthesize("một"))[1].name == "espeak"
    assert resolve_engine("espeak", table).name == "espeak"  # type: ignore[arg-type]


@pytest.mark.own_audio
def test_the_article_records_which_engine_spoke_what(services: Any, short_page: bytes) -> None:
    flaky, steady = Tone("piper", fail_every=3), Tone("espeak", pitch=440)
    services.engine_factory = lambda: ChainEngine([flaky, steady])
    article, _ = ingest(services, short_page, queue_audio=False)
    key_before = plan(services, article).key
    info = synthesize(services, article.id)
    assert info.status is AudioStatus.READY and plan(services, article).key == key_before
    total = len(plan(services, article).units)
    assert info.engines == {"piper": total - total // 3, "espeak": total // 3}
    assert (info.engine, info.voice) == ("piper", "piper-voice")
    timings = json.loads(timings_path(services, article.audio_key).read_text("utf-8"))
    assert [t["engine"] for t in timings][:3] == ["piper", "piper", "espeak"]
    assert services.store.get_audio(article.audio_key).engines == info.engines
    manifest = json.loads(manifest_path(services, article.audio_key).read_text("utf-8"))
    assert manifest["engines"] == info.engines and manifest["engine"] == "piper: 1 | espeak: 1"
