"""The web layer: blueprints cut along URL areas, the services' context and the error handlers."""

from __future__ import annotations

from flask import Flask, Response

from app.services import Services
from app.web import (
    api,
    beacon,
    console,
    content,
    context,
    embed,
    errors,
    format,
    health,
    listen,
    live,
    metrics,
    openapi,
    portal,
    reader,
)


def init_app(app: Flask, services: Services) -> None:
    """Keep the services, register every blueprint and the error handlers."""
    context.init_app(app, services)
    app.register_blueprint(reader.bp)
    app.register_blueprint(content.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(live.bp)
    app.register_blueprint(listen.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(portal.bp)
    beacon.init_app(app)
    console.init_app(app)
    metrics.init_app(app)
    errors.init_app(app)
    format.init_app(app)
    app.after_request(security_headers)


PAGE_CSP = (
    "default-src 'self'; img-src 'self' https: http: data:; media-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def security_headers(response: Response) -> Response:
    """CSP (unless the view set its own), no MIME sniffing, a cautious referrer policy."""
    response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response
