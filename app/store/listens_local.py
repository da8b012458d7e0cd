"""Listen counters in the embedded store: one SQLite row per (day, article, surface, voice)."""

from __future__ import annotations

from collections.abc import Mapping

from app.store.listens import COUNTS, Cell, Numbers
from app.store.local import LocalStore

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS listens (
    day TEXT NOT NULL, article TEXT NOT NULL, surface TEXT NOT NULL, voice TEXT NOT NULL,
    {", ".join(f"{name} INTEGER NOT NULL" for name in COUNTS)},
    PRIMARY KEY (day, article, surface, voice)) WITHOUT ROWID;
"""
SUMS = ", ".join(f"sum({name})" for name in COUNTS)
UPSERT = (
    f"INSERT INTO listens (day, article, surface, voice, {', '.join(COUNTS)}) "  # noqa: S608 (names are constants)
    f"VALUES (?, ?, ?, ?, {', '.join('?' for _ in COUNTS)}) "
    "ON CONFLICT(day, article, surface, voice) DO UPDATE SET "
    + ", ".join(f"{name} = {name} + excluded.{name}" for name in COUNTS)
)


def _where(surface: str | None, voice: str | None, days: list[str]) -> tuple[str, list[str]]:
    """The WHERE clause (days as a range, surface, voice) and its parameters."""
    clause, params = "day BETWEEN ? AND ?", [min(days), max(days)]
    if surface:
        clause, params = clause + " AND surface = ?", [*params, surface]
    if voice:
        clause, params = clause + " AND voice = ?", [*params, voice]
    return clause, params


class LocalListens:
    """The ``listens`` table of the store's SQLite file (made on first use)."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        store._connection().execute(SCHEMA)  # the store's own connection: same file, same rules

    def add(self, batch: Mapping[Cell, Numbers]) -> None:
        """Every cell of the batch in one transaction."""
        rows = [(c.day, c.article, c.surface, c.voice, *n) for c, n in batch.items()]
        with self.store._tx() as db:
            db.executemany(UPSERT, rows)

    def by_day(
        self, days: list[str], surface: str | None = None, voice: str | None = None
    ) -> dict[str, Numbers]:
        """Each day's totals, one GROUP BY over the days' rows."""
        clause, params = _where(surface, voice, days)
        db = self.store._connection()
        rows = db.execute(f"SELECT day, {SUMS} FROM listens WHERE {clause} GROUP BY day", params)  # noqa: S608
        return {day: list(numbers) for day, *numbers in rows}

    def top(
        self, days: list[str], limit: int, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, int, int]]:
        """The most played articles over the days."""
        clause, params = _where(surface, voice, days)
        db = self.store._connection()
        rows = db.execute(
            f"SELECT article, sum(plays) AS p, sum(complete) FROM listens WHERE {clause} "  # noqa: S608
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
            db.execute("DELETE FROM listens WHERE day < ?", (before,))
