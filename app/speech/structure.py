"""Blocks as a listener hears them: list items announced, tables row by row, captions labelled.

A table is read row by row with its header cells: "Huyện Ba Bể: diện tích 337 km², dân số 50.000
người." A row-number column ("STT") is not read. Without a header row, a row is read as its first
cell, a colon, and the other cells.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from app.models import Block, BlockKind

CAPTION_PREFIX = "Ảnh: "
ITEM_PREFIX = "Mục {number}: "  # "Mục 1: …" is read "Mục một: …"
CELL_SEPARATOR = " | "  # how app.extract joins the cells of a table row (see app.models.Block)
_ROW_NUMBER_HEADERS = frozenset({"stt", "tt", "số tt", "số thứ tự"})
_OWN_MARKER = re.compile(r"^(?:[0-9]+[.)]|[a-zđ][.)]|[IVX]+[.)]|thứ nhất|một là)\s*", re.I)
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_DIGIT = re.compile(r"[0-9]")


def caption(text: str) -> str:
    """A figure caption as "Ảnh: …", unless it already starts so; no caption, nothing."""
    if not text or text.lower().startswith(CAPTION_PREFIX.strip().lower()):
        return text
    return CAPTION_PREFIX + text


def list_items(text: str) -> list[str]:
    """List items one per line, each announced as "Mục n: " unless it carries its own marker."""
    items = [item.strip() for item in text.splitlines() if item.strip()]
    return [
        item if _OWN_MARKER.match(item) else ITEM_PREFIX.format(number=n) + item
        for n, item in enumerate(items, start=1)
    ]


def _first_row_is_header(html: str, rows: list[list[str]]) -> bool:
    """Whether the table's first row names its columns: <th> cells, <thead>, or all bold."""
    if len(rows) < 2:
        return False
    try:
        table = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        table = None
    first = table.xpath(".//tr[1]") if table is not None else []
    if first:
        cells = [c for c in first[0] if c.tag in ("td", "th")]
        marked = bool(table.xpath(".//thead")) or all(c.tag == "th" for c in cells)
        if marked or all(c.xpath(".//b|.//strong") for c in cells):
            return True
    # No markup to go by: words over a body with figures look like a header row.
    has_digits = bool(_DIGIT.search(" ".join(rows[0])))
    return not has_digits and any(_DIGIT.search(" ".join(row)) for row in rows[1:])


def _label(header: str, cell: str) -> str:
    """A cell under a column title: "năm 2020 …" for a year, "diện tích …" otherwise."""
    if _YEAR.fullmatch(header):
        return f"năm {header} {cell}"
    return f"{header[:1].lower()}{header[1:]} {cell}" if header else cell


def _row_words(headers: list[str], cells: list[str]) -> str:
    """One row read with its headers: "Huyện Ba Bể: diện tích 337 km², dân số 50.000 người."."""
    name, rest = cells[0], cells[1:]
    if headers and len(headers) == len(cells):
        first = headers[0]
        if len(first.split()) == 1 and not name.lower().startswith(first.lower()):
            name = f"{first} {name}"  # "Huyện" over "Ba Bể": "Huyện Ba Bể"
        rest = [_label(h, c) for h, c in zip(headers[1:], rest, strict=True) if c]
    rest = [cell for cell in rest if cell]
    return f"{name}: {', '.join(rest)}." if rest else f"{name}."


def table_rows(block: Block) -> list[str]:
    """A table's rows as sentences a listener can follow, header cells read with each value."""
    rows = [line.split(CELL_SEPARATOR) for line in block.text.splitlines() if line.strip()]
    rows = [[cell.strip() for cell in row] for row in rows]
    headers = rows.pop(0) if _first_row_is_header(block.html, rows) else []
    if headers and headers[0].strip().lower() in _ROW_NUMBER_HEADERS:
        headers = headers[1:]
        rows = [row[1:] if len(row) == len(headers) + 1 else row for row in rows]
    return [_row_words(headers, row) for row in rows if any(row)]


def spoken_lines(block: Block) -> list[str]:
    """The lines one body block is read as, by its kind."""
    if block.kind is BlockKind.FIGURE:
        return [caption(block.text)] if block.text else []
    if block.kind is BlockKind.LIST:
        return list_items(block.text)
    if block.kind is BlockKind.TABLE:
        return table_rows(block)
    return block.text.splitlines()
