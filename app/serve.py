"""``baonoi serve``: the app under gunicorn's threaded workers, in this process."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    """gunicorn configured from code; the app is built in each worker after the fork."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply our options."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        """Build the app (in the worker)."""
        from app import create_app

        return create_app()


def run(host: str, port: int, workers: int = 1) -> None:
    """Serve on host:port until interrupted."""
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 8,
            "timeout": 60,
            "accesslog": "-",
        }
    ).run()
