"""Content-addressed audio URLs: one URL, one byte stream; only those are immutable."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from app.store import files

IMMUTABLE = "public, max-age=31536000, immutable"
AUDIO_URL = re.compile(r"(?<=\")/audio/[0-9a-f]{32}\.[0-9a-f]{16}\.(?:mp3|opus|timings\.json)")


def _post(client: FlaskClient, page: bytes, article_id: str, services: Any) -> None:
    """Ingest ``page`` as ``article_id`` and wait for its audio."""
    answer = client.post(f"/api/articles?id={article_id}", data=page, content_type="text/html")
    assert answer.status_code in (200, 201), answer.get_data(as_text=True)
    services.queue.wait(timeout=600)


def _linked(client: FlaskClient, article_id: str) -> list[str]:
    """The content-addressed URLs the reader page links, in order."""
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    return list(dict.fromkeys(AUDIO_URL.findall(html)))


@pytest.fixture
def made(client: FlaskClient, short_page: bytes, services: Any) -> list[str]:
    """The short page ingested as ``c1`` with its audio made; the URLs its reader links."""
    _post(client, short_page, "c1", services)
    return _linked(client, "c1")


def test_reader_links_the_mp3_opus_and_timings_by_key_and_digest(made: list[str]) -> None:
    assert [u.rsplit(".", 1)[-1] for u in made] == ["opus", "mp3", "json"]


def test_a_content_addressed_file_is_immutable_with_its_digest_as_strong_etag(
    client: FlaskClient, made: list[str]
) -> None:
    for url in made:
        answer = client.get(url)
        assert answer.status_code == 200 and answer.headers["Cache-Control"] == IMMUTABLE
        digest = url.rsplit("/", 1)[1].split(".")[1]
        assert answer.headers["ETag"] == f'"{digest}"'
        assert hashlib.sha256(answer.data).hexdigest()[:16] == digest


def test_if_range_with_the_etag_of_other_bytes_gives_the_whole_file(
    client: FlaskClient, made: list[str]
) -> None:
    mp3 = next(u for u in made if u.endswith(".mp3"))
    whole = client.get(mp3).data
    other = client.get(mp3, headers={"Range": "bytes=0-9", "If-Range": '"0123456789abcdef"'})
    assert other.status_code == 200 and other.data == whole
    same = client.get(
        mp3, headers={"Range": "bytes=0-9", "If-Range": client.get(mp3).headers["ETag"]}
    )
    assert same.status_code == 206 and same.data == whole[:10]


def test_article_urls_redirect_to_the_current_files_and_are_never_immutable(
    client: FlaskClient, made: list[str]
) -> None:
    for path, target in (
        ("audio.opus", made[0]),
        ("audio.mp3", made[1]),
        ("timings.json", made[2]),
    ):
        answer = client.get(f"/articles/c1/{path}")
        assert answer.status_code == 307 and answer.headers["Location"].endswith(target)
        assert answer.headers["Cache-Control"] == "no-cache"
    for page in ("/", "/articles/c1", "/embed/c1", "/feed.xml", "/api/articles/c1"):
        assert "immutable" not in client.get(page).headers.get("Cache-Control", ""), page


def test_timings_at_their_own_url_are_json_sentences(client: FlaskClient, made: list[str]) -> None:
    answer = client.get(made[2])
    assert answer.mimetype == "application/json"
    assert {"start", "end", "block", "text"} <= set(json.loads(answer.data)[0])


@pytest.mark.own_audio
def test_reingested_changed_article_links_new_urls_and_old_ones_keep_old_bytes(
    client: FlaskClient, short_page: bytes, services: Any
) -> None:
    _post(client, short_page, "c2", services)
    before = _linked(client, "c2")
    old_bytes = [client.get(url).data for url in before]
    changed = short_page.replace(b"126", b"127")
    _post(client, changed, "c2", services)
    after = _linked(client, "c2")
    assert not set(before) & set(after)
    assert [client.get(url).data for url in before] == old_bytes
    feed = client.get("/feed.xml").get_data(as_text=True)
    assert after[1] in feed and before[1] not in feed
    assert client.get("/articles/c2/audio.mp3").headers["Location"].endswith(after[1])


@pytest.mark.parametrize(
    "name",
    ["x.mp3", "0" * 32 + ".mp3", "0" * 32 + ".0123456789abcdef.wav", "0" * 32 + ".json"],
)
def test_names_that_are_not_served_files_give_404(client: FlaskClient, name: str) -> None:
    assert client.get(f"/audio/{name}").status_code == 404


@pytest.mark.own_audio
def test_evicted_audio_is_gone_at_its_old_url(
    client: FlaskClient, short_page: bytes, services: Any
) -> None:
    _post(client, short_page, "c3", services)
    urls = _linked(client, "c3")
    files.remove_set(services.audio_dir, urls[0].rsplit("/", 1)[1].split(".")[0])
    assert client.get(urls[1]).status_code == 404
