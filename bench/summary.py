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
    width = max(len("figure"), *(len(name) for name in figures))
    print(f"\n{'figure':<{width}}  {'target':>14}  {'measured':>12}  result")
    print("-" * (width + 40))
    for name, figure in figures.items():
        unit = figure["unit"]
        target = f"{figure['comparison']} {figure['target']:g}{unit}"
        measured = f"{figure['measured']:g}{unit}"
        print(f"{name:<{width}}  {target:>14}  {measured:>12}  {'pass' if figure['pass'] else 'FAIL'}")
    failed = [name for name, figure in figures.items() if not figure["pass"]]
    print(f"\n{len(figures) - len(failed)} of {len(figures)} figures meet their targets.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
