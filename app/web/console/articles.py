"""``/admin/``: the articles (searched, filtered by audio state, paged); one article; its actions.

The list reads the store's catalog (``Store.catalog()``); an article's page shows what was
extracted, each voice's audio and its sentences written and spoken side by side
(``console.sentences``). Re-make and delete go through the pipeline and into the audit log.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as Answer

from app.errors import InputError
from app.identity import check_id
from app.models import AudioStatus, BlockKind
from app.pipeline import delete_article, get_article
from app.remake import remake
from app.speech.engines.labels import voice_label
from app.store.catalog import SEARCH_MAX, STATES, Query, Row
from app.web.console.audit import page_number, record
from app.web.console.guard import console_blueprint, editor_required
from app.web.console.sentences import sentence_rows, voices_of
from app.web.context import get_services

bp = console_blueprint("console_articles", __name__)
PER_PAGE = 50
CHARS_PER_S = 14.0  # spoken characters per second (the offline voice): a length before audio
# How each filter and audio status reads (rule data).
STATE_LABELS = {
    "": "Tất cả",
    "made": "Đã có âm thanh",
    "making": "Đang làm",
    "failed": "Lỗi",
    "none": "Chưa làm",
}
STATUS_LABELS = {
    AudioStatus.READY: "Đã có",
    AudioStatus.QUEUED: "Đang chờ",
    AudioStatus.RUNNING: "Đang làm",
    AudioStatus.FAILED: "Lỗi",
    AudioStatus.NONE: "Chưa làm",
}


def read_query() -> Query:
    """The list's query from the address: ``q``, ``state``, ``page`` (bad values ignored)."""
    state = request.args.get("state", "")
    return Query(
        text=request.args.get("q", "")[:SEARCH_MAX],
        state=state if state in STATES else "",
        page=page_number(),
        per_page=PER_PAGE,
    )


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) of a duration."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def length(row: Row) -> str:
    """The audio's length when made, else an estimate from the text (marked "≈")."""
    if row.audio.status is AudioStatus.READY and row.audio.duration_s:
        return clock(row.audio.duration_s)
    return "≈ " + clock(row.chars / CHARS_PER_S)


def day(row: Row) -> str:
    """The article's date: published, else when it was stored (UTC)."""
    return row.published or time.strftime("%Y-%m-%d", time.gmtime(row.created_at))


def host(url: str | None) -> str:
    """The host of a source address ("" for none)."""
    return (urlsplit(url).hostname or "") if url else ""


@bp.get("/")
@editor_required
def index() -> str:
    """The articles, newest first: search by title, filter by audio state, 50 a page.

    Each row shows the default voice's state and, for each other voice, the state of the audio
    last queued in it (the key it had then: none until a listener or an editor asked).
    """
    query = read_query()
    services = get_services()
    catalog = services.store.catalog()
    found = catalog.find(query)
    others = services.voice_choices[1:]
    ids = [row.id for row in found.rows]
    return render_template(
        "console/articles.html",
        found=found,
        query=query,
        others=others,
        default_label=services.voice_choices[0].label if others else "",
        voice_states=catalog.voice_states(ids, [choice.id for choice in others]),
        states=STATE_LABELS,
        statuses=STATUS_LABELS,
        length=length,
        day=day,
        host=host,
    )


@bp.get("/articles/<article_id>")
@editor_required
def article(article_id: str) -> str:
    """One article: source, extracted fields, each voice's audio, its sentences side by side."""
    services = get_services()
    item = get_article(services, check_id(article_id))
    voices = voices_of(services, item)
    kinds = [block.kind for block in item.blocks]
    counts = {kind: kinds.count(kind) for kind in BlockKind}
    return render_template(
        "console/article.html",
        article=item,
        counts=counts,
        voices=voices,
        rows=sentence_rows(services, item, voices[0]),
        statuses=STATUS_LABELS,
        clock=clock,
        engine_label=voice_label,
        stored=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(item.created_at)),
    )


@bp.post("/articles/<article_id>/remake")
@editor_required
def remake_article(article_id: str) -> Answer:
    """Make the article's audio again in every voice (the sentence cache keeps the rest)."""
    states = remake(get_services(), check_id(article_id))
    record("article_remake", article_id, ", ".join(info.status.value for info in states))
    flash("Đã xếp hàng làm lại âm thanh của bài (mọi giọng).")
    return redirect(url_for("console_articles.article", article_id=article_id), code=303)


@bp.post("/articles/<article_id>/delete")
@editor_required
def delete(article_id: str) -> Answer | Response:
    """Delete the article and its audio in every voice, once the editor confirmed it."""
    services = get_services()
    item = get_article(services, check_id(article_id))
    if request.form.get("confirm") != "yes":
        raise InputError(
            "Tick the box to confirm the deletion",
            "Hãy đánh dấu ô xác nhận để xóa bài",
        )
    delete_article(services, item.id)
    record("article_delete", item.id, item.title[:200])
    flash(f"Đã xóa bài: {item.title}")
    return redirect(url_for("console_articles.index"), code=303)
