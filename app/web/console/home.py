"""``/admin/``: the console's first page (until the articles list takes its place)."""

from __future__ import annotations

from flask import render_template

from app.web.console.guard import console_blueprint, editor_required

bp = console_blueprint("console_home", __name__)


@bp.get("/")
@editor_required
def index() -> str:
    """The console's home: what each page is for."""
    return render_template("console/home.html")
