"""Pass 2, lxml: elements dropped with their content, images given an alt, attributes stripped."""

from __future__ import annotations

import lxml.html
from lxml import etree

from app.clean import rules
from app.clean.urls import CONTROL_CHARS, browser_form


def _caption_text(image: etree._Element) -> str:
    """The whitespace-collapsed text of the caption of the figure holding ``image``, or ""."""
    for figure in image.iterancestors("figure"):
        caption = figure.find(".//figcaption")
        text = caption.text_content() if caption is not None else ""
        return " ".join(CONTROL_CHARS.sub("", text).split())
    return ""


def _prune_element(element: etree._Element) -> None:
    """Drop ``element`` with its content, or rename it and keep only its allowed attributes."""
    tag = element.tag
    if tag in rules.DROP_WITH_CONTENT or tag.startswith(rules.DROP_PREFIXES):
        if tag in rules.VOID_ELEMENTS:  # libxml2 lets embed, source... swallow what follows
            element.drop_tag()
        else:
            element.drop_tree()
        return
    if tag in rules.RENAMED_TAGS:
        tag = element.tag = rules.RENAMED_TAGS[tag]
    if tag == "img" and "alt" not in element.attrib:
        element.set("alt", _caption_text(element))
    kept = rules.ALLOWED_ATTRIBUTES.get(tag, frozenset())
    values = {name: value for name, value in element.items() if name in kept}
    element.attrib.clear()
    for name, value in values.items():
        if (tag, name) in rules.URL_SCHEMES:  # or libxml2 would write the blanks as %20
            value = browser_form(value)
        element.set(name, CONTROL_CHARS.sub("", value))  # lxml refuses to set them


def _flatten(root: etree._Element) -> None:
    """Unwrap elements nested deeper than MAX_DEPTH (the nesting guard's model is approximate)."""
    too_deep: list[lxml.html.HtmlElement] = []
    pending = [(root, 0)]
    while pending:
        element, depth = pending.pop()
        if depth > rules.MAX_DEPTH:
            too_deep.append(element)
        pending.extend((child, depth + 1) for child in element)
    for element in too_deep:
        element.drop_tag()


def prune(html: str) -> str:
    """The markup's body with dropped elements gone and attributes stripped, as HTML."""
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        body = lxml.html.document_fromstring(html, parser=parser).find("body")
    except etree.ParserError:  # nothing but blanks, comments or a doctype
        body = None
    if body is None:  # also a frameset page
        return ""
    body.tag = "div"
    for element in list(body.iter(etree.Element)):
        _prune_element(element)
    _flatten(body)
    return lxml.html.tostring(body, encoding="unicode", with_tail=False)
