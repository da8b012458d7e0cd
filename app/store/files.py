"""The audio directory: what it holds, what was used last, and what goes when it is over budget.

Finished audio is a set of files named by its key and each file's content digest
(``<key>.<digest>.mp3``, ``.opus``, ``.timings.json``; one name, one byte stream, so the files can
be served as immutable by any front) and ``<key>.json``, the manifest, written last with the
digests; the sentence cache is ``units/xx/<key>.flac``.
Recency is the manifest's (or unit's) modification time, refreshed when the audio is served.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FINAL = re.compile(r"^([0-9a-f]{32})(?:\.[0-9a-f]{16})?\.(mp3|opus|timings\.json|json)$")
SERVED = re.compile(r"^([0-9a-f]{32})\.([0-9a-f]{16})\.(mp3|opus|timings\.json)$")
DIGEST_HEX = 16  # hex digits of SHA-256 in a served file's name (see SERVED)
TIMINGS = "timings"  # the manifest's digest entry for ``timings.json``
LIVE_DIR = "live"  # audio being made: ``live/<key>.mp3`` grows, ``live/<key>.json`` says how far
UNIT = re.compile(r"^[0-9a-f]{64}\.flac$")
FRESH_S = 600.0  # audio used or made this recently is never evicted (it may be being served)
TOUCH_EVERY_S = 60.0


@dataclass(slots=True)
class Group:
    """Files that live and die together: one audio key's set, or one cached sentence."""

    key: str
    paths: list[Path] = field(default_factory=list)
    size: int = 0
    used: float = 0.0
    final: bool = True


def scan(audio_dir: Path) -> list[Group]:
    """Every group of files in the audio directory (temporary files are not counted)."""
    groups: dict[str, Group] = {}
    for entry in os.scandir(audio_dir) if audio_dir.is_dir() else []:
        match = FINAL.match(entry.name)
        if match and entry.is_file():
            group = groups.setdefault(match[1], Group(match[1]))
            stat = entry.stat()
            group.paths.append(Path(entry.path))
            group.size += stat.st_size
            group.used = max(group.used, stat.st_mtime)
    units = audio_dir / "units"
    for path in units.glob("*/*.flac") if units.is_dir() else []:
        if UNIT.match(path.name):
            stat = path.stat()
            groups[path.stem] = Group(path.stem, [path], stat.st_size, stat.st_mtime, False)
    return list(groups.values())


def usage(audio_dir: Path) -> int:
    """Bytes the audio directory's finished sets and cached sentences take."""
    return sum(group.size for group in scan(audio_dir))


def remove(group: Group) -> None:
    """Delete a group's files, the manifest first so the set never looks complete half-gone."""
    for path in sorted(
        group.paths, key=lambda p: not p.name.endswith(".json") or p.name.endswith(".timings.json")
    ):
        path.unlink(missing_ok=True)


def evict(
    audio_dir: Path, budget_bytes: int, in_use: Iterable[str], now: float | None = None
) -> list[str]:
    """Remove audio nothing refers to, then least recently used groups until under budget."""
    now = time.time() if now is None else now
    remove_stale_parts(audio_dir, now)
    referenced = set(in_use)
    groups = [g for g in scan(audio_dir) if now - g.used > FRESH_S]
    total = sum(g.size for g in scan(audio_dir))
    removed: list[str] = []
    for group in [g for g in groups if g.final and g.key not in referenced]:
        remove(group)
        total -= group.size
        removed.append(group.key)
    for group in sorted((g for g in groups if g.key not in removed), key=lambda g: g.used):
        if total <= budget_bytes:
            break
        remove(group)
        total -= group.size
        removed.append(group.key)
    return removed


def touch(path: Path) -> None:
    """Mark audio as just used (at most once a minute, to spare the disk)."""
    try:
        if time.time() - path.stat().st_mtime > TOUCH_EVERY_S:
            os.utime(path)
    except OSError:
        pass  # gone or read-only storage: recency is only a hint


def final_path(audio_dir: Path, key: str, suffix: str) -> Path:
    """``<audio_dir>/<key><suffix>`` (suffix ``.mp3``, ``.opus``, ``.timings.json``, ``.json``)."""
    return audio_dir / f"{key}{suffix}"


def digest_of(data: bytes) -> str:
    """The content digest that names a served file (64 bits of SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_HEX]


def digest_of_file(path: Path) -> str:
    """``digest_of`` the file's bytes, read a block at a time."""
    sha = hashlib.sha256()
    with path.open("rb") as source:
        while block := source.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()[:DIGEST_HEX]


def served_name(key: str, digest: str, fmt: str) -> str:
    """``<key>.<digest>.<ext>``: the file name, and the last part of its URL (``/audio/...``)."""
    return f"{key}.{digest}.{'timings.json' if fmt == TIMINGS else fmt}"


def read_finished(audio_dir: Path, key: str, formats: Iterable[str]) -> dict[str, Any] | None:
    """The manifest of a complete audio set, with current file sizes; None if incomplete.

    A manifest without digests (written before files were named by them) counts as incomplete.
    """
    try:
        manifest = json.loads(final_path(audio_dir, key, ".json").read_text(encoding="utf-8"))
        digests = manifest["digests"]
        sizes = {
            fmt: (audio_dir / served_name(key, digests[fmt], fmt)).stat().st_size for fmt in formats
        }
        (audio_dir / served_name(key, digests[TIMINGS], TIMINGS)).stat()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {**manifest, "files": sizes}


def remove_set(audio_dir: Path, key: str) -> None:
    """Remove one key's audio set, manifest first."""
    remove(Group(key, [p for p in audio_dir.glob(f"{key}.*") if FINAL.match(p.name)]))


def remove_stale_parts(audio_dir: Path, now: float) -> None:
    """Temporary files left by a writer that died (a killed worker), once clearly abandoned."""
    for path in [*audio_dir.glob(".*.part"), *audio_dir.glob(f"{LIVE_DIR}/*")]:
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > FRESH_S:
                path.unlink()


def remove_leftovers(audio_dir: Path, key: str) -> None:
    """What a writer of ``key`` that died leaves: its live MP3 and progress, its ``.part`` files
    (a manifest's beside the set, a progress file's under ``live/``)."""
    for pattern in (f"{LIVE_DIR}/{key}.*", f"{LIVE_DIR}/.{key}.*.part", f".{key}.*.part"):
        for path in audio_dir.glob(pattern):
            path.unlink(missing_ok=True)
