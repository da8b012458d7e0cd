"""What every console page shares: the signed-in user, roles, CSRF, headers and the session.

``console_blueprint`` makes a blueprint under ``/admin`` whose every view needs a signed-in
account (``PUBLIC`` endpoints aside) and whose every POST needs its ``csrf_token``. The session
is Flask's signed cookie, sent only under ``/admin``, signed with a secret kept in the store (one
for every process and machine); it names a server-side session (``Accounts.session``) that ends
after ``BAONOI_CONSOLE_IDLE_MINUTES`` unused, at sign-out, or when the password changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from flask import Blueprint, Flask, Request, Response, redirect, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.wrappers import Response as Answer

from app.errors import CsrfRefused, Forbidden, RefererRefused, StoreUnavailable
from app.web.console.nav import menu
from app.web.context import get_services, get_settings
from app.web.prefs import COOKIE, read_prefs

F = TypeVar("F", bound=Callable[..., Any])
PREFIX = "/admin"
PUBLIC = {"console_auth.login"}  # endpoints answered without a signed-in account
csrf = CSRFProtect()
login_manager = LoginManager()


class ConsoleUser(UserMixin):
    """A signed-in account: its session token (Flask-Login's id), name and role."""

    def __init__(self, token: str, name: str, role: str) -> None:
        self.id = token
        self.name = name
        self.role = role

    @property
    def is_admin(self) -> bool:
        """Whether this account manages accounts (and may do all an editor does)."""
        return self.role == "admin"


def idle_s() -> int:
    """How long an unused session lives, in seconds."""
    return max(1, get_settings().console_idle_minutes) * 60


@login_manager.user_loader
def load_user(token: str) -> ConsoleUser | None:
    """The account of a live session whose account still has the password it was opened with."""
    accounts = get_services().store.accounts()
    found = accounts.session(token, idle_s())
    if found is None:
        return None
    account = accounts.get(found[0])
    if account is None or account.version != found[1]:
        accounts.close_session(token)
        return None
    return ConsoleUser(token, account.name, account.role)


def current() -> ConsoleUser | None:
    """The signed-in account of this request, or None."""
    user = current_user._get_current_object()  # noqa: SLF001
    return user if isinstance(user, ConsoleUser) else None


def current_name() -> str:
    """The signed-in account's name, for the audit log ("-" when nobody is signed in)."""
    user = current()
    return user.name if user else "-"


def editor_required(view: F) -> F:
    """Let editors and admins in; send others to the sign-in page."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current() is None:
            return to_sign_in()
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def admin_required(view: F) -> F:
    """Let admins in; a bilingual 403 for an editor; the sign-in page for nobody."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        user = current()
        if user is None:
            return to_sign_in()
        if not user.is_admin:
            raise Forbidden()
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def to_sign_in() -> Answer:
    """A 303 to the sign-in page, coming back here (only for a GET) once signed in."""
    back = request.script_root + request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("console_auth.login", next=back), code=303)


def check_request() -> Answer | None:
    """Every console request: the CSRF token of a POST, then a signed-in account."""
    if isinstance(session, NoSession):
        raise StoreUnavailable()
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        try:
            csrf.protect()
        except CSRFError as exc:
            refused = RefererRefused if "referrer" in str(exc.description) else CsrfRefused
            raise refused(detail=str(exc.description)) from exc
    if request.endpoint not in PUBLIC and current() is None:
        return to_sign_in()
    return None


def page_context() -> dict[str, Any]:
    """What every console template sees: the reader's look, the account, the menu."""
    prefs, _ = read_prefs({}, request.cookies.get(COOKIE))
    user = current()
    return {"prefs": prefs, "me": user, "menu": menu(user.role if user else None)}


def console_blueprint(name: str, import_name: str) -> Blueprint:
    """A console blueprint under ``/admin``: signed-in accounts only, POSTs with their token."""
    bp = Blueprint(name, import_name, url_prefix=PREFIX)
    bp.before_request(check_request)
    bp.context_processor(page_context)
    return bp


def console_headers(response: Response) -> Response:
    """On every ``/admin`` answer: never cached, never framed (CSP comes from the app)."""
    if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.vary.add("Cookie")
    return response


class NoSession(SecureCookieSession):
    """The session when the store (and so the secret) could not be reached: never saved."""


class ConsoleSessions(SecureCookieSessionInterface):
    """Flask's signed cookie, read and written only under ``/admin``, keyed by the store."""

    def get_signing_serializer(self, app: Flask) -> Any:
        """The serializer, with the store's secret fetched once (the first console request)."""
        if not app.secret_key:
            app.secret_key = get_services(app).store.accounts().secret()
        return super().get_signing_serializer(app)

    def get_cookie_path(self, app: Flask) -> str:
        """Only the console's paths (behind the public URL's path prefix, if any)."""
        return request.script_root + PREFIX

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """The console's session; an empty unsaved one elsewhere (the reader reads no cookie)."""
        if not (request.path == PREFIX or request.path.startswith(PREFIX + "/")):
            return self.session_class()
        try:
            return super().open_session(app, request)
        except StoreUnavailable:
            return NoSession()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Write the cookie, never for an unsaved session."""
        if isinstance(session, NoSession) or not app.secret_key:
            return
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """The console's session, sign-in and CSRF settings and hooks (the reader keeps its own)."""
    settings = get_settings(app)
    app.session_interface = ConsoleSessions()
    app.config.update(
        SESSION_COOKIE_NAME="baonoi_console",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=(settings.public_url or "").startswith("https:"),
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=max(1, settings.console_idle_minutes)),
        SESSION_REFRESH_EACH_REQUEST=True,
        WTF_CSRF_CHECK_DEFAULT=False,  # checked by console blueprints only: the API keeps its token
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session (which idles out)
    )
    login_manager.login_view = "console_auth.login"
    login_manager.session_protection = None  # sessions live in the store; no IP pinning
    login_manager.init_app(app)
    csrf.init_app(app)
    app.after_request(console_headers)
