"""Serving files that never change per RFC 9110, streamed: ETag, 304, Range, If-Range, 416."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from flask import Request, Response
from werkzeug.wsgi import wrap_file

from app.errors import NotFound

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # answers at URLs whose target changes when an article does
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


CHUNK = 64 * 1024


def _chunks(source: BinaryIO, length: int) -> Iterator[bytes]:
    """``length`` bytes of ``source`` from where it stands, a chunk at a time; then closes it."""
    with source:
        while length > 0:
            chunk = source.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk


# A range this short is read into memory (no file stays open for it); a longer one goes out through
# the server's file wrapper, which sends it from the file as the client reads: nothing is copied
# into the server's buffers, however many such answers a client pipelines without reading them.
IN_MEMORY_MAX = 64 * 1024


def file_part(request: Request, source: BinaryIO, start: int, length: int) -> Iterable[bytes]:
    """``length`` bytes of the open file from ``start``: the body of a response of that length.

    Takes ``source`` over (it is closed once sent). The server's ``wsgi.file_wrapper`` (waitress,
    gunicorn) sends at most the response's ``Content-Length`` from the file's position; without
    one (the dev server, tests), chunks.
    """
    if request.method == "HEAD":  # no body is sent, and nothing would close the file
        source.close()
        return []
    source.seek(start)
    if length <= IN_MEMORY_MAX:
        with source:
            return [source.read(length)]
    if "wsgi.file_wrapper" in request.environ:
        return wrap_file(request.environ, source, CHUNK)
    return _chunks(source, length)


def open_file(path: Path) -> BinaryIO:
    """``path`` opened for reading; ``NotFound`` when it has gone (evicted, finished, deleted)."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise NotFound() from None


def send_immutable(
    request: Request, path: Path, mimetype: str, etag: str, cache_control: str = IMMUTABLE
) -> Response:
    """The file at ``path`` (never changes once written), streamed, with range and validators.

    A file or range goes out through the server's file wrapper (``file_part``); nothing reads a
    whole file into memory.
    """
    quoted = f'"{etag}"'
    headers = {"ETag": quoted, "Accept-Ranges": "bytes", "Cache-Control": cache_control}
    if (inm := request.headers.get("If-None-Match")) and _etag_matches(inm, quoted):
        return Response(status=304, headers=headers)
    source = open_file(path)
    size = os.fstat(source.fileno()).st_size
    wanted = parse_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range")
    if wanted is not None and if_range is not None and if_range.strip() != quoted:
        wanted = None  # validator changed (or weak, or a date): send the whole file
    if wanted is False:
        source.close()
        headers["Content-Range"] = f"bytes */{size}"
        return Response(status=416, headers=headers)
    if isinstance(wanted, tuple):
        start, end = wanted
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        headers["Content-Length"] = str(end - start + 1)
        body, status = file_part(request, source, start, end - start + 1), 206
    else:
        headers["Content-Length"] = str(size)
        body, status = file_part(request, source, 0, size), 200
    return Response(
        body, status=status, mimetype=mimetype, headers=headers, direct_passthrough=True
    )
