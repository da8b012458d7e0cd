"""Reader, embed, oEmbed and feed, without a browser: markup, budgets, and what integrators get."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from lxml import etree
from lxml import html as lxml_html

from app import create_app
from app.audiostate import audio_path
from app.clean.tables import with_header_cells
from app.pipeline import ingest, synthesize
from app.web.context import get_services
from app.web.format import duration_vi, size_vi
from app.web.prefs import SIZES, THEMES
from bench.pageweight import EMBED_BUDGET, READER_BUDGET, page_weights

SAMPLE_ID, SHORT_ID = "sample", "short"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.fixture
def sample(services: Any, sample_page: bytes) -> Any:
    """The sample article, ingested with its audio made (shared across the session)."""
    article, _ = ingest(services, sample_page, article_id=SAMPLE_ID, queue_audio=False)
    synthesize(services, SAMPLE_ID)
    return article


@pytest.fixture
def short(services: Any, short_page: bytes) -> Any:
    """A short article (its audio not made when the test is marked ``own_audio``)."""
    return ingest(services, short_page, article_id=SHORT_ID, queue_audio=False)[0]


def page_tree(client: FlaskClient, path: str) -> Any:
    """The parsed HTML of ``path``, which must answer 200."""
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(response.get_data(as_text=True))


def test_durations_and_sizes_read_as_vietnamese_writes_them() -> None:
    assert duration_vi(252) == "4 phút 12 giây" and duration_vi(60) == "1 phút"
    assert size_vi(1_000_000) == "1,0 MB" and size_vi(897_000) == "897 KB"


def test_reader_page_has_landmarks_one_h1_and_an_article(client: FlaskClient, sample: Any) -> None:
    tree = page_tree(client, f"/articles/{SAMPLE_ID}")
    assert tree.get("lang") == "vi"
    skip = tree.xpath("//body/*[1]")[0]
    assert skip.tag == "a" and skip.get("href") == "#main" and tree.xpath("//main[@id='main']")
    assert len(tree.xpath("//header")) == len(tree.xpath("//footer")) == 1
    assert len(tree.xpath("//h1")) == 1 and tree.xpath("//article/h1")
    assert tree.xpath("//article//time[@datetime='2021-09-21']")
    assert tree.xpath("//nav[@aria-labelledby]")
    figures = tree.xpath("//article//figure")
    assert figures and all(f.xpath("./figcaption") for f in figures)


def test_reader_page_audio_loads_nothing_until_play(client: FlaskClient, sample: Any) -> None:
    tree = page_tree(client, f"/articles/{SAMPLE_ID}")
    (audio,) = tree.xpath("//audio")
    assert audio.get("preload") == "none" and audio.get("controls") is not None
    types = [s.get("type") for s in audio.xpath(".//source")]  # libxml2 nests HTML5 voids
    assert types == ["audio/ogg; codecs=opus", "audio/mpeg"]
    info = tree.get_element_by_id("audio-info").text_content()
    assert re.search(r"\b7 phút \d+ giây · \d+,\d MB\b", info)
    scripts = tree.xpath("//script")
    srcs = ["/static/player.js", "/static/reader.js"]  # prefs.js: when its panel is near
    assert sorted(s.get("src") for s in scripts) == srcs
    assert all(s.get("defer") is not None for s in scripts)  # no inline script: the CSP forbids it


@pytest.mark.own_audio
def test_reader_page_says_audio_will_be_made_when_it_is_not_ready(
    client: FlaskClient, short: Any
) -> None:
    tree = page_tree(client, f"/articles/{SHORT_ID}")
    assert tree.get_element_by_id("player").get("data-status") != "ready"
    assert "được tạo khi bạn bấm phát" in tree.get_element_by_id("audio-info").text_content()


def test_body_blocks_carry_the_ids_the_timings_refer_to(client: FlaskClient, sample: Any) -> None:
    tree = page_tree(client, f"/articles/{SAMPLE_ID}")
    blocks = [int(b.get("data-block")) for b in tree.xpath("//article//*[@data-block]")]
    assert blocks == list(range(len(blocks)))
    assert all(tree.get_element_by_id(f"b{n}") is not None for n in blocks)
    timings = client.get(f"/articles/{SAMPLE_ID}/timings.json", follow_redirects=True).get_json()
    assert {t["block"] for t in timings} <= set(blocks)


def test_tables_get_header_cells_and_a_named_scroll_region(client: FlaskClient, short: Any) -> None:
    tree = page_tree(client, f"/articles/{SHORT_ID}")
    (region,) = tree.xpath("//article//*[@role='region'][.//table]")
    assert region.get("tabindex") == "0" and region.get("aria-label").startswith("Bảng 1")
    assert [th.get("scope") for th in region.xpath(".//tr[1]/th")] == ["col", "col", "col"]


def test_a_table_without_headers_gets_its_first_row_as_headers() -> None:
    html = with_header_cells("<table><tr><td>Năm</td><td>Số</td></tr><tr><td>1</td><td>2</td></tr>")
    assert html.count('<th scope="col">') == 2 and html.count("<td>") == 2


def test_preference_links_cover_seven_sizes_to_300_percent_and_every_theme(
    client: FlaskClient, sample: Any
) -> None:
    assert len(SIZES) >= 7 and SIZES[0] == 100 and SIZES[-1] >= 300
    tree = page_tree(client, f"/articles/{SAMPLE_ID}?theme=sepia")
    sizes = tree.xpath("//ul[@aria-labelledby='size-l']//a/@href")
    assert len(sizes) == len(SIZES) and all(f"size={i}" in h for i, h in enumerate(sizes))
    themes = tree.xpath("//ul[@aria-labelledby='theme-l']//a")
    chosen = [f"{v} (đang dùng)" if k == "sepia" else v for k, v in THEMES.items()]
    assert [a.text_content() for a in themes] == chosen  # the choice in words, not only ARIA
    assert "theme=sepia" in sizes[3]  # a size link keeps the other choices: shareable as is
    current = tree.xpath("//ul[@aria-labelledby='theme-l']//a[@aria-current]")
    assert [a.text_content() for a in current] == ["Giấy cũ (đang dùng)"]


def test_shared_preference_link_is_applied_and_remembered(client: FlaskClient, sample: Any) -> None:
    first = client.get(f"/articles/{SAMPLE_ID}?size=5&theme=dark&spacing=wide&width=narrow")
    assert (
        "baonoi_prefs=" in first.headers["Set-Cookie"] and "HttpOnly" in first.headers["Set-Cookie"]
    )
    tree = page_tree(client, "/")
    assert tree.get("class") == "t-dark sp-wide w-narrow" and "font-size:200%" in tree.get("style")
    assert tree.xpath("//meta[@name='color-scheme']/@content") == ["dark"]


def test_reader_page_shows_operators_an_iframe_snippet_with_a_title(
    client: FlaskClient, sample: Any
) -> None:
    tree = page_tree(client, f"/articles/{SAMPLE_ID}")
    snippet = tree.xpath("//textarea[@id='embed-code']")[0].text
    (iframe,) = lxml_html.fragments_fromstring(snippet)
    assert iframe.tag == "iframe" and iframe.get("src").endswith(f"/embed/{SAMPLE_ID}")
    assert iframe.get("title") == f"Nghe bài: {sample.title}"
    assert tree.xpath("//label[@for='embed-code']")


def test_reader_page_fits_the_14_kb_budget(client: FlaskClient, sample: Any) -> None:
    weights = page_weights(client, f"/articles/{SAMPLE_ID}")
    paths = [f"/articles/{SAMPLE_ID}", "/static/player.js", "/static/reader.js"]
    assert [w.path for w in weights] == paths
    assert sum(w.gz for w in weights) <= READER_BUDGET


def test_embed_page_fits_the_10_kb_budget(client: FlaskClient, sample: Any) -> None:
    assert sum(w.gz for w in page_weights(client, f"/embed/{SAMPLE_ID}")) <= EMBED_BUDGET


def test_embed_page_is_named_by_the_article_title(client: FlaskClient, sample: Any) -> None:
    tree = page_tree(client, f"/embed/{SAMPLE_ID}")
    assert tree.get("lang") == "vi" and sample.title in tree.findtext(".//title")
    (audio,) = tree.xpath("//audio")
    assert audio.get("preload") == "none"
    label = tree.get_element_by_id(audio.get("aria-labelledby"))
    assert label.text_content() == sample.title


def test_embed_page_may_be_framed_only_by_the_configured_origins(
    overrides: dict[str, Any], sample_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAONOI_EMBED_ORIGINS", "https://backan.gov.vn https://*.backan.gov.vn")
    app = create_app(overrides)
    services = get_services(app)
    try:
        ingest(services, sample_page, article_id=SAMPLE_ID, queue_audio=False)
        client = app.test_client()
        csp = client.get(f"/embed/{SAMPLE_ID}").headers["Content-Security-Policy"]
        assert "frame-ancestors https://backan.gov.vn https://*.backan.gov.vn" in csp
        page_csp = client.get(f"/articles/{SAMPLE_ID}").headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in page_csp
    finally:
        services.queue.close()


def test_oembed_gives_a_rich_iframe_for_a_reader_url(client: FlaskClient, sample: Any) -> None:
    url = f"http://localhost/articles/{SAMPLE_ID}"
    body = client.get("/oembed", query_string={"url": url, "format": "json"}).get_json()
    assert body["version"] == "1.0" and body["type"] == "rich" and body["title"] == sample.title
    assert body["width"] > 0 and body["height"] > 0 and body["author_name"] == sample.author
    (iframe,) = lxml_html.fragments_fromstring(body["html"])
    assert iframe.get("title") == f"Nghe bài: {sample.title}"
    narrow = client.get("/oembed", query_string={"url": url, "maxwidth": "300"}).get_json()
    assert narrow["width"] == 300


def test_reader_page_advertises_its_oembed_and_the_feed(client: FlaskClient, sample: Any) -> None:
    tree = page_tree(client, f"/articles/{SAMPLE_ID}")
    (oembed,) = tree.xpath("//link[@type='application/json+oembed']/@href")
    assert client.get(oembed).get_json()["type"] == "rich"
    (feed,) = tree.xpath("//link[@type='application/rss+xml']/@href")
    assert client.get(feed).status_code == 200


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"url": "https://elsewhere.example/articles/sample"}, 400),
        ({"url": "http://localhost/feed.xml"}, 400),
        ({"url": "http://localhost/articles/nope"}, 404),
        ({"url": "http://localhost/articles/sample", "format": "xml"}, 501),
    ],
)
def test_oembed_refuses_what_it_cannot_embed(
    client: FlaskClient, sample: Any, query: dict[str, str], status: int
) -> None:
    assert client.get("/oembed", query_string=query).status_code == status


def feed_items(client: FlaskClient) -> dict[str, Any]:
    """The feed, checked to be RSS 2.0 with the required channel elements; its items by id."""
    response = client.get("/feed.xml")
    assert response.mimetype == "application/rss+xml"
    rss = etree.fromstring(response.data, parser=etree.XMLParser(resolve_entities=False))
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert all(channel.findtext(name) for name in ("title", "link", "description", "language"))
    return {item.findtext("link").rsplit("/", 1)[1]: item for item in channel.iter("item")}


def test_feed_is_an_rss_podcast_with_audio_enclosures(
    client: FlaskClient, services: Any, sample: Any
) -> None:
    ready = feed_items(client)[SAMPLE_ID]
    enclosure = ready.find("enclosure")
    assert enclosure.get("type") == "audio/mpeg"
    mp3 = audio_path(services, sample.audio_key, "mp3")
    assert enclosure.get("url").endswith(f"/audio/{mp3.name}")  # the immutable, versioned URL
    assert int(enclosure.get("length")) == Path(mp3).stat().st_size
    assert int(ready.findtext(f"{ITUNES}duration")) > 60
    assert parsedate_to_datetime(ready.findtext("pubDate")).year == 2021
    assert ready.findtext("guid") and ready.findtext("title") == sample.title


@pytest.mark.own_audio
def test_feed_lists_an_article_before_its_audio_is_made(client: FlaskClient, short: Any) -> None:
    pending = feed_items(client)[SHORT_ID]
    assert pending.find("enclosure").get("length") == "0"  # unknown until made (RSS best practice)
    assert pending.find(f"{ITUNES}duration") is None
