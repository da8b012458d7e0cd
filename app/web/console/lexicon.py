"""``/admin/lexicon`` (editors): the store's lexicon, listed, searched, tried by ear, changed.

A POST with ``written`` and ``spoken`` saves an entry (``action=try``: "Nghe thử", the sentence
in ``sentence`` spoken with the entry in every configured voice, nothing saved). A change says
how many articles and sentences now sound otherwise and queues only those articles again; every
change goes to the audit log. It all works without JavaScript: each answer is a whole page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, render_template, request, url_for

from app.errors import BaonoiError, InputError, NotFound, RateLimited
from app.pronunciation import Impact, delete_entry, save_entry
from app.speech.normalize import normalize
from app.store import keys
from app.store.lexicon import MAX_SPOKEN, MAX_WRITTEN, Entry, check_entry, clean_form
from app.trial import MAX_SENTENCE, Trial, example_sentence, trial_file, try_entry, voices
from app.web import limits
from app.web.console.audit import record, when
from app.web.console.guard import console_blueprint, current_name, editor_required
from app.web.context import get_services
from app.web.ranges import send_immutable

bp = console_blueprint("console_lexicon", __name__)
PAGE = 50  # entries per page
FIELD_MAX = 2048  # characters of a form field looked at
SEARCH_MAX = 100  # characters of a search
TRIES_PER_MINUTE = 10  # "Nghe thử" presses of one account (each speaks in every voice)
CHANGES_PER_MINUTE = 30  # saves and deletions of one account (each scans the articles)
CHANGE_BUDGET_S = 5.0  # a change looks this long in the request; the rest goes on in the background
LOOKS_PER_MINUTE = 60  # entries opened for editing by one account (each finds a sentence)


@dataclass(frozen=True, slots=True)
class Form:
    """What the entry form shows: the written and spoken forms and the sentence to try."""

    written: str = ""
    spoken: str = ""
    sentence: str = ""


def field(name: str) -> str:
    """A form field, cut to a bounded length."""
    return request.form.get(name, "")[:FIELD_MAX]


def limit(bucket: str, per_minute: int) -> None:
    """``RateLimited`` once the signed-in account went over ``per_minute`` in ``bucket``."""
    if get_services().store.hit(bucket, current_name(), limits.WINDOW_S) > per_minute:
        raise RateLimited(
            "Too many lexicon actions from this account; please retry in a minute",
            "Tài khoản này thao tác từ điển quá nhiều lần, vui lòng thử lại sau một phút",
        )


def page_number() -> int:
    """The ``page`` asked for (1 when absent or not a plain number)."""
    raw = request.args.get("page", "1")
    return max(1, int(raw)) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1


def matching(entries: list[Entry], query: str) -> list[Entry]:
    """The entries whose written or spoken form holds ``query`` (any case)."""
    wanted = clean_form(query).casefold()
    if not wanted:
        return entries
    return [e for e in entries if wanted in e.written.casefold() or wanted in e.spoken.casefold()]


def page(
    form: Form,
    *,
    status: int = 200,
    trial: Trial | None = None,
    impact: Impact | None = None,
    done: str = "",
    error: BaonoiError | None = None,
    reading: str = "",
) -> Response:
    """The lexicon page: the entry form, what was just tried or changed, and the entries."""
    query = request.args.get("q", "")[:SEARCH_MAX]
    found = matching(get_services().store.lexicon().entries(), query)
    pages = max(1, -(-len(found) // PAGE))
    number = min(page_number(), pages)
    html = render_template(
        "console/lexicon.html",
        form=form,
        trial=trial,
        impact=impact,
        done=done,
        reading=reading,
        error=(error.message_vi, error.message_en) if error else None,
        query=query,
        entries=found[(number - 1) * PAGE : number * PAGE],
        total=len(found),
        page=number,
        pages=pages,
        voices=[label for label, _ in voices(get_services())],
        when=when,
        limits={"written": MAX_WRITTEN, "spoken": MAX_SPOKEN, "sentence": MAX_SENTENCE},
    )
    return Response(html, status=status, mimetype="text/html")


@bp.get("/lexicon")
@editor_required
def index() -> Response:
    """The entries (``q``: a search), and the form; ``written`` fills it with that entry."""
    written = clean_form(request.args.get("written", "")[:MAX_WRITTEN])
    if not written:
        return page(Form())
    limit(keys.LEXICON_LOOK, LOOKS_PER_MINUTE)  # each looks through the articles for a sentence
    services = get_services()
    entry = services.store.lexicon().get(written)
    sentence = example_sentence(services, written)
    reading = normalize(sentence, services.lexicon)  # this process's lexicon, as it reads now
    return page(Form(written, entry.spoken if entry else "", sentence), reading=reading)


@bp.post("/lexicon")
@editor_required
def change() -> Response:
    """Save the entry (``written``, ``spoken``), or with ``action=try`` only hear it."""
    form = Form(field("written"), field("spoken"), field("sentence"))
    if request.form.get("action") == "try":
        return listen(form)
    limit(keys.LEXICON_CHANGE, CHANGES_PER_MINUTE)
    try:
        old = get_services().store.lexicon().get(clean_form(form.written))
        entry, impact = save_entry(
            get_services(), form.written, form.spoken, current_name(), budget_s=CHANGE_BUDGET_S
        )
    except InputError as exc:
        return page(form, status=exc.status, error=exc)
    detail = f"{old.spoken if old else '∅'} → {entry.spoken}; {summary(impact)}"
    record("lexicon_edit" if old else "lexicon_add", entry.written, detail)
    done = f"Đã lưu cách đọc “{entry.written}” → “{entry.spoken}”."
    return page(Form(entry.written, entry.spoken, form.sentence), impact=impact, done=done)


def listen(form: Form) -> Response:
    """ "Nghe thử": the sentence (found in the articles when left empty) in every voice."""
    limit(keys.LEXICON_TRY, TRIES_PER_MINUTE)
    services = get_services()
    try:
        written, _ = check_entry(form.written, form.spoken)  # before any search for a sentence
        sentence = form.sentence.strip() or example_sentence(services, written)
        form = Form(form.written, form.spoken, sentence)
        trial = try_entry(services, form.written, form.spoken, sentence)
    except InputError as exc:
        return page(form, status=exc.status, error=exc)
    return page(form, trial=trial)


@bp.post("/lexicon/delete")
@editor_required
def delete() -> Response:
    """Remove the entry ``written``."""
    limit(keys.LEXICON_CHANGE, CHANGES_PER_MINUTE)
    try:
        old, impact = delete_entry(
            get_services(), clean_form(field("written")), budget_s=CHANGE_BUDGET_S
        )
    except NotFound as exc:
        return page(Form(), status=exc.status, error=exc)
    record("lexicon_delete", old.written, f"{old.spoken} → ∅; {summary(impact)}")
    return page(Form(), impact=impact, done=f"Đã xóa cách đọc “{old.written}”.")


@bp.get("/lexicon/nghe-thu/<token>.mp3")
@editor_required
def heard(token: str) -> Response:
    """One voice's try, while it lives (15 minutes)."""
    path = trial_file(get_services(), token)
    if path is None:
        raise NotFound("This try has expired", "Bản nghe thử này đã hết hạn")
    return send_immutable(request, path, "audio/mpeg", token, cache_control="private, no-store")


def summary(impact: Impact) -> str:
    """What a change altered, for the audit log."""
    least = "ít nhất " if impact.partial else ""
    return f"{least}{len(impact.articles)} bài, {impact.sentences} câu"


@bp.app_template_global()
def trial_url(token: str) -> str:
    """Where one voice's try is heard."""
    return url_for("console_lexicon.heard", token=token)
