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
from app.fetch.pool import FetchPool
from app.jobs import JobQueue
from app.speech.engines import (
    ENGINES,
    Engine,
    EngineOptions,
    VoiceChoice,
    engine_table,
    parse_engines,
    parse_voices,
    resolve_engine,
    voiced_factory,
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
    fetch_pool: FetchPool
    lexicon: dict[str, str] = field(default_factory=dict)
    voice_choices: tuple[VoiceChoice, ...] = ()  # BAONOI_VOICES: the first is the default
    engines: Mapping[str, Callable[[], Engine]] = field(default_factory=dict)
    _engine: Engine | None = None
    _chosen: dict[str, Engine] = field(default_factory=dict)
    voice_keys: dict[tuple[object, ...], str] = field(default_factory=dict)  # planning's cache
    _engine_lock: threading.Lock = field(default_factory=threading.Lock)
    _closed: bool = False

    @property
    def engine(self) -> Engine:
        """The engine, resolved once on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = self.engine_factory()
            return self._engine

    def choice(self, voice: str | None) -> VoiceChoice | None:
        """The listener's voice ``voice`` (an id of ``voice_choices``); None for the default."""
        for index, choice in enumerate(self.voice_choices):
            if choice.id == voice:
                return None if index == 0 else choice
        return None

    def engine_for(self, voice: str | None) -> Engine:
        """The engine of the listener's voice ``voice`` (the default one when unknown or None)."""
        choice = self.choice(voice)
        if choice is None:
            return self.engine
        with self._engine_lock:
            if choice.id not in self._chosen:
                self._chosen[choice.id] = resolve_engine(choice.spec, self.engines)
            return self._chosen[choice.id]

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

    def voices_heard(self) -> list[tuple[str, str, int]]:
        """Sentences each configured voice spoke in the audio made so far: (engine, voice, n)."""
        chains = [self.engine, *(self.engine_for(c.id) for c in self.voice_choices[1:])]
        voices = {
            keys.heard(m.name, m.voice): (m.name, m.voice)
            for chain in chains
            for m in getattr(chain, "members", (chain,))
        }
        counts = self.store.counters(list(voices))
        return [(*voices[k], n) for k, n in counts.items() if n]

    def close(self) -> None:
        """Finish queued work, then release the queue and the store (once)."""
        if self._closed:
            return
        self._closed = True
        self.fetch_pool.close()
        self.queue.close()
        self.store.close()


def with_budgets(
    table: Mapping[str, Callable[[], Engine]], settings: Settings, store: Store
) -> dict[str, Callable[[], Engine]]:
    """The engine table, each engine with a monthly budget wrapped in a ``BudgetedEngine``."""

    def budgeted(name: str, limit: int) -> Engine:
        counter = keys.engine_chars(name.partition("@")[0])  # one budget for every voice

        def spend(amount: int) -> int:
            return store.incr(keys.engine_chars(name.partition("@")[0]), amount)

        def used() -> int:
            return store.counters([counter])[counter]

        return BudgetedEngine(table[name](), limit, spend, used)

    def limit(name: str) -> int:
        return settings.monthly_chars(name.partition("@")[0])

    wrapped = dict(table)
    for name in table:
        if limit(name):
            wrapped[name] = functools.cache(functools.partial(budgeted, name, limit(name)))
    return wrapped


def build_services(settings: Settings) -> Services:
    """The store, queue, engine, fetcher and lexicon the settings ask for."""
    options = EngineOptions.from_settings(settings)
    engines = engine_table(options)
    choices = parse_voices(settings.voices)
    specs = [choice.spec for choice in choices] or [settings.tts_engine]
    for spec in specs:
        for name in parse_engines(spec, engines):
            if name not in engines:  # engine@voice: the engine with another voice
                engines[name] = voiced_factory(options, name)
            engines[name]()  # each loads once, here: a bad voice is a ConfigError at start-up
    # A bad allow-list entry or network fails here, at start-up.
    fetcher = Fetcher.for_hosts(settings.allowed_hosts, settings.permitted_networks)
    fetch_pool = FetchPool(settings.fetch_workers, settings.fetch_per_host)
    lexicon = load_lexicon(settings.data_dir / "lexicon.tsv")
    store = open_store(settings)
    settings.audio_cache_dir.mkdir(parents=True, exist_ok=True)
    table = with_budgets(engines, settings, store)
    return Services(
        settings=settings,
        store=store,
        queue=store.job_queue(),
        engine_factory=lambda: resolve_engine(specs[0], table),
        fetcher=fetcher,
        fetch_pool=fetch_pool,
        lexicon=lexicon,
        voice_choices=choices,
        engines=table,
    )
