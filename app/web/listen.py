"""Keep listening and listen offline: spoken phrases between articles, the service worker, and
each article's neighbours in the list's order (newest first).

``/announce/<name>.<ext>`` is a short phrase ("Bài tiếp theo.") in the configured voice, made
once through the article path (``app.speech.announce``). ``/sw.js`` is the service worker the
reader page registers, only when a reader asks to save an article for offline listening; it is
served from the root so that its scope may be ``/`` (the list and every article page).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, current_app, request

from app.audio import CODECS
from app.errors import NotFound
from app.models import Article
from app.speech.announce import PHRASES, phrase_file
from app.web.context import get_services
from app.web.ranges import REVALIDATE, send_immutable
from app.web.reader import CHARS_PER_S

bp = Blueprint("listen", __name__)
PHRASE_CACHE = "public, max-age=86400"  # a day: the voice may change, the ETag says when
WORKER_SCOPE = "/"  # the list page too: offline, it answers with the saved articles


@bp.get("/announce/<name>.<fmt>")
def announce(name: str, fmt: str) -> Response:
    """A phrase said between articles, in the configured voice (Range, ETag)."""
    if name not in PHRASES or fmt not in CODECS:
        raise NotFound()
    services = get_services()
    path = phrase_file(services.engine, name, fmt, services.audio_dir)
    etag = hashlib.sha256(path.name.encode()).hexdigest()[:16]
    return send_immutable(request, path, CODECS[fmt].mime, etag, cache_control=PHRASE_CACHE)


@bp.get("/sw.js")
def service_worker() -> Response:
    """The offline service worker, never cached by HTTP, allowed the whole site's scope."""
    script = Path(current_app.static_folder or "", "sw.js").read_bytes()
    headers = {"Cache-Control": REVALIDATE, "Service-Worker-Allowed": WORKER_SCOPE}
    return Response(script, mimetype="text/javascript", headers=headers)


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The articles before and after one in the list's order (newest first)."""

    previous: Article | None
    next: Article | None


@bp.app_template_global()
def neighbours(article_id: str) -> Neighbours:
    """The newer and the older article beside ``article_id`` in the list."""
    articles = get_services().store.list_articles()
    ids = [a.id for a in articles]
    if article_id not in ids:
        return Neighbours(None, articles[0] if articles else None)
    at = ids.index(article_id)
    return Neighbours(
        articles[at - 1] if at > 0 else None,
        articles[at + 1] if at + 1 < len(articles) else None,
    )


@bp.app_template_filter()
def listen_minutes(article: Article, duration_s: float | None = None) -> int:
    """About how many minutes the article takes to hear: its audio's, else from its length."""
    if duration_s:
        return max(1, round(duration_s / 60))
    return max(1, round((len(article.title) + len(article.text)) / CHARS_PER_S / 60))
