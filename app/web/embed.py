"""What portals embed and podcast apps read: the player page, oEmbed, and the RSS feed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    make_response,
    render_template,
    request,
    url_for,
)
from markupsafe import escape

from app.audiostate import audio_state
from app.errors import InputError
from app.models import AudioStatus
from app.pipeline import get_article
from app.web.context import get_services
from app.web.public import public_host

bp = Blueprint("embed", __name__)
EMBED_WIDTH, EMBED_HEIGHT = 640, 180
MIN_WIDTH, MIN_HEIGHT = 240, 120  # below this the player's controls do not fit: 501


@bp.get("/embed/<article_id>")
def player(article_id: str) -> Response:
    """A minimal accessible player page, for an iframe on the portal's article page."""
    services = get_services()
    article = get_article(services, article_id)
    response = make_response(
        render_template(
            "embed/player.html",
            article=article,
            audio=audio_state(services, article),
            engine=services.engine,
        )
    )
    origins = " ".join(services.settings.embed_origins) or "'none'"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; media-src 'self' blob:; script-src 'self'; "
        f"style-src 'unsafe-inline'; "
        f"connect-src 'self'; img-src 'self'; frame-ancestors {origins}"
    )
    return response


def iframe_html(
    article_id: str, title: str, width: int = EMBED_WIDTH, height: int = EMBED_HEIGHT
) -> str:
    """The copy-paste ``<iframe>`` snippet for an article."""
    src = url_for("embed.player", article_id=article_id, _external=True)
    return (
        f'<iframe src="{src}" title="Nghe bài: {escape(title)}" width="100%" '
        f'height="{height}" style="border:0;max-width:{width}px" '
        f'loading="lazy" allow="autoplay \'none\'"></iframe>'
    )


def _max_size(name: str, default: int, smallest: int) -> int:
    """A ``maxwidth``/``maxheight``, clamped to the default: 400 unless a positive integer, 501
    below smallest."""
    value = request.args.get(name)
    if value is None:
        return default
    digits = value.strip().lstrip("0")
    if not re.fullmatch(r"[0-9]+", digits):  # ASCII digits only, and not zero
        raise InputError(
            f"{name} must be a positive whole number", f"{name} phải là số nguyên dương"
        )
    # Any length is a size (clamped below); only short ones are converted (int() of thousands
    # of digits is refused by Python, and is a waste).
    size = int(digits) if len(digits) <= 9 else default
    if size < smallest:
        abort(501)
    return min(default, size)


@bp.get("/oembed")
def oembed() -> Response:
    """oEmbed 1.0 ``rich`` response for a reader-page URL."""
    url, fmt = request.args.get("url", ""), request.args.get("format", "json")
    if fmt != "json":
        abort(501)
    parts = urlsplit(url)
    prefix = "/articles/"
    if (
        parts.scheme not in ("", "http", "https")
        or parts.netloc not in ("", public_host(request.host))
        or not parts.path.startswith(prefix)
    ):
        raise InputError(
            "url must be a reader page of this service", "url phải là trang đọc bài của dịch vụ này"
        )
    article = get_article(get_services(), parts.path[len(prefix) :].strip("/"))
    width = _max_size("maxwidth", EMBED_WIDTH, MIN_WIDTH)
    height = _max_size("maxheight", EMBED_HEIGHT, MIN_HEIGHT)
    answer: dict[str, object] = {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Báo nói",
        "provider_url": url_for("reader.index", _external=True),
        "title": article.title,
        "html": iframe_html(article.id, article.title, width, height),
        "width": width,
        "height": height,
    }
    if article.author:
        answer["author_name"] = article.author
    return jsonify(answer)


def _rfc822(article_date: date | None, fallback: float) -> str:
    """An RSS date from the article's date (noon UTC) or its ingest time."""
    if article_date is not None:
        return format_datetime(datetime.combine(article_date, time(12), tzinfo=UTC))
    return format_datetime(datetime.fromtimestamp(fallback, tz=UTC))


@bp.get("/feed.xml")
def feed() -> Response:
    """RSS 2.0 podcast feed: one item per article, with its MP3 as the enclosure."""
    services = get_services()
    items = []
    for article in services.store.list_articles(limit=200):
        info = audio_state(services, article)
        ready = info.status is AudioStatus.READY
        items.append(
            {
                "article": article,
                "info": info,
                "date": _rfc822(article.published, article.created_at),
                "length": info.files.get("mp3", 0) if ready else 0,
                "duration": int(round(info.duration_s or 0)) if ready else None,
            }
        )
    response = make_response(render_template("embed/feed.xml", items=items))
    response.mimetype = "application/rss+xml"
    return response
