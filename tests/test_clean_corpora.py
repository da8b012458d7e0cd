"""``app.clean.sanitize`` over whole pages: the sample, every benchmark and portal page, and the
static XSS gate over the shared payload corpus."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
import pytest
from bleach._vendor import html5lib
from lxml import etree

from app.clean import rules as clean_rules
from app.clean import sanitize
from app.extract import extract
from app.extract.charset import decode
from tests.test_clean import BASE, output_text, words

SAMPLE = "portal/backan-2021-09-21-chat-luong-to-chuc-dang"
PORTAL_PAGES = sorted((Path(__file__).parent / "data" / "portal").glob("*.html"))
"""The portal-family fixtures (the shared corpus's portal page is one of them, copied unchanged)."""

# Independent of the rules under test: what must never reach a reader's browser.
FORBIDDEN_ELEMENTS = frozenset(
    {"svg", "math", "style", "script", "form", "iframe", "object", "embed", "base", "meta",
     "link", "noscript", "template"}
)  # fmt: skip
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "cite"}
)
BAD_SCHEMES = frozenset({"javascript", "vbscript", "data"})
IMAGE_DATA_URL = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def browser_scheme(url: str) -> str | None:
    """The scheme a browser reads in an attribute value (already entity-decoded)."""
    url = url.strip("".join(chr(code) for code in range(0x21)))
    url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    match = URL_SCHEME.match(url)
    return match.group(1).lower() if match else None


def xss_problems(output: str) -> list[str]:
    """What in ``output``, parsed as a browser parses it, could run script or is forbidden."""
    problems = []
    tree = html5lib.parseFragment(output, treebuilder="etree", namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rpartition("}")[2].lower()
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"element <{tag}>")
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2].rpartition(":")[2].lower()
            if local.startswith("on"):
                problems.append(f"handler {name} on <{tag}>")
            if local in URL_ATTRIBUTES and browser_scheme(value) in BAD_SCHEMES:
                image = tag == "img" and local == "src" and IMAGE_DATA_URL.match(value.strip())
                if not image:
                    problems.append(f"{name}={value[:40]!r} on <{tag}>")
    return problems


def page_text(page: str) -> str:
    """The text a reader reads in ``page`` (or a fragment): its body less what goes on purpose."""
    body = lxml.html.document_fromstring(page).find("body")
    for element in list(body.iter(etree.Element)):
        tag = element.tag
        if tag in clean_rules.DROP_WITH_CONTENT or tag.startswith(clean_rules.DROP_PREFIXES):
            element.drop_tree()
    return words(body.text_content())


@pytest.fixture(scope="module")
def sample_page(shared_corpus: Path) -> str:
    """The reconstructed Bắc Kạn portal page."""
    return (shared_corpus / f"{SAMPLE}.html").read_text(encoding="utf-8")


# --- the whole page -----------------------------------------------------------------------------
def test_sanitize_sample_page_leaves_no_forbidden_markup(
    shared_corpus: Path, sample_page: str
) -> None:
    expected = json.loads((shared_corpus / f"{SAMPLE}.expected.json").read_text("utf-8"))
    out = sanitize(sample_page, base_url=BASE)
    for needle in expected["clean_html_must_not_have"]:
        assert needle not in out
    assert expected["body_first"] in out and expected["body_last"] in out
    assert "<h1" not in out and "<h2>PublishingPortal" in out


@pytest.fixture(scope="module")
def benchmark_pages(shared_corpus: Path) -> dict[str, str]:
    """Every page of the extraction benchmark (varied real-world markup), by file name."""
    paths = sorted((shared_corpus / "extraction-benchmark" / "html").glob("*.html.gz"))
    assert len(paths) >= 181, "benchmark pages missing"
    return {p.name: gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in paths}


@pytest.fixture(scope="module")
def sanitized_pages(benchmark_pages: dict[str, str]) -> dict[str, str]:
    """Each benchmark page sanitized once, for every test that reads the output."""
    return {name: sanitize(page, base_url=BASE) for name, page in benchmark_pages.items()}


def test_sanitize_is_deterministic_and_idempotent(
    sample_page: str, sanitized_pages: dict[str, str]
) -> None:
    once = sanitize(sample_page, base_url=BASE)
    assert sanitize(sample_page, base_url=BASE) == once
    assert sanitize(once, base_url=BASE) == once
    assert sanitize(once) == once
    for name in sorted(sanitized_pages)[::12]:  # a second pass over them all would double the cost
        once = sanitized_pages[name]
        assert sanitize(once, base_url=BASE) == once, name


def test_sanitize_keeps_the_text_a_reader_reads_on_every_benchmark_page(
    benchmark_pages: dict[str, str], sanitized_pages: dict[str, str]
) -> None:
    changed = [
        name
        for name, page in benchmark_pages.items()
        if output_text(sanitized_pages[name]) != page_text(page)
    ]
    assert not changed


@pytest.mark.parametrize("path", PORTAL_PAGES, ids=lambda path: path.stem)
def test_sanitize_keeps_the_text_a_reader_reads_on_every_portal_page(path: Path) -> None:
    data = path.read_bytes()
    page = decode(data)
    assert output_text(sanitize(page, base_url=BASE)) == page_text(page)
    blocks = extract(data, url=BASE).blocks  # each one sanitized as app.pipeline does
    assert blocks
    for block in blocks:
        before = page_text(block.html) if block.html.strip() else ""
        assert output_text(sanitize(block.html, base_url=BASE)) == before, block.html


# --- the static XSS gate ------------------------------------------------------------------------
def test_sanitize_passes_static_xss_gate(shared_corpus: Path) -> None:
    lines = (shared_corpus / "xss" / "vectors.jsonl").read_text(encoding="utf-8").split("\n")
    vectors = [json.loads(line) for line in lines if line.strip()]
    assert len(vectors) >= 400
    failures = {}
    for vector in vectors:
        out = sanitize(vector["payload"], base_url="https://backan.gov.vn/")
        problems = xss_problems(out)
        if sanitize(out, base_url="https://backan.gov.vn/") != out:
            problems.append("not idempotent")
        if problems:
            failures[vector["id"]] = problems
    assert not failures


def test_xss_gate_catches_what_it_should() -> None:
    dangerous = (
        '<svg></svg><a href=" JaVa\tScRiPt:x">a</a><img src="data:text/html,x">'
        '<p onclick="x">p</p><form action="vbscript:x"></form>'
    )
    assert len(xss_problems(dangerous)) == 6
    assert xss_problems('<img src="data:image/png;base64,AA"><a href="/x">x</a>') == []
