"""The wheel built from a copy of the checkout, and a virtualenv that sees only what it declares.

A fresh virtualenv gets the wheel (``--no-deps``) and, through a ``.pth`` line, a directory of
links to the installed distributions that the wheel's declared requirements resolve to (their
transitive closure, markers evaluated) and to nothing else. An import the wheel does not declare
therefore fails there just as it would after ``pip install`` from an index, without downloading
the dependency set on every run.
"""

from __future__ import annotations

import importlib.metadata as md
import shutil
import subprocess
import sys
from email.parser import Parser
from pathlib import Path
from zipfile import ZipFile

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
SKIP_COPY = shutil.ignore_patterns(
    ".git", ".venv*", "build", "*.egg-info", "audio_cache", "instance", "__pycache__", ".*cache"
)
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]


def build_wheel(tmp: Path) -> Path:
    """The wheel of a copy of the checkout, as the README builds it (``pip wheel --no-deps``)."""
    shutil.copytree(ROOT, tmp / "src", ignore=SKIP_COPY)
    subprocess.run([*PIP, "wheel", "--no-deps", "-w", tmp / "dist", tmp / "src"], check=True)
    return next((tmp / "dist").glob("baonoi-*.whl"))


def closure(requirements: list[str], python: dict[str, str] | None = None) -> list[md.Distribution]:
    """Installed distributions that ``requirements`` resolve to, transitively.

    Markers are evaluated for this interpreter, or for the one ``python`` describes
    (``python_version``, ``python_full_version``).
    """
    seen: dict[str, md.Distribution] = {}
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({**(python or {}), "extra": extra}):
            continue
        dist = md.distribution(req.name)  # PackageNotFoundError: the environment lacks it
        name = dist.metadata["Name"].lower().replace("_", "-")
        extras = sorted(req.extras)
        if name in seen and not extras:
            continue
        seen[name] = dist
        for line in dist.requires or []:
            for wanted in [""] + extras:
                todo.append((Requirement(line), wanted))
    return list(seen.values())


def link_site(dists: list[md.Distribution], target: Path) -> None:
    """A directory of links to each distribution's top-level files (modules, data, metadata)."""
    target.mkdir()
    for dist in dists:
        assert dist.files is not None, f"{dist.metadata['Name']} has no RECORD"
        for top in {f.parts[0] for f in dist.files if f.parts[0] not in ("..", "__pycache__")}:
            link = target / top
            if not link.exists():
                link.symlink_to(Path(str(dist.locate_file(top))).resolve())


def wheel_requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a wheel."""
    with ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode())
    return metadata.get_all("Requires-Dist") or []


def declared_dependencies(wheel: Path, target: Path, python: Path | None = None) -> Path:
    """``target``: links to the wheel's declared requirements (for ``python``), for a ``.pth``."""
    link_site(closure(wheel_requirements(wheel), python and marker_environment(python)), target)
    return target


def marker_environment(python: Path) -> dict[str, str]:
    """The Python versions of another interpreter, as requirement markers name them."""
    code = "import platform; print(platform.python_version())"
    version = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    full = version.stdout.strip()
    return {"python_full_version": full, "python_version": ".".join(full.split(".")[:2])}


def purelib(python: Path) -> Path:
    """The site-packages directory of a virtualenv's interpreter."""
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    found = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())
