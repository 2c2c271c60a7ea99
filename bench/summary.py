"""The last step of `make bench`: one table of every figure the scripts recorded (bench/results.py),
with its target, the measured value and pass/fail. Exits 1 when a figure missed its target."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import RESULTS


def main() -> int:
    if not RESULTS.exists():
        print(f"No figures recorded ({RESULTS} is missing).")
        return 1
    figures = json.loads(RESULTS.read_text())
    rows = [
        (
            name,
            f"{figure['comparison']} {figure['target']:g}{figure['unit']}",
            f"{figure['measured']:g}{figure['unit']}",
            "pass" if figure["pass"] else "FAIL",
        )
        for name, figure in figures.items()
    ]
    widths = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(("figure", "target", "measured"))]
    print(f"\n{'figure':<{widths[0]}}  {'target':>{widths[1]}}  {'measured':>{widths[2]}}  result")
    print("-" * (sum(widths) + 12))
    for name, target, measured, result in rows:
        print(f"{name:<{widths[0]}}  {target:>{widths[1]}}  {measured:>{widths[2]}}  {result}")
    failed = [name for name, figure in figures.items() if not figure["pass"]]
    print(f"\n{len(figures) - len(failed)} of {len(figures)} figures meet their targets.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
