"""Keep listening and listen offline, without a browser: the list page, the next article, the
spoken phrases, the service worker's answer, and captions heard once."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from flask.testing import FlaskClient
from lxml import html as lxml_html

from app.audio import decode
from app.models import Article, BlockKind
from app.pipeline import ingest, synthesize
from app.web.format import caption_once

SAMPLE_ID, NEW_ID = "sample", "new"
NEW_PAGE = (
    "<html lang='vi'><head><title>Bài mới chưa nghe</title></head><body><article>"
    "<h1>Bài mới chưa nghe</h1><p><strong>Sapo của bài mới chưa nghe, đủ dài để làm sapo.</strong>"
    "</p><p>Đoạn một: Ủy ban nhân dân tỉnh đã chỉ đạo các sở triển khai kế hoạch năm nay.</p>"
    "<p>Đoạn hai: các địa phương báo cáo kết quả thực hiện trước ngày 15 tháng 12.</p>"
    "</article></body></html>"
).encode()


@pytest.fixture
def two(services: Any, sample_page: bytes) -> tuple[Article, Article]:
    """The sample (audio made), then a newer article whose audio is not made."""
    sample, _ = ingest(services, sample_page, article_id=SAMPLE_ID, queue_audio=False)
    synthesize(services, SAMPLE_ID)
    new, _ = ingest(services, NEW_PAGE, article_id=NEW_ID, queue_audio=False)
    return sample, new


def tree_of(client: FlaskClient, path: str) -> Any:
    """The parsed page at ``path`` (200)."""
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(response.get_data(as_text=True))


def test_list_gives_each_article_its_lead_length_and_a_listen_link_without_javascript(
    client: FlaskClient, two: tuple[Article, Article]
) -> None:
    sample, new_article = two
    tree = tree_of(client, "/")
    items = tree.xpath("//ul[@id='articles']/li")
    assert [li.get("data-id") for li in items] == [NEW_ID, SAMPLE_ID]  # newest first
    fresh, made = items
    assert fresh.xpath(".//p[@class='summary']")[0].text_content().startswith(new_article.lead[:40])
    assert re.fullmatch(
        r".*khoảng \d+ phút nghe", fresh.xpath(".//p[@class='meta']")[0].text_content()
    )
    assert re.search(r"\d+ phút \d+ giây nghe", made.xpath(".//p[@class='meta']")[0].text_content())
    listen = fresh.xpath(".//a[@data-listen]")[0]
    assert listen.get("href") == f"/articles/{NEW_ID}#listen-h"  # the player, without JS
    assert listen.get("aria-label") == f"Nghe: {new_article.title}"
    assert tree.get_element_by_id("queue").get("hidden") is not None  # JavaScript shows it


def test_reader_page_names_the_next_and_previous_article_in_list_order(
    client: FlaskClient, two: tuple[Article, Article]
) -> None:
    sample, new_article = two
    first = tree_of(client, f"/articles/{NEW_ID}").get_element_by_id("continue")
    assert first.get("data-next") == SAMPLE_ID and first.get("data-prev") is None
    assert first.xpath(".//a")[0].text_content() == sample.title
    last = tree_of(client, f"/articles/{SAMPLE_ID}").get_element_by_id("continue")
    assert last.get("data-next") is None and last.get("data-prev") == NEW_ID
    assert "Đây là bài cuối của danh sách." in last.text_content()


def test_next_article_phrase_is_speech_made_once_and_revalidated(client: FlaskClient) -> None:
    first = client.get("/announce/next.mp3")
    assert first.status_code == 200 and first.mimetype == "audio/mpeg"
    samples, rate = decode(first.get_data())
    seconds = len(samples) / rate
    assert 0.5 < seconds < 4  # "Bài tiếp theo." and the lead-in, nothing else
    loud = np.abs(samples.astype(np.int32)) > 1000  # about -30 dBFS: voice, not silence
    assert loud.mean() > 0.1
    again = client.get("/announce/next.mp3", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/announce/end.opus").mimetype == "audio/ogg"
    assert client.get("/announce/anything.mp3").status_code == 404
    assert client.get("/announce/next.wav").status_code == 404


def test_service_worker_is_served_for_the_whole_site_and_never_cached(
    client: FlaskClient,
) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"  # the list page answers offline too
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert b"cache.put" not in response.get_data()  # it only reads what a reader saved


def test_a_caption_said_by_its_image_alt_too_is_heard_once() -> None:
    html = (
        '<figure><img src="a.jpg" alt="Lớp học  &amp; học viên"><figcaption>x</figcaption></figure>'
    )
    assert 'alt=""' in caption_once(html, "Lớp học & học viên.")
    other = '<figure><img src="a.jpg" alt="Ảnh toàn cảnh"><figcaption>x</figcaption></figure>'
    assert caption_once(other, "Lớp học") == other


def test_reader_page_figures_do_not_repeat_their_captions(
    client: FlaskClient, services: Any, sample_page: bytes
) -> None:
    article, _ = ingest(services, sample_page, article_id=SAMPLE_ID, queue_audio=False)
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert figures and f'alt="{figures[0].text}"' in figures[0].html  # as extracted
    tree = tree_of(client, f"/articles/{SAMPLE_ID}")
    for figure in tree.xpath("//article//figure"):
        caption = figure.xpath("./figcaption")[0].text_content()
        assert all(img.get("alt") != caption for img in figure.xpath(".//img"))
