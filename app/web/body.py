"""Request bodies read whole and checked: never silently cut at the limit, never half a stream."""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import ClientDisconnected

from app.errors import InputError, PayloadTooLarge, TruncatedBody, UnsupportedMediaType

GZIP_MAGIC = b"\x1f\x8b"
CODINGS = ("", "identity", "gzip", "x-gzip")  # gzip is undone, bounded, by the pipeline


def _too_large(limit: int) -> PayloadTooLarge:
    """The 413 for a body over ``limit`` bytes."""
    mb = limit // (1024 * 1024)
    return PayloadTooLarge(f"The body is over {mb} MB", f"Nội dung vượt quá {mb} MB")


def _raw(limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the body, so a longer one is seen, not cut."""
    environ = request.environ
    if request.content_length is None and environ.get("wsgi.input_terminated"):
        return bytes(environ["wsgi.input"].read(limit + 1))  # chunked: the server ends it
    if request.content_length is not None and request.content_length > limit:
        raise _too_large(limit)
    try:
        return request.get_data(cache=False)  # short of Content-Length: ClientDisconnected
    except ClientDisconnected as exc:
        raise TruncatedBody() from exc


def check_coding() -> str:
    """The body's Content-Encoding if we can undo it (gzip or none), else 415."""
    coding = request.headers.get("Content-Encoding", "").strip().lower()
    if coding not in CODINGS:
        raise UnsupportedMediaType(
            "Content-Encoding must be gzip or none", "Content-Encoding phải là gzip hoặc không có"
        )
    return coding


def read_body(limit: int) -> bytes:
    """The whole body (at most ``limit`` bytes on the wire), checked against its coding."""
    coding = check_coding()
    data = _raw(limit)
    if len(data) > limit:
        raise _too_large(limit)
    if coding in ("gzip", "x-gzip") and not data.startswith(GZIP_MAGIC):
        raise InputError(
            "Content-Encoding says gzip but the body is not gzip",
            "Content-Encoding là gzip nhưng nội dung không phải gzip",
        )
    return data
