"""The README's TLS step the second way: the shipped nginx lines with a certificate of one's own.

A throwaway self-signed certificate (openssl), the shipped configuration with its ``#TLS `` lines
switched on as the README says, Debian's nginx in front of a real ``baonoi serve`` that trusts one
proxy, as the shipped environment file does.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import DATA, SHORT, _free_port, need
from tests.integration.test_nginx import NGINX, ROOT, _wait, render


def _certificate(tmp: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    cert, key = tmp / "fullchain.pem", tmp / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _switch_on_tls(conf: Path, port: int, cert: Path, key: Path) -> None:
    """The README's edit: drop ``#TLS `` before each line and give the certificate's paths."""
    text = conf.read_text(encoding="utf-8")
    text, switched = re.subn(r"(?m)^(\s*)#TLS ", r"\1", text)
    assert switched == 6
    text = text.replace("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;")
    text = text.replace("/etc/ssl/baonoi/fullchain.pem", str(cert))
    conf.write_text(text.replace("/etc/ssl/baonoi/privkey.pem", str(key)), encoding="utf-8")


@pytest.fixture(scope="module")
def tls_front(tmp_path_factory: pytest.TempPathFactory, shared_audio_dir: Path) -> Iterator[dict]:
    """``{"https", "http", "cert"}``: the TLS front, its plain port and the certificate."""
    need(Path(NGINX).exists(), "nginx is not installed (apt-get install nginx)")
    need(shutil.which("openssl") is not None, "openssl is not installed")
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = _certificate(tmp)
    app_port, http_port, https_port = _free_port(), _free_port(), _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("BAONOI_")},
        "BAONOI_DATA_DIR": str(tmp / "instance"),
        "BAONOI_AUDIO_CACHE_DIR": str(shared_audio_dir),
        "BAONOI_TTS_ENGINE": "espeak",
        "BAONOI_PUBLIC_URL": f"https://127.0.0.1:{https_port}",
        "BAONOI_TRUSTED_PROXIES": "1",
    }
    cli = [sys.executable, "-m", "app.cli"]
    page = DATA / "portal" / f"{SHORT}.html"
    subprocess.run([*cli, "ingest", "--id", "t1", page], env=env, cwd=ROOT, check=True)
    main = render(tmp, http_port, app_port, shared_audio_dir)
    _switch_on_tls(tmp / "baonoi.conf", https_port, cert, key)
    serve = [*cli, "serve", "--host", "127.0.0.1", "--port", str(app_port)]
    procs = [
        subprocess.Popen(serve, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True),
        subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(main)], stderr=subprocess.DEVNULL,
                         start_new_session=True),
    ]  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{app_port}/healthz", procs[0])
        _wait(f"http://127.0.0.1:{http_port}/healthz", procs[1], allow_redirects=False)
        yield {
            "https": f"https://127.0.0.1:{https_port}",
            "http": f"http://127.0.0.1:{http_port}",
            "cert": str(cert),
        }
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def test_the_shipped_tls_lines_serve_the_reader_over_https(tls_front: dict) -> None:
    page = requests.get(f"{tls_front['https']}/articles/t1", verify=tls_front["cert"], timeout=30)
    assert page.status_code == 200 and 'lang="vi"' in page.text
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")


def test_plain_http_is_sent_to_https(tls_front: dict) -> None:
    moved = requests.get(f"{tls_front['http']}/articles/t1", allow_redirects=False, timeout=30)
    assert moved.status_code == 301 and moved.headers["Location"].startswith("https://")


def test_the_service_knows_the_request_came_over_tls(tls_front: dict) -> None:
    embed = requests.get(
        f"{tls_front['https']}/oembed",
        params={"url": f"{tls_front['https']}/articles/t1", "format": "json"},
        verify=tls_front["cert"],
        timeout=30,
    )
    assert embed.status_code == 200
    assert f'src="{tls_front["https"]}/embed/t1' in embed.json()["html"]
