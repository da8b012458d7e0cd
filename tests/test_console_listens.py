"""``/admin/listens`` and ``/admin/listens.csv``: the counts as charts, tables and a CSV."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.models import Article
from app.store.listens import Cell, day_of, days_ending
from app.store.tally import listens_for
from app.web.console.charts import day_chart, funnel, nice_top
from app.web.context import get_services


def seed(app: Flask) -> str:
    """Two articles (one with a title a spreadsheet would run) and their listens; today."""
    services = get_services(app)
    for article_id, title in (("bai-1", '=HYPERLINK("x")'), ("bai-2", '<b>Đẹp</b>, "lạ"')):
        services.store.put_article(Article(title=title, id=article_id, version="v", created_at=1.0))
    today = day_of()
    yesterday = days_ending(today, 2)[0]
    listens_for(services.store).add(
        {
            Cell(today, "bai-1", "reader", "default"): [4, 3, 2, 2, 1, 300],
            Cell(today, "bai-1", "frame", "default"): [1, 1, 1, 1, 1, 60],
            Cell(today, "bai-2", "offline", "default"): [2, 0, 0, 0, 0, 5],
            Cell(yesterday, "bai-2", "reader", "default"): [7, 7, 7, 7, 7, 900],
        }
    )
    return today


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    for path in ("/admin/listens", "/admin/listens.csv"):
        response = client.get(path)
        assert response.status_code in (302, 303) and "/admin/login" in response.location


def test_the_page_shows_chart_funnel_and_top_articles_with_tables(
    app: Flask, editor_client: FlaskClient
) -> None:
    seed(app)
    page = editor_client.get("/admin/listens")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count('role="img"') == 2 and "<script" not in html
    assert "14 lượt nghe, 9 lượt nghe hết bài" in html
    top = html[html.index('id="top-h"') :]
    assert top.index("&lt;b&gt;Đẹp&lt;/b&gt;") < top.index("=HYPERLINK")  # 9 plays before 5
    funnel_table = html[html.index("Phễu nghe, 30 ngày qua") :]
    cells = re.findall(r'<td class="n">(\d+)</td>', funnel_table)[:5]
    assert cells == ["14", "11", "10", "10", "9"]
    assert "Content-Security-Policy" in page.headers and "no-store" in page.headers["Cache-Control"]


def test_filters_narrow_every_figure(app: Flask, editor_client: FlaskClient) -> None:
    seed(app)
    html = editor_client.get("/admin/listens?surface=offline").get_data(as_text=True)
    assert "2 lượt nghe, 0 lượt nghe hết bài" in html
    html = editor_client.get("/admin/listens?surface=nowhere&voice=x").get_data(as_text=True)
    assert "14 lượt nghe" in html  # an unknown filter is no filter


def test_csv_has_one_row_per_article_and_day_and_is_safe_in_a_spreadsheet(
    app: Flask, editor_client: FlaskClient
) -> None:
    today = seed(app)
    response = editor_client.get("/admin/listens.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="baonoi-luot-nghe-' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["date"], r["article"], r["plays"], r["complete"]) for r in rows] == [
        (days_ending(today, 2)[0], "bai-2", "7", "7"),
        (today, "bai-1", "5", "2"),
        (today, "bai-2", "2", "0"),
    ]
    assert rows[1]["title"] == '\'=HYPERLINK("x")' and rows[1]["seconds"] == "360"
    assert rows[2]["title"] == '<b>Đẹp</b>, "lạ"'
    one_day = editor_client.get("/admin/listens.csv?days=1&surface=reader").get_data(as_text=True)
    assert one_day.count("\r\n") == 2  # the header and bai-1's reader row
    assert editor_client.get("/admin/listens.csv?days=x%00").status_code == 200


def test_charts_scale_to_a_round_top_and_the_funnel_to_plays() -> None:
    assert [nice_top(v) for v in (0, 1, 7, 10, 11, 180, 501)] == [1, 1, 10, 10, 20, 200, 1000]
    chart = day_chart(["2026-12-01", "2026-12-02"], [10, 0], [5, 0])
    assert chart.plays[0].height == 2 * chart.complete[0].height and chart.plays[1].height == 0
    steps = funnel([("a", 10), ("b", 5), ("c", 0)])
    assert [s.share for s in steps] == [1.0, 0.5, 0.0] and steps[2].bar.width == 0
    assert steps[0].bar.width == 2 * steps[1].bar.width


def test_an_editor_sees_the_menu_entry(app: Flask, editor_client: FlaskClient) -> None:
    html: Any = editor_client.get("/admin/listens").get_data(as_text=True)
    assert 'aria-current="page">Lượt nghe</a>' in html
