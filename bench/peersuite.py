"""A peer's own test suite: sea-g2p 0.10.0's normalizer cases, scored on ours.

The source package is fetched at run time from the package index pip is configured with, into
``~/.cache/baonoi-bench/`` (never copied into this repository), and its pairs of input and expected
reading are read from ``tests/python/test_normalize.py`` and ``test_punc_norm.py`` (module-level
lists of ``(input, expected)`` strings, grouped by the section comments above them).

A miss is one of three things:
- a **convention**: a row of ``bench/peer_conventions.tsv`` (input, the reading we give, why we
  differ on purpose); it counts only while ours still gives that very reading;
- otherwise a **real error**, listed by the peer's section, to be fixed by class.

``python -m bench.peersuite [--errors FILE]`` prints the counts (as ``bench.normalize`` does) and
writes every real error to FILE.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.normalize_cases import comparable

PACKAGE, VERSION = "sea-g2p", "0.10.0"
SDIST = f"sea_g2p-{VERSION}.tar.gz"
CACHE = Path.home() / ".cache" / "baonoi-bench"
CASE_FILES = ("tests/python/test_normalize.py", "tests/python/test_punc_norm.py")
CONVENTIONS = Path(__file__).with_name("peer_conventions.tsv")
_SECTION = re.compile(r"#\s*[═━─]+\s*(.+?)\s*[═━─]*\s*$")
_TAG = re.compile(r"</?[a-z]+>")


@dataclass(frozen=True, slots=True)
class Case:
    """One pair of the peer's suite, with the section it sits under."""

    source: str
    expected: str
    section: str


def sdist() -> Path:
    """The peer's source package, fetched once into the cache."""
    target = CACHE / SDIST
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_download())
    return target


def _download() -> bytes:
    """The source package's bytes, found and fetched through pip's own index client.

    ``pip download`` would build the package's metadata (a Rust build) before saving it; the
    tests need only the archive.
    """
    from pip._internal.index.collector import LinkCollector
    from pip._internal.index.package_finder import PackageFinder
    from pip._internal.models.index import PyPI
    from pip._internal.models.search_scope import SearchScope
    from pip._internal.models.selection_prefs import SelectionPreferences
    from pip._internal.network.session import PipSession

    session = PipSession()
    scope = SearchScope.create(find_links=[], index_urls=[PyPI.simple_url], no_index=False)
    finder = PackageFinder.create(LinkCollector(session, scope), SelectionPreferences(False))
    for found in finder.find_all_candidates(PACKAGE):
        if found.link.filename == SDIST:
            answer = session.get(found.link.url, timeout=120)
            answer.raise_for_status()
            return bytes(answer.content)
    raise SystemExit(f"{SDIST} is not on the package index")


def cases(archive: Path) -> list[Case]:
    """Every ``(input, expected)`` pair of the peer's normalizer tests, in order."""
    found: list[Case] = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.name.split("/", 1)[-1] in CASE_FILES:
                handle = tar.extractfile(member)
                if handle is not None:
                    found.extend(_pairs(handle.read().decode("utf-8")))
    return found


def _pairs(source: str) -> Iterator[Case]:
    """The string pairs of a test module's list constants, each with its section comment."""
    sections = {n: m.group(1) for n, line in enumerate(source.splitlines(), 1)
                if (m := _SECTION.match(line.strip()))}  # fmt: skip
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)):
            continue
        name = next((t.id for t in node.targets if isinstance(t, ast.Name)), "")
        for item in node.value.elts:
            pair = _string_pair(item)
            if pair is not None:
                above = [text for n, text in sections.items() if n < item.lineno]
                yield Case(*pair, above[-1] if above else name)


def _string_pair(node: ast.expr) -> tuple[str, str] | None:
    """``("input", "expected")`` as a pair of strings, else None."""
    if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
        return None
    values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
    if len(values) == 2 and all(isinstance(v, str) for v in values):
        return str(values[0]), str(values[1])
    return None


def same(ours: str, theirs: str) -> bool:
    """Whether two readings say the same words (case, punctuation and ``<en>`` tags aside)."""
    return comparable(_TAG.sub(" ", ours)) == comparable(_TAG.sub(" ", theirs))


def conventions(path: Path = CONVENTIONS) -> dict[str, str]:
    """Input -> the reading we give on purpose (the table's reason is for people)."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, reading, _why = line.split("\t")
            table[source] = reading
    return table


@dataclass(frozen=True, slots=True)
class Score:
    """How ours does on the peer's suite."""

    total: int
    matched: int
    conventions: int
    errors: list[tuple[Case, str]]


def score(speak: Callable[[str], str], suite: list[Case], agreed: dict[str, str]) -> Score:
    """Matches, misses that are our conventions, and real errors (with what we said)."""
    matched = convention = 0
    errors: list[tuple[Case, str]] = []
    for case in suite:
        said = speak(case.source)
        if same(said, case.expected):
            matched += 1
        elif case.source in agreed and same(said, agreed[case.source]):
            convention += 1
        else:
            errors.append((case, said))
    return Score(len(suite), matched, convention, errors)


def summary(result: Score) -> str:
    """One line: matched, conventions, real errors, and the sections with most errors."""
    worst = Counter(case.section for case, _ in result.errors).most_common(4)
    where = "; ".join(f"{section} {n}" for section, n in worst)
    return (
        f"sea-g2p {VERSION}'s own suite: {result.matched}/{result.total} match,"
        f" {result.conventions} our conventions, {len(result.errors)} real errors ({where})"
    )


def main(argv: list[str] | None = None) -> int:
    """Score ours on the peer's suite; write the real errors to a file."""
    from app.speech.normalize import normalize

    parser = argparse.ArgumentParser(prog="python -m bench.peersuite")
    parser.add_argument("--errors", type=Path, default=Path("peer-errors.tsv"))
    args = parser.parse_args(argv)
    result = score(normalize, cases(sdist()), conventions())
    print(summary(result))
    lines = [f"{c.section}\t{c.source}\t{c.expected}\t{said}" for c, said in result.errors]
    args.errors.write_text("section\tinput\tsea-g2p\tours\n" + "\n".join(lines) + "\n", "utf-8")
    print(f"real errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
