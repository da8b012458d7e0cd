"""Images whose address cannot be resolved against the article's source are shown by the server
as their alt text: the browser never asks our service for them."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from lxml import html as lxml_html

from app.models import Block, BlockKind
from app.pipeline import ingest
from app.web.format import block_html, unresolved_as_alt


def test_relative_images_become_their_alt_text_and_absolute_ones_stay() -> None:
    html = (
        '<img src="/a.jpg" alt="Ảnh &amp; chú thích &lt;b&gt;"><img src="b.jpg" alt="">'
        '<img src="https://x.vn/c.jpg" alt="C"><img src="//x.vn/d.jpg" alt="D">'
        '<img src="data:image/png;base64,AAAA" alt="E">'
    )
    out = unresolved_as_alt(html)
    assert out.startswith(
        '<span class="img-alt">Ảnh &amp; chú thích &lt;b&gt;</span><img src="https'
    )
    assert "b.jpg" not in out and "/a.jpg" not in out
    assert out.count("<img") == 3  # absolute, protocol-relative and data: addresses stay
    odd = '<img alt="a > b" src="https://x.vn/e.jpg"><img alt="c > d" src="e.jpg">'
    assert unresolved_as_alt(odd) == (
        '<img alt="a > b" src="https://x.vn/e.jpg"><span class="img-alt">c &gt; d</span>'
    )
    block = Block(kind=BlockKind.PARAGRAPH, html=html, text="")
    assert "/a.jpg" not in block_html(block) and "<img" not in block_html(block, lowdata=True)


def test_reader_page_never_points_an_image_at_our_service(
    client: FlaskClient, services: Any, sample_page: bytes
) -> None:
    # The sample page posted without its address: its pictures' addresses are relative.
    assert b'src="/news/' in sample_page
    ingest(services, sample_page, article_id="no-base", queue_audio=False)
    tree = lxml_html.fromstring(client.get("/articles/no-base").get_data(as_text=True))
    assert tree.xpath("//article//figure")  # the figures and their captions stay
    assert all(
        src.startswith(("https:", "http:", "data:", "//")) for src in tree.xpath("//img/@src")
    )
