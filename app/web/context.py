"""The running application's services: stored once under ``EXTENSION``, read by ``get_services``.

As flaskr's ``db.py`` does for its connection: ``init_app`` stores the services, releases the
request thread's store connection when each request's context ends, and closes the services when
the application goes (at garbage collection or process exit).
"""

from __future__ import annotations

import weakref

from flask import Flask, current_app

from app.config import Settings
from app.services import Services

EXTENSION = "baonoi"


def get_services(app: Flask | None = None) -> Services:
    """The services of ``app`` (default: the running application)."""
    services: Services = (app or current_app).extensions[EXTENSION]
    return services


def get_settings(app: Flask | None = None) -> Settings:
    """The settings of ``app`` (default: the running application)."""
    return get_services(app).settings


def release_connection(_exc: BaseException | None = None) -> None:
    """Give back this thread's store connection at the end of a request."""
    get_services().store.release()


def init_app(app: Flask, services: Services) -> None:
    """Keep ``services`` on ``app``; release per request; close with the app or the process."""
    app.extensions[EXTENSION] = services
    app.teardown_appcontext(release_connection)
    weakref.finalize(app, services.close)
