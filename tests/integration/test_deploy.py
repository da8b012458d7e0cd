"""The README's "Deploying", run as written on a throwaway copy of this Debian machine.

Every ``sh`` block of the section runs in order, unchanged, as root in a private root file system
(an overlay on ``/``: the machine itself is never written), a private network (its own loopback,
so port 80 and the default site's ``default_server`` are the stock ones) and a private process
tree (everything started dies with it). Debian's nginx runs there with its default site enabled,
as after ``apt-get install nginx``. Stand-ins replace only what is missing here: ``sudo``
(``runuser``), ``apt-get`` (the packages are installed; Redis is started as Debian's package
starts it), ``systemctl`` (``tests/integration/systemd.py``: units read and sandboxed by systemd's
rules) and PyPI (the wheel's declared requirements linked from this environment). Between blocks
the test makes only the edits the text asks for.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import need
from tests.integration.systemd import command_line, read_environment_file, read_unit
from tests.wheelhouse import declared_dependencies

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DEPLOY = ROOT / "deploy"
ENV_FILE = DEPLOY / "systemd" / "baonoi.env"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
SYSTEM_PYTHON = Path("/usr/bin/python3")  # `python3 -m venv` in the README
NAME = "baonoi.example.gov.vn"  # the server_name placeholder, resolved to this loopback
# The edits the README's text asks for, made after the block that contains the key.
EDITS = {
    "apt-get install redis-server": "sed -i 's|^#BAONOI_REDIS_URL=|BAONOI_REDIS_URL=|' "
    "/etc/baonoi/baonoi.env",
}
# Not an edit: the stand-in for PyPI, after the block that installs the wheel.
STAND_IN_FOR_PYPI = (
    "pip install dist/",
    "cp -aL {deps} /opt/baonoi/deps && "
    "echo /opt/baonoi/deps > $(echo /opt/baonoi/venv/lib/python3*/site-packages)/deps.pth",
)
PORTAL_SETTINGS = (
    "BAONOI_ALLOWED_HOSTS",
    "BAONOI_PERMITTED_NETWORKS",
    "BAONOI_API_TOKEN",
    "BAONOI_EMBED_ORIGINS",
    "BAONOI_PUBLIC_URL",
    "BAONOI_TRUSTED_PROXIES",
    "BAONOI_HOST_FETCHES_PER_MINUTE",
    "BAONOI_REFETCH_INTERVAL_S",
    "BAONOI_FETCH_WORKERS",
    "BAONOI_FETCH_PER_HOST",
    "BAONOI_FETCH_WAIT_S",
    "BAONOI_FETCH_FAILURE_TTL_S",
    "BAONOI_REDIS_URL",
    "WATCH_FEEDS",
    "WATCH_INTERVAL_S",
)


def deploying_blocks(readme: str) -> list[str]:
    """The ``sh`` blocks of the README's "Deploying" section, in order, dedented."""
    section = readme.split("\n## Deploying\n", 1)[1].split("\n## ", 1)[0]
    return [textwrap.dedent(b) for b in re.findall(r"```sh\n(.*?)```", section, re.S)]


# -- the shipped files, read as systemd and a shell read them (fast) ------------------------------


def test_the_environment_file_reads_the_same_in_systemd_and_a_shell() -> None:
    by_systemd = read_environment_file(ENV_FILE)
    shell = subprocess.run(
        ["sh", "-c", 'set -a; . "$1"; set +a; env -0', "sh", ENV_FILE],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    by_shell = dict(v.split("=", 1) for v in shell.stdout.decode().split("\0") if "=" in v)
    assert by_systemd and {k: by_shell.get(k) for k in by_systemd} == by_systemd
    for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z_][A-Z0-9_]*=[^\s'\"\\$`#;]*", line), line


def test_the_environment_file_lists_every_portal_setting_and_leaves_redis_off() -> None:
    text = ENV_FILE.read_text(encoding="utf-8")
    for name in PORTAL_SETTINGS:
        assert re.search(rf"^#?{name}=", text, re.M), name
    assert "BAONOI_REDIS_URL" not in read_environment_file(ENV_FILE)


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.stem)
def test_units_run_the_installed_command_and_write_only_where_their_sandbox_lets_them(
    unit: Path,
) -> None:
    service = read_unit(unit)
    env = read_environment_file(ENV_FILE)
    (start,) = service["ExecStart"]
    command = {"baonoi-web": "serve", "baonoi-worker": "worker", "baonoi-watch": "watch"}
    assert command_line(start, env)[:2] == ["/opt/baonoi/venv/bin/baonoi", command[unit.stem]]
    assert service["ProtectSystem"] == ["strict"]
    writable = [Path(p) for paths in service["ReadWritePaths"] for p in paths.split()]
    for directory in (env["BAONOI_AUDIO_CACHE_DIR"], env["BAONOI_DATA_DIR"]):
        assert any(Path(directory).is_relative_to(w) for w in writable), directory
    assert "gunicorn" not in unit.read_text(encoding="utf-8").lower()


