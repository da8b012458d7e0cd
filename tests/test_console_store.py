"""The console on Redis, and when its store does not answer: a bilingual 503, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from app import create_app
from app.web.context import get_services
from tests.console_support import PASSWORD, make_account, post, sign_in


def test_console_pages_answer_a_bilingual_503_while_redis_is_away(
    overrides: dict[str, Any],
) -> None:
    app = create_app({**overrides, "redis_url": "redis://127.0.0.1:1/0"})
    try:
        client = app.test_client()
        for path in ("/admin/login", "/admin/", "/admin/users", "/admin/audit"):
            answer = client.get(path)
            page = answer.get_data(as_text=True)
            assert answer.status_code == 503, path
            assert "Kho dữ liệu" in page and "data store" in page
        assert client.post("/admin/login", data={"username": "lan"}).status_code == 503
    finally:
        get_services(app).close()


@pytest.mark.redis
def test_the_console_works_on_redis(overrides: dict[str, Any], redis_url: str) -> None:
    app = create_app({**overrides, "redis_url": redis_url})
    try:
        make_account(app, "lan", "admin")
        client = app.test_client()
        assert sign_in(client, "lan", PASSWORD).status_code == 303
        answer = post(
            client, "/admin/users", {"username": "minh", "role": "editor", "password": PASSWORD}
        )
        assert answer.status_code == 303
        page = client.get("/admin/audit").get_data(as_text=True)
        assert "Thêm tài khoản" in page and "minh" in page
        assert post(client, "/admin/logout").status_code == 303
        assert client.get("/admin/").status_code == 303
    finally:
        get_services(app).close()
