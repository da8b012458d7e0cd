"""A lexicon change in one process reaches another running process within seconds, both stores."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings
from app.store import open_store
from app.store.lexicon import Entry

# The other process: its services, as a web process or worker builds them; it says each line
# it is given with the lexicon it holds at that moment.
READER = """
import sys
from app.config import load_settings
from app.services import build_services
from app.speech.normalize import normalize
services = build_services(load_settings())
print("ready", flush=True)
for line in sys.stdin:
    print(normalize(line.strip(), services.lexicon), flush=True)
"""


@pytest.fixture(params=["local", "redis"])
def environment(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """The settings both processes share."""
    env = {"BAONOI_DATA_DIR": str(tmp_path / "instance"), "BAONOI_TTS_ENGINE": "espeak"}
    env["BAONOI_AUDIO_CACHE_DIR"] = str(tmp_path / "audio")
    if request.param == "redis":
        env["BAONOI_REDIS_URL"] = request.getfixturevalue("redis_url")
    return env


@pytest.fixture
def reader(environment: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """The other process, started and ready."""
    proc = subprocess.Popen(
        [sys.executable, "-c", READER],
        env={**os.environ, **environment},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.communicate(timeout=10)  # closes both pipes


def say(proc: subprocess.Popen[str], text: str) -> str:
    """What the other process says for ``text`` now."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(text + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def said_within(proc: subprocess.Popen[str], text: str, expected: str, limit_s: float) -> float:
    """Seconds until the other process says ``text`` as ``expected``; fails past ``limit_s``."""
    started = time.monotonic()
    while (said := say(proc, text)) != expected:
        assert time.monotonic() - started < limit_s, f"still {said!r}"
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_change_reaches_a_running_process_without_a_restart(
    environment: dict[str, str], reader: subprocess.Popen[str]
) -> None:
    settings = Settings(
        data_dir=Path(environment["BAONOI_DATA_DIR"]),
        redis_url=environment.get("BAONOI_REDIS_URL"),
    )
    store = open_store(settings)
    try:
        assert say(reader, "Huyện Na Rì") == "Huyện Na Rì"
        store.lexicon().put(Entry("Na Rì", "na rì", "test"))
        said_within(reader, "Huyện Na Rì", "Huyện na rì", limit_s=5)
        store.lexicon().put(Entry("Na Rì", "na ri"))
        said_within(reader, "Huyện Na Rì", "Huyện na ri", limit_s=5)
        store.lexicon().delete("Na Rì")
        said_within(reader, "Huyện Na Rì", "Huyện Na Rì", limit_s=5)
    finally:
        store.close()
