"""Every console address, whatever it answers, sends the strict page CSP, cannot be framed and is
never stored: the rules are read from the console's blueprints, so a new page cannot be
forgotten."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.pipeline import ingest
from app.web import PAGE_CSP
from app.web.console import BLUEPRINTS
from app.web.console.guard import PREFIX
from app.web.context import get_services
from tests.console_support import form_token

ARTICLE = "ngan"
ARGUMENTS = {  # a value for each URL variable: real for a page, none such for an action
    "GET": {"article_id": ARTICLE, "token": "0" * 32, "name": "test-admin"},
    "POST": {"article_id": "khong-co-bai", "token": "0" * 32, "name": "khong-co-ai"},
}


def console_rules() -> list[tuple[str, str, str]]:
    """(method, rule, endpoint) of every console address, from the blueprints alone."""
    bare = Flask(__name__)
    for blueprint in BLUEPRINTS:
        bare.register_blueprint(blueprint)
    return sorted(
        (method, rule.rule, rule.endpoint)
        for rule in bare.url_map.iter_rules()
        if rule.rule.startswith(PREFIX)
        for method in sorted((rule.methods or set()) & {"GET", "POST"})
    )


def address(method: str, rule: str) -> str:
    """The rule with its variables filled for ``method``."""
    for name, value in ARGUMENTS[method].items():
        rule = rule.replace(f"<{name}>", value)
    assert "<" not in rule, f"no test value for a variable of {rule}: add it to ARGUMENTS"
    return rule


def test_the_application_serves_exactly_the_console_blueprints_under_admin(app: Flask) -> None:
    served = sorted(
        (method, rule.rule, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.rule == PREFIX or rule.rule.startswith(PREFIX + "/")
        for method in sorted((rule.methods or set()) & {"GET", "POST"})
    )
    assert served == console_rules()


@pytest.mark.parametrize(("method", "rule", "endpoint"), console_rules())
def test_every_console_address_sends_the_strict_csp_and_cannot_be_framed(
    app: Flask, admin_client: FlaskClient, short_page: bytes, method: str, rule: str, endpoint: str
) -> None:
    ingest(get_services(app), short_page, article_id=ARTICLE, queue_audio=False)
    path = address(method, rule)
    if method == "GET":
        answer = admin_client.get(path)
    else:
        answer = admin_client.post(path, data={"csrf_token": form_token(admin_client, "/admin/")})
    assert answer.status_code < 500, (endpoint, answer.status_code)
    assert answer.headers["Content-Security-Policy"] == PAGE_CSP, endpoint
    assert "frame-ancestors 'none'" in PAGE_CSP
    assert answer.headers["X-Frame-Options"] == "DENY", endpoint
    assert answer.headers["Cache-Control"] == "no-store", endpoint


@pytest.mark.parametrize(("method", "rule", "endpoint"), console_rules())
def test_a_signed_out_client_reaches_no_console_work(
    client: FlaskClient, method: str, rule: str, endpoint: str
) -> None:
    path = address(method, rule)
    if method == "GET":
        answer = client.get(path)
    else:  # with a real token of the sign-in page: refused for want of an account, not of it
        answer = client.post(path, data={"csrf_token": form_token(client, "/admin/login")})
    if endpoint == "console_auth.login":
        assert answer.status_code in (200, 400, 401), answer.status_code
    else:
        assert answer.status_code == 303, (endpoint, answer.status_code)
        assert answer.headers["Location"].startswith("/admin/login")
    assert answer.headers["X-Frame-Options"] == "DENY"


HOSTILE = ("../../etc/passwd", "%00", "x" * 5000, "<script>", "ả" * 300)


@pytest.mark.parametrize("value", HOSTILE)
def test_odd_address_parts_get_a_4xx_never_a_500(admin_client: FlaskClient, value: str) -> None:
    token = form_token(admin_client, "/admin/")
    for method, rule, endpoint in console_rules():
        if "<" not in rule:
            continue
        path = re.sub(r"<[^>]+>", value.replace("/", "%2F"), rule)
        if method == "GET":
            answer = admin_client.get(path)
        else:
            answer = admin_client.post(path, data={"csrf_token": token})
        assert 400 <= answer.status_code < 500, (endpoint, value[:20], answer.status_code)
        assert answer.headers["Content-Security-Policy"] == PAGE_CSP
        assert "<script>" not in answer.get_data(as_text=True).replace("<script src", "")
