"""Behaviour of ``app.clean.sanitize``: what goes, what stays, and hostile input stays cheap.

Whole pages and the shared corpora (text kept, the static XSS gate) are in test_clean_corpora.py.
"""

from __future__ import annotations

import re
import time

import lxml.html
import pytest

from app.clean import rules as clean_rules
from app.clean import sanitize
from app.errors import PayloadTooLarge

BASE = "https://backan.gov.vn/news/Pages/ChiTietTinTuc.aspx?ItemID=4521"


def fragment(html: str) -> lxml.html.HtmlElement:
    """The sanitized output parsed into a wrapper div."""
    return lxml.html.fragment_fromstring(html, create_parent="div")


def words(text: str) -> str:
    """Text with every blank character removed, for comparisons that ignore whitespace."""
    return "".join(text.split()).translate({ord(c): None for c in clean_rules.BLANK_CHARS})


def output_text(output: str) -> str:
    """The text of sanitized output."""
    return words(fragment(output).text_content()) if output else ""


# --- what goes ----------------------------------------------------------------------------------
def test_sanitize_drops_script_elements_and_their_content() -> None:
    out = sanitize('<p>a<script>alert("x")</script>b</p><SCRIPT src="//e.vn/x.js"></SCRIPT>')
    assert out == "<p>ab</p>"


def test_sanitize_drops_style_elements_and_style_attributes() -> None:
    out = sanitize('<style>p { color: red }</style><p style="color:red">Chữ</p>')
    assert out == "<p>Chữ</p>"


def test_sanitize_drops_event_handlers() -> None:
    out = sanitize('<p onclick="x()" onmouseover=y()>a</p><img src="/a.jpg" onerror="z()">')
    assert out == '<p>a</p><img src="/a.jpg" alt="" loading="lazy">'


JAVASCRIPT_HREFS = [
    "javascript:123", "javascript:alert(1)", "JAVASCRIPT:alert(1)", " \x01javascript:alert(1)",
    "java\tscript:alert(1)", "java&#x09;script:alert(1)", "jav&#10;ascript:alert(1)",
    "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)",
    "javascript&colon;alert(1)", "&amp;#106;avascript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "ftp://example.vn/a",
]  # fmt: skip


@pytest.mark.parametrize("href", JAVASCRIPT_HREFS)
def test_sanitize_drops_javascript_href_even_with_digits(href: str) -> None:
    out = sanitize(f'<p><a href="{href}">link</a></p>', base_url=BASE)
    assert out == "<p>link</p>"


def test_sanitize_removes_inline_font_sizes_and_families() -> None:
    html = (
        '<p><span style="font-size:14.0pt;font-family:&quot;Times New Roman&quot;">a</span>'
        '<font size="5" face="Arial">b</font></p>'
    )
    out = sanitize(html)
    assert out == "<p>ab</p>"


def test_sanitize_removes_word_markup() -> None:
    html = (
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>"
        '<![endif]--><p class="MsoNormal" style="mso-list:l0 level1 lfo1">'
        "<![if !supportLists]>1.<![endif]> Nội dung<o:p>&nbsp;</o:p></p>"
        '<p class=MsoListParagraph><st1:place w:st="on">Bắc Kạn</st1:place>'
        "<v:shape id=s><v:imagedata src=a.png></v:imagedata></v:shape></p>"
    )
    out = sanitize(html)
    assert out == "<p>1. Nội dung</p><p>Bắc Kạn</p>"


def test_sanitize_removes_empty_wrappers() -> None:
    html = (
        "<p>a</p><p>&nbsp;</p><p> <span> </span> </p><div> </div>"
        "<p><strong>&#160;</strong><em>\u200b</em><br></p><p>b<strong> </strong>c</p>"
    )
    assert sanitize(html) == "<p>a</p><p>b c</p>"


def test_sanitize_drops_all_comments() -> None:
    out = sanitize("<p>a<!-- note -->b<!--[if IE]><p>old</p><![endif]-->c</p><!-- end")
    assert out == "<p>abc</p>"