def test_the_worker_unit_is_skipped_without_redis_and_runs_with_it() -> None:
    (condition,) = read_unit(DEPLOY / "systemd" / "baonoi-worker.service")["ExecCondition"]
    for env, status in (({}, 1), ({"BAONOI_REDIS_URL": "redis://127.0.0.1:6379/0"}, 0)):
        argv = command_line(condition, env)
        done = subprocess.run(argv, env={"PATH": "/usr/bin:/bin", **env}, capture_output=True)
        assert done.returncode == status


def test_the_readme_blocks_are_found_and_the_edits_still_apply() -> None:
    blocks = deploying_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    text = "\n".join(blocks)
    for key in [*EDITS, STAND_IN_FOR_PYPI[0]]:
        assert key in text, key
    assert "#BAONOI_REDIS_URL=" in ENV_FILE.read_text(encoding="utf-8")


# -- the whole deployment, as a user runs it (slow) -----------------------------------------------

OUTER = """set -eu
mount --make-rprivate /
mount -t tmpfs tmpfs {layer}
mkdir {layer}/upper {layer}/work {layer}/root
mount -t overlay overlay -o lowerdir=/,upperdir={layer}/upper,workdir={layer}/work {layer}/root
mount --rbind /dev {layer}/root/dev
mount -t proc proc {layer}/root/proc
mount --rbind /sys {layer}/root/sys
mount --bind {out} {layer}/root{out}
exec chroot {layer}/root /bin/bash {out}/inside.sh
"""
# The machine as Debian leaves it: nginx installed and running with its default site.
INSIDE = """set -eu
ip link set lo up
echo "127.0.0.1 {name}" >> /etc/hosts
export PATH={out}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export UNIT_LOGS={out}/units PIP_NO_INDEX=1 PIP_NO_DEPS=1 PIP_DISABLE_PIP_VERSION_CHECK=1
test -e /etc/nginx/sites-enabled/default
nginx
cd {work}
"""
SHIMS = {
    "sudo": """#!/bin/sh
if [ "$1" = "-u" ]; then user=$2; shift 2; exec runuser -u "$user" -- "$@"; fi
exec "$@"
""",
    "apt-get": """#!/bin/sh
# Debian's packages are installed already; start what installing them starts.
for package; do
  if [ "$package" = redis-server ]; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --dir /tmp >/dev/null
  fi
done
""",
    "systemctl": '#!/bin/sh\nexec {python} {root}/tests/integration/systemd.py "$@"\n',
}
CHECKS = """
import io, json, os, pwd, re, sys, time
from urllib.parse import urlsplit
import requests, soundfile
base = "http://{name}"
log = open(sys.argv[1], encoding="utf-8").read()
article = re.search(r"^(\\S+)\\t/articles/(\\S+)$", log, re.M).group(1)
found = {{"article": article}}
health = requests.get(base + "/healthz", timeout=10)
found["health"] = [health.status_code, health.json().get("store")]
other = requests.get("http://127.0.0.1/", timeout=10)
found["default_site"] = [other.status_code, "Welcome to nginx" in other.text]
deadline = time.monotonic() + 240
while True:
    moved = requests.get(
        f"{{base}}/articles/{{article}}/audio.mp3", allow_redirects=False, timeout=30
    )
    if moved.status_code != 503 or time.monotonic() > deadline:
        break
    time.sleep(1)
path = urlsplit(moved.headers.get("Location", "")).path
name = path.rsplit("/", 1)[-1]
audio = requests.get(base + path, timeout=30)
part = requests.get(base + path, headers={{"Range": "bytes=0-99"}}, timeout=30)
info = soundfile.info(io.BytesIO(audio.content))
stat = os.stat("/var/lib/baonoi/audio_cache/" + name)
found["moved"] = moved.status_code
found["audio"] = {{
    "status": audio.status_code,
    "type": audio.headers.get("Content-Type"),
    "etag": audio.headers.get("ETag"),
    "digest": name.split(".")[1],
    "from_disk": "Last-Modified" in audio.headers,
    "seconds": info.duration,
    "range": [part.status_code, part.headers.get("Content-Range"), len(part.content)],
    "mode": oct(stat.st_mode & 0o777),
    "owner": pwd.getpwuid(stat.st_uid).pw_name,
}}
units = {{}}
for unit in ("baonoi-web", "baonoi-worker", "baonoi-watch"):
    exit_file = os.path.join(os.environ["UNIT_LOGS"], unit + ".exit")
    units[unit] = open(exit_file).read().strip() if os.path.exists(exit_file) else "running"
found["units"] = units
print(json.dumps(found))
"""


