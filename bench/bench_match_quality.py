"""Benchmark: how well the job-fit score ranks (profile, posting) pairs the way a recruiter would.

    .venv/bin/python bench/bench_match_quality.py

Reads the labelled set in ``tests/fixtures/matching/pairs/`` (postings copied from the shared job
descriptions and board payloads, profiles, and a 0-4 grade per pair given by hand under
``RUBRIC.md``) and prints:

* Spearman rank correlation between score and grade (ties get their average rank);
* band accuracy: the share of pairs whose band is the one the grade expects
  (4 great, 3 good, 2 fair, 1 weak, 0 poor) and the share within one band of it;
* top band: the share of grade-4 pairs (core stack and level) scoring at least the alert threshold 75;
* low grades high: the grade 0-1 pairs (wrong job) that still score in the good band or above (>= 65).

Location is held equal (every posting is scored as remote and every profile accepts remote work):
the rubric grades skills and level, the location part is tested on its own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.matching.score import BANDS, MatchJob, MatchProfile, score_job

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "matching" / "pairs"
EXPECTED_BAND = {4: "great", 3: "good", 2: "fair", 1: "weak", 0: "poor"}
BAND_ORDER = [str(name) for _, name in BANDS]
ALERT_THRESHOLD = 75
GOOD = 65  # the lower edge of the good band


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: list[float], y: list[float]) -> float:
    """Pearson correlation of the ranks (correct with ties)."""
    rx, ry = ranks(x), ranks(y)
    n = len(x)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def evaluate() -> dict:
    postings = {p["id"]: p for p in json.loads((PAIRS / "postings.json").read_text())}
    profiles = json.loads((PAIRS / "profiles.json").read_text())
    pairs = json.loads((PAIRS / "pairs.json").read_text())
    rows = []
    for pair in pairs:
        post, prof = postings[pair["posting"]], profiles[pair["profile"]]
        profile = MatchProfile(skills=prof["skills"], experience_level=prof["experience_level"], years=prof.get("years"))
        job = MatchJob(title=post["title"], location="Remote", remote="remote", description=post["description"])
        b = score_job(profile, job)
        rows.append((pair, b.total, str(b.band)))
    grades = [float(r[0]["grade"]) for r in rows]
    scores = [float(r[1]) for r in rows]
    exact = sum(r[2] == EXPECTED_BAND[r[0]["grade"]] for r in rows)
    near = sum(abs(BAND_ORDER.index(r[2]) - BAND_ORDER.index(EXPECTED_BAND[r[0]["grade"]])) <= 1 for r in rows)
    top = [r for r in rows if r[0]["grade"] == 4]
    low = [r for r in rows if r[0]["grade"] <= 1]
    return {
        "pairs": len(rows),
        "spearman": spearman(scores, grades),
        "band_exact": exact / len(rows),
        "band_within_one": near / len(rows),
        "top_band": sum(r[1] >= ALERT_THRESHOLD for r in top) / len(top) if top else 0.0,
        "low_high": sum(r[1] >= GOOD for r in low),
        "low": len(low),
        "rows": rows,
    }


def main() -> None:
    r = evaluate()
    if "-v" in sys.argv:
        for pair, total, band in sorted(r["rows"], key=lambda x: (x[0]["grade"], x[1])):
            print(f"  grade {pair['grade']}  score {total:3d} {band:6s} {pair['posting']} / {pair['profile']}")
    print(
        f"match quality: {r['pairs']} pairs, Spearman {r['spearman']:.3f}, band exact {r['band_exact']:.0%}, "
        f"within one band {r['band_within_one']:.0%}, grade-4 pairs at >= {ALERT_THRESHOLD}: {r['top_band']:.0%}, "
        f"grade 0-1 pairs at >= {GOOD}: {r['low_high']} of {r['low']}"
    )


if __name__ == "__main__":
    main()
