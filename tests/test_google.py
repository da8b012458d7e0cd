"""The gTTS engine against a loopback stand-in that answers as Google's endpoint does."""

from __future__ import annotations

import random
import socket
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from app.errors import EngineUnavailable, SynthesisError
from app.models import AudioStatus
from app.pipeline import ingest, synthesize
from app.speech.engines import ChainEngine, Engine, resolve_engine
from app.speech.engines.espeak import EspeakEngine
from app.speech.engines.google import MAX_CHARS, PIECE_PAUSE_MS, GoogleEngine, split_for_google
from tests.google_standin import MS_PER_CHAR, GoogleStandIn, Mode

BACKOFF = 0.001  # seconds; the tests record the waits instead of timing them
LONG_SENTENCE = (
    "Nhằm nâng cao chất lượng hoạt động của tổ chức đảng và đội ngũ cán bộ, đảng viên, Ban Chấp "
    "hành Đảng bộ tỉnh khóa mười hai đã ban hành Nghị quyết chuyên đề về nâng cao chất lượng hoạt "
    "động của tổ chức đảng và đội ngũ cán bộ, đảng viên lãnh đạo, quản lý, nhất là người đứng đầu "
    "đáp ứng yêu cầu nhiệm vụ, giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không "
    "trăm hai mươi lăm, trong đó xác định rõ các mục tiêu, nhiệm vụ và giải pháp thực hiện."
)
WORDS = "tỉnh Bắc Kạn đảng viên cán bộ nghị quyết chất lượng hoạt động nhân dân tổ chức".split()


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Iterator[GoogleStandIn]:
    """A running stand-in, reached directly even where a proxy is configured."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with GoogleStandIn() as standin:
        yield standin


@pytest.fixture
def closed_url() -> Iterator[str]:
    """A loopback URL whose port is bound but not listening: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


class Waits(list[float]):
    """Records the backoff waits the engine asks for, without waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def engine_for(url: str, waits: Waits | None = None, **options: Any) -> GoogleEngine:
    """A ``GoogleEngine`` aimed at ``url`` with tiny backoff."""
    return GoogleEngine(
        base_url=url, backoff=BACKOFF, sleep=waits if waits is not None else Waits(), **options
    )


def random_text(rng: random.Random) -> str:
    """Vietnamese-looking text with sentence and phrase punctuation and an odd long word."""
    parts = []
    for _ in range(rng.randint(1, 60)):
        word = rng.choice(WORDS)
        if rng.random() < 0.03:
            word = "x" * rng.randint(90, 130)
        parts.append(word + rng.choice(["", "", "", "", ",", ".", ";", ":", " –", "?"]))
    return "  ".join(parts) if rng.random() < 0.1 else " ".join(parts)


# --- splitting ----------------------------------------------------------------------------------


def test_splitter_never_cuts_a_word_and_keeps_pieces_within_the_limit() -> None:
    rng = random.Random(6)
    for _ in range(500):
        text = random_text(rng)
        pieces = split_for_google(text)
        assert " ".join(pieces) == " ".join(text.split())  # cuts only where there was a space
        for piece in pieces:
            assert len(piece) <= MAX_CHARS or " " not in piece, piece


def test_splitter_leaves_short_text_whole() -> None:
    assert split_for_google("Xin chào, Bắc Kạn.") == ["Xin chào, Bắc Kạn."]
    assert split_for_google("   ") == []


def test_splitter_prefers_sentence_ends_to_commas() -> None:
    first = "Công tác cán bộ có nhiều đổi mới, ngày càng chặt chẽ và dân chủ hơn."
    second = "Kỷ cương, kỷ luật được tăng cường trong toàn Đảng bộ tỉnh."
    assert split_for_google(f"{first} {second}") == [first, second]


def test_splitter_falls_back_to_phrases_then_spaces() -> None:
    phrases = [
        "Cùng với đó, tỉnh thực hiện tốt các nhiệm vụ;",
        "nâng cao chất lượng đội ngũ cán bộ, đảng viên lãnh đạo, quản lý,",
        "nhất là người đứng đầu đáp ứng yêu cầu nhiệm vụ mới.",
    ]
    # cut at ";" first, then at the comma that leaves the longest piece within the limit
    assert split_for_google(" ".join(phrases)) == phrases
    pieces = split_for_google(LONG_SENTENCE.replace(",", ""))
    assert len(pieces) > 4 and all(len(p) <= MAX_CHARS for p in pieces)


def test_splitter_keeps_an_overlong_word_whole() -> None:
    word = "a" * 150
    assert split_for_google(f"Trước đó. {word} sau đó.") == ["Trước đó.", word, "sau đó."]


# --- talking to the endpoint --------------------------------------------------------------------


def test_google_audio_decodes_to_speech_of_the_expected_length(google: GoogleStandIn) -> None:
    speech = engine_for(google.url).synthesize("Tỉnh Bắc Kạn nâng cao chất lượng.")
    assert speech.rate == 24_000
    assert len(speech.samples) / speech.rate == pytest.approx(33 * MS_PER_CHAR / 1000, abs=0.1)
    assert np.abs(speech.samples.astype(np.int32)).max() > 3000
    assert google.received[0].lang == "vi"


def test_long_text_is_sent_as_requests_of_at_most_100_characters(google: GoogleStandIn) -> None:
    speech = engine_for(google.url).synthesize(LONG_SENTENCE)
    assert len(google.received) == len(split_for_google(LONG_SENTENCE)) > 1
    assert all(len(text) <= MAX_CHARS for text in google.texts)
    assert " ".join(google.texts) == LONG_SENTENCE  # every cut fell between two words
    pauses = (len(google.texts) - 1) * PIECE_PAUSE_MS / 1000
    expected = sum(len(t) for t in google.texts) * MS_PER_CHAR / 1000 + pauses
    padding = 0.08 * len(google.texts)  # each MP3 decodes a few frames longer than its tone
    assert expected <= len(speech.samples) / speech.rate <= expected + padding


def test_text_without_words_sends_nothing(google: GoogleStandIn) -> None:
    speech = engine_for(google.url).synthesize(" … ")
    assert len(speech.samples) == 0 and google.received == []


@pytest.mark.parametrize("failure", [Mode.RATE_LIMITED, Mode.SERVER_ERROR])
def test_rate_limits_and_server_errors_are_retried_with_backoff(
    google: GoogleStandIn, failure: Mode
) -> None:
    google.script.extend([failure] * 3)
    waits = Waits()
    speech = engine_for(google.url, waits, retries=3).synthesize("Xin chào Bắc Kạn.")
    assert len(speech.samples) > 0
    assert [r.mode for r in google.received] == [failure] * 3 + [Mode.AUDIO]
    assert waits == [BACKOFF, 2 * BACKOFF, 4 * BACKOFF]


def test_retries_apply_to_the_failing_piece_only(google: GoogleStandIn) -> None:
    first = split_for_google(LONG_SENTENCE)[0]
    google.script.extend([Mode.AUDIO, Mode.SERVER_ERROR])
    engine_for(google.url).synthesize(LONG_SENTENCE)
    assert google.texts.count(first) == 1
    assert google.texts[1] == google.texts[2]  # the second piece, asked again


def test_persistent_failure_makes_the_engine_unavailable(google: GoogleStandIn) -> None:
    google.mode = Mode.SERVER_ERROR
    waits = Waits()
    with pytest.raises(EngineUnavailable, match="HTTP 500"):
        engine_for(google.url, waits, retries=2).synthesize("Xin chào.")
    assert len(google.received) == 3 and waits == [BACKOFF, 2 * BACKOFF]


def test_timeout_is_honoured_when_google_does_not_answer(google: GoogleStandIn) -> None:
    google.mode = Mode.HANG
    with pytest.raises(EngineUnavailable, match="Timeout"):
        engine_for(google.url, retries=1, timeout=0.2).synthesize("Xin chào.")
    assert google.answered == 0  # the stand-in still held the requests when the engine gave up


@pytest.mark.parametrize("garbage", [Mode.GARBAGE, Mode.NO_AUDIO, Mode.BAD_AUDIO])
def test_a_reply_without_audio_is_a_synthesis_error_not_retried(
    google: GoogleStandIn, garbage: Mode
) -> None:
    google.mode = garbage
    with pytest.raises(SynthesisError) as caught:
        engine_for(google.url).synthesize("Xin chào.")
    assert not isinstance(caught.value, EngineUnavailable)
    assert len(google.received) == 1


def test_a_refused_request_is_a_synthesis_error(google: GoogleStandIn) -> None:
    with pytest.raises(SynthesisError, match="refused"):
        GoogleEngine(base_url=google.url + "/elsewhere").synthesize("Xin chào.")


def test_unreachable_endpoint_makes_the_engine_unavailable(closed_url: str) -> None:
    waits = Waits()
    with pytest.raises(EngineUnavailable, match="ConnectionError"):
        engine_for(closed_url, waits, retries=1).synthesize("Xin chào.")
    assert waits == [BACKOFF]


# --- availability and the resolver -------------------------------------------------------------


def test_available_is_false_for_a_closed_port(closed_url: str) -> None:
    assert not GoogleEngine(base_url=closed_url).available()


def test_available_is_true_when_the_endpoint_listens(google: GoogleStandIn) -> None:
    assert GoogleEngine(base_url=google.url).available()


def engines_at(url: str) -> dict[str, Callable[[], Engine]]:
    """The engine table with Google's engine aimed at ``url``."""
    return {"gtts": lambda: engine_for(url), "espeak": EspeakEngine}


