"""Quality of the résumé parser on the labelled set in tests/fixtures/resumes/labelled/.

    .venv/bin/python bench/bench_resume_quality.py [-v]

Each PDF there has a hand-written JSON of the same name (rubric: RUBRIC.md in that folder). The
files go through the production path (`parse_resume` in the sandbox, the project taxonomy as
vocabulary) and the script prints, over the whole set:

- name / email / phone: share of files where the field is exactly right;
- skills precision and recall (micro, names compared after mapping both sides through the vocabulary);
- entries found: labelled jobs with a parsed entry of the same start and end (month when both give one);
  entries precision: parsed entries that are labelled jobs;
- titles right / companies right: of the labelled jobs, the matched entry's title (company) equals the label;
- institutions clean: labelled schools with a parsed education entry whose institution is exactly the label.

`-v` lists each file's misses. Figures only; nothing is asserted.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.resume.extract import ParsedResume, merge_vocabulary
from api.resume.parser import parse_resume
from api.resume.service import taxonomy_vocabulary

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "resumes" / "labelled"


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", (s or "").replace("\u00ad", "")).strip().casefold()


def _month(value: str | None, *, current: bool = False) -> str | None:
    if current or (value or "").lower() == "present":
        return "present"
    return value


def _same_date(label: str | None, parsed: str | None) -> bool:
    if label is None or parsed is None:
        return label == parsed
    if label == "present" or parsed == "present":
        return label == parsed
    if len(label) == 4 or len(parsed) == 4:  # a year alone matches any month of it
        return label[:4] == parsed[:4]
    return label == parsed


@dataclass
class Tally:
    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.hit += ok
        if not ok:
            self.misses.append(what)

    @property
    def ratio(self) -> float:
        return self.hit / self.total if self.total else 1.0


def evaluate(parsed: ParsedResume, label: dict, vocab: dict[str, str], t: dict[str, Tally]) -> None:
    f = label["file"]
    t["name"].add(_norm(parsed.name) == _norm(label["name"]), f"{f}: name {parsed.name!r}")
    t["email"].add(_norm(parsed.contact.email) == _norm(label["email"]), f"{f}: email {parsed.contact.email!r}")
    t["phone"].add(_norm(parsed.contact.phone) == _norm(label["phone"]), f"{f}: phone {parsed.contact.phone!r}")

    def canon(s: str) -> str:
        return vocab.get(s.lower(), s).casefold()

    want = {canon(s) for s in label["skills"]}
    got = {canon(s) for s in parsed.skill_names}
    for s in sorted(want):
        t["skills recall"].add(s in got, f"{f}: skill missed {s!r}")
    for s in sorted(got):
        t["skills precision"].add(s in want, f"{f}: skill wrong {s!r}")

    entries = [(e, _month(e.start), _month(e.end, current=e.current)) for e in parsed.experience]
    used: set[int] = set()
    for job in label["entries"]:
        match = next(
            (
                i
                for i, (_, s, e) in enumerate(entries)
                if i not in used and _same_date(job["start"], s) and _same_date(job["end"], e)
            ),
            None,
        )
        what = f"{job['title']} @ {job['company']} {job['start']}–{job['end']}"
        t["entries found"].add(match is not None, f"{f}: entry missed {what}")
        if match is None:
            t["titles right"].add(False, f"{f}: title (no entry) {job['title']!r}")
            t["companies right"].add(False, f"{f}: company (no entry) {job['company']!r}")
            continue
        used.add(match)
        e = entries[match][0]
        t["titles right"].add(_norm(e.title) == _norm(job["title"]), f"{f}: title {e.title!r} ≠ {job['title']!r}")
        t["companies right"].add(_norm(e.company) == _norm(job["company"]), f"{f}: company {e.company!r} ≠ {job['company']!r}")
    for i, (e, s, end) in enumerate(entries):
        t["entries precision"].add(i in used, f"{f}: extra entry {e.title!r} @ {e.company!r} {s}–{end}")

    institutions = [_norm(ed.institution) for ed in parsed.education]
    for school in label["education"]:
        ok = _norm(school["institution"]) in institutions
        if ok:
            institutions.remove(_norm(school["institution"]))
        t["institutions clean"].add(
            ok, f"{f}: institution {school['institution']!r} not in {[e.institution for e in parsed.education]}"
        )


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    vocab = merge_vocabulary(taxonomy_vocabulary())
    names = [
        "name",
        "email",
        "phone",
        "skills precision",
        "skills recall",
        "entries found",
        "entries precision",
        "titles right",
        "companies right",
        "institutions clean",
    ]
    tallies = {n: Tally() for n in names}
    labels = sorted(LABELLED.glob("*.json"))
    for path in labels:
        label = json.loads(path.read_text())
        parsed = parse_resume(LABELLED / label["file"], vocabulary=taxonomy_vocabulary())
        evaluate(parsed, label, vocab, tallies)
    print(f"résumé parser on {len(labels)} labelled files")
    for n in names:
        t = tallies[n]
        print(f"  {n:<20} {t.ratio:5.2f}  ({t.hit}/{t.total})")
    if verbose:
        for n in names:
            for miss in tallies[n].misses:
                print(f"    [{n}] {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
