"""Generated article ids: the title's words, whole, and a hash of where the article came from."""

from __future__ import annotations

import pytest
from flask import Flask

from app.identity import derive_id, slug
from app.models import Article
from app.pipeline import ingest
from app.web.context import get_services

TITLES = [
    "Chất lượng tổ chức Đảng và đội ngũ cán bộ đảng viên ở Bắc Kạn được nâng lên rõ rệt",
    "Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội năm 2024 của UBND tỉnh Bắc Kạn",
    "Đường Trường Sơn",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_generated_id_keeps_whole_words_of_the_title(title: str) -> None:
    whole = slug(title, limit=1000).split("-")
    cut = slug(title).split("-")
    assert len("-".join(cut)) <= 60
    assert cut == whole[: len(cut)]


def test_a_title_of_one_endless_word_is_cut_at_the_limit() -> None:
    assert slug("a" * 80) == "a" * 60


def test_a_title_without_letters_gives_a_plain_id() -> None:
    assert slug("!!! ???") == "bai"


def test_the_id_ends_with_a_hash_of_the_source_address() -> None:
    article = Article(title=TITLES[0], blocks=[], source_url="https://example.gov.vn/a.aspx")
    words, digest = derive_id(article).rsplit("-", 1)
    assert words == slug(TITLES[0]) and len(digest) == 8


def test_a_page_stored_under_an_id_cut_inside_a_word_is_found_again(app: Flask) -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>x</title></head><body><article>"
        f"<h1>{TITLES[0]}</h1>"
        + "<p>Nội dung bài viết về công tác xây dựng Đảng.</p>" * 6
        + "</article></body></html>"
    ).encode()
    services = get_services(app)
    article, _ = ingest(services, page, queue_audio=False)
    earlier = f"{slug(TITLES[0], limit=1000)[:60].rstrip('-')}-{article.id.rsplit('-', 1)[1]}"
    assert earlier != article.id
    services.store.delete_article(article.id)
    article.id = earlier
    services.store.put_article(article)
    again, created = ingest(services, page, queue_audio=False)
    assert (again.id, created) == (earlier, False)
