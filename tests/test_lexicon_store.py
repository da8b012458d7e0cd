"""The lexicon in the store, both backends: entries, the version, the one-time import, scans."""

from __future__ import annotations

import unicodedata

import pytest

from app.config import Settings
from app.errors import ConfigError, InputError, StoreUnavailable
from app.models import Article, Block, BlockKind
from app.services import open_lexicon
from app.store import Store
from app.store import lexicon as lexicon_module
from app.store.lexicon import Entry, LiveLexicon, check_entry


def article(article_id: str, text: str) -> Article:
    """A one-paragraph article."""
    return Article(
        title="Tin", id=article_id, version="v", blocks=[Block(BlockKind.PARAGRAPH, text, "")]
    )


def test_entries_round_trip_with_who_and_when(store: Store) -> None:
    lexicon = store.lexicon()
    assert lexicon.entries() == [] and lexicon.table() == {}
    lexicon.put(Entry("Na Rì", "na rì", "lan", 5.0))
    lexicon.put(Entry("Bắc Kạn", "bắc cạn", "minh", 6.0))
    assert lexicon.entries() == [
        Entry("Bắc Kạn", "bắc cạn", "minh", 6.0),
        Entry("Na Rì", "na rì", "lan", 5.0),
    ]
    assert lexicon.get("Na Rì") == Entry("Na Rì", "na rì", "lan", 5.0)
    assert lexicon.get("Ba Bể") is None
    assert lexicon.table() == {"Bắc Kạn": "bắc cạn", "Na Rì": "na rì"}


def test_every_change_moves_the_version_and_a_no_op_does_not(store: Store) -> None:
    lexicon = store.lexicon()
    assert lexicon.version() == 0
    first = lexicon.put(Entry("UBND", "uỷ ban"))
    second = lexicon.put(Entry("UBND", "ủy ban nhân dân"))
    assert 0 < first < second == lexicon.version()
    assert lexicon.delete("UBND") == second + 1
    assert lexicon.delete("UBND") is None
    assert lexicon.version() == second + 1


def test_import_happens_once_and_a_deleted_entry_stays_deleted(store: Store) -> None:
    lexicon = store.lexicon()
    lexicon.put(Entry("UBND", "uỷ ban", "editor"))
    table = {"UBND": "from the file", "Bắc Kạn": "bắc cạn"}
    assert lexicon.import_once(table, by="lexicon.tsv") == 1  # the console's entry is kept
    assert lexicon.table() == {"UBND": "uỷ ban", "Bắc Kạn": "bắc cạn"}
    lexicon.delete("Bắc Kạn")
    assert lexicon.import_once(table, by="lexicon.tsv") is None
    assert "Bắc Kạn" not in lexicon.table()


def test_put_many_merges_or_replaces(store: Store) -> None:
    lexicon = store.lexicon()
    lexicon.put(Entry("UBND", "uỷ ban"))
    before = lexicon.version()
    assert lexicon.put_many({"Na Rì": "na rì"}, by="cli") > before
    assert lexicon.table() == {"UBND": "uỷ ban", "Na Rì": "na rì"}
    lexicon.put_many({"Ba Bể": "ba bể"}, by="cli", replace=True)
    assert lexicon.table() == {"Ba Bể": "ba bể"}
    assert lexicon.get("Ba Bể") is not None and lexicon.get("Ba Bể").changed_by == "cli"  # type: ignore[union-attr]


def test_the_lexicon_is_bounded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "MAX_ENTRIES", 2)
    monkeypatch.setattr("app.store.lexicon_sqlite.MAX_ENTRIES", 2)
    monkeypatch.setattr("app.store.lexicon_redis.MAX_ENTRIES", 2)
    lexicon = store.lexicon()
    lexicon.put_many({"a": "một", "b": "hai"}, by="cli")
    with pytest.raises(InputError):
        lexicon.put(Entry("c", "ba"))
    lexicon.put(Entry("a", "a thôi"))  # replacing is always possible
    with pytest.raises(InputError):
        lexicon.put_many({"c": "ba"}, by="cli")
    assert lexicon.table() == {"a": "a thôi", "b": "hai"}


