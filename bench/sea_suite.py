"""A peer's own test suite: sea-g2p 0.10.0's normalizer pairs, scored on ours.

``python -m bench.sea_suite`` downloads sea-g2p 0.10.0's source package from the package index
into a cache (``~/.cache/baonoi-bench``, once, through pip's index client), reads the
(input, expected) pairs of its ``tests/python/test_normalize.py`` without importing or copying
them, and scores ``normalize`` on them with the comparison of our own case files. Misses listed
in ``bench/sea_conventions.tsv`` are conventions where we differ on purpose (each with a reason);
every other miss is a real error. The pairs are never copied into this repository.
"""

from __future__ import annotations

import ast
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

from app.speech.normalize import normalize
from tests.normalize_cases import accepted

VERSION = "0.10.0"
CACHE = Path.home() / ".cache" / "baonoi-bench"
SDIST = CACHE / f"sea_g2p-{VERSION}.tar.gz"
SUITE = f"sea_g2p-{VERSION}/tests/python/test_normalize.py"
CONVENTIONS = Path(__file__).with_name("sea_conventions.tsv")


def fetch_sdist() -> Path | None:
    """The cached source package, fetched once when missing; None when the index cannot be had."""
    if not SDIST.is_file():
        try:
            data = _download()
        except (OSError, LookupError) as exc:
            print(f"sea-g2p's source package could not be fetched: {exc}", file=sys.stderr)
            return None
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = SDIST.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(SDIST)
    return SDIST


def _download() -> bytes:
    """The source package's bytes, found and fetched through pip's own index client.

    ``pip download`` would build the package's metadata first (a Rust build with maturin), fail
    here, and keep nothing; the suite needs only the archive.
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
    for found in finder.find_all_candidates("sea-g2p"):
        if found.link.filename == SDIST.name:
            answer = session.get(found.link.url, timeout=120)
            answer.raise_for_status()
            return bytes(answer.content)
    raise LookupError(f"{SDIST.name} is not on the package index")


def _pairs_in(source: str) -> list[tuple[str, str]]:
    """Every (str, str) tuple inside the module's list literals, in order."""
    pairs = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List):
            for item in node.elts:
                if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                    try:
                        written, spoken = ast.literal_eval(item)
                    except ValueError:
                        continue
                    if isinstance(written, str) and isinstance(spoken, str):
                        pairs.append((written, spoken))
    return pairs


def suite_pairs() -> list[tuple[str, str]]:
    """sea-g2p's (input, expected) pairs from the cached sdist; empty when it cannot be had."""
    sdist = fetch_sdist()
    if sdist is None:
        return []
    with tarfile.open(sdist) as archive:
        member = archive.extractfile(SUITE)
        return _pairs_in(member.read().decode("utf-8")) if member else []


def conventions() -> dict[str, str]:
    """Inputs where we differ from sea-g2p on purpose -> the reason (``sea_conventions.tsv``)."""
    table = {}
    for line in CONVENTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("# ", "#\t")) and line.strip() != "#":
            written, reason = line.split("\t")
            table[written] = reason
    return table


def _expected(spoken: str) -> str:
    """sea-g2p's expected text in our comparison: its English tags dropped."""
    return spoken.replace("<en>", " ").replace("</en>", " ")


def score(speak: Callable[[str], str]) -> tuple[int, list[str], list[str]]:
    """(passed, misses that are conventions, real errors) of ``speak`` on sea-g2p's pairs."""
    agreed = conventions()
    passed, convention, errors = 0, [], []
    for written, spoken in suite_pairs():
        if accepted(speak(written), _expected(spoken)):
            passed += 1
        elif written in agreed:
            convention.append(written)
        else:
            errors.append(written)
    return passed, convention, errors


def main() -> int:
    """Print the score and the real errors."""
    pairs = suite_pairs()
    if not pairs:
        print("sea-g2p's source package is not available: nothing to score")
        return 0
    passed, convention, errors = score(normalize)
    print(
        f"\nsea-g2p {VERSION} own suite: {len(pairs)} pairs; ours passes {passed}"
        f" ({100 * passed / len(pairs):.1f}%), {len(convention)} conventions we keep on purpose,"
        f" {len(errors)} real errors"
    )
    for written in errors:
        print(f"  {written!r} -> {normalize(written)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
