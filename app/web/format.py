"""How numbers read on the page, in Vietnamese: durations, sizes, dates."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from lxml import html as lxml_html

from app.models import Block, BlockKind


def duration_vi(seconds: float | None) -> str:
    """4 phút 12 giây."""
    if seconds is None:
        return ""
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return f"{minutes} phút {secs} giây"
    return f"{minutes} phút" if minutes else f"{secs} giây"


def size_vi(size: int | None) -> str:
    """1,0 MB (decimal comma, as Vietnamese writes it)."""
    if not size:
        return ""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def date_vi(value: date | None) -> str:
    """21/09/2021."""
    return value.strftime("%d/%m/%Y") if value else ""


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def without_images(html: str) -> str:
    """Sanitized HTML with its images taken out (low-data mode); captions stay."""
    return _IMG.sub("", html)


def with_header_cells(html: str) -> str:
    """A table fragment whose header cells are ``th`` with a scope (the first row if none was)."""
    parts = lxml_html.fragments_fromstring(html)
    for table in (p for p in parts if not isinstance(p, str)):
        rows = table.xpath(".//tr")
        if not rows:
            continue
        if not table.xpath(".//th"):
            for cell in rows[0].xpath("./td"):
                cell.tag = "th"
        for cell in rows[0].xpath("./th[not(@scope)]"):
            cell.set("scope", "col")
        for row in rows[1:]:
            first = row.xpath("./*[1][self::th][not(@scope)]")
            for cell in first:
                cell.set("scope", "row")
    return "".join(
        p if isinstance(p, str) else lxml_html.tostring(p, encoding="unicode") for p in parts
    )


def block_html(block: Block, lowdata: bool = False) -> str:
    """A body block's HTML as the reader page shows it."""
    html = with_header_cells(block.html) if block.kind is BlockKind.TABLE else block.html
    return without_images(html) if lowdata else html


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(duration_vi)
    app.add_template_filter(size_vi)
    app.add_template_filter(date_vi)
    app.add_template_filter(without_images)
    app.add_template_filter(block_html)
