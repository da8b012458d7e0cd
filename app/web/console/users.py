"""``/admin/users`` (admins only): list, add, remove accounts, change roles, reset passwords."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as Answer

from app.errors import BaonoiError, InputError
from app.web.console import manage
from app.web.console.audit import record
from app.web.console.guard import admin_required, console_blueprint, current_name
from app.web.context import get_services

bp = console_blueprint("console_users", __name__)
FIELD_MAX = 2048  # characters of a form field looked at


def field(name: str) -> str:
    """A form field, cut to a bounded length."""
    return request.form.get(name, "")[:FIELD_MAX]


def listing(status: int = 200, error: BaonoiError | None = None) -> Response:
    """The accounts page, with an error in both languages when there is one."""
    page = render_template(
        "console/users.html",
        accounts=get_services().store.accounts().all(),
        roles=manage.ROLE_NAMES,
        error=(error.message_vi, error.message_en) if error else None,
    )
    return Response(page, status=status, mimetype="text/html")


def done(message: str) -> Answer:
    """Back to the list with a message saying what was done (303, so a reload sends nothing)."""
    flash(message)
    return redirect(url_for("console_users.index"), code=303)


def keep_an_admin(name: str) -> None:
    """``InputError`` when ``name`` is the last admin (nobody would be left to manage accounts)."""
    store = get_services().store
    account = manage.existing(store, name)
    if account.role == "admin" and manage.admins_left(store, account.name) == 0:
        raise InputError(
            "The last admin cannot be removed or made an editor",
            "Không thể xóa hoặc hạ quyền người quản trị cuối cùng",
        )


@bp.get("/users")
@admin_required
def index() -> Response:
    """Every account with its role, and the forms to change them."""
    return listing()


@bp.post("/users")
@admin_required
def add() -> Answer:
    """Add an account (``username``, ``role``, ``password``)."""
    try:
        account = manage.add_account(
            get_services().store, field("username"), field("role"), field("password")
        )
    except InputError as exc:
        return listing(exc.status, exc)
    record("user_add", account.name, account.role)
    return done(f"Đã thêm tài khoản {account.name}.")


@bp.post("/users/<name>/role")
@admin_required
def role(name: str) -> Answer:
    """Give an account another role."""
    try:
        if field("role") != "admin":
            keep_an_admin(name)
        account = manage.change_role(get_services().store, name, field("role"))
    except (InputError, BaonoiError) as exc:
        return listing(exc.status, exc)
    record("user_role", account.name, account.role)
    return done(f"Đã đổi vai trò của {account.name}.")


@bp.post("/users/<name>/password")
@admin_required
def password(name: str) -> Answer:
    """Set a new password for an account (its open sessions end)."""
    try:
        account = manage.change_password(get_services().store, name, field("password"))
    except BaonoiError as exc:
        return listing(exc.status, exc)
    record("user_password", account.name)
    return done(f"Đã đặt mật khẩu mới cho {account.name}.")


@bp.post("/users/<name>/remove")
@admin_required
def remove(name: str) -> Answer:
    """Delete an account (not the last admin, not oneself)."""
    try:
        if manage.clean_name(name) == current_name():
            raise InputError(
                "You cannot remove your own account", "Bạn không thể xóa tài khoản của chính mình"
            )
        keep_an_admin(name)
        manage.remove_account(get_services().store, name)
    except BaonoiError as exc:
        return listing(exc.status, exc)
    record("user_remove", manage.clean_name(name))
    return done(f"Đã xóa tài khoản {manage.clean_name(name)}.")
