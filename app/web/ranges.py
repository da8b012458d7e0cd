"""Serving immutable, content-addressed files per RFC 9110: ETag, 304, Range, If-Range, 416."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Request, Response

IMMUTABLE = "public, max-age=31536000, immutable"
# ASCII digits only, and few enough for int(): a longer or non-ASCII spec is ignored (RFC 9110
# lets a server ignore Range), never a 500.
_SPEC = re.compile(r"^\s*([0-9]{0,18})\s*-\s*([0-9]{0,18})\s*$")


def parse_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The one (start, end) byte range asked for; None to send everything; False if unsatisfiable.

    Several ranges are answered with the whole file (RFC 9110 lets a server ignore Range).
    """
    unit, _, specs = header.partition("=")
    if unit.strip().lower() != "bytes" or not specs.strip():
        return None
    parts = [p for p in specs.split(",") if p.strip()]
    if len(parts) != 1:
        return None
    match = _SPEC.match(parts[0])
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # suffix: the last n bytes
        n = int(last)
        return (max(0, size - n), size - 1) if n > 0 and size > 0 else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid spec: ignore the header
    return (start, end) if start < size else False


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match comparison (weak: W/ prefixes ignored)."""
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def send_immutable(request: Request, path: Path, mimetype: str, etag: str) -> Response:
    """The file at ``path`` (never changes once written) with range and validator support."""
    quoted = f'"{etag}"'
    size = path.stat().st_size
    headers = {"ETag": quoted, "Accept-Ranges": "bytes", "Cache-Control": IMMUTABLE}
    if (inm := request.headers.get("If-None-Match")) and _etag_matches(inm, quoted):
        return Response(status=304, headers=headers)
    wanted = parse_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range")
    if wanted is not None and if_range is not None and if_range.strip() != quoted:
        wanted = None  # validator changed (or weak, or a date): send the whole file
    if wanted is False:
        headers["Content-Range"] = f"bytes */{size}"
        return Response(status=416, headers=headers)
    with path.open("rb") as source:
        if isinstance(wanted, tuple):
            start, end = wanted
            source.seek(start)
            body = source.read(end - start + 1)
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
            return Response(body, status=206, mimetype=mimetype, headers=headers)
        return Response(source.read(), status=200, mimetype=mimetype, headers=headers)