@pytest.mark.parametrize(
    "element",
    [
        "<svg><text>svg</text></svg>",
        "<math><mi>math</mi></math>",
        "<noscript><p>noscript</p></noscript>",
        "<template><p>template</p></template>",
        "<iframe src=//e.vn>iframe</iframe>",
        "<object data=x.swf>object</object>",
        "<embed src=x.swf>",
        "<select><option>option</option></select>",
        "<textarea>textarea</textarea>",
        "<button>button</button>",
        "<input value=input>",
        "<title>title</title>",
        "<video src=v.mp4>video</video>",
    ],
)
def test_sanitize_drops_foreign_and_raw_text_elements_with_their_content(element: str) -> None:
    out = sanitize(f"<p>a{element}b</p>")
    assert output_text(out) == "ab"
    assert re.fullmatch(r"(</?p>|[ab\n])*", out)


def test_sanitize_drops_noscript_mutation_payload() -> None:
    out = sanitize('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>x')
    assert out == "x"


def test_sanitize_unwraps_unknown_elements_but_keeps_their_text() -> None:
    html = '<div id="c" class="content-news"><section><span lang="vi">Một</span></section></div>'
    html += "<form action=/x><label>Hai</label></form><center><marquee>Ba</marquee></center>"
    assert words(output_text(sanitize(html))) == "MộtHaiBa"
    assert "<" not in sanitize(html)


def test_sanitize_unwraps_links_without_an_allowed_href() -> None:
    out = sanitize('<p><a name="top">a</a> <a href="#" onclick="f()">b</a></p>')
    assert out == '<p>a <a href="#" rel="noopener noreferrer">b</a></p>'


def test_sanitize_escapes_text_that_looks_like_markup() -> None:
    assert sanitize("1 &lt; 2 &amp;&amp; <b>3 > 2</b>") == "1 &lt; 2 &amp;&amp; <b>3 &gt; 2</b>"


def test_sanitize_returns_empty_string_for_blank_input() -> None:
    for html in ("", "   ", "<!-- nothing -->", "<!DOCTYPE html>", "<script>x</script>"):
        assert sanitize(html) == ""


# --- what stays ---------------------------------------------------------------------------------
def test_sanitize_keeps_headings_and_demotes_h1() -> None:
    html = '<h1 class="title">Tiêu đề</h1><h2>Hai</h2><h3>Ba</h3><h6 style="x">Sáu</h6>'
    assert sanitize(html) == "<h2>Tiêu đề</h2><h2>Hai</h2><h3>Ba</h3><h6>Sáu</h6>"


def test_sanitize_keeps_paragraphs_and_inline_emphasis() -> None:
    html = (
        '<p align="justify">Một <strong>hai</strong> <b>ba</b> <em>bốn</em> <i>năm</i> <u>sáu</u>'
        " <s>bảy</s> H<sub>2</sub>O m<sup>2</sup><br>"
        '<abbr title="Ủy ban nhân dân">UBND</abbr> <time datetime="2021-09-21">21/9</time></p>'
        "<blockquote><p>Trích <q>dẫn</q> <cite>nguồn</cite></p></blockquote><hr>"
        "<pre><code>x  =  1</code></pre>"
    )
    expected = html.replace(' align="justify"', "")
    assert sanitize(html) == expected


def test_sanitize_keeps_lists() -> None:
    html = '<ul class="x"><li>a</li><li>b<ol><li>c</li></ol></li></ul><dl><dt>d</dt><dd>e</dd></dl>'
    assert sanitize(html) == html.replace(' class="x"', "")


def test_sanitize_keeps_table_header_cells() -> None:
    html = (
        '<table border="1" style="width:500px"><caption>Bảng</caption>'
        '<thead><tr><th scope="col" colspan="2" width="50%">Tên</th><th scope="evil">Số</th></tr>'
        '</thead><tbody><tr><td rowspan="2" colspan="x">a</td><td>b</td><td>1</td></tr></tbody>'
        "<tfoot><tr><td>c</td></tr></tfoot></table>"
    )
    assert sanitize(html) == (
        '<table><caption>Bảng</caption><thead><tr><th scope="col" colspan="2">Tên</th><th>Số</th>'
        '</tr></thead><tbody><tr><td rowspan="2">a</td><td>b</td><td>1</td></tr></tbody>'
        "<tfoot><tr><td>c</td></tr></tfoot></table>"
    )


