"""The app's runtime environment for the start and memory benchmarks: a virtualenv with the
app's own dependencies and nothing of the test tools.

The development venv also holds pytest, mypy, import-linter and what they pull in (click,
rich, pygments); httpx imports its command line, and with it click and rich, whenever they
are installed, so an app started from the development venv loads code and memory a user's
install never has. `runtime_python()` builds `.bench-venv` in the checkout once (`pip install
-c packaging/constraints.txt -e .`, no extras) and rebuilds it when `pyproject.toml` or the
constraints change; `python bench/runtime_venv.py` prints its interpreter.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".bench-venv"
STAMP = VENV / "requirements.sha256"
TEST_ONLY = ("pytest", "mypy", "click", "rich")  # none of these may be in the runtime venv


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "packaging/constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def runtime_python() -> Path:
    python = VENV / "bin" / "python"
    wanted = _requirements_digest()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    print(f"building the runtime venv {VENV.name} (the app's dependencies only)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-c", str(ROOT / "packaging" / "constraints.txt"), "-e", str(ROOT)],
        check=True,
    )  # fmt: skip
    probe = "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) for m in sys.argv[1:]))"
    if subprocess.run([str(python), "-c", probe, *TEST_ONLY], check=False).returncode != 0:
        raise RuntimeError(f"the runtime venv holds one of the test tools {TEST_ONLY}")
    STAMP.write_text(wanted + "\n")
    return python


if __name__ == "__main__":
    print(runtime_python())
