"""The console through real ``baonoi serve`` processes: sign-in, CSRF, cookies, lock-out, roles."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.integration.processes import ROOT, Processes, embedded

pytestmark = pytest.mark.slow
PASSWORD = "mật khẩu đủ dài 123"  # noqa: S105 (a test password)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_user(procs: Processes, name: str, role: str) -> None:
    """``baonoi user add NAME --role ROLE --password-stdin``, as an operator does."""
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "user", "add", name, "--role", role, "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
        env=procs.env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def token(session: requests.Session, url: str) -> str:
    """The csrf_token of the form on a console page."""
    found = TOKEN.search(session.get(url, timeout=10).text)
    assert found, url
    return found.group(1)


def sign_in(
    base: str, name: str, password: str = PASSWORD
) -> tuple[requests.Session, requests.Response]:
    """A browser-like session that posted the sign-in form (with its token) to ``base``."""
    session = requests.Session()
    data = {
        "username": name,
        "password": password,
        "csrf_token": token(session, f"{base}/admin/login"),
    }
    return session, session.post(
        f"{base}/admin/login", data=data, allow_redirects=False, timeout=30
    )


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Processes]:
    """Two web processes on one embedded store will be started by the tests."""
    with embedded(tmp_path) as running:
        yield running


def test_sign_in_csrf_and_cookie_flags_through_the_server(procs: Processes) -> None:
    add_user(procs, "lan", "admin")
    web = procs.web("web1")
    session, answer = sign_in(web, "lan")
    assert answer.status_code == 303, answer.text
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("baonoi_console=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/admin" in cookie
    page = session.get(f"{web}/admin/users", timeout=10)
    assert page.status_code == 200 and "lan" in page.text
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"
    refused = session.post(
        f"{web}/admin/users",
        data={"username": "minh", "role": "editor", "password": PASSWORD},
        timeout=10,
    )
    assert refused.status_code == 400
    assert "mã bảo vệ" in refused.text and "protection token" in refused.text
    assert "minh" not in session.get(f"{web}/admin/users", timeout=10).text


def test_a_session_and_a_lock_hold_across_processes_and_the_log_says_so(
    procs: Processes, tmp_path: Path
) -> None:
    add_user(procs, "lan", "editor")
    web1, web2 = procs.web("web1"), procs.web("web2")
    session, answer = sign_in(web1, "lan")
    assert answer.status_code == 303
    assert session.get(f"{web2}/admin/", timeout=10).status_code == 200  # one secret, one store
    for number in range(10):
        _, wrong = sign_in(web1, "lan", f"đoán-mò-{number}-xyz")
        assert wrong.status_code == 401
    _, right = sign_in(web2, "lan")  # the right password, on the other process
    assert right.status_code == 429
    assert "bị khóa" in right.text and "locked" in right.text
    log = (tmp_path / "web1.log").read_text(encoding="utf-8", errors="replace")
    assert re.search(r"WARNING.*locked.*user:lan", log), log[-2000:]
    assert "đoán-mò" not in log


def test_an_editor_gets_403_on_the_accounts_page_through_the_server(procs: Processes) -> None:
    add_user(procs, "minh", "editor")
    web = procs.web("web1")
    session, answer = sign_in(web, "minh")
    assert answer.status_code == 303
    page = session.get(f"{web}/admin/users", timeout=10)
    assert page.status_code == 403
    assert "không có quyền" in page.text and "may not do this" in page.text


@pytest.mark.redis
def test_on_redis_every_process_shares_the_secret_sessions_and_locks(
    tmp_path: Path, redis_url: str
) -> None:
    machines = [
        Processes(
            {
                "BAONOI_DATA_DIR": str(tmp_path / f"machine{n}"),  # nothing shared but Redis
                "BAONOI_AUDIO_CACHE_DIR": str(tmp_path / f"audio{n}"),
                "BAONOI_TTS_ENGINE": "espeak",
                "BAONOI_REDIS_URL": redis_url,
            },
            tmp_path,
        )
        for n in (1, 2)
    ]
    try:
        add_user(machines[0], "lan", "editor")
        web1, web2 = machines[0].web("web1"), machines[1].web("web2")
        session, answer = sign_in(web2, "lan")  # the account was made on the other machine
        assert answer.status_code == 303
        assert session.get(f"{web1}/admin/", timeout=10).status_code == 200
        for number in range(10):
            sign_in(web1, "lan", f"đoán-mò-{number}-xyz")
        assert sign_in(web2, "lan")[1].status_code == 429
        copy = requests.Session()  # a copy of the cookie, kept after signing out
        copy.cookies.update(session.cookies)
        assert copy.get(f"{web2}/admin/", allow_redirects=False, timeout=10).status_code == 200
        signed_out = session.post(
            f"{web1}/admin/logout",
            data={"csrf_token": token(session, f"{web1}/admin/")},
            allow_redirects=False,
            timeout=10,
        )
        assert signed_out.status_code == 303
        assert copy.get(f"{web2}/admin/", allow_redirects=False, timeout=10).status_code == 303
    finally:
        for machine in machines:
            machine.stop_all()
