"""A peer's own test suite: sea-g2p 0.10.0's normalizer pairs, scored on ours.

``python -m bench.sea_suite`` downloads sea-g2p 0.10.0's source package from PyPI into a cache
(``~/.cache/baonoi-bench``, once; ``pip download --no-deps --no-binary :all:``), reads the
(input, expected) pairs of its ``tests/python/test_normalize.py`` without importing or copying
them, and scores ``normalize`` on them with the comparison of our own case files. Misses listed
in ``bench/sea_conventions.tsv`` are conventions where we differ on purpose (each with a reason);
every other miss is a real error. The pairs are never copied into this repository.
"""

from __future__ import annotations

import ast
import subprocess
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
    """The cached source package, downloaded with pip when missing; None when unavailable."""
    if not SDIST.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        command += ["-d", str(CACHE), f"sea-g2p=={VERSION}"]
        # pip fetches the file, then may fail to build its metadata (a Rust build): the file
        # is what we need, so the exit status is not the test.
        subprocess.run(command, capture_output=True, check=False, timeout=600)
    return SDIST if SDIST.is_file() else None


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
        if line.strip() and not line.startswith("#"):
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
