"""Keep listening: the list page's queue and the reader page's next article, with the phrase
"Bài tiếp theo." between two articles, by keyboard and by the lock screen's controls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.pipeline import ingest, synthesize

pytestmark = pytest.mark.browser

# Three short articles, newest last: the list shows them first, newest first, above the others.
TITLES = ("Bài nghe liên tục một", "Bài nghe liên tục hai", "Bài nghe liên tục ba")
IDS = ("keep-1", "keep-2", "keep-3")
QUEUE = "document.getElementById('queue-audio')"
READER = "document.getElementById('audio')"
# Every Media Session action handler the page sets, kept where the test can call it.
RECORD_ACTIONS = """() => {
  window.actions = {};
  const session = navigator.mediaSession;
  if (!session) return;
  const set = session.setActionHandler.bind(session);
  session.setActionHandler = (name, handler) => {
    window.actions[name] = handler;
    try { set(name, handler); } catch (e) {}
  };
}"""


def page_of(title: str) -> bytes:
    """A short article with a lead (its bold first paragraph)."""
    body = "".join(
        f"<p>Đoạn {n}: Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành triển khai kế hoạch.</p>"
        for n in (1, 2)
    )
    return (
        f"<html lang='vi'><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p><strong>Phần mở đầu của {title.lower()}, đủ dài để làm sapo.</strong></p>{body}"
        "</article></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def queued(live_server: Any) -> Iterator[list[str]]:
    """Three short articles, the two newest with their audio made; ids newest first."""
    for article_id, title in zip(IDS, TITLES, strict=True):
        ingest(live_server.services, page_of(title), article_id=article_id, queue_audio=False)
        if article_id != IDS[0]:
            synthesize(live_server.services, article_id)
    yield list(reversed(IDS))


def playing(page: Any, audio: str, part: str) -> None:
    """Wait until ``audio`` plays a source whose URL holds ``part``, sound having started."""
    page.wait_for_function(
        f"() => {audio}.currentSrc.includes({part!r}) && !{audio}.paused"
        f" && {audio}.currentTime > 0",
        timeout=30_000,
    )


def src_of(page: Any, article_id: str) -> str:
    """The audio URL the list gives for an article."""
    return str(page.get_attribute(f"#articles li[data-id='{article_id}']", "data-mp3"))


def to_the_end(page: Any, audio: str) -> None:
    """Jump to the last half second of what ``audio`` plays."""
    page.evaluate(f"() => {{ {audio}.currentTime = Math.max(0, {audio}.duration - 0.5); }}")


def test_list_shows_each_articles_lead_length_and_a_listen_control(
    page: Any, live_server: Any, queued: list[str]
) -> None:
    page.goto(live_server.at("/"))
    item = page.locator(f"#articles li[data-id='{queued[0]}']")
    assert item.locator("h2 a").inner_text() == TITLES[2]
    assert "Phần mở đầu của bài nghe liên tục ba" in item.locator(".summary").inner_text()
    assert "giây nghe" in item.locator(".meta").inner_text()  # its audio is made: exact length
    listen = item.locator("a[data-listen]")
    assert listen.get_attribute("aria-label") == f"Nghe: {TITLES[2]}"
    assert page.is_visible("#queue")  # the queue exists with JavaScript only


def test_list_queue_says_next_article_then_plays_it_by_keyboard_and_lock_screen(
    page: Any, live_server: Any, queued: list[str]
) -> None:
    page.add_init_script(f"({RECORD_ACTIONS})()")
    page.goto(live_server.at("/"))
    page.focus(f"#articles li[data-id='{queued[0]}'] a[data-listen]")
    page.keyboard.press("Enter")  # "Nghe" on the newest: the queue starts there, in this page
    playing(page, QUEUE, src_of(page, queued[0]))
    assert page.url == live_server.at("/")
    assert page.evaluate("() => navigator.mediaSession.metadata.title") == TITLES[2]
    assert {"nexttrack", "previoustrack", "play", "pause"} <= set(
        page.evaluate("() => Object.keys(window.actions)")
    )

    to_the_end(page, QUEUE)
    playing(page, QUEUE, "/announce/next.mp3")  # the spoken phrase, made by our engine
    assert page.inner_text("#queue-status") == f"Bài tiếp theo: {TITLES[1]}"
    playing(page, QUEUE, src_of(page, queued[1]))  # then the next article (its title first)
    assert page.get_attribute(f"#articles li[data-id='{queued[1]}']", "aria-current") == "true"

    page.evaluate("() => window.actions.nexttrack()")  # the lock screen's "next"
    playing(page, QUEUE, "/live.mp3?stream")  # not made yet: streamed as it is made
    page.focus("#queue [data-q=prev]")
    page.keyboard.press("Enter")  # "Bài trước", by keyboard
    playing(page, QUEUE, src_of(page, queued[1]))
    page.focus("#queue [data-q=toggle]")
    page.keyboard.press("Space")
    page.wait_for_function(f"() => {QUEUE}.paused")
    # The label follows the audio's "pause" event, which comes just after ``paused`` is set.
    toggle = "document.querySelector('#queue [data-q=toggle]')"
    page.wait_for_function(f"() => {toggle}.innerText === 'Tiếp tục nghe'", timeout=5000)


def test_reader_page_end_says_next_article_then_opens_and_plays_it(
    page: Any, live_server: Any, queued: list[str]
) -> None:
    page.add_init_script(f"({RECORD_ACTIONS})()")
    page.goto(live_server.at(f"/articles/{queued[0]}"))
    page.wait_for_selector("#player:not([hidden])")
    assert page.inner_text("#continue a") == TITLES[1]  # the next article, without JavaScript too
    page.focus("#cont-toggle")
    page.keyboard.press("Space")  # "Hết bài thì tự phát bài tiếp theo"
    assert page.is_checked("#cont-toggle")
    page.click("#toggle")
    playing(page, READER, "blob:")  # its finished MP3, read into a MediaSource
    to_the_end(page, READER)
    page.wait_for_function(
        "() => document.getElementById('cont-status').textContent.startsWith('Bài tiếp theo')"
    )
    page.wait_for_url(live_server.at(f"/articles/{queued[1]}"), timeout=30_000)
    page.wait_for_function(f"() => !{READER}.paused && {READER}.currentTime > 0", timeout=30_000)
    assert page.is_checked("#cont-toggle")  # the choice is remembered
    page.evaluate("() => window.actions.nexttrack()")  # the lock screen's "next": next article
    page.wait_for_url(live_server.at(f"/articles/{queued[2]}"), timeout=30_000)


def test_pictures_that_cannot_load_become_their_alt_text(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))  # its pictures: the portal's
    page.wait_for_selector("#cont-js:not([hidden])")
    for figure in page.locator("article figure").all():  # lazy pictures load when near
        figure.scroll_into_view_if_needed()
    page.wait_for_function("() => !document.querySelector('article img')")  # no broken icon
    assert page.locator("article figcaption").count() >= 2  # the captions stay, said once
    page.evaluate(
        "() => document.querySelector('article').append("
        "Object.assign(new Image(), {src: '/no-such-picture.jpg', alt: 'Ảnh toàn cảnh hội nghị'}))"
    )
    page.wait_for_function("() => !document.querySelector('article img')")
    assert page.locator("article .img-alt").inner_text() == "Ảnh toàn cảnh hội nghị"


def test_a_caption_its_picture_repeats_is_in_the_accessibility_tree_once(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}?lowdata=0"))
    caption = page.locator("article figcaption").first.inner_text()
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    said = [
        n["role"]["value"]
        for n in nodes
        if not n.get("ignored") and (n.get("name") or {}).get("value", "") == caption
    ]
    assert said.count("StaticText") == 1 and "image" not in said and "img" not in said
