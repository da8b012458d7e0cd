"""Extraction: page bytes to an Article, on portal-family pages and anything else."""

from __future__ import annotations

import codecs
import copy
import gzip
import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from app.errors import DecodeError, NoArticleFound
from app.extract import extract, markup
from app.extract.blocks import Piece
from app.extract.boilerplate import is_link_block
from app.extract.generic import find_bodies, to_html
from app.extract.metadata import parse_date
from app.models import Article, Block, BlockKind

PORTAL = Path(__file__).parent / "data" / "portal"
EXPECTED = sorted(PORTAL.glob("*.expected.json"))
SAMPLE = "backan-2021-09-21-chat-luong-to-chuc-dang"

PARAGRAPH = (
    "Ủy ban nhân dân huyện đã chỉ đạo các phòng, ban chuyên môn phối hợp với chính quyền các xã "
    "rà soát, thống kê đầy đủ số hộ dân bị ảnh hưởng để kịp thời hỗ trợ, ổn định cuộc sống."
)


def load_expected(path: Path) -> dict:
    """The expectations stored beside a fixture page."""
    return json.loads(path.read_text(encoding="utf-8"))


def extract_file(path: Path, content_type: str | None = None) -> Article:
    """The article extracted from a page file (served with the given Content-Type, if any)."""
    return extract(path.read_bytes(), content_type=content_type)


def everything(article: Article) -> str:
    """Every piece of extracted text and markup, for must-not-have checks."""
    parts = [article.title, article.lead, article.author, *article.headings, *article.captions]
    return "\n".join([*parts, *article.paragraphs, article.body_html])


