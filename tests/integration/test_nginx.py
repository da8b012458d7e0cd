"""The shipped nginx front (deploy/nginx/baonoi.conf) answers audio as the app alone does.

Debian's nginx runs the configuration, templated for this test's ports and directories, in the
foreground with its own prefix, pid and logs, in front of a real ``baonoi serve`` on loopback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import DATA, SHORT, need
from tests.integration.processes import NGINX, behind_nginx, own_environment, run_cli


@pytest.fixture(scope="module")
def fronts(
    tmp_path_factory: pytest.TempPathFactory, shared_audio_dir: Path
) -> Iterator[dict[str, str]]:
    """``{"app": base URL of baonoi serve, "nginx": base URL of the nginx front}``."""
    need(Path(NGINX).exists(), "nginx is not installed (apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("nginx")
    env = own_environment(tmp / "instance", shared_audio_dir)
    run_cli(env, "ingest", "--id", "n1", DATA / "portal" / f"{SHORT}.html")
    with behind_nginx(tmp, env, shared_audio_dir) as front:
        yield {"app": front.app, "nginx": front.nginx}


def _file_url(base: str, fmt: str) -> str:
    """The content-addressed URL the article's URL redirects to."""
    moved = requests.get(f"{base}/articles/n1/{fmt}", allow_redirects=False, timeout=60)
    assert moved.status_code == 307 and "immutable" not in moved.headers["Cache-Control"]
    return base + moved.headers["Location"].removeprefix(base)


def _answer(method: str, url: str, headers: dict[str, str]) -> tuple[object, ...]:
    """What a client can tell of an answer: status, range and caching headers, body digest."""
    got = requests.request(method, url, headers=headers, timeout=60)
    has_body = got.status_code in (200, 206)
    return (
        got.status_code,
        got.headers.get("Content-Range"),
        got.headers.get("Content-Type") if has_body else None,
        got.headers.get("Content-Length") if has_body else None,
        got.headers.get("Cache-Control") if has_body else None,
        got.headers.get("Accept-Ranges") if got.status_code == 200 else None,  # nginx: not on 206
        got.headers.get("ETag") if got.status_code in (200, 206, 304) else None,
        hashlib.sha256(got.content).hexdigest() if has_body else None,
    )


def _cases(url: str, size: int) -> list[tuple[str, dict[str, str]]]:
    """Range, validator and HEAD requests, with the ETag this front gave."""
    etag = requests.get(url, timeout=60).headers["ETag"]
    assert etag == '"' + url.rsplit("/", 1)[1].split(".")[1] + '"'  # strong: the name's digest
    return [
        ("GET", {}),
        ("HEAD", {}),
        ("GET", {"Range": "bytes=0-99"}),
        ("GET", {"Range": "bytes=100-"}),
        ("GET", {"Range": "bytes=-10"}),
        ("GET", {"Range": "bytes=0-9,20-29"}),
        ("GET", {"Range": f"bytes={size}-"}),
        ("GET", {"If-None-Match": etag}),
        ("GET", {"Range": "bytes=0-9", "If-Range": etag}),
        ("GET", {"Range": "bytes=0-9", "If-Range": f"W/{etag}"}),
        ("GET", {"Range": "bytes=0-9", "If-Range": '"0123456789abcdef"'}),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["audio.mp3", "audio.opus"])
def test_nginx_front_answers_range_and_validators_as_the_app_does(
    fronts: dict[str, str], fmt: str
) -> None:
    answers = {}
    for name, base in fronts.items():
        url = _file_url(base, fmt)
        size = len(requests.get(url, timeout=60).content)
        answers[name] = [_answer(m, url, h) for m, h in _cases(url, size)]
    assert answers["nginx"] == answers["app"]
    statuses = [a[0] for a in answers["app"]]
    assert statuses == [200, 200, 206, 206, 206, 200, 416, 304, 206, 200, 200]


@pytest.mark.slow
def test_nginx_front_serves_timings_and_proxies_pages_and_evicted_names(
    fronts: dict[str, str],
) -> None:
    base = fronts["nginx"]
    timings = requests.get(f"{base}/articles/n1/timings.json", timeout=60)
    assert timings.status_code == 200 and timings.json()[0]["text"]
    assert timings.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/articles/n1", "/embed/n1", "/static/player.js", "/feed.xml"):
        assert requests.get(f"{base}{path}", timeout=60).status_code == 200, path
    gone = requests.get(f"{base}/audio/{'0' * 32}.{'0' * 16}.mp3", timeout=60)
    assert gone.status_code == 404 and "Content-Security-Policy" in gone.headers  # the app's page