def test_auto_speaks_with_gtts_when_the_endpoint_answers(google: GoogleStandIn) -> None:
    engine = resolve_engine("auto", engines_at(google.url))
    assert engine.name == "gtts,espeak" and not engine.robotic
    assert engine.run(lambda member: member.synthesize("Xin chào."))[1].name == "gtts"


def test_auto_falls_back_to_espeak_when_the_endpoint_is_unreachable(closed_url: str) -> None:
    engine = resolve_engine("auto", engines_at(closed_url))
    assert isinstance(engine, ChainEngine) and engine.members[1].robotic
    speech, member = engine.run(lambda m: m.synthesize("Xin chào."))
    assert member.name == "espeak" and len(speech.samples) > 0


@pytest.mark.own_audio  # the stand-in's tones must not enter the session's sentence cache
def test_audio_metadata_names_gtts_when_google_spoke(
    google: GoogleStandIn, services: Any, short_page: bytes
) -> None:
    table = engines_at(google.url)
    services.engine_factory = lambda: resolve_engine("auto", table)
    article, _ = ingest(services, short_page, queue_audio=False)
    info = synthesize(services, article.id)
    assert info.status is AudioStatus.READY and (info.engine, info.voice) == ("gtts", "vi")
    assert services.store.get_audio(article.audio_key).engine == "gtts"
    assert google.received and all(len(text) <= MAX_CHARS for text in google.texts)


def test_audio_metadata_names_espeak_when_auto_fell_back(
    closed_url: str, services: Any, short_page: bytes
) -> None:
    table = engines_at(closed_url)
    services.engine_factory = lambda: resolve_engine("auto", table)
    article, _ = ingest(services, short_page, queue_audio=False)
    info = synthesize(services, article.id)
    assert info.status is AudioStatus.READY and (info.engine, info.voice) == ("espeak", "vi")
    assert services.store.get_audio(article.audio_key).engine == "espeak"
