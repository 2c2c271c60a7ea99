"""The score's location part: how well a job's place and mode suit a person's preferred places.

Places are read by ``api.matching.places`` (the normaliser the job-board filter uses too).
Pure and deterministic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from api.matching.places import _GROUPS, Location, countries_of, parse_location

__all__ = ["Location", "LocationMatch", "location_match", "parse_location"]


@dataclass(frozen=True)
class LocationMatch:
    score: int
    reason: str  # remote | same city | same region | same country | relocation | mismatch | unknown ...
    detail: str  # human sentence

    def to_dict(self) -> dict:
        return asdict(self)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() == b.strip().lower())


def location_match(
    job_location: str | None,
    job_remote: str | None,
    preferred_locations: list[str] | tuple[str, ...] | None,
    remote_ok: bool,
    open_to_relocation: bool,
) -> LocationMatch:
    """Score 0-100 how well a job's location suits the person.

    remote (and you accept remote) 100; same city 100; same region 75;
    same country 60; a preference for anywhere ("Worldwide") 90; otherwise
    relocation 40 if you are open to it, else 0.
    """
    job = parse_location(job_location)
    mode = (job_remote or "").lower() or None
    if mode is None:
        mode = "remote" if job.remote and not job.hybrid else ("hybrid" if job.hybrid else None)
    prefs = [parse_location(p) for p in (preferred_locations or []) if p and p.strip()]
    wants_remote = remote_ok or any(p.remote and p.is_empty for p in prefs)
    places = [p for p in prefs if not p.is_empty]

    if mode == "remote":
        restricted = countries_of(job)
        mine = frozenset().union(*[countries_of(p) for p in places]) if places else frozenset()
        where = job.label()
        if restricted and mine and not (restricted & mine):
            if open_to_relocation:
                return LocationMatch(40, "relocation", f"Remote, but only from {where}: you would have to relocate.")
            return LocationMatch(20, "mismatch", f"Remote, but only from {where}, outside your preferred locations.")
        if wants_remote:
            suffix = f" (from {where})" if where else ""
            return LocationMatch(100, "remote", f"Remote role{suffix}, and you are open to remote work.")
        return LocationMatch(70, "remote", "Remote role, though you prefer working on-site.")

    if job.is_empty:
        return LocationMatch(50, "unknown", "The posting does not say where the job is.")
    if any(p.anywhere for p in prefs):
        return LocationMatch(90, "anywhere", f"The job is in {job.label()}; you are open to working anywhere.")
    if not places:
        if open_to_relocation:
            return LocationMatch(
                60, "relocation", f"Job in {job.label()}; you have no preferred location and are open to relocating."
            )
        return LocationMatch(50, "unknown", f"Job in {job.label()}; you have not set preferred locations.")

    best: LocationMatch | None = None
    for p in places:
        same_country = bool(job.country and p.country and job.country == p.country) or (not job.country or not p.country)
        if _same(job.city, p.city) and same_country:
            m = LocationMatch(100, "same city", f"The job is in {job.label()}, your preferred city.")
        elif job.region and _same(job.region, p.region) and same_country:
            m = LocationMatch(75, "same region", f"The job is in {job.label()}, in your preferred region {p.region}.")
        elif job.country and p.country and job.country == p.country and not p.city and not p.region:
            m = LocationMatch(90, "same country", f"The job is in {job.label()}, in {p.country_name}, where you want to work.")
        elif job.country and p.country and job.country == p.country:
            m = LocationMatch(
                60,
                "same country",
                f"The job is in {job.label()}, in your country ({p.country_name}) but not your city.",
            )
        elif job.country and p.area and job.country in _GROUPS[p.area]:
            m = LocationMatch(60, "same region", f"The job is in {job.label()}, inside {p.label()}.")
        else:
            continue
        if best is None or m.score > best.score:
            best = m
    if best is not None:
        return best
    if open_to_relocation:
        return LocationMatch(40, "relocation", f"The job is in {job.label()}; you would relocate.")
    return LocationMatch(0, "mismatch", f"The job is in {job.label()}, outside your preferred locations.")
