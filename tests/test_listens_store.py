"""Listen counters on both store backends: added up, read back by day, article and filter."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.errors import StoreUnavailable
from app.store import Store, open_store
from app.store.listens import Cell, day_of, days_ending
from app.store.tally import CHUNK, Tally, listens_for


def test_cells_add_up_across_batches(store: Store) -> None:
    counts = listens_for(store)
    cell = Cell("2026-12-01", "a1", "reader", "default")
    counts.add({cell: [1, 1, 0, 0, 0, 30]})
    counts.add(
        {
            cell: [1, 1, 1, 1, 1, 200],
            Cell("2026-12-01", "a1", "frame", "default"): [2, 0, 0, 0, 0, 5],
        }
    )
    assert counts.day_rows("2026-12-01") == [("a1", [4, 2, 1, 1, 1, 235])]
    assert counts.day_rows("2026-12-01", surface="frame") == [("a1", [2, 0, 0, 0, 0, 5])]
    assert counts.day_rows("2026-12-02") == []


def test_days_and_top_articles_filter_by_surface_and_voice(store: Store) -> None:
    counts = listens_for(store)
    counts.add(
        {
            Cell("2026-12-01", "a1", "reader", "nam"): [3, 2, 2, 1, 1, 100],
            Cell("2026-12-01", "a2", "frame", "nu"): [5, 1, 0, 0, 0, 10],
            Cell("2026-12-02", "a1", "offline", "nu"): [1, 1, 1, 1, 1, 90],
            Cell("2026-11-01", "a3", "reader", "nam"): [9, 0, 0, 0, 0, 1],  # outside the days
        }
    )
    days = days_ending("2026-12-02", 30)
    assert days[-1] == "2026-12-02" and days[0] == "2026-11-03" and len(days) == 30
    assert counts.by_day(days) == {
        "2026-12-01": [8, 3, 2, 1, 1, 110],
        "2026-12-02": [1, 1, 1, 1, 1, 90],
    }
    assert counts.by_day(days, voice="nu") == {
        "2026-12-01": [5, 1, 0, 0, 0, 10],
        "2026-12-02": [1, 1, 1, 1, 1, 90],
    }
    assert counts.top(days, 10) == [("a2", 5, 0), ("a1", 4, 2)]
    assert counts.top(days, 1) == [("a2", 5, 0)]
    assert counts.top(days, 10, surface="reader") == [("a1", 3, 1)]
    assert counts.top(days, 10, voice="nam", surface="frame") == []


def test_tally_writes_many_beacons_as_one_batch(store: Store) -> None:
    counts = listens_for(store)
    tally = Tally(lambda: counts, every_s=3600)
    cell = Cell(day_of(), "a1", "reader", "default")
    for _ in range(500):
        tally.add(cell, [1, 0, 0, 0, 0, 2])
    assert tally.pending() == 1
    assert counts.day_rows(cell.day) == []  # nothing written before the flush
    assert tally.flush() == 1
    assert counts.day_rows(cell.day) == [("a1", [500, 0, 0, 0, 0, 1000])]
    tally.close()


def test_tally_keeps_its_counts_while_the_store_is_down(tmp_path: Path, redis_url: str) -> None:
    down = open_store(Settings(redis_url="redis://127.0.0.1:1/0", data_dir=tmp_path))
    tally = Tally(lambda: listens_for(down), every_s=3600)
    cell = Cell(day_of(), "a1", "reader", "default")
    tally.add(cell, [1, 0, 0, 0, 0, 0])
    assert tally.flush() == 0 and tally.pending() == 1
    up = open_store(Settings(redis_url=redis_url, data_dir=tmp_path))
    tally._counts = lambda: listens_for(up)
    assert tally.flush() == 1
    assert listens_for(up).day_rows(cell.day) == [("a1", [1, 0, 0, 0, 0, 0])]
    up.close()
    down.close()


def test_old_days_are_pruned_from_the_embedded_store(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path))
    counts = listens_for(store)
    counts.add({Cell("2020-01-01", "a1", "reader", "d"): [1, 0, 0, 0, 0, 0]})
    counts.prune("2021-01-01")
    assert counts.day_rows("2020-01-01") == []
    store.close()


def test_a_backlog_is_written_in_chunks_and_none_counted_twice(store: Store) -> None:
    counts = listens_for(store)
    calls: list[int] = []

    class Failing:
        """The store's counters, refusing the third chunk once."""

        def add(self, batch: dict[Cell, list[int]]) -> None:
            calls.append(len(batch))
            if len(calls) == 3:
                raise StoreUnavailable()
            counts.add(batch)

        def prune(self, before: str) -> None:
            counts.prune(before)

    tally = Tally(lambda: Failing(), every_s=3600)  # type: ignore[arg-type,return-value]
    day = day_of()
    for n in range(CHUNK * 3 + 7):
        tally.add(Cell(day, f"a{n}", "reader", "default"), [1, 0, 0, 0, 0, 0])
    assert tally.flush() == CHUNK * 2 and tally.pending() == CHUNK + 7
    assert tally.flush() == CHUNK + 7 and tally.pending() == 0
    assert calls == [CHUNK, CHUNK, CHUNK, CHUNK, 7]
    assert sum(n[0] for _, n in counts.day_rows(day)) == CHUNK * 3 + 7
