"""``/admin/listens`` (30 days of plays, the top articles, the completion funnel, as SVG drawn
here and as tables) and ``/admin/listens.csv`` (one row per article and day, streamed)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, render_template, request, stream_with_context

from app.services import Services
from app.store.listens import COUNTS, KEEP_DAYS, SURFACES, day_of, days_ending
from app.store.tally import listens_for
from app.web.beacon import voice_ids
from app.web.console.charts import day_chart, funnel
from app.web.console.guard import console_blueprint, editor_required
from app.web.context import get_services

bp = console_blueprint("console_listens", __name__)
DAYS = 30  # the page's period
TOP = 20  # articles in the top list
SURFACE_NAMES = {  # how each surface reads in Vietnamese
    "reader": "Trang đọc",
    "frame": "Khung nhúng trên cổng",
    "continuous": "Nghe liên tục",
    "offline": "Bản lưu, không có mạng",
}
STEPS = (  # the funnel: plays, then each mark reached (COUNTS' names)
    ("plays", "Bắt đầu nghe"),
    ("q25", "Nghe đến 25%"),
    ("q50", "Nghe đến 50%"),
    ("q75", "Nghe đến 75%"),
    ("complete", "Nghe hết bài"),
)
CSV_COLUMNS = ("date", "article", "title", *COUNTS)
RISKY = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula


def voice_names(services: Services) -> dict[str, str]:
    """Each voice id a listen may name, with its label."""
    labels = {c.id: c.label for c in services.voice_choices}
    return {v: labels.get(v, "Giọng mặc định") for v in voice_ids(services)}


def chosen(name: str, allowed: object) -> str | None:
    """The filter ``name`` of the query when it is one of ``allowed``, else None (all)."""
    value = request.args.get(name, "")
    return value if value and value in allowed else None  # type: ignore[operator]


def title_of(services: Services, article_id: str) -> str:
    """The article's title, or "" once it is deleted."""
    article = services.store.get_article(article_id)
    return article.title if article else ""


@bp.get("/listens")
@editor_required
def index() -> str:
    """The last 30 days: a chart per day, the top articles, the funnel, with their tables."""
    services = get_services()
    voices = voice_names(services)
    surface, voice = chosen("surface", SURFACES), chosen("voice", voices)
    counts = listens_for(services.store)
    days = days_ending(day_of(), DAYS)
    per_day = counts.by_day(days, surface, voice)
    rows = [per_day.get(d, [0] * len(COUNTS)) for d in days]
    totals = [sum(r[i] for r in rows) for i in range(len(COUNTS))]
    top = [
        (article, title_of(services, article), plays, done)
        for article, plays, done in counts.top(days, TOP, surface, voice)
    ]
    return render_template(
        "console/listens.html",
        days=days,
        rows=rows,
        chart=day_chart(days, [r[0] for r in rows], [r[4] for r in rows]),
        steps=funnel([(label, totals[COUNTS.index(name)]) for name, label in STEPS]),
        totals=dict(zip(COUNTS, totals, strict=True)),
        top=top,
        surface=surface,
        voice=voice,
        surfaces=SURFACE_NAMES,
        voices=voices,
        keep_days=KEEP_DAYS,
    )


def cell(value: str) -> str:
    """One CSV field: quoted when needed, a leading formula character made harmless."""
    if value.startswith(RISKY):
        value = "'" + value
    if any(c in value for c in ',"\n\r'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def csv_lines(days: list[str], surface: str | None, voice: str | None) -> Iterator[str]:
    """The header, then one line per article and day, a day at a time (oldest first)."""
    services = get_services()
    counts = listens_for(services.store)
    titles: dict[str, str] = {}
    yield "\ufeff" + ",".join(CSV_COLUMNS) + "\r\n"  # the BOM: spreadsheets then read UTF-8
    for day in days:
        lines = []
        for article, numbers in counts.day_rows(day, surface, voice):
            if article not in titles:
                titles[article] = title_of(services, article)
            fields = [day, article, titles[article], *map(str, numbers)]
            lines.append(",".join(cell(f) for f in fields) + "\r\n")
        if lines:
            yield "".join(lines)


@bp.get("/listens.csv")
@editor_required
def csv() -> Response:
    """Listens as CSV: ``days`` (30 by default, up to the days kept) ending today."""
    raw = request.args.get("days", str(DAYS))
    count = min(KEEP_DAYS, int(raw)) if raw.isascii() and raw.isdigit() and len(raw) < 5 else DAYS
    days = days_ending(day_of(), max(1, count))
    surface, voice = chosen("surface", SURFACES), chosen("voice", voice_names(get_services()))
    name = f"baonoi-luot-nghe-{days[0]}-{days[-1]}.csv"
    return Response(
        stream_with_context(csv_lines(days, surface, voice)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
