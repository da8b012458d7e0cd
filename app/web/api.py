"""``/api/articles``: ingest pages, read an article's state, delete it."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from app.audio import CODECS
from app.audiostate import audio_path, audio_state
from app.errors import InputError, SynthesisError, Unauthorized, UnsupportedMediaType, error_for
from app.models import Article, AudioInfo, AudioStatus
from app.pipeline import delete_article, get_article, ingest, ingest_url
from app.web.body import check_coding, read_body
from app.web.context import get_services
from app.web.limits import check_rate
from app.web.public import peer_address

bp = Blueprint("api", __name__, url_prefix="/api")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_loopback(address: str | None) -> bool:
    """Whether the client address is this machine's own (127.0.0.0/8, ::1, ::ffff:127.x)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return bool(ip.is_loopback or (mapped is not None and mapped.is_loopback))


def bearer_token() -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (scheme in any case), or None."""
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_access(open_without_token: bool) -> None:
    """The token when one is set; without one, a client on this machine (or anyone when open)."""
    token = get_services().settings.api_token
    if not token:
        # Both ends: a forwarded 127.0.0.1 counts only when the proxy itself is on this machine.
        if open_without_token or (is_loopback(request.remote_addr) and is_loopback(peer_address())):
            return
        raise Unauthorized(
            "From another machine this needs BAONOI_API_TOKEN on the server",
            "Từ máy khác, việc này cần đặt BAONOI_API_TOKEN trên máy chủ",
        )
    given = bearer_token() or ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise Unauthorized()


@bp.before_request
def require_token() -> None:
    """POST/DELETE need the token; with none set, only loopback clients (or BAONOI_OPEN_API)."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        require_access(get_services().settings.open_api)


def article_json(article: Article, info: AudioInfo) -> dict[str, Any]:
    """The contract's JSON view of an article and its audio."""
    services = get_services()
    ready = {fmt: audio_path(services, article.audio_key, fmt).is_file() for fmt in CODECS}
    return {
        "id": article.id,
        "version": article.version,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "author": article.author,
        "reader_url": url_for("reader.article", article_id=article.id, _external=True),
        "audio": {
            "status": info.status.value,
            "key": article.audio_key,
            "live_url": url_for("live.progress", key=article.audio_key, _external=True),
            "progress": info.progress,
            "error": _public_error(info),
            "mp3_url": url_for(
                "reader.audio_file", article_id=article.id, fmt="mp3", _external=True
            ),
            "opus_url": url_for(
                "reader.audio_file", article_id=article.id, fmt="opus", _external=True
            ),
            "duration_s": info.duration_s if all(ready.values()) else None,
            "engine": info.engine or None,
        },
    }


def _public_error(info: AudioInfo) -> dict[str, object] | None:
    """A failure's code and bilingual category message; its full text stays in the store and
    the log (it may name an internal host, port or path)."""
    if info.status is not AudioStatus.FAILED:
        return None
    return error_for(info.error_code or SynthesisError.code).to_dict()


def _is_text(value: object) -> bool:
    """Whether ``value`` is a string UTF-8 can encode (JSON may carry a lone surrogate)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_body() -> object:
    """The JSON body, None when it is not JSON (or nested too deep to read)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def _payload() -> tuple[bytes | None, str | None, str | None, str | None]:
    """Page bytes (None: fetch the URL), source URL, requested id and content type."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        check_coding()
        data = _json_body()
        if not isinstance(data, dict):
            raise InputError(
                "The body must be a JSON object", "Nội dung phải là một đối tượng JSON"
            )
        html, url, wanted = data.get("html"), data.get("url"), data.get("id")
        if not all(v is None or _is_text(v) for v in (html, url, wanted)):
            raise InputError(
                "html, url and id must be strings of Unicode text (no lone surrogates)",
                "html, url và id phải là chuỗi văn bản Unicode hợp lệ",
            )
        if html is None:
            if not url:
                raise InputError(
                    "Send 'html', or a 'url' on an allowed host",
                    "Hãy gửi 'html', hoặc 'url' thuộc tên miền được phép",
                )
            return None, url, wanted, None
        return html.encode("utf-8"), url, wanted, "text/html; charset=utf-8"
    if mimetype in HTML_TYPES:
        limit = get_services().settings.max_body_mb * 1024 * 1024
        return (
            read_body(limit),
            request.args.get("url"),
            request.args.get("id"),
            request.headers.get("Content-Type"),
        )
    raise UnsupportedMediaType(
        "Send text/html or application/json", "Hãy gửi text/html hoặc application/json"
    )


@bp.post("/articles")
def create() -> tuple[Response, int]:
    """Ingest a page: 201 for a new article or version, 200 when nothing changed."""
    services = get_services()
    check_rate("ingest", services.settings.ingest_per_minute)
    data, url, wanted, content_type = _payload()
    limit = services.settings.synth_per_minute

    def admit() -> None:
        check_rate("synth", limit)  # the same per-client budget as listeners' new jobs

    if data is None and url:
        article, created = ingest_url(services, url, article_id=wanted, admit=admit)
    elif not data or not data.strip():
        raise InputError("The page is empty", "Trang gửi lên đang trống")
    else:
        article, created = ingest(
            services, data, url=url, article_id=wanted, content_type=content_type, admit=admit
        )
    response = jsonify(article_json(article, audio_state(services, article)))
    response.headers["Location"] = url_for("api.show", article_id=article.id)
    return response, 201 if created else 200


@bp.get("/articles/<article_id>")
def show(article_id: str) -> Response:
    """The article and its audio job's status and progress."""
    services = get_services()
    article = get_article(services, article_id)
    return jsonify(article_json(article, audio_state(services, article)))


@bp.delete("/articles/<article_id>")
def delete(article_id: str) -> tuple[str, int]:
    """Remove the article (its audio goes when nothing else refers to it)."""
    delete_article(get_services(), article_id)
    return "", 204
