"""A small real file system (a tmpfs, mounted as root) that a test fills up and frees.

SQLite and the app see a real ENOSPC, in every file: the database, its WAL and journal,
and attachments. Mounting needs root (CAP_SYS_ADMIN), as CI runs; elsewhere the test is
skipped through `missing_requirement`.
"""

from __future__ import annotations

import contextlib
import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import missing_requirement

CHUNKS = (1 << 20, 1 << 12)  # fill in MiB, then in pages


class SmallDisk:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.filler = path / "filler.bin"

    def fill(self) -> None:
        """Take every free byte, so that the next write that needs space fails."""
        with self.filler.open("ab", buffering=0) as out:
            for size in CHUNKS:
                block = bytes(size)
                while True:
                    try:
                        out.write(block)
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@contextlib.contextmanager
def small_disk(path: Path, size_mb: int = 48) -> Iterator[SmallDisk]:
    path.mkdir(parents=True, exist_ok=True)
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs", str(path)]
    done = subprocess.run(mount, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        missing_requirement(f"cannot mount a small tmpfs: {done.stderr.strip()}")
    try:
        yield SmallDisk(path)
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
