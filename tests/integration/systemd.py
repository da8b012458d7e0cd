"""A stand-in for ``systemctl`` where systemd is not running: units read and run by its rules.

``tests/integration/test_deploy.py`` puts this on ``PATH`` as ``systemctl`` inside a throwaway
root. ``enable --now UNIT...`` reads each unit's ``[Service]``, loads its ``EnvironmentFile`` the
way systemd does, expands ``ExecCondition``/``ExecStart`` the way systemd does, and starts the
command in the unit's sandbox (``ProtectSystem=strict`` with its ``ReadWritePaths``,
``PrivateTmp``, ``ProtectHome``, ``NoNewPrivileges``) as its ``User``/``Group``, with its
``UMask`` and ``WorkingDirectory``, in the minimal environment systemd gives a service. Output
goes to ``$UNIT_LOGS/<unit>.log`` (the journal) and the exit status, once the process ends, to
``$UNIT_LOGS/<unit>.exit``. ``reload nginx`` signals nginx and waits for its new workers.
Restarts, timers and dependencies are not emulated.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

UNIT_DIR = Path("/etc/systemd/system")
SERVICE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
VARIABLE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
UNQUOTED_ESCAPE = re.compile(r"\\(.)")
DOUBLE_QUOTED_ESCAPE = re.compile(r"\\([\"\\`$])")


def read_unit(path: Path) -> dict[str, list[str]]:
    """The ``[Service]`` settings of a unit file, each key with its values in order."""
    found: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line:
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def _unquote(value: str) -> str:
    """A value as systemd's environment-file parser leaves it (quotes and escapes removed)."""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return DOUBLE_QUOTED_ESCAPE.sub(r"\1", value[1:-1])
    return UNQUOTED_ESCAPE.sub(r"\1", value.rstrip())


def read_environment_file(path: Path) -> dict[str, str]:
    """``NAME=value`` lines by systemd's rules: ``#`` and ``;`` lines are comments, no expansion.

    A ``#`` after a value is part of the value, spaces inside it too; whitespace around the
    name and before the value is dropped; a trailing backslash continues the line.
    """
    text = path.read_text(encoding="utf-8").replace("\\\n", "")
    found = {}
    for raw in text.splitlines():
        line = raw.lstrip()
        if not line or line[0] in "#;" or "=" not in line:
            continue
        name, _, value = line.partition("=")
        found[name.strip()] = _unquote(value.lstrip())
    return found


def command_line(line: str, env: dict[str, str]) -> list[str]:
    """An ``Exec*=`` line as systemd runs it: prefixes dropped, words split, variables replaced.

    ``$NAME`` as a word of its own becomes the value's whitespace-separated words; ``${NAME}``
    is replaced in place, inside one word; ``$$`` is a dollar sign; unset names are empty.
    """
    line = line.lstrip("-@:+!")
    argv: list[str] = []
    for word in shlex.split(line, posix=True):
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole:
            argv += env.get(whole.group(1), "").split()
            continue

        def replace(match: re.Match[str]) -> str:
            if match.group(0) == "$$":
                return "$"
            return env.get(match.group(1) or match.group(2) or "", "")

        argv.append(VARIABLE.sub(replace, word))
    return argv


def service_environment(service: dict[str, list[str]]) -> dict[str, str]:
    """What systemd gives the service: a few variables of its user, then the environment files."""
    user = pwd.getpwnam(service.get("User", ["root"])[-1])
    env = {
        "PATH": SERVICE_PATH,
        "LANG": "C.UTF-8",
        "HOME": user.pw_dir,
        "USER": user.pw_name,
        "LOGNAME": user.pw_name,
        "SHELL": user.pw_shell,
    }
    for entry in service.get("EnvironmentFile", []):
        optional = entry.startswith("-")
        path = Path(entry.removeprefix("-"))
        if optional and not path.exists():
            continue
        env.update(read_environment_file(path))
    return env


