"""The web layer: blueprints cut along URL areas, and the accessor for the pipeline's services."""

from __future__ import annotations

from flask import Flask, current_app

from app.pipeline import Services


def get_services() -> Services:
    """The services of the running application."""
    services: Services = current_app.extensions["baonoi"]
    return services


def init_app(app: Flask) -> None:
    """Register every blueprint and the error handlers."""
    from app.web import api, errors, format, health, reader

    app.register_blueprint(reader.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    errors.init_app(app)
    format.init_app(app)