def test_sanitize_keeps_figures_with_captions_and_fills_image_alt() -> None:
    html = (
        '<figure class="image"><img src="/a.jpg" width="500" height="282" style="x">'
        "<figcaption>Các học viên <em>nhận bằng</em></figcaption></figure>"
        '<figure><img src="/b.jpg" alt="Ảnh b"><figcaption>Chú thích</figcaption></figure>'
        '<p><img src="/c.jpg"></p>'
    )
    assert sanitize(html, base_url=BASE) == (
        '<figure><img src="https://backan.gov.vn/a.jpg" alt="Các học viên nhận bằng" '
        'loading="lazy">'
        "<figcaption>Các học viên <em>nhận bằng</em></figcaption></figure>"
        '<figure><img src="https://backan.gov.vn/b.jpg" alt="Ảnh b" loading="lazy">'
        "<figcaption>Chú thích</figcaption></figure>"
        '<p><img src="https://backan.gov.vn/c.jpg" alt="" loading="lazy"></p>'
    )


def test_sanitize_keeps_only_image_data_urls_for_images() -> None:
    png = "data:image/png;base64,iVBORw0KGgo="
    html = f'<img src="{png}"><img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">'
    html += f'<a href="{png}">png</a>'
    assert sanitize(html) == f'<img src="{png}" alt="" loading="lazy">png'


def test_sanitize_keeps_links_resolved_with_rel() -> None:
    html = (
        '<a href="/tin/1.aspx" title="Tin" target="_blank">a</a> <a href="https://e.vn/?a=1&amp;b=2">'
        'b</a> <a href="mailto:bbt@backan.gov.vn">c</a> <a href="  HTTP://E.VN/x  ">d</a>'
    )
    assert sanitize(html, base_url=BASE) == (
        '<a href="https://backan.gov.vn/tin/1.aspx" title="Tin" rel="noopener noreferrer">a</a> '
        '<a href="https://e.vn/?a=1&amp;b=2" rel="noopener noreferrer">b</a> '
        '<a href="mailto:bbt@backan.gov.vn" rel="noopener noreferrer">c</a> '
        '<a href="HTTP://E.VN/x" rel="noopener noreferrer">d</a>'
    )
    out = sanitize('<a href="tin/1.aspx#p2">relative without a base</a>')
    assert out.startswith('<a href="tin/1.aspx#p2" rel="noopener noreferrer">')


# --- limits -------------------------------------------------------------------------------------
def test_sanitize_refuses_oversize_input(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PayloadTooLarge) as raised:
        sanitize("<p>" + "a" * 2_000_000)
    assert raised.value.status == 413
    monkeypatch.setattr(clean_rules, "MAX_INPUT_CHARS", 100)
    assert sanitize("a" * 100) == "a" * 100
    with pytest.raises(PayloadTooLarge):
        sanitize("a" * 101)


@pytest.mark.parametrize("tag", ["div", "blockquote", "b", "span", "table"])
def test_sanitize_flattens_deep_nesting_quickly(tag: str) -> None:
    depth = 50_000
    html = f"<{tag}>" * depth + "sâu" + f"</{tag}>" * depth + "<p>sau</p>"
    started = time.perf_counter()
    out = sanitize(html)
    assert time.perf_counter() - started < 20
    assert "sâu" in out and out.endswith("<p>sau</p>")
    assert max(len(list(e.iterancestors())) for e in fragment(out).iter()) <= clean_rules.MAX_DEPTH


def test_sanitize_keeps_nesting_below_the_limit() -> None:
    html = "<blockquote>" * 20 + "x" + "</blockquote>" * 20
    assert sanitize(html) == html


def test_sanitize_stays_linear_on_formatting_that_browsers_reopen() -> None:
    # Each <b> with new attributes left open is reopened in every later paragraph by an HTML5
    # parser: quadratic in the number of paragraphs unless the sanitizer prevents it.
    html = "".join(f"<p><b data-i={i}>x</p>" for i in range(10_000))
    started = time.perf_counter()
    out = sanitize(html)
    assert time.perf_counter() - started < 20
    assert output_text(out) == "x" * 10_000


def test_sanitize_stays_linear_on_long_runs_of_siblings() -> None:
    html = "<b>x</b>" * 20_000
    started = time.perf_counter()
    assert sanitize(html) == html
    assert time.perf_counter() - started < 20
