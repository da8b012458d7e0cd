"""What every part of the embedded store built on its connections shares (catalog, lexicon, log)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

Connect = Callable[[], sqlite3.Connection]
Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]


class SqlPart:
    """A part of the embedded store: the calling thread's connection, and a transaction on it."""

    def __init__(self, connection: Connect, tx: Transaction) -> None:
        self._connection, self._tx = connection, tx
