"""``POST /listens``: the player's listen beacon, counted without tracking anyone.

The body is a short form, ``a=<article>&s=<surface>&v=<voice>&m=<marks>&t=<seconds>&d=<days
ago>`` (``fetch`` and ``navigator.sendBeacon`` send a string as text/plain). ``m`` is a bit set
of ``listens.MARKS`` (1 a play, 2/4/8 the 25/50/75% marks, 16 the end), ``t`` the seconds heard
since the last beacon, ``d`` how many days ago a report queued offline was made. Everything is
checked against fixed tables and the article's length; a good beacon is added to the process's
``Tally`` (written within a second) and answered 204, anything else 400. Nothing of the request
but those fields is kept: no cookie is read or set, and the address is only a key of an
in-memory token bucket (``Buckets``), so that one client cannot count more than ``BURST``
beacons at once and ``PER_S`` a second after that (429 past it; the store never sees them).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Blueprint, Flask, Response, current_app

from app import metrics
from app.errors import InputError, RateLimited
from app.identity import ID_PATTERN
from app.services import Services
from app.store.listens import MARKS, SURFACES, Cell, day_of
from app.store.tally import Tally, listens_for
from app.web.body import read_body
from app.web.context import get_services
from app.web.limits import client_id
from app.web.reader import CHARS_PER_S

bp = Blueprint("beacon", __name__)
EXTENSION = "baonoi-listens"
BODY_LIMIT = 256  # bytes: a beacon is about 60
SURFACE_CODES = {s[0]: s for s in SURFACES}  # r, f, c, o: one letter on the wire
DEFAULT_VOICE = "default"  # the voice id when the operator offers no choice (BAONOI_VOICES)
PER_S = 2.0  # beacons a client may send each second, after
BURST = 60  # this many at once (a newsroom behind one address plays many articles)
CLIENTS = 10_000  # addresses remembered, least recently heard dropped first
MAX_DAYS_AGO = 7  # an offline report older than this is not counted
SLACK_S = 60  # seconds heard past the article's length still believed (other voices, rounding)
KNOWN_S = 60.0  # how long a process remembers an article's length bound
KNOWN = 4096  # articles remembered


class Buckets:
    """A token bucket per client address, in this process's memory only."""

    def __init__(self, per_s: float = PER_S, burst: int = BURST, clients: int = CLIENTS) -> None:
        self.per_s, self.burst, self.clients = per_s, burst, clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> bool:
        """Take one token for ``client``; False when its bucket is empty."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, then = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.per_s)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.clients:
                self._buckets.popitem(last=False)
            return allowed


@dataclass
class Counting:
    """This process's beacon state: its tally, its buckets, the articles it knows."""

    tally: Tally
    buckets: Buckets
    known: OrderedDict[str, tuple[int, float]]  # article -> (seconds bound, when learned)
    lock: threading.Lock


def counting(app: Flask | None = None) -> Counting:
    """The running application's beacon state."""
    state: Counting = (app or current_app).extensions[EXTENSION]
    return state


def voice_ids(services: Services) -> tuple[str, ...]:
    """The voices a beacon may name: the operator's choices, else the one default."""
    return tuple(c.id for c in services.voice_choices) or (DEFAULT_VOICE,)


def _bad(field: str) -> InputError:
    """The 400 for a beacon field we cannot count."""
    return InputError(
        f"Listen report: bad or missing '{field}'",
        f"Báo cáo lượt nghe: trường '{field}' sai hoặc thiếu",
    )


def _number(fields: dict[str, str], name: str, top: int, default: int | None = None) -> int:
    """A small whole number field, 0 to ``top``."""
    raw = fields.get(name)
    if raw is None and default is not None:
        return default
    if raw is None or not raw.isdigit() or len(raw) > 6 or int(raw) > top:
        raise _bad(name)
    return int(raw)


def _bound_s(article_id: str) -> int:
    """The most seconds one beacon may report for the article; ``_bad`` for an unknown one."""
    state, now = counting(), time.monotonic()
    with state.lock:
        hit = state.known.get(article_id)
        if hit and now - hit[1] < KNOWN_S:
            return hit[0]
    store = get_services().store
    article = store.get_article(article_id) if ID_PATTERN.fullmatch(article_id) else None
    if article is None:
        raise _bad("a")
    recorded = store.get_audio(article.audio_key).duration_s or 0.0
    estimate = (len(article.title) + len(article.text)) / CHARS_PER_S * 2
    bound = int(max(recorded, estimate)) + SLACK_S
    with state.lock:
        state.known[article_id] = (bound, now)
        while len(state.known) > KNOWN:
            state.known.popitem(last=False)
    return bound


def parse(body: bytes) -> tuple[Cell, list[int]]:
    """The cell and numbers a beacon reports, every field checked."""
    try:
        pairs = parse_qsl(body.decode("ascii"), strict_parsing=True, max_num_fields=8)
    except ValueError:
        raise _bad("body") from None
    fields = dict(pairs)
    surface = SURFACE_CODES.get(fields.get("s", ""))
    if surface is None:
        raise _bad("s")
    voices = voice_ids(get_services())
    voice = fields.get("v") or voices[0]
    if voice not in voices:
        raise _bad("v")
    marks = _number(fields, "m", 2 ** len(MARKS) - 1)
    days_ago = _number(fields, "d", MAX_DAYS_AGO, default=0)
    seconds = _number(fields, "t", _bound_s(fields.get("a", "")), default=0)
    if not marks and not seconds:
        raise _bad("m")
    numbers = [(marks >> i) & 1 for i in range(len(MARKS))] + [seconds]
    cell = Cell(day_of(time.time() - days_ago * 86400), fields["a"], surface, voice)
    return cell, numbers


@bp.post("/listens")
def listen_beacon() -> Response:
    """Count one listen report: 204, 400 for junk, 429 past the client's bound."""
    state = counting()
    if not state.buckets.take(client_id()):
        raise RateLimited()
    cell, numbers = parse(read_body(BODY_LIMIT))
    state.tally.add(cell, numbers)
    metrics.count_listen(cell.surface, cell.voice, numbers[0], numbers[4])
    return Response(status=204, headers={"Cache-Control": "no-store"})


def init_app(app: Flask) -> None:
    """Keep this process's beacon state on ``app``; write what is left when the app goes."""
    services = get_services(app)
    state = Counting(
        Tally(lambda: listens_for(services.store), release=services.store.release),
        Buckets(),
        OrderedDict(),
        threading.Lock(),
    )
    app.extensions[EXTENSION] = state
    app.register_blueprint(bp)
    weakref.finalize(app, state.tally.close)