def _script(out: Path, work: Path, deps: Path) -> str:
    """The shell script run inside: the machine's state, the README's blocks with the edits."""
    lines = [INSIDE.format(name=NAME, out=out, work=work)]
    for number, block in enumerate(deploying_blocks(README.read_text(encoding="utf-8")), 1):
        lines += [f"echo '### block {number}'", block]
        for key, edit in EDITS.items():
            if key in block:
                lines.append(edit)
        if STAND_IN_FOR_PYPI[0] in block:
            lines.append(STAND_IN_FOR_PYPI[1].format(deps=deps))
    lines.append(
        f"{shlex.quote(sys.executable)} {out}/checks.py {out}/script.log > {out}/checks.json"
    )
    return "\n".join(lines) + "\n"


def _stage(tmp: Path, wheel: Path) -> tuple[Path, Path]:
    """The outbox (shims, scripts, logs) and the directory the commands run in; both under tmp."""
    out, work = tmp / "out", tmp / "work"
    (out / "bin").mkdir(parents=True)
    (out / "units").mkdir()
    for name, text in SHIMS.items():
        shim = out / "bin" / name
        shim.write_text(text.format(python=shlex.quote(sys.executable), root=ROOT))
        shim.chmod(0o755)
    (work / "dist").mkdir(parents=True)
    shutil.copy(wheel, work / "dist")
    shutil.copytree(DEPLOY, work / "deploy")
    deps = declared_dependencies(wheel, tmp / "deps", SYSTEM_PYTHON)
    (out / "inside.sh").write_text(_script(out, work, deps), encoding="utf-8")
    (out / "checks.py").write_text(CHECKS.format(name=NAME), encoding="utf-8")
    (tmp / "layer").mkdir()
    (tmp / "outer.sh").write_text(OUTER.format(layer=tmp / "layer", out=out), encoding="utf-8")
    return out, work


@pytest.mark.slow
def test_the_readme_deployment_runs_as_written_behind_debians_nginx_with_its_default_site(
    tmp_path: Path, built_wheel: Path
) -> None:
    need(os.geteuid() == 0, "the deployment test needs root (namespaces, an overlay on /)")
    for program in ("nginx", "redis-server", "unshare", "runuser", "setpriv"):
        need(shutil.which(program) is not None, f"{program} is not installed")
    system = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if system != str(sys.version_info[:2]):
        pytest.skip(f"the system python3 is {system}: the test links this {sys.version_info[:2]}")
    out, _ = _stage(tmp_path, built_wheel)
    started = time.monotonic()
    with (out / "script.log").open("wb") as log:
        done = subprocess.run(
            ["unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc"]
            + ["bash", str(tmp_path / "outer.sh")],
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=600,
            check=False,
        )
    elapsed = time.monotonic() - started
    print(f"\nthe README's deployment, run as written: {elapsed:.1f} s")
    journal = "".join(
        f"--- {p.name}\n{p.read_text(errors='replace')}" for p in sorted((out / "units").iterdir())
    )
    report = (out / "script.log").read_text(errors="replace")[-6000:] + "\n" + journal[-6000:]
    assert done.returncode == 0, report
    assert "conflicting server name" not in report, report
    found = json.loads((out / "checks.json").read_text())
    assert found["health"] == [200, "redis"], report
    assert found["default_site"] == [200, True]  # Debian's default site still answers the rest
    assert found["moved"] == 307
    audio = found["audio"]
    assert audio["status"] == 200 and audio["type"] == "audio/mpeg"
    assert audio["etag"] == f'"{audio["digest"]}"' and audio["from_disk"]  # sent by nginx
    assert audio["seconds"] > 10
    assert audio["range"][:2] == [206, audio["range"][1]] and audio["range"][2] == 100
    assert audio["mode"] == "0o644" and audio["owner"] == "baonoi"
    assert found["units"] == {
        "baonoi-web": "running",
        "baonoi-worker": "running",
        "baonoi-watch": "0",
    }
    assert "nothing to watch" in (out / "units" / "baonoi-watch.log").read_text()
