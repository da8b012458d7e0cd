"""The console behind a trusted proxy with a path prefix: cookie path, redirects, client address."""

from __future__ import annotations

import re
from typing import Any

from app import create_app
from app.web.context import get_services
from tests.console_support import PASSWORD, make_account

PREFIXED = {"X-Forwarded-Prefix": "/baonoi", "X-Forwarded-For": "203.0.113.9"}


def test_behind_a_prefix_the_cookie_and_every_redirect_keep_the_prefix(
    overrides: dict[str, Any],
) -> None:
    app = create_app({**overrides, "trusted_proxies": 1})
    try:
        make_account(app, "lan", "admin")
        client = app.test_client()
        asked = client.get("/admin/users", headers=PREFIXED)
        assert asked.status_code == 303
        assert asked.headers["Location"].startswith("/baonoi/admin/login?next=/baonoi/admin/users")
        page = client.get("/admin/login", headers=PREFIXED)
        cookie = page.headers["Set-Cookie"]
        assert "Path=/baonoi/admin" in cookie
        text = page.get_data(as_text=True)
        assert 'action="/baonoi/admin/login"' in text
        token = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)  # type: ignore[union-attr]
        client.set_cookie("baonoi_console", cookie.split(";")[0].split("=", 1)[1], path="/admin")
        data = {
            "username": "lan",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/baonoi/admin/users",
        }
        answer = client.post("/admin/login", data=data, headers=PREFIXED)
        assert answer.status_code == 303
        assert answer.headers["Location"] == "/baonoi/admin/users"
        events, _ = get_services(app).store.accounts().audit(0, 1)
        assert events[0].action == "sign_in" and "203.0.113.9" in events[0].detail
    finally:
        get_services(app).close()
