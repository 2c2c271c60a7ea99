"""Figures of one `make bench` run: each script records what it measured against its target in
.bench/results.json; bench/summary.py prints them as one table at the end."""

from __future__ import annotations

import json
import os
from pathlib import Path

RESULTS = Path(os.environ.get("BENCH_RESULTS", Path(__file__).resolve().parent.parent / ".bench" / "results.json"))


def record(figure: str, measured: float, target: float, *, unit: str = "", higher_is_better: bool = False) -> None:
    """Add (or replace) one figure: `measured` passes when at most `target` (at least, if higher is better)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    figures = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    passed = measured >= target if higher_is_better else measured <= target
    figures[figure] = {
        "measured": round(measured, 3),
        "target": target,
        "unit": unit,
        "comparison": ">=" if higher_is_better else "<=",
        "pass": passed,
    }
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
