"""``POST /listens``: reports checked and counted as aggregates, nothing identifying kept."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from app.pipeline import ingest
from app.store.listens import day_of
from app.store.tally import listens_for
from app.web.beacon import Buckets, counting
from app.web.context import get_services

BEACON = {"content_type": "text/plain;charset=UTF-8"}


@pytest.fixture
def article_id(services: Any, short_page: bytes) -> str:
    """A stored article (its audio not made)."""
    article, _ = ingest(services, short_page, article_id="ngan", queue_audio=False)
    return str(article.id)


def send(client: FlaskClient, body: str, address: str = "203.0.113.7") -> Any:
    """One beacon, as sendBeacon sends it, from ``address``."""
    return client.post(
        "/listens",
        data=body,
        environ_base={"REMOTE_ADDR": address},
        headers={"User-Agent": "Mozilla/5.0 nhan-dang-duy-nhat", "Cookie": "theo-doi=abc"},
        **BEACON,
    )


def flushed(app: Flask) -> list[tuple[str, list[int]]]:
    """Write the tally now, and read today's rows."""
    counting(app).tally.flush()
    return listens_for(get_services(app).store).day_rows(day_of())


def test_a_listen_is_counted_by_article_day_surface_and_voice(
    app: Flask, client: FlaskClient, article_id: str
) -> None:
    for body in (f"a={article_id}&s=r&m=1", f"a={article_id}&s=r&m=30&t=50"):
        response = send(client, body)
        assert response.status_code == 204 and response.data == b""
        assert "Set-Cookie" not in response.headers
    assert flushed(app) == [(article_id, [1, 1, 1, 1, 1, 50])]
    counts = listens_for(get_services(app).store)
    assert counts.by_day([day_of()], surface="reader", voice="default")[day_of()][0] == 1
    assert counts.by_day([day_of()], surface="frame") == {}


def test_nothing_identifying_is_stored(app: Flask, client: FlaskClient, article_id: str) -> None:
    assert send(client, f"a={article_id}&s=f&m=1&t=3", address="198.51.100.23").status_code == 204
    counting(app).tally.flush()
    get_services(app).store.close()
    db = sqlite3.connect(get_services(app).settings.data_dir / "baonoi.sqlite3")
    dump = "\n".join(db.iterdump())
    db.close()
    for secret in ("198.51.100", "nhan-dang", "theo-doi", "Mozilla"):
        assert secret not in dump
    assert f"'{article_id}','frame','default',1,0,0,0,0,3" in dump


def test_nothing_identifying_reaches_redis(
    overrides: dict[str, Any], redis_url: str, short_page: bytes
) -> None:
    from app import create_app

    app = create_app({**overrides, "redis_url": redis_url})
    services = get_services(app)
    ingest(services, short_page, article_id="ngan", queue_audio=False)
    before = set(redis.Redis.from_url(redis_url).keys())
    assert send(app.test_client(), "a=ngan&s=o&m=17&t=9&d=1", "198.51.100.23").status_code == 204
    counting(app).tally.flush()
    client = redis.Redis.from_url(redis_url)
    added = set(client.keys()) - before
    assert added and all(b":listens" in key for key in added)
    values = b"".join(
        b"".join(k + v for k, v in client.hgetall(key).items())
        if client.type(key) == b"hash"
        else b"".join(m for m, _ in client.zrange(key, 0, -1, withscores=True))
        for key in added
    )
    assert b"198.51" not in values and b"Mozilla" not in values
    yesterday = listens_for(services.store).day_rows(day_of(__import__("time").time() - 86400))
    assert yesterday == [("ngan", [1, 0, 0, 0, 1, 9])]
    services.close()
    client.close()


@pytest.mark.parametrize(
    "body",
    [
        "",
        "a=ngan&s=r",  # nothing to count
        "a=khong-co&s=r&m=1",  # unknown article
        "a=ngan&s=x&m=1",  # unknown surface
        "a=ngan&s=r&v=giong-la&m=1",  # unknown voice
        "a=ngan&s=r&m=32",  # marks out of the table
        "a=ngan&s=r&m=1&t=999999",  # more seconds than the article lasts
        "a=ngan&s=r&m=1&t=-4",
        "a=ngan&s=r&m=1&d=30",  # an offline report too old
        "a=ngan&s=r&m=1&a=ngan&a=ngan&a=ngan&a=ngan&a=ngan&a=ngan&a=ngan",
        "a=%FF&s=r&m=1",
        "a=ng|an&s=r&m=1",
        "\u00e2=1",
    ],
)
def test_junk_gets_a_bilingual_400_and_counts_nothing(
    app: Flask, client: FlaskClient, article_id: str, body: str
) -> None:
    response = client.post(
        "/listens", data=body.encode(), headers={"Accept": "application/json"}, **BEACON
    )
    assert response.status_code == 400
    assert set(response.get_json()["message"]) == {"vi", "en"}
    assert flushed(app) == []


def test_a_long_body_is_refused(client: FlaskClient, article_id: str) -> None:
    assert send(client, "a=ngan&s=r&m=1&x=" + "y" * 600).status_code == 413


def test_a_flood_from_one_client_stops_at_its_bound(
    app: Flask, client: FlaskClient, article_id: str
) -> None:
    answers = [send(client, f"a={article_id}&s=r&m=1").status_code for _ in range(200)]
    allowed = answers.count(204)
    assert 60 <= allowed <= 70 and set(answers) == {204, 429}
    assert send(client, f"a={article_id}&s=r&m=1", address="192.0.2.9").status_code == 204
    assert flushed(app)[0][1][0] == allowed + 1


def test_buckets_refill_and_forget_the_oldest_client() -> None:
    buckets = Buckets(per_s=1, burst=2, clients=2)
    assert [buckets.take("a", now=0) for _ in range(3)] == [True, True, False]
    assert buckets.take("a", now=1.0)
    buckets.take("b", now=1.0)
    buckets.take("c", now=1.0)
    assert list(buckets._buckets) == ["b", "c"]


def test_metrics_count_plays_and_completions_by_surface_and_voice(
    app: Flask, client: FlaskClient, article_id: str
) -> None:
    def total(name: str) -> float:
        text = client.get("/metrics").get_data(as_text=True)
        line = f'{name}{{surface="continuous",voice="default"}}'
        found = [ln for ln in text.splitlines() if ln.startswith(line)]
        return float(found[0].split()[-1]) if found else 0.0

    plays, done = total("baonoi_listens_total"), total("baonoi_listens_complete_total")
    send(client, f"a={article_id}&s=c&m=1")
    send(client, f"a={article_id}&s=c&m=17&t=40")
    assert total("baonoi_listens_total") == plays + 2
    assert total("baonoi_listens_complete_total") == done + 1
