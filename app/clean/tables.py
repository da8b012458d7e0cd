"""Reader tables: header cells marked as ``th`` with a scope, so screen readers announce them."""

from __future__ import annotations

from lxml import html as lxml_html


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
