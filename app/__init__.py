"""Báo nói: Vietnamese portal articles as accessible reader pages and cached audio.

``create_app()`` builds the service; importing this package does nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def template_dir() -> Path:
    """The Jinja templates: ``app/templates`` in an installed wheel, else the checkout's."""
    installed = PACKAGE / "templates"
    return installed if installed.is_dir() else ROOT / "templates"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask application, configured from defaults, instance file, environment, overrides."""
    from app import web, worker
    from app.config import load_settings
    from app.services import build_services
    from app.web import public

    settings = load_settings(test_config)
    app = public.PublicFlask(
        __name__,
        template_folder=str(template_dir()),
        static_folder=str(PACKAGE / "static"),
    )
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_mb * 1024 * 1024
    public.init_app(app, settings)
    services = build_services(settings)
    worker.attach(services)
    web.init_app(app, services)
    return app