@pytest.mark.parametrize(
    ("written", "spoken"),
    [("", "x"), ("#x", "x"), ("a\tb", "x"), ("a", "x\ny"), ("a" * 101, "x"), ("a", "x" * 301)],
)
def test_bad_entries_are_refused_bilingually(written: str, spoken: str) -> None:
    with pytest.raises(InputError) as caught:
        check_entry(written, spoken)
    assert caught.value.message_vi and caught.value.message_en


def test_entries_are_kept_in_nfc_with_spaces_collapsed() -> None:
    decomposed = unicodedata.normalize("NFD", "Bắc  Kạn ")
    assert check_entry(decomposed, " bắc   cạn") == ("Bắc Kạn", "bắc cạn")


def test_mentioning_finds_articles_by_fragment_in_pages(store: Store) -> None:
    for number in range(450):  # more than two pages of the scan
        text = "Huyện Na Rì" if number % 100 == 7 else "Chuyện khác"
        store.put_article(article(f"a{number:03d}", text))
    store.put_article(article("quote", 'Câu "Na Rì" trong ngoặc'))
    found = sorted(a.id for a in store.lexicon().mentioning(["Na Rì"]))
    assert found == ["a007", "a107", "a207", "a307", "a407", "quote"]
    assert len(list(store.lexicon().mentioning([""]))) == 451
    assert len(list(store.lexicon().mentioning(["Na Rì", "khác"]))) == 451


def test_live_lexicon_reads_the_table_again_only_when_the_version_moves(store: Store) -> None:
    now = [0.0]
    live = LiveLexicon(store.lexicon(), every_s=1.0, clock=lambda: now[0])
    assert live.current() == {}
    store.lexicon().put(Entry("UBND", "uỷ ban"))
    assert live.current() == {}  # checked less than a second ago
    now[0] = 1.5
    assert live.current() == {"UBND": "uỷ ban"}
    store.lexicon().put(Entry("Na Rì", "na rì"))
    assert live.refresh() == {"UBND": "uỷ ban", "Na Rì": "na rì"}


def test_live_lexicon_keeps_its_copy_while_the_store_is_away(store: Store) -> None:
    class Away:
        def __init__(self) -> None:
            self.down = False

        def version(self) -> int:
            if self.down:
                raise StoreUnavailable()
            return store.lexicon().version()

        def table(self) -> dict[str, str]:
            return store.lexicon().table()

    store.lexicon().put(Entry("UBND", "uỷ ban"))
    source = Away()
    live = LiveLexicon(source, every_s=0)  # type: ignore[arg-type]
    assert live.current() == {"UBND": "uỷ ban"}
    source.down = True
    assert live.current() == {"UBND": "uỷ ban"}
    with pytest.raises(StoreUnavailable):
        LiveLexicon(source, every_s=0).current()  # type: ignore[arg-type]


def test_lexicon_file_is_imported_on_first_use_only(store_settings: Settings, store: Store) -> None:
    (store_settings.data_dir / "lexicon.tsv").write_text("UBND\tuỷ ban\nNa Rì\tna rì\n", "utf-8")
    assert open_lexicon(store_settings, store).current() == {"UBND": "uỷ ban", "Na Rì": "na rì"}
    store.lexicon().delete("Na Rì")
    assert open_lexicon(store_settings, store).current() == {"UBND": "uỷ ban"}  # as after a restart
    entry = store.lexicon().get("UBND")
    assert entry is not None and entry.changed_by == "lexicon.tsv"


def test_a_bad_lexicon_file_fails_at_start_up(store_settings: Settings, store: Store) -> None:
    (store_settings.data_dir / "lexicon.tsv").write_text("#ok\n\tnothing written\n", "utf-8")
    with pytest.raises(ConfigError):
        open_lexicon(store_settings, store)
