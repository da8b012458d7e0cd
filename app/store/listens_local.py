"""Listen counters in the embedded store: one SQLite row per (day, article, surface, voice).

Two summaries are kept beside the cells, in the same transaction, so that the listens page reads
few rows: ``listen_days`` (a day's sums per surface and voice: the chart and the funnel) and
``listen_top`` (a day's plays and completions per article, every surface and voice: the top
articles). The cells answer the CSV and the filtered top list.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.store.listens import COUNTS, Cell, Numbers, added, zero
from app.store.local import LocalStore

COLUMNS = ", ".join(f"{name} INTEGER NOT NULL" for name in COUNTS)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS listens (
    day TEXT NOT NULL, article TEXT NOT NULL, surface TEXT NOT NULL, voice TEXT NOT NULL,
    {COLUMNS}, PRIMARY KEY (day, article, surface, voice)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS listen_days (
    day TEXT NOT NULL, surface TEXT NOT NULL, voice TEXT NOT NULL,
    {COLUMNS}, PRIMARY KEY (day, surface, voice)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS listen_top (
    day TEXT NOT NULL, article TEXT NOT NULL, plays INTEGER NOT NULL, complete INTEGER NOT NULL,
    PRIMARY KEY (day, article)) WITHOUT ROWID;
"""
SUMS = ", ".join(f"sum({name})" for name in COUNTS)
TABLES = ("listens", "listen_days", "listen_top")


def upsert(table: str, keys: tuple[str, ...], counts: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT adding ``counts`` into the row of ``keys`` (names are constants)."""
    names = (*keys, *counts)
    return (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "  # noqa: S608
        f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET "
        + ", ".join(f"{name} = {name} + excluded.{name}" for name in counts)
    )


UPSERT_CELL = upsert("listens", ("day", "article", "surface", "voice"), COUNTS)
UPSERT_DAY = upsert("listen_days", ("day", "surface", "voice"), COUNTS)
UPSERT_TOP = upsert("listen_top", ("day", "article"), ("plays", "complete"))
PLAYS, COMPLETE = COUNTS.index("plays"), COUNTS.index("complete")


def _where(surface: str | None, voice: str | None, days: list[str]) -> tuple[str, list[str]]:
    """The WHERE clause (days as a range, surface, voice) and its parameters."""
    clause, params = "day BETWEEN ? AND ?", [min(days), max(days)]
    if surface:
        clause, params = clause + " AND surface = ?", [*params, surface]
    if voice:
        clause, params = clause + " AND voice = ?", [*params, voice]
    return clause, params


class LocalListens:
    """The listen tables of the store's SQLite file (made on first use)."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        store._connection().executescript(SCHEMA)  # the store's own connection and rules

    def add(self, batch: Mapping[Cell, Numbers]) -> None:
        """Every cell of the batch, and the summaries, in one transaction."""
        days: dict[tuple[str, str, str], Numbers] = {}
        top: dict[tuple[str, str], Numbers] = {}
        for c, n in batch.items():
            added(days.setdefault((c.day, c.surface, c.voice), zero()), n)
            added(top.setdefault((c.day, c.article), zero()), n)
        with self.store._tx() as db:
            db.executemany(
                UPSERT_CELL, [(c.day, c.article, c.surface, c.voice, *n) for c, n in batch.items()]
            )
            db.executemany(UPSERT_DAY, [(*key, *n) for key, n in days.items()])
            db.executemany(
                UPSERT_TOP,
                [
                    (*key, n[PLAYS], n[COMPLETE])
                    for key, n in top.items()
                    if n[PLAYS] or n[COMPLETE]
                ],
            )

    def by_day(
        self, days: list[str], surface: str | None = None, voice: str | None = None
    ) -> dict[str, Numbers]:
        """Each day's totals, from the day summaries."""
        clause, params = _where(surface, voice, days)
        db = self.store._connection()
        rows = db.execute(
            f"SELECT day, {SUMS} FROM listen_days WHERE {clause} GROUP BY day",  # noqa: S608
            params,
        )
        return {day: list(numbers) for day, *numbers in rows}

    def top(
        self, days: list[str], limit: int, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, int, int]]:
        """The most played articles over the days (from the per-article summary unfiltered)."""
        clause, params = _where(surface, voice, days)
        table = "listens" if surface or voice else "listen_top"
        db = self.store._connection()
        rows = db.execute(
            f"SELECT article, sum(plays) AS p, sum(complete) FROM {table} WHERE {clause} "  # noqa: S608
            "GROUP BY article HAVING p > 0 ORDER BY p DESC, article LIMIT ?",
            [*params, limit],
        )
        return [(article, int(p), int(c)) for article, p, c in rows]

    def day_rows(
        self, day: str, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, Numbers]]:
        """One day's numbers per article."""
        clause, params = _where(surface, voice, [day])
        db = self.store._connection()
        rows = db.execute(
            f"SELECT article, {SUMS} FROM listens WHERE {clause} GROUP BY article ORDER BY article",  # noqa: S608
            params,
        )
        return [(article, list(numbers)) for article, *numbers in rows]

    def prune(self, before: str) -> None:
        """Remove the days before ``before``."""
        with self.store._tx() as db:
            for table in TABLES:
                db.execute(f"DELETE FROM {table} WHERE day < ?", (before,))  # noqa: S608