def portal_page(body: str, *, head: str = "", before: str = "") -> str:
    """A minimal SharePoint portal page around an article body."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>Tin bài - Cổng thông tin điện tử tỉnh Sơn Lâm</title>{head}</head><body>"
        "<div class='ms-webpart-zone'><div id='MSOZoneCell_WebPartWPQ9'>"
        f"<h1 class='title-news'>Tin bài thử nghiệm</h1>{before}"
        f"<div class='content-news'><p>{PARAGRAPH}</p>{body}</div>"
        "</div></div></body></html>"
    )


def assert_matches(article: Article, expected: dict) -> None:
    """The article has every field the expectations name."""
    assert article.title == expected["title"]
    assert article.published == date.fromisoformat(expected["published"])
    assert article.author == expected["author"]
    assert article.lead == expected["lead"]
    assert article.headings == expected["headings"]
    assert article.captions == expected["captions"]
    assert len(article.paragraphs) == expected["body_paragraphs"]
    assert article.paragraphs[0].startswith(expected["body_first"])
    assert article.paragraphs[-1].endswith(expected["body_last"])
    text = everything(article)
    for unwanted in expected["must_not_have"]:
        assert unwanted not in text, unwanted


def test_the_fixture_set_holds_the_sample_and_five_written_pages() -> None:
    names = {p.name.removesuffix(".expected.json") for p in EXPECTED}
    assert SAMPLE in names
    assert len(names - {SAMPLE}) >= 5
    assert all((PORTAL / f"{name}.html").is_file() for name in names)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_portal_page_gives_every_expected_field(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    page = PORTAL / expected["file"]
    assert_matches(extract_file(page, expected.get("content_type")), expected)


def test_sample_portal_page_gives_every_expected_field(shared_corpus: Path) -> None:
    page = shared_corpus / "portal" / f"{SAMPLE}.html"
    expected = load_expected(shared_corpus / "portal" / f"{SAMPLE}.expected.json")
    assert_matches(extract_file(page), expected)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_every_extracted_text_is_nfc(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    article = extract_file(PORTAL / expected["file"], expected.get("content_type"))
    for text in everything(article).split("\n"):
        assert unicodedata.is_normalized("NFC", text)


def test_windows_1258_page_decodes_to_nfc() -> None:
    raw = (PORTAL / "sonlam-2021-10-05-cp1258.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "\u0309" in raw.decode("cp1258")  # the tone marks really are combining
    article = extract(raw)
    assert article.title == "Sơn Lâm khởi công dự án nước sạch cho 12 xã vùng cao"
    assert unicodedata.is_normalized("NFC", article.body_html)


def test_nfd_page_comes_out_composed() -> None:
    raw = (PORTAL / "sonlam-2021-10-12-nfd.html").read_bytes()
    assert not unicodedata.is_normalized("NFC", raw.decode("utf-8"))
    article = extract(raw)
    assert article.author == "Trần Thu Hà"
    assert "\u0301" not in article.text


def test_http_charset_outranks_the_meta_declaration() -> None:
    page = portal_page("").replace("charset='utf-8'", "charset='windows-1258'")
    article = extract(page.encode("utf-8"), content_type="text/html; charset=UTF-8")
    assert article.paragraphs == [PARAGRAPH]


def test_byte_order_mark_outranks_the_declared_charset() -> None:
    data = codecs.BOM_UTF8 + portal_page("").encode("utf-8")
    article = extract(data, content_type="text/html; charset=windows-1258")
    assert article.paragraphs == [PARAGRAPH]


def test_http_charset_header_outranks_a_wrong_meta_on_a_legacy_page() -> None:
    page = PORTAL / "sonlam-2021-12-03-header-cp1258.html"
    assert b'charset=iso-8859-1"' in page.read_bytes()
    title = "Đồng Lâm bàn giao 35 ngôi nhà đại đoàn kết cho hộ nghèo"
    assert extract_file(page, "text/html; charset=windows-1258").title == title
    assert extract_file(page).title != title  # the <meta> alone gives mojibake


def test_byte_order_mark_outranks_a_wrong_meta_on_a_portal_page() -> None:
    raw = (PORTAL / "sonlam-2021-12-06-bom-signed.html").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"charset=windows-1258" in raw
    article = extract(raw, content_type="text/html")
    assert article.title == "Nhân rộng mô hình trồng chè hữu cơ theo chuỗi giá trị"


def test_photo_story_keeps_each_caption_with_its_photo() -> None:
    article = extract_file(PORTAL / "baosonlam-2021-12-08-photo-story.html")
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert len(figures) == 4
    for n, figure in enumerate(figures, start=1):
        assert f"ruong-bac-thang-{n}.jpg" in figure.html
        assert figure.html.endswith(f"<figcaption>{figure.text}</figcaption></figure>")
    assert not any(caption in article.text for caption in article.captions)


def test_undeclared_legacy_page_falls_back_to_windows_1258() -> None:
    raw = (PORTAL / "sonlam-2021-10-05-cp1258.html").read_bytes()
    undeclared = raw.replace(b'<meta charset="windows-1258">', b"")
    assert b"windows-1258" not in undeclared
    assert extract(undeclared) == extract(raw)


def test_gzip_bytes_are_read_transparently() -> None:
    raw = (PORTAL / f"{SAMPLE}.html").read_bytes()
    assert extract(gzip.compress(raw)) == extract(raw)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", bytes(range(256)) * 40, b"\x00\x01\x02\x03" * 500, b"\x1f\x8b\x08garbage"],
    ids=["empty", "blank", "all-bytes", "control-bytes", "broken-gzip"],
)
def test_undecodable_bytes_raise_decode_error(data: bytes) -> None:
    with pytest.raises(DecodeError):
        extract(data)


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Trang chủ</title></head><body><ul><li><a href='/a'>Giới thiệu</a></li>"
        "<li><a href='/b'>Liên hệ</a></li></ul></body></html>",
        "just some words, no markup",
        portal_page("").replace(PARAGRAPH, "Tăng cỡ chữ | Giảm cỡ chữ | In bài viết"),
    ],
    ids=["menu-only", "plain-words", "toolbar-only"],
)
def test_page_without_article_raises_no_article_found(page: str) -> None:
    with pytest.raises(NoArticleFound):
        extract(page.encode("utf-8"))


def test_generic_page_falls_back_to_trafilatura() -> None:
    paragraphs = [f"{PARAGRAPH} Đợt {n} được triển khai trong tháng {n + 2}." for n in range(1, 5)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        "<html><head><meta charset='utf-8'><title>Hỗ trợ người dân | Báo Tin Tức</title></head>"
        "<body><nav><a href='/'>Trang chủ</a></nav><main><article>"
        "<h1>Hỗ trợ người dân vùng lũ ổn định cuộc sống</h1>"
        f"<h2>Triển khai nhanh</h2>{body}</article></main>"
        "<footer>Liên hệ quảng cáo</footer></body></html>"
    )
    article = extract(page.encode("utf-8"), url="https://example.org/tin/1")
    assert article.title == "Hỗ trợ người dân vùng lũ ổn định cuộc sống"
    assert article.paragraphs == paragraphs
    assert article.headings == ["Triển khai nhanh"]
    assert article.source_url == "https://example.org/tin/1"
    assert "Trang chủ" not in everything(article)


def generic_page(body: str, *, after: str = "") -> bytes:
    """A news page no portal profile knows: four paragraphs, then ``body``, then ``after``."""
    paragraphs = "".join(
        f"<p>{PARAGRAPH} Đợt {n} được triển khai trong tháng {n + 2}.</p>" for n in range(1, 5)
    )
    return (
        "<html><head><meta charset='utf-8'><title>Tin | Báo Tin Tức</title></head><body>"
        "<nav><a href='/'>Trang chủ</a></nav><main><article>"
        f"<h1>Hỗ trợ người dân vùng lũ ổn định cuộc sống</h1>{paragraphs}{body}</article>"
        f"{after}</main><footer>Liên hệ quảng cáo</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "line",
    [
        "<p>Xem thêm: <a href='/tin/2'>Hỗ trợ người dân vùng cao vượt qua mùa giá rét</a></p>",
        "<p>Related: <a href='/news/2'>Flood relief reaches the northern provinces</a></p>",
        "<p><a href='/tin/3'>Mưa lũ gây thiệt hại nặng nề tại các tỉnh miền Trung</a></p>",
        "<p>Người dân nhận hàng cứu trợ tại xã Yên Hòa (Ảnh: Minh Anh)</p>",
        "<p>Sign up for our newsletter to get the news in your inbox</p>",
        "<p>Additional reporting by Lê Văn Nam</p>",
        "<p>November 20, 2019 - 11:28 AM</p>",
    ],
    ids=["xem-them", "related", "link-only", "stray-caption", "newsletter", "credit", "date"],
)
def test_generic_page_drops_the_sites_own_lines(line: str) -> None:
    article = extract(generic_page(line))
    assert len(article.paragraphs) == 4
    assert all(p.startswith(PARAGRAPH) for p in article.paragraphs)


def test_generic_page_takes_date_and_author_from_json_ld() -> None:
    json_ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2021-12-08T07:30:00+07:00", "author": {"@type": "Person", "name": "Hoàng Long"}}'
        "</script>"
    )
    article = extract(generic_page("").replace(b"</head>", json_ld.encode() + b"</head>"))
    assert article.published == date(2021, 12, 8)
    assert article.author == "Hoàng Long"


def test_link_lists_and_menus_are_told_from_prose() -> None:
    anchors = frozenset({"Mưa lũ gây thiệt hại", "Cứu trợ vùng cao", "Trang chủ", "Giới thiệu"})
    related = Piece(Block(BlockKind.LIST, "Mưa lũ gây thiệt hại\nCứu trợ vùng cao", ""))
    prose = Piece(Block(BlockKind.PARAGRAPH, f"{PARAGRAPH} Xem Mưa lũ gây thiệt hại.", ""))
    linked_prose = Piece(Block(BlockKind.PARAGRAPH, PARAGRAPH * 3, ""))
    assert is_link_block(related, anchors, 0.8)
    assert not is_link_block(prose, anchors, 0.8)
    assert not is_link_block(linked_prose, anchors | {PARAGRAPH * 3}, 0.8)  # one long link
    items = [f"Chuyên mục số {n}" for n in range(40)]  # a long unpunctuated run of links
    menu = Piece(Block(BlockKind.PARAGRAPH, "MENU " + " ".join(items), ""))
    assert is_link_block(menu, frozenset(items), 0.8)


def test_generic_page_reads_the_element_marked_as_article_body() -> None:
    other = "<p>Đoạn giới thiệu một bài khác của chuyên mục, nằm ngoài thân bài.</p>"
    page = generic_page("").decode().replace("</h1>", "</h1><div itemprop='articleBody'>")
    page = page.replace("</article>", f"</div>{other}</article>")
    first = next(find_bodies(markup.parse(page), None))
    assert first.get("itemprop") == "articleBody"  # ahead of trafilatura's guess
    article = extract(page.encode())
    assert len(article.paragraphs) == 4
    assert "giới thiệu một bài khác" not in everything(article)


def test_captioned_photos_become_figures() -> None:
    article = extract_file(PORTAL / f"{SAMPLE}.html")
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert len(figures) == 2
    for figure in figures:
        assert figure.html.startswith("<figure><img src=")
        assert f"<figcaption>{figure.text}</figcaption></figure>" in figure.html
    assert "<table" not in article.body_html


def test_layout_table_with_prose_is_read_through_and_a_data_table_kept() -> None:
    layout = (
        f"<table><tr><td><h3>Kết quả đạt được</h3><p>{PARAGRAPH}</p></td></tr>"
        f"<tr><td><p>{PARAGRAPH.upper()}</p></td></tr></table>"
    )
    data = "<table><tr><th>Chỉ số</th><th>2021</th></tr><tr><td>PAR INDEX</td><td>85,4%</td></tr>"
    data += "</table>"
    article = extract(portal_page(layout + data).encode())
    assert article.headings == ["Kết quả đạt được"]
    assert article.paragraphs == [PARAGRAPH, PARAGRAPH, PARAGRAPH.upper()]
    tables = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert [t.text for t in tables] == ["Chỉ số | 2021\nPAR INDEX | 85,4%"]


def test_title_is_the_heading_nearest_above_the_body() -> None:
    page = portal_page("").replace("<body>", "<body><h1>Tin tức - Sự kiện</h1>")
    page = page.replace("</body>", "<h1>Liên kết website</h1></body>")
    assert extract(page.encode()).title == "Tin bài thử nghiệm"


def test_title_falls_back_to_head_title_without_site_name() -> None:
    page = portal_page("").replace("<h1 class='title-news'>Tin bài thử nghiệm</h1>", "")
    assert extract(page.encode()).title == "Tin bài"


def test_paragraph_html_keeps_inline_markup() -> None:
    article = extract(portal_page("<p>Xem <a href='/vb/1'>văn bản</a> <i>số 5</i>.</p>").encode())
    html = article.blocks[-1].html
    assert html.startswith("<p>") and html.endswith("</p>")
    assert '<a href="/vb/1">văn bản</a>' in html and "<i>số 5</i>" in html
    assert article.paragraphs[-1] == "Xem văn bản số 5."


def test_lead_is_not_repeated_as_a_paragraph() -> None:
    article = extract_file(PORTAL / f"{SAMPLE}.html")
    assert article.lead
    assert article.lead not in article.paragraphs
    assert article.text.count(article.lead) == 1


def test_meta_description_marks_the_first_paragraph_as_lead() -> None:
    head = f"<meta name='description' content='{PARAGRAPH[:90]}...'>"
    article = extract(portal_page("<p>Đoạn thứ hai của bài viết.</p>", head=head).encode())
    assert article.lead == PARAGRAPH
    assert article.paragraphs == ["Đoạn thứ hai của bài viết."]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("<p>Nguồn: Báo Sơn Lâm</p>", "Báo Sơn Lâm"),
        ("<p><em>Theo TTXVN</em></p>", "TTXVN"),
        ("<p>Tác giả: Lê Văn Nam</p>", "Lê Văn Nam"),
        ("<p style='text-align: right'>Hoàng Yến</p>", "Hoàng Yến"),
        ("<p><strong>Ngọc Mai</strong></p>", "Ngọc Mai"),
        ("<p>Theo kế hoạch, các xã hoàn thành việc rà soát trước ngày 30/11.</p>", ""),
    ],
)
def test_closing_author_line_becomes_the_author(line: str, author: str) -> None:
    article = extract(portal_page(line).encode())
    assert article.author == author
    assert (article.paragraphs == [PARAGRAPH]) is bool(author)


def test_date_line_with_weekday_gives_published() -> None:
    before = "<div class='info'>Thứ Ba, 12/10/2021 09:15</div>"
    assert extract(portal_page("", before=before).encode()).published == date(2021, 10, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21/09/2021", date(2021, 9, 21)),
        ("Thứ Ba, 12/10/2021 09:15", date(2021, 10, 12)),
        ("Cập nhật ngày 5 tháng 11 năm 2021", date(2021, 11, 5)),
        ("2021-09-21T08:00:00+07:00", date(2021, 9, 21)),
        ("31/02/2021", None),
        ("Lượt xem: 1.284", None),
    ],
)
def test_dates_are_read_in_vietnamese_forms(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_related_news_ends_the_article() -> None:
    related = "<h3>Tin liên quan</h3><ul><li><a href='/x'>Bài cũ về chủ đề</a></li></ul>"
    article = extract(portal_page(related).encode())
    assert article.paragraphs == [PARAGRAPH]
    assert "Bài cũ" not in everything(article)


@pytest.mark.parametrize("tag", ["a[", "b=c", "o:p", 'x"y'])
def test_a_kept_tag_that_is_no_xml_name_becomes_a_span_not_a_crash(tag: str) -> None:
    page = f"<html><body><div><p>trước</p><{tag}>giữa</{tag}></div></body></html>"
    parsed = etree.fromstring(page, etree.HTMLParser())  # the HTML parser keeps such names
    body = etree.Element("body")  # trafilatura's output is an XML tree, which refuses them
    for child in parsed.find("body/div"):
        body.append(copy.deepcopy(child))
    html = to_html(body)
    assert [el.tag for el in html.iter()][-1] in ("span", "p")
    assert html.text_content() == "trướcgiữa"
