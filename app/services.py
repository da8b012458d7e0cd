"""The resources the pipeline works with, built once from settings and closed once.

``build_services`` opens the store (which builds its own job queue), checks the engine list and
builds each engine in it (so a bad Piper voice fails here, at start-up, not mid-job), and loads
the operator's lexicon; ``Services.close`` releases them (the app's teardown and process
exit call it). Nothing here knows Flask: the web layer keeps the services in ``app.extensions``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.config import Settings
from app.fetch import Fetcher, PageFetcher
from app.fetch.pool import FetchPool
from app.jobs import JobQueue
from app.speech.engines import Engine, EngineOptions, engine_table, parse_engines, resolve_engine
from app.speech.normalize import load_lexicon
from app.store import Store, open_store


@dataclass
class Services:
    """What the pipeline works with: settings, store, queue, engine, fetcher and lexicon."""

    settings: Settings
    store: Store
    queue: JobQueue
    engine_factory: Callable[[], Engine]
    fetcher: PageFetcher
    fetch_pool: FetchPool
    lexicon: dict[str, str] = field(default_factory=dict)
    _engine: Engine | None = None
    _engine_lock: threading.Lock = field(default_factory=threading.Lock)
    _closed: bool = False

    @property
    def engine(self) -> Engine:
        """The engine, resolved once on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = self.engine_factory()
            return self._engine

    @property
    def lock_ttl_s(self) -> float:
        """How long a synthesis lock lives without a heartbeat (a dead worker's is taken over)."""
        return float(self.settings.synth_lock_ttl_s)

    @property
    def audio_dir(self) -> Path:
        """Where finished audio files live."""
        return self.settings.audio_cache_dir

    def close(self) -> None:
        """Finish queued work, then release the queue and the store (once)."""
        if self._closed:
            return
        self._closed = True
        self.fetch_pool.close()
        self.queue.close()
        self.store.close()


def build_services(settings: Settings) -> Services:
    """The store, queue, engine, fetcher and lexicon the settings ask for."""
    engines = engine_table(EngineOptions.from_settings(settings))
    for name in parse_engines(settings.tts_engine, engines):
        engines[name]()  # each loads once, here: a bad voice is a ConfigError at start-up
    # A bad allow-list entry or network fails here, at start-up.
    fetcher = Fetcher.for_hosts(settings.allowed_hosts, settings.permitted_networks)
    fetch_pool = FetchPool(settings.fetch_workers, settings.fetch_per_host)
    lexicon = load_lexicon(settings.data_dir / "lexicon.tsv")
    store = open_store(settings)
    settings.audio_cache_dir.mkdir(parents=True, exist_ok=True)
    return Services(
        settings=settings,
        store=store,
        queue=store.job_queue(),
        engine_factory=lambda: resolve_engine(settings.tts_engine, engines),
        fetcher=fetcher,
        fetch_pool=fetch_pool,
        lexicon=lexicon,
    )
