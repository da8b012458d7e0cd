"""Báo nói: Vietnamese portal articles as accessible reader pages and cached audio.

``create_app()`` builds the service; importing this package does nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


def build_services(settings: Any) -> Any:
    """The store, queue, engine and lexicon the settings ask for."""
    from app.fetch_policy import allow_pattern
    from app.jobs import InlineQueue, RQQueue
    from app.pipeline import Services, synthesize
    from app.speech.engines import resolve_engine
    from app.speech.normalize import load_lexicon
    from app.store import open_store

    for entry in settings.allowed_hosts:  # a bad BAONOI_ALLOWED_HOSTS entry fails at start-up
        allow_pattern(entry)
    store = open_store(settings)
    services: Services

    def work(article_id: str) -> None:
        try:
            synthesize(services, article_id)
        except Exception:
            log.exception("synthesis of %s failed", article_id)  # also recorded in the store
            raise

    queue = RQQueue(store.client) if store.kind == "redis" else InlineQueue(work)  # type: ignore[attr-defined]
    services = Services(
        settings=settings,
        store=store,
        queue=queue,
        engine_factory=lambda: resolve_engine(settings.tts_engine),
        lexicon=load_lexicon(settings.data_dir / "lexicon.tsv"),
    )
    settings.audio_cache_dir.mkdir(parents=True, exist_ok=True)
    return services


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask application, configured from defaults, instance file, environment, overrides."""
    from app import web
    from app.config import load_settings

    settings = load_settings(test_config)
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "app" / "static"),
    )
    app.config["BAONOI"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_mb * 1024 * 1024
    app.extensions["baonoi"] = build_services(settings)
    web.init_app(app)
    return app
