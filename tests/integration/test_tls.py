"""The README's TLS step the second way: the shipped nginx lines with a certificate of one's own.

A throwaway self-signed certificate (openssl), the shipped configuration with its ``#TLS `` lines
switched on as the README says, Debian's nginx in front of a real ``baonoi serve`` that trusts one
proxy, as the shipped environment file does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import requests

from tests.conftest import DATA, SHORT, need
from tests.integration.processes import NGINX, behind_nginx, free_port, own_environment, run_cli


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
    https_port = free_port()
    env = own_environment(
        tmp / "instance",
        shared_audio_dir,
        BAONOI_PUBLIC_URL=f"https://127.0.0.1:{https_port}",
        BAONOI_TRUSTED_PROXIES="1",
    )
    run_cli(env, "ingest", "--id", "t1", DATA / "portal" / f"{SHORT}.html")
    switch_on = partial(_switch_on_tls, port=https_port, cert=cert, key=key)
    with behind_nginx(tmp, env, shared_audio_dir, edit=switch_on) as front:
        yield {"https": f"https://127.0.0.1:{https_port}", "http": front.nginx, "cert": str(cert)}


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
