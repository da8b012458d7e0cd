"""``/healthz``: what is up, what is down, and the voices actually heard."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from app.errors import BaonoiError
from app.speech.engines.labels import (
    NEURAL,
    SPENT,
    describe_heard,
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
    heard: list[tuple[str, str, int]] = []
    spent = []
    if status == 200:
        try:
            heard, spent = services.voices_heard(), spent_members(engine)
        except BaonoiError:
            pass
    by_engine: dict[str, int] = {}
    for name, _voice, count in heard:
        by_engine[name] = by_engine.get(name, 0) + count
    label = describe_heard(heard) if heard else describe_voice(engine)
    label = "; ".join([label, *(SPENT.format(label=voice_label(m.name, m.voice)) for m in spent)])
    body.update(
        engine=engine.name,
        voice=engine.voice,
        engine_version=engine.version,
        robotic_voice=robotic(engine, by_engine),
        voice_label=label,
        voices_heard=by_engine,
        voices_heard_by_voice=[
            {"engine": name, "voice": voice, "sentences": count} for name, voice, count in heard
        ],
        listener_voices=[
            {"id": c.id, "label": c.label, "engines": c.spec} for c in services.voice_choices
        ],
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
