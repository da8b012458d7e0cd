"""The operator console under ``/admin``: one blueprint per area, sharing ``guard``'s rules.

``guard`` (session, sign-in requirement, roles, CSRF, headers), ``nav`` (the menu as data),
``manage`` (account rules shared with ``baonoi user``), ``auth`` (sign-in, sign-out, lock-out),
``articles`` (``/admin/``: the article list, one article, re-make and delete; with ``sentences``,
its audio and sentences side by side), ``work`` (queues, running jobs, failures, feeds),
``users`` and ``audit`` (the pages and ``audit.record``).
"""

from __future__ import annotations

from flask import Flask

from app.web.console import articles, audit, auth, guard, listens, users, work

BLUEPRINTS = (
    auth.bp,
    articles.bp,
    work.bp,
    users.bp,
    audit.bp,
    listens.bp,
)


def init_app(app: Flask) -> None:
    """Set up the console's session and protection, and register its pages."""
    guard.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
