"""The rows a benchmark reports to `bench/run_all.py`: figure, project, baseline, target.

Each benchmark prints its own detailed table and, given `--json FILE`, also writes its headline
figures as `Row`s; `run_all` collects them into one table. `ratio` is always project ÷
baseline (for a throughput, higher is better; for a time or a size, lower is), and `met` is
the benchmark's own verdict against its target (None where there is no target).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    figure: str
    project: float
    baseline: float
    unit: str
    target: str
    met: bool | None

    @property
    def ratio(self) -> float:
        return self.project / self.baseline if self.baseline else float("inf")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the headline rows to FILE"
    )


def write_rows(path: Path | None, rows: list[Row]) -> None:
    if path is not None:
        path.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))


def read_rows(path: Path) -> list[Row]:
    return [Row(**item) for item in json.loads(path.read_text())]
