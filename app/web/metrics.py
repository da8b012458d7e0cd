"""``/metrics``: every process's figures in Prometheus' text format, closed like the API.

Requests are counted here, by URL rule (never the raw path, so the label set stays small);
queue depths and the audio directory's size are read when scraped.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator

from flask import Blueprint, Flask, Response, request
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from app import metrics
from app.errors import BaonoiError
from app.services import Services
from app.store import files
from app.web.api import bearer_token, require_access
from app.web.context import get_services

log = logging.getLogger(__name__)
bp = Blueprint("metrics", __name__)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})  # else "other"


class ScrapeTime(Collector):
    """Figures read when scraped: jobs waiting by lane, bytes in the audio directory."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """Queue depths and audio cache bytes, as they are now."""
        depth = GaugeMetricFamily(
            "baonoi_audio_queue_depth", "Audio jobs waiting to start, by lane.", labels=["lane"]
        )
        try:
            depths = self.services.queue.depths()
        except BaonoiError as exc:  # Redis down: the other figures still answer; /healthz says why
            log.warning("queue depths unknown: %s", exc)
            depths = {}
        for lane, waiting in sorted(depths.items()):
            depth.add_metric([lane], waiting)
        yield depth
        yield GaugeMetricFamily(
            "baonoi_audio_cache_bytes",
            "Bytes of finished audio and cached sentences in the audio directory.",
            value=files.usage(self.services.audio_dir),
        )


def require_scrape() -> None:
    """``BAONOI_METRICS_TOKEN`` (it opens nothing else) as a bearer token, or the API's access."""
    scrape_token = get_services().settings.metrics_token
    given = bearer_token()
    if scrape_token and given and hmac.compare_digest(given.encode(), scrape_token.encode()):
        return
    require_access(open_without_token=False)


@bp.get("/metrics")
def scrape() -> Response:
    """Prometheus' text format; the metrics or API token, else (no API token set) this machine."""
    require_scrape()
    body = metrics.exposition([ScrapeTime(get_services())])
    return Response(body, content_type=metrics.CONTENT_TYPE)


def count(response: Response) -> Response:
    """Count the answered request by its URL rule, method and status."""
    rule = request.url_rule.rule if request.url_rule else "unmatched"
    method = request.method if request.method in METHODS else "other"  # labels stay few
    metrics.count_request(rule, method, response.status_code)
    return response


def init_app(app: Flask) -> None:
    """Serve ``/metrics`` and count every request."""
    app.register_blueprint(bp)
    app.after_request(count)
