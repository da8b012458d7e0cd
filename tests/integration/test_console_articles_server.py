"""The console's article and work pages through a real ``baonoi serve``: list, search, one
article's sentences, re-make and delete (audited), a retry, all with the form's token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.processes import Processes, embedded, post_page, wait_until
from tests.integration.test_console_server import add_user, sign_in, token

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data" / "portal"
SHORT = DATA / "sonlam-2021-11-05-zone-variant.html"


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Processes]:
    """One web process on an embedded store of its own."""
    with embedded(tmp_path, BAONOI_INGEST_PER_MINUTE="0", BAONOI_SYNTH_PER_MINUTE="0") as running:
        yield running


def test_an_editor_finds_hears_remakes_and_deletes_an_article_through_the_server(
    procs: Processes,
) -> None:
    add_user(procs, "mai", "editor")
    web = procs.web("web1")
    assert post_page(web, SHORT.read_bytes(), "son-lam").status_code == 201
    session, answer = sign_in(web, "mai")
    assert answer.status_code == 303
    listed = session.get(f"{web}/admin/?q=cai+cach+hanh+chinh", timeout=10)
    assert listed.status_code == 200 and 'href="/admin/articles/son-lam"' in listed.text

    def made() -> bool:
        page = session.get(f"{web}/admin/articles/son-lam", timeout=10).text
        return "#t=" in page

    wait_until(made, 120, "the article's audio was never made")
    page = session.get(f"{web}/admin/articles/son-lam", timeout=10)
    assert "Dạng viết" in page.text and "Dạng đọc" in page.text
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    refused = session.post(f"{web}/admin/articles/son-lam/remake", timeout=10)
    assert refused.status_code == 400 and "protection token" in refused.text
    form = token(session, f"{web}/admin/articles/son-lam")
    remade = session.post(
        f"{web}/admin/articles/son-lam/remake", data={"csrf_token": form}, timeout=30
    )
    assert remade.status_code == 200 and "làm lại" in remade.text  # after its 303
    wait_until(made, 120, "the re-made audio never came")
    work = session.get(f"{web}/admin/work", timeout=10)
    assert work.status_code == 200 and "Hàng đợi" in work.text
    retried = session.post(
        f"{web}/admin/work/retry",
        data={"csrf_token": form, "article": "son-lam", "voice": ""},
        timeout=30,
    )
    assert retried.status_code == 200 and "đã có" in retried.text
    deleted = session.post(
        f"{web}/admin/articles/son-lam/delete",
        data={"csrf_token": form, "confirm": "yes"},
        timeout=30,
    )
    assert deleted.status_code == 200 and "Đã xóa bài" in deleted.text
    assert session.get(f"{web}/admin/articles/son-lam", timeout=10).status_code == 404
    add_user(procs, "lan", "admin")
    admin, _ = sign_in(web, "lan")
    audit = admin.get(f"{web}/admin/audit", timeout=10).text
    for action in ("Làm lại âm thanh", "Thử lại âm thanh", "Xóa bài"):
        assert action in audit
