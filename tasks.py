#!/usr/bin/env python3
"""Set-up and the two quick-start jobs, needing nothing but python3 and the package registries.

    python3 tasks.py main    # set up, build the store, ingest and code the sample news, show
                             # Azerbaijan's profile and write its HTML report (reports/AZE-report.html)
    python3 tasks.py test    # set up with the test extras (and Debian's chromium for the browser
                             # tests, when missing and apt-get is usable), run the whole test suite

Set-up is a virtual environment in .venv with nonaligned installed in editable mode; it is redone
only when pyproject.toml changes (a stamp file records its hash), so repeated runs are quick.
Extra arguments after ``test`` go to pytest (e.g. ``python3 tasks.py test -k votes``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    rc = subprocess.call([str(c) for c in cmd], cwd=ROOT)
    if check and rc != 0:
        sys.exit(rc)
    return rc


MODEL = ROOT / "requirements" / "model.txt"


def setup(extras: str) -> None:
    """Create .venv and install nonaligned[extras] (and the pinned spaCy model) unless done."""
    if not PY.exists():
        print(f"creating virtual environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    want = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + MODEL.read_bytes() + extras.encode()
    ).hexdigest()
    stamp = VENV / f".installed-{extras or 'core'}"
    if stamp.exists() and stamp.read_text().strip() == want:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(PY, "-m", "pip", "install", "--quiet", "-e", target)
    # the English pipeline: exactly the file whose hash is pinned, nothing downloaded at run time
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "--require-hashes", "-r", MODEL)
    stamp.write_text(want)


def main_job() -> int:
    setup("text")
    exe = BIN / "nonaligned"
    run(exe, "build")
    # the project's own sample news pages (own words, real dated events): ingest is idempotent
    run(exe, "ingest", "--code", ROOT / "nonaligned" / "text" / "sample")
    rc = run(exe, "profile", "Azerbaijan", check=False)
    if rc != 0:
        return rc
    # the self-contained HTML report (opens from disk, no internet); its path is printed
    (ROOT / "reports").mkdir(exist_ok=True)
    return run(exe, "report", "Azerbaijan", "-o", ROOT / "reports" / "AZE-report.html", check=False)


CHROMIUM = Path("/usr/bin/chromium")


def browser() -> None:
    """Debian's Chromium for the browser tests (Playwright drives it by executable_path; nothing
    is downloaded by Playwright). Installed when missing and apt-get is usable; otherwise the
    browser tests skip and say why."""
    if CHROMIUM.exists() or os.environ.get("NONALIGNED_NO_BROWSER"):
        return
    apt = shutil.which("apt-get")
    if apt is None or (hasattr(os, "geteuid") and os.geteuid() != 0):
        print(
            "tasks.py: chromium is not installed and apt-get is not usable as this user; "
            "the browser tests will be skipped",
            file=sys.stderr,
        )
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "-q", "update"], [apt, "install", "-y", "-q", "chromium"]):
        print("+", " ".join(cmd), flush=True)
        if subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL) != 0:
            print(
                "tasks.py: installing chromium failed; the browser tests will be skipped",
                file=sys.stderr,
            )
            return


def test_job(extra: list[str]) -> int:
    setup("test,text,spark")
    browser()
    rc = run(PY, "-m", "pytest", *extra, check=False)
    if rc == 5:
        print("tasks.py: pytest collected no tests: the suite is broken", file=sys.stderr)
        return 1
    return rc


def usage() -> int:
    print(__doc__)
    return 2


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(usage())
    job, rest = sys.argv[1], sys.argv[2:]
    if job == "main":
        sys.exit(main_job())
    if job == "test":
        sys.exit(test_job(rest))
    sys.exit(usage())
