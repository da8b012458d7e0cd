"""The wheel: everything the service needs at run time, installed away from the checkout.

The fresh virtualenv sees only the wheel and its declared requirements (``tests/wheelhouse.py``),
so an import the wheel does not declare fails there as it would after ``pip install``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import requests

from tests.conftest import free_port
from tests.wheelhouse import PIP, ROOT, declared_dependencies, purelib, wheel_requirements

# Directories that hold only what the app never ships (caches).
NOT_SHIPPED = {"__pycache__"}


def _declared_packages() -> set[str]:
    """The package list in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def _directories_with_files(top: Path, package: str) -> set[str]:
    """Dotted names of ``top`` and its directories that hold at least one file."""
    found = set()
    for directory in [top, *top.rglob("*")]:
        if not directory.is_dir() or NOT_SHIPPED & set(directory.relative_to(top).parts):
            continue
        if any(p.is_file() for p in directory.iterdir()):
            found.add(".".join([package, *directory.relative_to(top).parts]))
    return found


def test_pyproject_lists_every_package_and_data_directory_of_the_app() -> None:
    found = _directories_with_files(ROOT / "app", "app")
    found |= _directories_with_files(ROOT / "templates", "app.templates")
    assert _declared_packages() == found


def test_the_wheel_requires_no_server_it_does_not_run(built_wheel: Path) -> None:
    required = [r for r in wheel_requirements(built_wheel) if "extra ==" not in r]
    names = {re.split(r"[ <>=!~;\[]", r, maxsplit=1)[0].lower() for r in required}
    assert "waitress" in names and "gunicorn" not in names


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, built_wheel: Path) -> Path:
    """A fresh virtualenv with the wheel built from a copy of the checkout; its ``bin``."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", tmp / "venv"], check=True)
    venv_python = tmp / "venv" / "bin" / "python"
    subprocess.run(
        [*PIP, "--python", venv_python, "install", "--no-deps", "--no-index", built_wheel],
        check=True,
    )
    deps = declared_dependencies(built_wheel, tmp / "deps")
    (purelib(venv_python) / "baonoi_test_deps.pth").write_text(f"{deps}\n", encoding="utf-8")
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
    port = free_port()
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
