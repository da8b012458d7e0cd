"""The audio directory's budget: unreferenced audio goes, then the least recently used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.store.files import FRESH_S, LIVE_DIR, evict, remove_leftovers, scan

NOW = 1_000_000_000.0


def make_audio(root: Path, key: str, size: int, age_s: float) -> None:
    """A finished audio set of ``size`` bytes last used ``age_s`` ago."""
    for suffix, share in ((".mp3", 0.6), (".opus", 0.3), (".timings.json", 0.05), (".json", 0.05)):
        path = root / f"{key}{suffix}"
        path.write_bytes(b"x" * int(size * share))
        os.utime(path, (NOW - age_s, NOW - age_s))


def make_unit(root: Path, key: str, size: int, age_s: float) -> None:
    """A cached sentence."""
    path = root / "units" / key[:2] / f"{key}.flac"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"u" * size)
    os.utime(path, (NOW - age_s, NOW - age_s))


def keys(root: Path) -> set[str]:
    """Keys still present."""
    return {g.key for g in scan(root)}


def test_unreferenced_audio_goes_even_under_budget(tmp_path: Path) -> None:
    make_audio(tmp_path, "a" * 32, 1000, 3600)
    make_audio(tmp_path, "b" * 32, 1000, 3600)
    assert evict(tmp_path, 10**9, in_use={"a" * 32}, now=NOW) == ["b" * 32]
    assert keys(tmp_path) == {"a" * 32}
    assert not list(tmp_path.glob("bbbb*"))


def test_least_recently_used_goes_first_until_under_budget(tmp_path: Path) -> None:
    for key, age in (("1", 5000), ("2", 4000), ("3", 3000)):
        make_audio(tmp_path, key * 32, 1000, age)
    removed = evict(tmp_path, 1500, in_use={k * 32 for k in "123"}, now=NOW)
    assert removed == ["1" * 32, "2" * 32]
    assert keys(tmp_path) == {"3" * 32}


def test_sentence_cache_counts_and_is_evicted_by_age(tmp_path: Path) -> None:
    make_audio(tmp_path, "a" * 32, 1000, 100 + FRESH_S)
    make_unit(tmp_path, "c" * 64, 800, 9000)
    assert evict(tmp_path, 1200, in_use={"a" * 32}, now=NOW) == ["c" * 64]


def test_recently_used_or_written_audio_is_never_evicted(tmp_path: Path) -> None:
    make_audio(tmp_path, "a" * 32, 5000, 10)
    make_audio(tmp_path, "b" * 32, 5000, 20)
    (tmp_path / ".cccc.mp3.123.part").write_bytes(b"p" * 5000)
    assert evict(tmp_path, 100, in_use=set(), now=NOW) == []
    assert (tmp_path / ".cccc.mp3.123.part").exists()


def test_manifest_goes_first_so_a_half_removed_set_never_looks_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_audio(tmp_path, "d" * 32, 1000, 9000)
    order: list[str] = []
    real_unlink = Path.unlink

    def spy(self: Path, missing_ok: bool = False) -> None:
        order.append(self.name)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", spy)
    evict(tmp_path, 0, in_use=set(), now=NOW)
    assert order[0] == "d" * 32 + ".json"


def test_a_dead_writers_leftovers_go_including_a_half_written_progress_file(
    tmp_path: Path,
) -> None:
    key, other = "a" * 32, "b" * 32
    (tmp_path / LIVE_DIR).mkdir()
    dead = [
        tmp_path / LIVE_DIR / f"{key}.mp3",
        tmp_path / LIVE_DIR / f"{key}.json",
        tmp_path / LIVE_DIR / f".{key}.json.x1y2z3.part",  # killed inside a progress rewrite
        tmp_path / f".{key}.json.q9w8e7.part",  # killed inside the manifest's write
        tmp_path / f".{key}.opus.r5t6y7.part",
    ]
    kept = [tmp_path / LIVE_DIR / f".{other}.json.x1y2z3.part", tmp_path / f"{other}.json"]
    for path in [*dead, *kept]:
        path.write_bytes(b"x")
    remove_leftovers(tmp_path, key)
    assert [p for p in dead if p.exists()] == []
    assert all(p.exists() for p in kept)
