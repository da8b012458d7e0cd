"""A waitress server of ``app.channels`` run in a thread for a test, and stopped in order."""

from __future__ import annotations

import threading

from app.channels import BoundedServer


def start(server: BoundedServer) -> threading.Thread:
    """Run ``server``'s event loop in a daemon thread."""
    runner = threading.Thread(target=server.run, daemon=True)
    runner.start()
    return runner


def stop(server: BoundedServer, runner: threading.Thread) -> None:
    """Stop the request threads, then close every socket from inside the event loop (closed from
    here, a socket can vanish under the loop's ``select``: EBADF in its thread), and wait."""

    def close_all() -> None:
        for dispatcher in list(server._map.values()):  # channels, the listener, the trigger
            dispatcher.handle_close()  # a channel's also closes its buffers' temporary files

    server.task_dispatcher.shutdown(timeout=1)
    server.trigger.pull_trigger(close_all)
    runner.join(timeout=5)
