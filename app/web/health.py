"""``/healthz``: what is up, what is down."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from app.errors import BaonoiError
from app.speech.engines.labels import NEURAL, describe_voice, members, voice_label
from app.web.context import get_services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Store and engine status; 503 when the store is down."""
    services = get_services()
    body: dict[str, object] = {
        "status": "ok",
        "store": services.store.kind,
        "queue": services.queue.kind,
    }
    status = 200
    try:
        services.store.ping()
    except BaonoiError as exc:
        body.update(status="degraded", store_error=exc.message_en)
        status = 503
    engine = services.engine
    body.update(
        engine=engine.name,
        voice=engine.voice,
        engine_version=engine.version,
        robotic_voice=engine.robotic,
        voice_label=describe_voice(engine),
        engines=[
            {
                "name": member.name,
                "voice": member.voice,
                "version": member.version,
                "neural": member.name in NEURAL,
                "label": voice_label(member.name, member.voice),
            }
            for member in members(engine)
        ],
    )
    return jsonify(body), status
