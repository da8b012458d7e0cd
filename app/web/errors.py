"""The one place errors become responses: JSON under /api, HTML elsewhere, always bilingual."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from app.errors import BaonoiError

log = logging.getLogger(__name__)

HTTP_MESSAGES: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "Yêu cầu không hợp lệ.", "Bad request."),
    404: ("not_found", "Không tìm thấy trang.", "Page not found."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ.", "Method not allowed."),
    413: ("payload_too_large", "Nội dung quá lớn.", "The content is too large."),
    415: (
        "unsupported_media_type",
        "Kiểu nội dung không được hỗ trợ.",
        "Unsupported content type.",
    ),
    416: ("range_not_satisfiable", "Khoảng byte không hợp lệ.", "Range not satisfiable."),
    501: ("not_implemented", "Chức năng này chưa được hỗ trợ.", "Not implemented."),
    429: ("too_many_requests", "Quá nhiều yêu cầu, vui lòng thử lại sau.", "Too many requests."),
}
FALLBACK = ("internal_error", "Lỗi máy chủ, vui lòng thử lại sau.", "Internal server error.")


def wants_json() -> bool:
    """JSON for the API and for clients that prefer it; HTML for readers."""
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_response(
    status: int, code: str, vi: str, en: str, retry_after: int | None = None
) -> Response:
    """A bilingual error as JSON or as an HTML page."""
    body = {"error": code, "message": {"vi": vi, "en": en}}
    if wants_json():
        response = jsonify(body)
    else:
        response = Response(
            render_template("errors/error.html", status=status, **body), mimetype="text/html"
        )
    response.status_code = status
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def log_refusal(status: int, code: str) -> None:
    """One info line per refused request: status, code, method, path (no query) and client."""
    log.info(
        "refused %s %s %s %s (client %s)",
        status,
        code,
        request.method,
        request.path[:200],
        request.remote_addr,
    )


def handle_baonoi(error: BaonoiError) -> Response:
    """Our own errors, with their code and message."""
    if error.status >= 500:
        log.warning("%s: %s (client %s)", error.code, error, request.remote_addr)
    else:
        log_refusal(error.status, error.code)
    return error_response(
        error.status, error.code, error.message_vi, error.message_en, error.retry_after
    )


def handle_http(error: HTTPException) -> Response:
    """Werkzeug's errors (404, 405, 413...) in our bilingual shape."""
    status = error.code or 500
    code, vi, en = HTTP_MESSAGES.get(status, FALLBACK)
    log_refusal(status, code)
    response = error_response(status, code, vi, en)
    for name in ("Allow", "Content-Range"):
        if error.get_headers() and (value := dict(error.get_headers()).get(name)):
            response.headers[name] = value
    return response


def handle_unexpected(error: Exception) -> Response:
    """Anything else: logged with its traceback, a bilingual 500 for the client."""
    log.exception(
        "unhandled error on %s %s from %s",
        request.method,
        request.path,
        request.remote_addr,
        exc_info=error,
    )
    return error_response(500, *FALLBACK)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(BaonoiError, handle_baonoi)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
