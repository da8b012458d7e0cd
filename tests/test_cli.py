"""The ``baonoi`` command line, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BAONOI = [sys.executable, "-m", "app.cli"]


def run(args: list[str], tmp_path: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Run ``baonoi`` with its state under ``tmp_path``."""
    env = {
        **os.environ,
        "BAONOI_DATA_DIR": str(tmp_path / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / "audio"),
        "BAONOI_TTS_ENGINE": "espeak",
    }
    return subprocess.run(
        [*BAONOI, *args], input=stdin, capture_output=True, env=env, timeout=300, check=False
    )


def test_extract_prints_one_json_line_per_file(
    tmp_path: Path, data_dir: Path, sample_expected: dict[str, Any]
) -> None:
    page = data_dir / "portal" / sample_expected["file"]
    done = run(["extract", str(page), str(page)], tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 2
    item = json.loads(lines[0])
    assert item["file"] == str(page)
    assert item["title"] == sample_expected["title"]
    assert item["published"] == sample_expected["published"]
    assert len(item["paragraphs"]) == sample_expected["body_paragraphs"]
    assert item["text"].startswith(sample_expected["lead"] + "\n\n")
    assert "<script" not in item["html"]


def test_extract_reads_gzip_and_stdin(tmp_path: Path, sample_page: bytes) -> None:
    import gzip

    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(sample_page))
    assert json.loads(run(["extract", str(gz)], tmp_path).stdout)["title"]
    assert json.loads(run(["extract", "-"], tmp_path, sample_page).stdout)["file"] == "-"


def test_extract_of_a_missing_file_exits_1_with_a_message(tmp_path: Path) -> None:
    done = run(["extract", str(tmp_path / "nope.html")], tmp_path)
    assert done.returncode == 1 and b"error:" in done.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert run(["extract"], tmp_path).returncode == 2
    assert run(["no-such-command"], tmp_path).returncode == 2


def test_sanitize_cleans_a_fragment_and_jsonl_lines(tmp_path: Path) -> None:
    done = run(["sanitize"], tmp_path, b'<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert done.returncode == 0 and done.stdout.decode().strip() == "<p>Hi</p>"
    lines = b'{"html": "<b>a</b>"}\n{"html": "<a href=\\"javascript:1\\">b</a>"}\n'
    out = run(["sanitize", "--jsonl"], tmp_path, lines).stdout.decode().splitlines()
    assert [json.loads(x)["html"] for x in out] == ["<b>a</b>", "b"]


def test_sanitize_jsonl_rejects_a_bad_line(tmp_path: Path) -> None:
    done = run(["sanitize", "--jsonl"], tmp_path, b"not json\n")
    assert done.returncode == 1 and b"line 1" in done.stderr


def test_normalize_gives_one_line_per_input_line(tmp_path: Path) -> None:
    done = run(["normalize"], tmp_path, "Ngày 21/9/2021\n\nUBND tỉnh\n".encode())
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 3 and lines[1] == ""
    assert "tháng chín" in lines[0] and "ủy ban nhân dân" in lines[2].lower()
    assert run(["normalize", "10%"], tmp_path).stdout.decode().strip() == "mười phần trăm"


@pytest.mark.slow
def test_ingest_then_speak_prints_the_audio_path(tmp_path: Path, data_dir: Path) -> None:
    page = data_dir / "portal" / "sonlam-2021-11-05-zone-variant.html"
    done = run(["ingest", "--id", "demo", str(page)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "demo\t/articles/demo\n"
    spoken = run(["speak", "demo", "--format", "opus"], tmp_path)
    assert spoken.returncode == 0, spoken.stderr
    path = Path(spoken.stdout.decode().strip())
    assert path.suffix == ".opus" and path.stat().st_size > 20_000


def test_speak_of_an_unknown_article_exits_1(tmp_path: Path) -> None:
    done = run(["speak", "nope"], tmp_path)
    assert done.returncode == 1 and b"No article" in done.stderr


# -- start-up: a dead Redis stops the service at once; a watcher without feeds does nothing -------


@pytest.mark.parametrize("command", [["serve", "--port", "1"], ["worker"]])
def test_serve_and_worker_refuse_to_start_on_a_redis_that_does_not_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from tests.conftest import free_port

    dead = f"redis://:hunter2@127.0.0.1:{free_port()}/0"  # nobody listens there
    monkeypatch.setenv("BAONOI_REDIS_URL", dead)
    done = run(command, tmp_path)
    assert done.returncode == 1
    message = done.stderr.decode()
    assert "the store does not answer" in message and "kho dữ liệu không trả lời" in message
    assert "unset BAONOI_REDIS_URL" in message and "hunter2" not in message


def test_watch_without_feeds_says_so_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WATCH_FEEDS", raising=False)
    done = run(["watch"], tmp_path)
    assert done.returncode == 0
    assert "nothing to watch" in done.stderr.decode() and done.stdout == b""


def test_watch_feeds_of_the_environment_are_split_on_commas_and_spaces() -> None:
    from app.cli import _feeds_of_environment

    value = "http://a.example/rss.xml,http://b.example/sitemap.xml  http://c.example/atom"
    assert _feeds_of_environment(value) == (
        "http://a.example/rss.xml",
        "http://b.example/sitemap.xml",
        "http://c.example/atom",
    )
    assert _feeds_of_environment(None) == ()
