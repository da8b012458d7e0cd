"""Extraction on news and portal pages written in the markup of several CMS families.

Each page in ``tests/data/news/`` mixes the classes real pages mix (captions in <figcaption><p>,
in caption boxes, table cells and centred lines; photo stories; combined credit labels; sapos in
many wrappers). Every field of its ``.expected.json`` is pinned exactly.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from app.extract import extract
from app.models import Article, BlockKind

NEWS = Path(__file__).parent / "data" / "news"
EXPECTED = sorted(NEWS.glob("*.expected.json"))
# Alternative text that says nothing about a photo: empty, "Ảnh 1", a file name.
_MEANINGLESS_ALT = re.compile(r'alt=""|alt="(?:Ảnh|Hình|IMG)[ _-]?\d*"|alt="[^"]*\.jpe?g"', re.I)


def load(path: Path) -> tuple[dict, Article]:
    """The expectations stored beside a page, and the article extracted from the page."""
    expected = json.loads(path.read_text(encoding="utf-8"))
    return expected, extract((NEWS / expected["file"]).read_bytes())


def ids(path: Path) -> str:
    """A test id: the page's name."""
    return path.name.removesuffix(".expected.json")


def test_the_news_set_holds_at_least_twelve_pages() -> None:
    assert len(EXPECTED) >= 12
    assert all((NEWS / f"{ids(p)}.html").is_file() for p in EXPECTED)


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_news_page_gives_title_date_author_and_lead(path: Path) -> None:
    expected, article = load(path)
    assert article.title == expected["title"]
    assert article.published == date.fromisoformat(expected["published"])
    assert article.author == expected["author"]
    assert article.lead == expected["lead"]


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_news_page_gives_its_captions_as_figures_and_not_as_paragraphs(path: Path) -> None:
    expected, article = load(path)
    assert article.captions == expected["captions"]
    assert not set(article.captions) & set(article.paragraphs)


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_news_page_gives_exactly_its_body_paragraphs_and_headings(path: Path) -> None:
    expected, article = load(path)
    assert article.paragraphs == expected["paragraphs"]
    assert article.headings == expected["headings"]


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_news_page_leaves_out_the_sites_own_text(path: Path) -> None:
    expected, article = load(path)
    parts = [article.title, article.lead, *article.captions, article.text, article.body_html]
    text = "\n".join(parts)
    for unwanted in expected["must_not_have"]:
        assert unwanted not in text, unwanted


@pytest.mark.parametrize("path", EXPECTED, ids=ids)
def test_every_photo_keeps_its_caption_beside_it_as_alt_and_figcaption(path: Path) -> None:
    _, article = load(path)
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert figures
    for figure in figures:
        assert figure.html.endswith(f"<figcaption>{figure.text}</figcaption></figure>")
        assert not _MEANINGLESS_ALT.search(figure.html), figure.html


PARAGRAPH = (
    "Ủy ban nhân dân huyện đã chỉ đạo các phòng, ban chuyên môn phối hợp với chính quyền các xã "
    "rà soát, thống kê đầy đủ số hộ dân bị ảnh hưởng để kịp thời hỗ trợ, ổn định cuộc sống."
)
CAPTION = "Người dân tham gia ngày hội đại đoàn kết toàn dân tộc."


def news_page(body: str) -> bytes:
    """A news page no portal profile knows: four paragraphs around ``body``, read by trafilatura."""
    paragraphs = [f"<p>{PARAGRAPH} Đợt {n} triển khai trong tháng {n + 2}.</p>" for n in (1, 2)]
    return (
        "<html><head><meta charset='utf-8'><title>Tin | Báo Tin Tức</title></head><body>"
        "<nav><a href='/'>Trang chủ</a></nav><main><article><h1>Ngày hội ở thôn Nà Pài</h1>"
        f"<div class='body'>{''.join(paragraphs)}{body}{''.join(paragraphs)}</div></article>"
        "</main></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "photo",
    [
        f"<figure><img src='a.jpg' alt='Ảnh 1'><figcaption><p>{CAPTION}</p></figcaption></figure>",
        f"<div><img src='a.jpg' alt='Ảnh 1'></div><div class='image-caption'><p>{CAPTION}</p>"
        "</div>",
        f"<p><img src='a.jpg' alt='a.jpg'></p><p class='desc'>{CAPTION}</p>",
        f"<figure><img src='a.jpg' alt='IMG_2031.JPG'><span class='fig-caption'>{CAPTION}</span>"
        "</figure>",
    ],
    ids=["figcaption-p", "caption-box", "p-desc", "span-in-figure"],
)
def test_caption_markup_gives_a_captioned_figure_not_a_paragraph(photo: str) -> None:
    article = extract(news_page(photo))
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert [f.text for f in figures] == [CAPTION]
    img = f'<img src="a.jpg" alt="{CAPTION}">'
    assert figures[0].html == f"<figure>{img}<figcaption>{CAPTION}</figcaption></figure>"
    assert CAPTION not in article.paragraphs


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Tác giả - Nguồn: Minh Hà", "Minh Hà"),
        ("Tin, ảnh: Lê Hằng", "Lê Hằng"),
        ("Bài và ảnh: Vũ Thanh", "Vũ Thanh"),
        ("Tin và ảnh: Đàm Thu", "Đàm Thu"),
        ("Thực hiện: Nhóm phóng viên", "Nhóm phóng viên"),
        ("Nhóm PV", "Nhóm PV"),
        ("CTV", "CTV"),
        ("Ngọc Lan (CTV)", "Ngọc Lan (CTV)"),
        ("(Theo TTXVN)", "TTXVN"),
    ],
)
def test_credit_line_closing_the_body_gives_the_author_and_leaves_the_body(
    line: str, author: str
) -> None:
    closing = f"<p style='text-align: right'>{line}</p></div></article>".encode()
    article = extract(news_page("").replace(b"</div></article>", closing))
    assert article.author == author
    assert line not in article.text


