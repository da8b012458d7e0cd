"""The resources the pipeline works with, built once from settings and closed once.

``build_services`` opens the store (which builds its own job queue), checks the engine list and
builds each engine in it (so a bad Piper voice fails here, at start-up, not mid-job), and loads
the operator's lexicon; ``Services.close`` releases them (the app's teardown and process
exit call it). Nothing here knows Flask: the web layer keeps the services in ``app.extensions``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.config import Settings
from app.fetch import Fetcher, PageFetcher
from app.jobs import JobQueue
from app.speech.engines import (
    ENGINES,
    Engine,
    EngineOptions,
    engine_table,
    parse_engines,
    resolve_engine,
)
from app.speech.engines.budget import BudgetedEngine
from app.speech.normalize import load_lexicon
from app.store import Store, keys, open_store


@dataclass
class Services:
    """What the pipeline works with: settings, store, queue, engine, fetcher and lexicon."""

    settings: Settings
    store: Store
    queue: JobQueue
    engine_factory: Callable[[], Engine]
    fetcher: PageFetcher
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

    def engine_use(self) -> dict[str, int]:
        """Characters sent to each engine this month (every process's, from the store)."""
        names = {keys.engine_chars(name): name for name in ENGINES}
        return {names[k]: v for k, v in self.store.counters(list(names)).items()}

    def voices_heard(self) -> dict[str, int]:
        """Sentences each engine spoke in the audio made so far (only engines that spoke)."""
        names = {keys.heard(name): name for name in ENGINES}
        return {names[k]: v for k, v in self.store.counters(list(names)).items() if v}

    def close(self) -> None:
        """Finish queued work, then release the queue and the store (once)."""
        if self._closed:
            return
        self._closed = True
        self.queue.close()
        self.store.close()


def with_budgets(
    table: Mapping[str, Callable[[], Engine]], settings: Settings, store: Store
) -> dict[str, Callable[[], Engine]]:
    """The engine table, each engine with a monthly budget wrapped in a ``BudgetedEngine``."""

    def budgeted(name: str, limit: int) -> Engine:
        def spend(amount: int) -> int:
            return store.incr(keys.engine_chars(name), amount)

        def used() -> int:
            counter = keys.engine_chars(name)
            return store.counters([counter])[counter]

        return BudgetedEngine(table[name](), limit, spend, used)

    return {
        name: functools.cache(functools.partial(budgeted, name, settings.monthly_chars(name)))
        if settings.monthly_chars(name)
        else make
        for name, make in table.items()
    }


def build_services(settings: Settings) -> Services:
    """The store, queue, engine, fetcher and lexicon the settings ask for."""
    engines = engine_table(EngineOptions.from_settings(settings))
    for name in parse_engines(settings.tts_engine, engines):
        engines[name]()  # each loads once, here: a bad voice is a ConfigError at start-up
    # A bad allow-list entry or network fails here, at start-up.
    fetcher = Fetcher.for_hosts(settings.allowed_hosts, settings.permitted_networks)
    lexicon = load_lexicon(settings.data_dir / "lexicon.tsv")
    store = open_store(settings)
    settings.audio_cache_dir.mkdir(parents=True, exist_ok=True)
    table = with_budgets(engines, settings, store)
    return Services(
        settings=settings,
        store=store,
        queue=store.job_queue(),
        engine_factory=lambda: resolve_engine(settings.tts_engine, table),
        fetcher=fetcher,
        lexicon=lexicon,
    )
