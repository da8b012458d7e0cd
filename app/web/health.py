"""``/healthz``: what is up, what is down, and the voices actually heard."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from app.errors import BaonoiError
from app.speech.engines.labels import (
    NEURAL,
    describe_voice,
    members,
    robotic,
    spent_members,
    voice_label,
)
from app.web.context import get_services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Store and engine status; 503 when the store is down.

    ``voice_label`` and ``robotic_voice`` describe the voices heard in the audio made so far
    (``voices_heard``: sentences per engine, counted in the store); before any audio is made,
    the configured chain.
    """
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
    heard: dict[str, int] = {}
    spent = []
    if status == 200:
        try:
            heard, spent = services.voices_heard(), spent_members(engine)
        except BaonoiError:
            pass
    body.update(
        engine=engine.name,
        voice=engine.voice,
        engine_version=engine.version,
        robotic_voice=robotic(engine, heard),
        voice_label=describe_voice(engine, heard, spent),
        voices_heard=heard,
        engines=[
            {
                "name": member.name,
                "voice": member.voice,
                "version": member.version,
                "neural": member.name in NEURAL,
                "label": voice_label(member.name, member.voice),
                "budget_spent": member in spent,
            }
            for member in members(engine)
        ],
    )
    return jsonify(body), status
