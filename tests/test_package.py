"""The wheel: everything the service needs at run time, installed away from the checkout.

The fresh virtualenv gets the wheel (``--no-deps``) and, through a ``.pth`` line, a directory of
links to the installed distributions that the wheel's declared requirements resolve to (their
transitive closure, markers evaluated) and to nothing else. An import the wheel does not declare
therefore fails there just as it would after ``pip install`` from an index, without downloading
the dependency set on every run.
"""

from __future__ import annotations

import importlib.metadata as md
import os
import shutil
import subprocess
import sys
import time
import tomllib
from email.parser import Parser
from pathlib import Path
from zipfile import ZipFile

import pytest
import requests
from packaging.requirements import Requirement

from tests.conftest import _free_port

ROOT = Path(__file__).resolve().parent.parent
SKIP_COPY = shutil.ignore_patterns(
    ".git", ".venv*", "build", "*.egg-info", "audio_cache", "instance", "__pycache__", ".*cache"
)


def _declared_packages() -> set[str]:
    """The package list in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_pyproject_lists_every_package_of_the_app() -> None:
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "app").rglob("__init__.py")
    }
    assert _declared_packages() == found | {"app.templates"}


def _closure(requirements: list[str]) -> list[md.Distribution]:
    """Installed distributions that ``requirements`` resolve to, transitively."""
    seen: dict[str, md.Distribution] = {}
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
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


def _link_site(dists: list[md.Distribution], target: Path) -> None:
    """A directory of links to each distribution's top-level files (modules, data, metadata)."""
    target.mkdir()
    for dist in dists:
        assert dist.files is not None, f"{dist.metadata['Name']} has no RECORD"
        for top in {f.parts[0] for f in dist.files if f.parts[0] not in ("..", "__pycache__")}:
            link = target / top
            if not link.exists():
                link.symlink_to(Path(str(dist.locate_file(top))).resolve())


def _wheel_requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a wheel."""
    with ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode())
    return metadata.get_all("Requires-Dist") or []


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel built from a copy of the checkout; its ``bin``."""
    tmp = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, tmp / "src", ignore=SKIP_COPY)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", tmp / "dist", tmp / "src"], check=True)
    wheel = next((tmp / "dist").glob("baonoi-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", tmp / "venv"], check=True)
    venv_python = tmp / "venv" / "bin" / "python"
    subprocess.run(
        [*pip, "--python", venv_python, "install", "--no-deps", "--no-index", wheel], check=True
    )
    _link_site(_closure(_wheel_requirements(wheel)), tmp / "deps")
    site = subprocess.run(
        [venv_python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "baonoi_test_deps.pth").write_text(f"{tmp / 'deps'}\n", encoding="utf-8")
    return tmp / "venv" / "bin"


def _clean_env(workdir: Path) -> dict[str, str]:
    """An environment without the checkout: no PYTHONPATH, no BAONOI_* but the offline voice."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "BAONOI_TTS_ENGINE": "espeak",
    }


def _run(args: list[str | Path], workdir: Path) -> str:
    """Run a command of the virtualenv in ``workdir``; its standard output."""
    done = subprocess.run(
        args, cwd=workdir, env=_clean_env(workdir), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_wheel_imports_every_module_with_only_its_declared_requirements(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "import importlib, pkgutil, app\n"
        "names = [m.name for m in pkgutil.walk_packages(app.__path__, 'app.')]\n"
        "[importlib.import_module(n) for n in names]\n"
        "import lxml.html.clean, trafilatura\n"
        "print(app.__file__)"
    )
    where = _run([installed / "python", "-c", code], tmp_path)
    assert Path(where.strip()).is_relative_to(installed.parent)


@pytest.mark.slow
def test_wheel_ingests_and_serves_pages_player_and_both_audio_files(
    installed: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    workdir = tmp_path_factory.mktemp("site")
    demo = next((installed.parent / "lib").glob("python3*/site-packages/app/demo/*.html"))
    line = _run([installed / "baonoi", "ingest", "--id", "mau", demo], workdir)
    assert line.startswith("mau\t")
    port = _free_port()
    proc = subprocess.Popen(
        [installed / "baonoi", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=workdir,
        env=_clean_env(workdir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(f"{base}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, "baonoi serve exited"
                time.sleep(0.1)
        for path in ("/", "/articles/mau", "/static/player.js", "/embed/mau"):
            assert requests.get(f"{base}{path}", timeout=30).status_code == 200, path
        for fmt, mime in (("mp3", "audio/mpeg"), ("opus", "audio/ogg")):
            answer = requests.get(f"{base}/articles/mau/audio.{fmt}", timeout=120)
            assert answer.status_code == 200, fmt
            assert answer.headers["Content-Type"].startswith(mime)
            assert len(answer.content) > 10_000
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
