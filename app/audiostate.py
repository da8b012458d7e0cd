"""The audio of a key as it stands: its finished files on disk, else its record in the store.

A finished set (manifest written last) is the truth for any process or machine sharing the audio
directory; the store's record says queued, running or failed.
"""

from __future__ import annotations

from pathlib import Path

from app import audio
from app.models import Article, AudioInfo, AudioStatus
from app.services import Services
from app.store import files


def audio_path(services: Services, key: str, fmt: str) -> Path:
    """Where the finished ``fmt`` file of audio ``key`` lives (nonexistent path if none)."""
    ext = audio.codec_for(fmt).ext
    finished = files.read_finished(services.audio_dir, key, audio.CODECS)
    if finished is None:
        return files.final_path(services.audio_dir, key, f".{ext}")
    return services.audio_dir / files.served_name(key, finished["digests"][fmt], ext)


def timings_path(services: Services, key: str) -> Path:
    """Where the finished sentence timings of audio ``key`` live (nonexistent path if none)."""
    finished = files.read_finished(services.audio_dir, key, audio.CODECS)
    if finished is None:
        return files.final_path(services.audio_dir, key, ".timings.json")
    digest = finished["digests"][files.TIMINGS]
    return services.audio_dir / files.served_name(key, digest, files.TIMINGS)


def manifest_path(services: Services, key: str) -> Path:
    """Where the manifest of audio ``key`` lives (written last: it marks the set complete)."""
    return files.final_path(services.audio_dir, key, ".json")


def audio_state(services: Services, article: Article, key: str | None = None) -> AudioInfo:
    """The audio (``key``, else the article's own): ``ready`` when its files are complete."""
    key = key or article.audio_key
    finished = AudioInfo(key=key, status=AudioStatus.READY, progress=1.0)
    if reuse(services, key, finished):
        files.touch(manifest_path(services, key))
        return finished
    info = services.store.get_audio(key)
    if info.status is AudioStatus.READY:  # the files have gone (evicted or deleted)
        info = AudioInfo(key=key)
    return info


def reuse(services: Services, key: str, info: AudioInfo) -> bool:
    """Fill ``info`` from files a previous run (any process or machine) finished for ``key``."""
    manifest = files.read_finished(services.audio_dir, key, audio.CODECS)
    if manifest is None:
        return False
    info.files, info.duration_s = manifest["files"], manifest["duration_s"]
    info.digests = dict(manifest["digests"])
    info.engine, info.voice = manifest.get("engine_name", ""), manifest.get("voice", "")
    info.engines = manifest.get("engines", {})
    return True
