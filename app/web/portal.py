"""What the portal snippet talks to: ``/embed.js``, ``/embed?url=`` and ``/api/portal?url=``.

``/embed?url=`` is the iframe the snippet opens (and the one a portal without scripts pastes): the
article's player, fetched and ingested first when the address is new, or a short Vietnamese
message when it is refused. A fetch runs on the fetch pool, not on the request's thread: while it
is under way the frame says "Đang tải bài…" (202) and asks again (``embed-pending.js`` polls
``/api/portal``, which answers 202 ``{"status": "pending"}`` until then; without scripts a
``<noscript>`` refresh reloads the frame). The frame tells the page that embeds it its height,
or that it was refused, by ``postMessage`` to the one origin the snippet named (checked against
``BAONOI_EMBED_ORIGINS``); the snippet checks that messages come from our origin.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    render_template,
    request,
    url_for,
)
from markupsafe import escape

from app.audiostate import audio_state
from app.errors import BaonoiError, InputError
from app.models import Article
from app.portal import RETRY_AFTER_S, visit
from app.web.context import get_services
from app.web.limits import rate_gate

log = logging.getLogger(__name__)
bp = Blueprint("portal", __name__)
MAX_URL_CHARS = 2048
FRAME_SCRIPT = '<script src="{src}" data-origin="{origin}" defer></script>'


def _asked_url() -> str:
    """The ``url`` parameter: an absolute address of sane length, else ``InputError``."""
    url = request.args.get("url", "").strip()
    if not url or len(url) > MAX_URL_CHARS:
        raise InputError(
            "Give the article's address as url=", "Hãy cho địa chỉ bài viết trong tham số url="
        )
    return url


def _article() -> Article | None:
    """The article the request names (None while it is fetched), within the client's limits."""
    services = get_services()
    settings = services.settings
    return visit(
        services,
        _asked_url(),
        admit=rate_gate("ingest", settings.ingest_per_minute),
        admit_audio=rate_gate("synth", settings.synth_per_minute),
    )


def parent_origin() -> str:
    """The ``origin`` the snippet named, if it is one ``BAONOI_EMBED_ORIGINS`` allows; else ''."""
    origin = request.args.get("origin", "").strip()
    try:
        parts = urlsplit(origin)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        return ""
    if "@" in parts.netloc or origin != f"{parts.scheme}://{parts.netloc}":
        return ""
    allowed = get_services().settings.embed_origins
    return origin if "*" in allowed or origin in allowed else ""


def _frame(html: str, status: int, *, player: bool = False) -> Response:
    """An embeddable page with the frame script, under the embed player's CSP (a ``player``
    may also play the ``blob:`` URL of the MediaSource its live audio is appended to)."""
    origin = parent_origin()
    if origin:
        tag = FRAME_SCRIPT.format(
            src=escape(url_for("static", filename="embed-frame.js")), origin=escape(origin)
        )
        html = html.replace("</body>", tag + "</body>", 1)  # tag: built from escaped parts
    response = make_response(html, status)
    origins = " ".join(get_services().settings.embed_origins) or "'none'"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; media-src 'self'{' blob:' if player else ''}; script-src 'self'; "
        "style-src 'unsafe-inline'; "
        f"connect-src 'self'; img-src 'self'; frame-ancestors {origins}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/embed")
def embed_by_url() -> Response:
    """The player of the article at ``url``, or a short Vietnamese message saying why not."""
    services = get_services()
    try:
        article = _article()
    except BaonoiError as error:
        # The refusal page is what this iframe shows, not an error page: it stays frameable and
        # tells the snippet (which may hide it) that it was refused. The visitor reads a plain
        # sentence; the exact reason is for the operator (this log, and /api/portal).
        log.warning(
            "/embed refused %r: %s: %s", request.args.get("url", "")[:200], error.code, error
        )
        page = render_template("portal/refusal.html", error=error)
        response = _frame(page, error.status)
        if error.retry_after is not None:
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    if article is None:
        page = render_template(
            "portal/pending.html",
            poll_url=url_for("portal.lookup", url=_asked_url()),
            retry_after=RETRY_AFTER_S,
        )
        response = _frame(page, 202)
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
        return response
    page = render_template(
        "embed/player.html",
        article=article,
        audio=audio_state(services, article),
        engine=services.engine,
    )
    return _frame(page, 200, player=True)


@bp.get("/api/portal")
def lookup() -> Response:
    """The article at ``url`` (ingested first if new) and where its player is; 202 while pending."""
    services = get_services()
    article = _article()
    if article is None:
        pending = jsonify({"status": "pending"})
        pending.status_code = 202
        pending.headers["Retry-After"] = str(RETRY_AFTER_S)
        pending.headers["Cache-Control"] = "no-store"
        return pending
    info = audio_state(services, article)
    return jsonify(
        {
            "id": article.id,
            "title": article.title,
            "embed_url": url_for("embed.player", article_id=article.id, _external=True),
            "reader_url": url_for("reader.article", article_id=article.id, _external=True),
            "audio": {"status": info.status.value, "duration_s": info.duration_s or None},
        }
    )


@bp.get("/embed.js")
def snippet() -> Response:
    """The portal snippet's script (the same file as /static/embed.js)."""
    response = current_app.send_static_file("embed.js")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
