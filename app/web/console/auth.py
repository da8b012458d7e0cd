"""Sign-in and sign-out at ``/admin/login`` and ``/admin/logout``, with the lock-out rule.

After ``LOCK_AFTER`` wrong passwords for one name, or from one client, within ``WINDOW_S``, that
name (or client) is refused for ``LOCK_S``, the right password included. Counted in the store, so
every process and machine agrees; logged as a WARNING naming the name or client.
"""

from __future__ import annotations

import logging

from flask import Response, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response as Answer

from app.errors import InputError, SignInFailed, SignInLocked
from app.web.console import manage
from app.web.console.guard import ConsoleUser, console_blueprint, current, idle_s
from app.web.console.nav import HOME
from app.web.context import get_services
from app.web.limits import client_id

log = logging.getLogger(__name__)
bp = console_blueprint("console_auth", __name__)

LOCK_AFTER = 10  # wrong passwords ...
WINDOW_S = 15 * 60  # ... within this many seconds ...
LOCK_S = 15 * 60  # ... lock the name (or client) this long
NAME_MAX = 200  # characters of a typed name looked at (longer ones are simply wrong)


def subjects(name: str) -> tuple[str, str]:
    """What the lock-out counts: the typed name and the client."""
    return f"user:{name}", f"client:{client_id()}"


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a console path of this site, else the console's home."""
    root = request.script_root + "/admin"
    if target and target.startswith(root) and not target.startswith("//") and "\\" not in target:
        return target
    return url_for(HOME)


def form(status: int = 200, error: tuple[str, str] | None = None, name: str = "") -> Response:
    """The sign-in page, with an error in both languages when there is one."""
    page = render_template(
        "console/login.html", error=error, name=name, next=request.values.get("next", "")
    )
    return Response(page, status=status, mimetype="text/html")


def typed_name() -> str:
    """The name as typed, folded as accounts are (left as typed when it could be no account)."""
    raw = request.form.get("username", "")[:NAME_MAX]
    try:
        return manage.clean_name(raw)
    except InputError:
        return raw.strip()


def refuse_if_locked(name: str) -> None:
    """``SignInLocked`` while the name or the client is locked."""
    accounts = get_services().store.accounts()
    if any(accounts.locked_for(who) > 0 for who in subjects(name)):
        log.info("console sign-in refused while locked: user %r, client %s", name, client_id())
        raise SignInLocked()


def count_failure(name: str) -> None:
    """Count a wrong password for the name and the client; lock them at ``LOCK_AFTER``."""
    accounts = get_services().store.accounts()
    accounts.record(name or "-", "sign_in_failed", name, f"client {client_id()}")
    for who in subjects(name):
        if accounts.note_failure(who, WINDOW_S, LOCK_AFTER, LOCK_S):
            log.warning(
                "console sign-in locked for %d minutes after %d wrong passwords: %s",
                LOCK_S // 60,
                LOCK_AFTER,
                who,
            )
            accounts.record("-", "sign_in_locked", who, f"{LOCK_S // 60} min")


def sign_in(name: str, password: str) -> ConsoleUser:
    """The account signed in, on a new session; ``SignInFailed`` or ``SignInLocked`` otherwise."""
    refuse_if_locked(name)
    accounts = get_services().store.accounts()
    account = accounts.get(name)
    if not manage.verify(account, password) or account is None:
        count_failure(name)
        raise SignInFailed()
    for who in subjects(name):
        accounts.clear_failures(who)
    session.clear()  # no fixation: a new cookie, a new CSRF token, a new server-side session
    user = ConsoleUser(
        accounts.open_session(account.name, account.version, idle_s()), name, account.role
    )
    login_user(user)
    session.permanent = True
    accounts.record(account.name, "sign_in", account.name, f"client {client_id()}")
    log.info("console sign-in: %s (client %s)", account.name, client_id())
    return user


@bp.route("/login", methods=["GET", "POST"])
def login() -> Answer:
    """The sign-in form; a POST with the right name and password opens a session."""
    if request.method == "GET":
        if current() is not None:
            return redirect(safe_next(request.args.get("next")), code=303)
        return form()
    name = typed_name()
    try:
        sign_in(name, request.form.get("password", ""))
    except (SignInFailed, SignInLocked) as exc:
        response = form(exc.status, (exc.message_vi, exc.message_en), name)
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return redirect(safe_next(request.form.get("next")), code=303)


@bp.route("/logout", methods=["POST"])
def logout() -> Answer:
    """End the session (a POST with the form's token), back to the sign-in page."""
    user = current()
    if user is not None:
        get_services().store.accounts().close_session(user.id)
        get_services().store.accounts().record(user.name, "sign_out", user.name)
    logout_user()
    session.clear()
    return redirect(url_for("console_auth.login"), code=303)
