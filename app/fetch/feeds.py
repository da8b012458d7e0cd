"""RSS 2.0, Atom and sitemap documents to the article addresses they list, with their dates.

The parser resolves no entity, loads no DTD and reaches no network; a document carrying a DTD at
all (the home of entity tricks and XXE) is refused, as is one listing more than ``MAX_ENTRIES``
addresses. The fetcher has already limited its size (``MAX_BYTES``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from app.errors import FeedError

MAX_ENTRIES = 2000
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One address a feed lists, and the date it gives for it ('' when none)."""

    url: str
    lastmod: str = ""


def _parser() -> etree.XMLParser:
    """An XML parser that resolves nothing and reaches nothing."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )


def _root(data: bytes) -> etree._Element:
    """The document's root element; FeedError for bad XML or any DTD."""
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FeedError(detail=str(exc)[:200]) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise FeedError(
            "Feeds with a DTD or entities are refused",
            "Không đọc nguồn tin có DTD hoặc thực thể (entity)",
        )
    return tree.getroot()


def _text(element: etree._Element | None) -> str:
    """The stripped text of ``element``, '' for none."""
    return (element.text or "").strip() if element is not None else ""


def _rss(root: etree._Element) -> list[Entry]:
    """RSS 2.0 items: ``link``, dated by ``pubDate`` (or Dublin Core's ``date``)."""
    entries = []
    for item in root.iter("item"):
        date = _text(item.find("pubDate")) or _text(
            item.find("{http://purl.org/dc/elements/1.1/}date")
        )
        entries.append(Entry(_text(item.find("link")), date))
    return entries


def _atom(root: etree._Element) -> list[Entry]:
    """Atom entries: the ``alternate`` link, dated by ``updated`` (or ``published``)."""
    entries = []
    for entry in root.iter(f"{ATOM}entry"):
        links = [
            link.get("href", "")
            for link in entry.iter(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        date = _text(entry.find(f"{ATOM}updated")) or _text(entry.find(f"{ATOM}published"))
        entries.append(Entry(links[0].strip() if links else "", date))
    return entries


def _sitemap(root: etree._Element) -> list[Entry]:
    """Sitemap ``url`` elements: ``loc``, dated by ``lastmod``."""
    return [
        Entry(_text(url.find(f"{SITEMAP}loc")), _text(url.find(f"{SITEMAP}lastmod")))
        for url in root.iter(f"{SITEMAP}url")
    ]


READERS = {"rss": _rss, f"{ATOM}feed": _atom, f"{SITEMAP}urlset": _sitemap}


def parse_feed(data: bytes) -> list[Entry]:
    """The addresses a feed lists, in its order, once each; FeedError for anything else."""
    root = _root(data)
    reader = READERS.get(str(root.tag))
    if reader is None:
        raise FeedError(detail=f"root element {str(root.tag)[:80]}")
    entries, seen = [], set()
    for entry in reader(root):
        if entry.url and entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
        if len(entries) > MAX_ENTRIES:
            raise FeedError(
                f"The feed lists more than {MAX_ENTRIES} addresses",
                f"Nguồn tin liệt kê hơn {MAX_ENTRIES} địa chỉ",
            )
    return entries
