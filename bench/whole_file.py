"""The old way of serving audio, kept as the benchmark's baseline: the whole file read per request.

``gunicorn bench.whole_file:app`` with ``BENCH_FILE`` set; what ``send_immutable`` did before it
streamed (``Response(source.read())``), without Flask around it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Read the benchmark file whole and send it."""
    with open(os.environ["BENCH_FILE"], "rb") as source:
        body = source.read()
    start_response(
        "200 OK",
        [("Content-Type", "audio/mpeg"), ("Content-Length", str(len(body))), ("ETag", '"x"')],
    )
    return [body]
