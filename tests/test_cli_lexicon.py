"""``baonoi lexicon import|export`` and ``baonoi normalize`` on the store's lexicon."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.store import open_store
from tests.test_cli import run


def test_normalize_imports_lexicon_tsv_once_and_uses_the_store(tmp_path: Path) -> None:
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "lexicon.tsv").write_text("UBND\tuỷ ban\nNa Rì\tna rì\n", "utf-8")
    done = run(["normalize", "UBND huyện Na Rì"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == "uỷ ban huyện na rì"
    # The file is not read again: a change through the store wins over it.
    done = run(["lexicon", "import", "-"], tmp_path, "UBND\tủy ban nhân dân\n".encode())
    assert done.returncode == 0, done.stderr
    assert run(["normalize", "UBND"], tmp_path).stdout.decode().strip() == "ủy ban nhân dân"


def test_export_then_import_round_trips_the_lexicon(tmp_path: Path) -> None:
    source = tmp_path / "in.tsv"
    source.write_text("# comment\nBắc Kạn\tbắc cạn\nNa Rì\tna   rì\n", "utf-8")
    done = run(["lexicon", "import", str(source)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"2 entries read" in done.stdout
    target = tmp_path / "out.tsv"
    assert run(["lexicon", "export", str(target)], tmp_path).returncode == 0
    lines = target.read_text("utf-8").splitlines()
    assert lines[0].startswith("#") and lines[1:] == ["Bắc Kạn\tbắc cạn", "Na Rì\tna rì"]
    assert run(["lexicon", "export"], tmp_path).stdout.decode().splitlines() == lines
    store = open_store(Settings(data_dir=tmp_path / "instance"))
    events, _ = store.accounts().audit(0, 10)
    store.close()
    assert [(e.action, e.subject) for e in events] == [("lexicon_import", str(source))]
    assert events[0].actor.startswith("cli:")


def test_import_replace_drops_the_entries_the_file_does_not_name(tmp_path: Path) -> None:
    run(["lexicon", "import", "-"], tmp_path, "a\tmột\nb\thai\n".encode())
    run(["lexicon", "import", "--replace", "-"], tmp_path, "b\tbê\n".encode())
    assert run(["lexicon", "export"], tmp_path).stdout.decode().splitlines()[1:] == ["b\tbê"]


def test_a_bad_line_or_missing_file_exits_1_naming_it(tmp_path: Path) -> None:
    done = run(["lexicon", "import", "-"], tmp_path, b"no tab here\n")
    assert done.returncode == 1 and b"line 1" in done.stderr and "dòng 1".encode() in done.stderr
    done = run(["lexicon", "import", str(tmp_path / "absent.tsv")], tmp_path)
    assert done.returncode == 1 and b"Cannot read" in done.stderr
    done = run(["lexicon", "import", "-"], tmp_path, b"#x\tnot a word\nok\t" + b"x" * 400 + b"\n")
    assert done.returncode == 1 and b"'ok': At most 100" in done.stderr


def test_import_of_a_word_an_article_says_re_makes_that_article(
    tmp_path: Path, data_dir: Path
) -> None:
    page = data_dir / "portal" / "sonlam-2021-11-05-zone-variant.html"
    assert run(["ingest", str(page), "--id", "son"], tmp_path).returncode == 0
    done = run(["lexicon", "import", "-"], tmp_path, "Sở Nội vụ\tsở nội vụ\nSơn\tsân\n".encode())
    assert done.returncode == 0, done.stderr
    # "Sơn" is only in the byline, which is not read: that entry changes nothing.
    assert done.stdout.decode().strip() == (
        "2 entries read; 1 articles and 2 sentences sound otherwise; 1 re-made"
    )