def sandbox(service: dict[str, list[str]], argv: list[str]) -> str:
    """A script that sets up the unit's sandbox (in a new mount namespace), then runs ``argv``."""
    steps = ["set -e", "mount --make-rprivate /"]
    strict = service.get("ProtectSystem", [""])[-1] == "strict"
    for paths in service.get("ReadWritePaths", []):
        for path in paths.split():
            steps.append(f"mount --bind {shlex.quote(path)} {shlex.quote(path)}")
    if strict:
        steps.append("mount -o remount,bind,ro /")
    if service.get("PrivateTmp", ["false"])[-1] == "true":
        steps += ["mount -t tmpfs tmpfs /tmp", "mount -t tmpfs tmpfs /var/tmp"]
    if service.get("ProtectHome", ["false"])[-1] == "true":
        steps += [f"[ ! -d {d} ] || mount -t tmpfs -o ro tmpfs {d}" for d in ("/home", "/root")]
    user = service.get("User", ["root"])[-1]
    group = service.get("Group", [user])[-1]
    steps.append(f"cd {shlex.quote(service.get('WorkingDirectory', ['/'])[-1])}")
    steps.append(f"umask {service.get('UMask', ['0022'])[-1]}")
    become = ["setpriv", f"--reuid={user}", f"--regid={group}", "--init-groups"]
    if service.get("NoNewPrivileges", ["false"])[-1] == "true":
        become.append("--no-new-privs")
    steps.append("exec " + shlex.join([*become, "--", *argv]))
    return "\n".join(steps)


def start(unit: str, logs: Path) -> None:
    """Run a unit's ``ExecCondition`` (1-254: skipped), then its ``ExecStart`` in the background."""
    service = read_unit(UNIT_DIR / f"{unit}.service")
    env = service_environment(service)
    journal = (logs / f"{unit}.log").open("ab")
    for condition in service.get("ExecCondition", []):
        script = sandbox(service, command_line(condition, env))
        done = subprocess.run(
            ["unshare", "--mount", "sh", "-c", script], env=env, stdout=journal, stderr=journal
        )
        if 1 <= done.returncode <= 254:
            journal.write(f"{unit}: skipped due to 'exec-condition'\n".encode())
            return
        assert done.returncode == 0, f"{unit}: ExecCondition failed ({done.returncode})"
    (exec_start,) = service["ExecStart"]
    script = sandbox(service, command_line(exec_start, env))
    # The exit status is written outside the sandbox (whose /tmp is private).
    status = 'unshare --mount sh -c "$1"; echo $? > "$2"'
    subprocess.Popen(
        ["sh", "-c", status, unit, script, str(logs / f"{unit}.exit")],
        env=env,
        stdout=journal,
        stderr=journal,
        start_new_session=True,
    )


def _nginx_workers(master: int) -> set[int]:
    """The worker processes of nginx's master."""
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    return {int(pid) for pid in found.stdout.split()}


def reload_nginx() -> None:
    """``systemctl reload nginx``: SIGHUP, then wait until the old workers are gone."""
    master = int(Path("/run/nginx.pid").read_text().strip())
    old = _nginx_workers(master)
    os.kill(master, signal.SIGHUP)
    deadline = time.monotonic() + 10
    while old & _nginx_workers(master) and time.monotonic() < deadline:
        time.sleep(0.05)


def main(args: list[str]) -> int:
    """``systemctl daemon-reload | enable [--now] UNIT... | start UNIT... | reload nginx``."""
    logs = Path(os.environ["UNIT_LOGS"])
    verb, rest = args[0], [a for a in args[1:] if not a.startswith("--")]
    now = "--now" in args
    if verb == "daemon-reload":
        return 0
    if verb == "reload" and rest == ["nginx"]:
        reload_nginx()
        return 0
    if verb == "start" or (verb == "enable" and now):
        for unit in rest:
            start(unit.removesuffix(".service"), logs)
        return 0
    if verb == "enable":
        return 0
    print(f"systemctl stand-in: {shlex.join(args)} is not emulated", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
