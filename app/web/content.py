"""Content-addressed audio and timings: ``/audio/<key>.<digest>.<ext>``, the only immutable URLs.

A file's name carries the digest of its bytes, so one URL is one byte stream on every instance
and after every re-synthesis; its strong ETag is that digest (stored at write time, never
computed per request). The article URLs (``/articles/<id>/audio.mp3``) redirect here.
"""

from __future__ import annotations

from flask import Blueprint, Response, request, url_for

from app.audio import CODECS
from app.errors import NotFound
from app.models import AudioInfo, AudioStatus
from app.store import files
from app.web.context import get_services
from app.web.ranges import send_immutable

bp = Blueprint("content", __name__)
TIMINGS_MIME = "application/json"


@bp.get("/audio/<name>")
def audio(name: str) -> Response:
    """One finished file of an audio set, immutable, with Range and a strong ETag."""
    match = files.SERVED.match(name)
    path = get_services().audio_dir / name
    if match is None or not path.is_file():
        raise NotFound()
    key, digest, ext = match.groups()
    files.touch(files.final_path(path.parent, key, ".json"))
    mime = CODECS[ext].mime if ext in CODECS else TIMINGS_MIME
    return send_immutable(request, path, mime, digest)


@bp.app_template_global()
def audio_url(
    article_id: str, info: AudioInfo, fmt: str, external: bool = False, voice: str | None = None
) -> str:
    """The immutable URL of a ready file (``fmt``: a codec or ``timings``), else the article's.

    ``voice``: the listener's chosen voice, named in the article's URL (the file's URL is its own).
    """
    digest = info.digests.get(fmt) if info.status is AudioStatus.READY else None
    if digest:
        name = files.served_name(info.key, digest, fmt)
        return url_for("content.audio", name=name, _external=external)
    chosen = {"voice": voice} if voice else {}
    if fmt == files.TIMINGS:
        return url_for("reader.timings", article_id=article_id, _external=external, **chosen)
    return url_for(
        "reader.audio_file", article_id=article_id, fmt=fmt, _external=external, **chosen
    )