def test_real_news_pages_give_every_hand_checked_field(shared_corpus: Path) -> None:
    folder = shared_corpus / "news"
    pages = sorted(folder.glob("*.expected.json"))
    assert pages, f"no real news pages in {folder}"
    for path in pages:
        expected = json.loads(path.read_text(encoding="utf-8"))
        article = extract((folder / expected["file"]).read_bytes())
        assert article.title == expected["title"], path.name
        assert article.published == date.fromisoformat(expected["published"]), path.name
        assert article.author == (expected["author"] or ""), path.name
        assert article.lead == (expected["lead"] or ""), path.name
        assert article.captions == expected["captions"], path.name
        assert article.paragraphs == expected["paragraphs"], path.name
        assert article.headings == expected["headings"], path.name
        text = "\n".join([article.title, article.lead, *article.captions, article.text])
        assert not [s for s in expected["must_not_have"] if s in text], path.name


SAPO = (
    "Ở những bản vùng cao, các tổ bảo vệ rừng cộng đồng đã âm thầm giữ màu xanh cho hơn "
    "3.000 héc-ta rừng đầu nguồn suốt hai mươi năm qua."
)


@pytest.mark.parametrize(
    "kicker_first", [True, False], ids=["kicker-then-sapo", "sapo-then-kicker"]
)
def test_sapo_beside_an_upper_case_chapter_heading_is_the_lead(kicker_first: bool) -> None:
    parts = ["<h2>NGÀY HỘI Ở BẢN XÁ NHÈ</h2>", f"<h2>{SAPO}</h2>"]
    heads = "".join(parts if kicker_first else reversed(parts))
    body = "".join(f"<p>{PARAGRAPH} Đợt {n}.</p>" for n in range(4))
    page = (
        "<html><head><meta charset='utf-8'><title>Tin</title></head><body><div class='emagazine'>"
        f"<h1>Những người giữ rừng</h1>{heads}<div class='noidung'>{body}</div></div></body></html>"
    )
    assert extract(page.encode()).lead == SAPO


@pytest.mark.parametrize("emphasis", ["em", "i", "strong"])
@pytest.mark.parametrize(
    "opening",
    ["<h4><strong>KHI RỪNG VÀO MÙA XANH</strong></h4>", "<h4>Khi rừng vào mùa xanh</h4>", ""],
    ids=["upper-case-heading", "mixed-case-heading", "no-heading"],
)
def test_a_sapo_set_apart_in_emphasis_under_an_image_title_is_the_lead(
    opening: str, emphasis: str
) -> None:
    body = "".join(f"<p>{PARAGRAPH} Đợt {n}.</p>" for n in range(4))
    page = (
        "<html><head><meta charset='utf-8'><title>Giữ rừng</title></head><body>"
        "<div class='emag'><h1><img src='/t.png' alt=''></h1>"
        f"<article class='article-content'>{opening}<p><{emphasis}>{SAPO}</{emphasis}></p>"
        f"{body}</article></div></body></html>"
    )
    article = extract(page.encode())
    assert article.lead == SAPO
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ([markup_text(opening)] if opening else [])


def test_an_italic_caption_line_under_a_photo_is_not_the_lead() -> None:
    body = "".join(f"<p>{PARAGRAPH} Đợt {n}.</p>" for n in range(4))
    page = (
        "<html><head><meta charset='utf-8'><title>Giữ rừng</title></head><body>"
        "<div class='article-content'><p style='text-align:center'><img src='a.jpg' alt=''></p>"
        f"<p style='text-align:center'><em>{SAPO}</em></p>{body}</div></body></html>"
    )
    assert extract(page.encode()).lead == ""


def markup_text(fragment: str) -> str:
    """The text of an HTML fragment."""
    return lxml.html.fragment_fromstring(fragment).text_content()
