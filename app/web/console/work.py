"""``/admin/work``: what waits and runs, what failed and why ("Thử lại"), and each feed's last pass.

Queue depths come from the job queue (``JobQueue.depths``), running jobs from the audio records
(``Store.catalog().in_progress``) with the sentences already in their live MP3, failures and feed
passes from the store's work log (``Store.work_log()``). A plain page: a link reloads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as Answer

from app.errors import InputError
from app.identity import check_id
from app.models import AudioInfo, AudioStatus
from app.pipeline import get_article, request_audio
from app.planning import split_subject
from app.store import worklog
from app.store.audioset import read_live
from app.web.console.articles import STATUS_LABELS
from app.web.console.audit import record, when
from app.web.console.guard import console_blueprint, editor_required
from app.web.context import get_services

bp = console_blueprint("console_work", __name__)
SHOWN = 50  # entries of each list on the page
LANES = {"now": "Người nghe đang chờ", "later": "Bài mới (nền)", "long": "Bài dài"}


@dataclass(frozen=True, slots=True)
class Running:
    """A job queued or running: its audio record, its article (if a default voice's), sentences."""

    info: AudioInfo
    article: str
    voice: str  # "" for the default
    sentences: int | None


def running_jobs() -> list[Running]:
    """Audio being made or waiting, the latest updated first, with what is already written."""
    services = get_services()
    catalog = services.store.catalog()
    busy = catalog.in_progress(SHOWN)
    owners = catalog.articles_of_keys([info.key for info in busy])
    found = []
    for info in busy:
        live = (
            read_live(services.audio_dir, info.key) if info.status is AudioStatus.RUNNING else None
        )
        timings = live.get("timings") if live else None
        sentences = len(timings) if isinstance(timings, list) else None
        article, voice = split_subject(info.subject) if info.subject else ("", None)
        found.append(Running(info, article or owners.get(info.key, ""), voice or "", sentences))
    return found


def feed_rows() -> list[dict[str, Any]]:
    """Each feed's last pass, newest first."""
    return get_services().store.work_log().passes()[:SHOWN]


@bp.get("/work")
@editor_required
def index() -> str:
    """Queue depth per lane, running jobs, recent failures, portal fetch failures, feeds."""
    services = get_services()
    log = services.store.work_log()
    return render_template(
        "console/work.html",
        depths=services.queue.depths(),
        lanes=LANES,
        running=running_jobs(),
        failures=log.recent(worklog.JOB, SHOWN),
        fetches=log.recent(worklog.FETCH, SHOWN),
        feeds=feed_rows(),
        statuses=STATUS_LABELS,
        when=when,
    )


def chosen_voice(raw: str) -> str | None:
    """The voice named by a retry form: "" for the default, else a configured voice's id."""
    if not raw:
        return None
    if get_services().choice(raw) is None:
        raise InputError("No such voice is configured", "Không có giọng này trong cấu hình")
    return raw


@bp.post("/work/retry")
@editor_required
def retry() -> Answer:
    """Queue a failed article's audio again ("Thử lại")."""
    services = get_services()
    article = get_article(services, check_id(request.form.get("article", "")))
    voice = chosen_voice(request.form.get("voice", ""))
    info = request_audio(services, article, voice=voice)
    record("article_retry", article.id, voice or "")
    if info.status is AudioStatus.READY:
        flash(f"Âm thanh của bài đã có: {article.title}")
    else:
        flash(f"Đã xếp hàng làm lại: {article.title}")
    return redirect(url_for("console_work.index"), code=303)
