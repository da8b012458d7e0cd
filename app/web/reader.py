"""Reader pages, the article list, and the audio and timings files."""

from __future__ import annotations

import time

from flask import Blueprint, Response, make_response, redirect, render_template, request

from app.audio import CODECS
from app.audiostate import audio_state
from app.errors import Busy, NotFound, SynthesisError, error_for
from app.models import Article, AudioInfo, AudioStatus
from app.pipeline import get_article, request_audio
from app.planning import voice_key
from app.store.files import TIMINGS
from app.web.content import audio_url
from app.web.context import get_services
from app.web.embed import iframe_html
from app.web.limits import check_rate, client_id
from app.web.prefs import COOKIE, SIZES, SPACINGS, THEMES, WIDTHS, read_prefs
from app.web.ranges import REVALIDATE

bp = Blueprint("reader", __name__)
# How long a request waits for audio being made before answering 503 + Retry-After: short, so a
# burst of first listeners does not pin the server's threads (the player polls and retries).
AUDIO_WAIT_S = 1.0
CHARS_PER_S = 14.0  # spoken characters per second of audio (the offline voice at 135 wpm)
SYNTH_RTF = 0.03  # seconds of synthesis per second of audio, with margin for a busy machine
COOKIE_AGE_S = 365 * 24 * 3600


def _page(template: str, **context: object) -> Response:
    """A page rendered with the reader's preferences, remembering changed ones in the cookie."""
    prefs, changed = read_prefs(request.args, request.cookies.get(COOKIE))
    response = make_response(
        render_template(
            template,
            prefs=prefs,
            sizes=SIZES,
            themes=THEMES,
            spacings=SPACINGS,
            widths=WIDTHS,
            voices=get_services().voice_choices,
            **context,
        )
    )
    if changed:
        response.set_cookie(
            COOKIE,
            prefs.encode(),
            max_age=COOKIE_AGE_S,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    response.headers["Vary"] = "Cookie"
    return response


@bp.get("/")
def index() -> Response:
    """Every article, newest first, with its lead, how long it takes to hear, a listen control."""
    services = get_services()
    articles = services.store.list_articles()
    return _page(
        "reader/index.html",
        articles=articles,
        audio={a.id: audio_state(services, a) for a in articles},
    )


@bp.get("/articles/<article_id>")
def article(article_id: str) -> Response:
    """The reader page."""
    services = get_services()
    item = get_article(services, article_id)
    voice = listener_voice()
    info = audio_state(services, item, voice_key(services, item, voice))
    engine = services.engine_for(voice)
    return _page(
        "reader/article.html",
        article=item,
        audio=info,
        ready_in=ready_in_s(item, info),
        engine=engine,
        voice=voice,
        embed_html=iframe_html(item.id, item.title),
    )


def listener_voice() -> str | None:
    """The voice the listener chose (query, then cookie), if the operator offers it."""
    prefs, _ = read_prefs(request.args, request.cookies.get(COOKIE))
    return prefs.voice if get_services().choice(prefs.voice) else None


def ready_in_s(article: Article, info: AudioInfo) -> int:
    """About how many seconds until the article's audio is ready (for pages without JavaScript)."""
    if info.status is AudioStatus.READY:
        return 0
    audio_s = (len(article.title) + len(article.text)) / CHARS_PER_S
    return max(2, round(audio_s * SYNTH_RTF * (1.0 - info.progress)) + 1)


def _wait_for_audio(article: Article) -> AudioInfo:
    """The audio record once ready, queueing the job and waiting briefly; else ``Busy``."""
    services = get_services()
    deadline = time.monotonic() + AUDIO_WAIT_S
    limit = services.settings.synth_per_minute
    voice = listener_voice()
    info = request_audio(
        services,
        article,
        admit=lambda: check_rate("synth", limit),
        interactive=True,
        voice=voice,
        client=client_id(),
    )
    while info.status is not AudioStatus.READY:
        if info.status is AudioStatus.FAILED:
            raise error_for(info.error_code or SynthesisError.code, info.error)
        if time.monotonic() >= deadline:
            raise Busy()
        time.sleep(0.2)
        info = audio_state(services, article, info.key)
    return info


def _moved(target: str) -> Response:
    """A temporary redirect to the current content-addressed URL, revalidated on every use."""
    response = make_response(redirect(target, code=307))
    response.headers["Cache-Control"] = REVALIDATE
    response.headers["Vary"] = "Cookie"  # the listener's voice is in the preference cookie
    return response


@bp.get("/articles/<article_id>/audio.<fmt>")
def audio_file(article_id: str, fmt: str) -> Response:
    """The audio, made on first request: a redirect to its content-addressed URL."""
    if fmt not in CODECS:
        raise NotFound()
    item = get_article(get_services(), article_id)
    return _moved(audio_url(item.id, _wait_for_audio(item), fmt))


@bp.get("/articles/<article_id>/timings.json")
def timings(article_id: str) -> Response:
    """One entry per spoken sentence (start, end, block, text): a redirect to its current file."""
    item = get_article(get_services(), article_id)
    return _moved(audio_url(item.id, _wait_for_audio(item), TIMINGS))
