"""Audio over HTTP: the whole file, ranges (206, 416, malformed, open-ended, several),
validators (ETag, If-Range), HEAD and the exact content types."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.conftest import ARTICLE_ID


def test_audio_is_served_whole_with_cache_headers(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    response = client.get(f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["ETag"].startswith('"')
    assert len(response.data) > 100_000


def test_range_request_gives_206_with_exactly_those_bytes(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    whole = client.get(f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True).data
    part = client.get(
        f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True, headers={"Range": "bytes=0-99"}
    )
    assert part.status_code == 206
    assert len(part.data) == 100 and part.data == whole[:100]
    assert part.headers["Content-Range"] == f"bytes 0-99/{len(whole)}"
    tail = client.get(
        f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True, headers={"Range": "bytes=-10"}
    )
    assert tail.status_code == 206 and tail.data == whole[-10:]


def test_unsatisfiable_range_gives_416_with_the_length(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    size = len(client.get(f"/articles/{ARTICLE_ID}/audio.opus", follow_redirects=True).data)
    response = client.get(
        f"/articles/{ARTICLE_ID}/audio.opus",
        follow_redirects=True,
        headers={"Range": f"bytes={size}-"},
    )
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{size}"


@pytest.mark.parametrize("spec", ["bytes=1-0", "items=0-", "bytes=x-", "bytes=-", "bytes=0-1,4-5"])
def test_a_malformed_range_on_an_audio_file_is_ignored_and_the_whole_file_sent(
    client: FlaskClient, ingested: dict[str, Any], spec: str
) -> None:
    whole = client.get(f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True).data
    answer = client.get(
        f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True, headers={"Range": spec}
    )
    assert answer.status_code == 200 and "Content-Range" not in answer.headers
    assert answer.data == whole


def test_matching_etag_gives_304(client: FlaskClient, ingested: dict[str, Any]) -> None:
    etag = client.get(f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True).headers["ETag"]
    again = client.get(
        f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.data == b""


def test_if_range_with_another_validator_sends_the_whole_file(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    etag = client.get(f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True).headers["ETag"]
    same = client.get(
        f"/articles/{ARTICLE_ID}/audio.mp3",
        follow_redirects=True,
        headers={"Range": "bytes=0-9", "If-Range": etag},
    )
    weak = client.get(
        f"/articles/{ARTICLE_ID}/audio.mp3",
        follow_redirects=True,
        headers={"Range": "bytes=0-9", "If-Range": f"W/{etag}"},
    )
    assert same.status_code == 206 and weak.status_code == 200


def test_head_gives_the_headers_without_a_body(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    whole = client.get(f"/articles/{ARTICLE_ID}/audio.opus", follow_redirects=True)
    head = client.head(f"/articles/{ARTICLE_ID}/audio.opus", follow_redirects=True)
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Length"] == str(len(whole.data))
    assert head.headers["ETag"] == whole.headers["ETag"]


def test_audio_variants_have_their_exact_content_types(
    client: FlaskClient, ingested: dict[str, Any]
) -> None:
    assert (
        client.get(f"/articles/{ARTICLE_ID}/audio.mp3", follow_redirects=True).headers[
            "Content-Type"
        ]
        == "audio/mpeg"
    )
    opus = client.get(f"/articles/{ARTICLE_ID}/audio.opus", follow_redirects=True).headers[
        "Content-Type"
    ]
    assert opus == "audio/ogg; codecs=opus"
    assert client.get(f"/articles/{ARTICLE_ID}/audio.wav").status_code == 404


def test_open_ended_and_multiple_ranges(client: FlaskClient, ingested: dict[str, Any]) -> None:
    url = f"/articles/{ARTICLE_ID}/audio.mp3"
    whole = client.get(url, follow_redirects=True).data
    tail = client.get(url, follow_redirects=True, headers={"Range": "bytes=100-"})
    assert tail.status_code == 206 and tail.data == whole[100:]
    several = client.get(url, follow_redirects=True, headers={"Range": "bytes=0-9,20-29"})
    assert several.status_code == 200 and several.data == whole
    assert (
        client.get(url, follow_redirects=True, headers={"Range": "bytes=0-9"}).headers["ETag"]
        == client.get(url, follow_redirects=True).headers["ETag"]
    )  # strong and the same for every answer (and every replica)
