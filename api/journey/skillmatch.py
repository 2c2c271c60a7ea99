"""The ladder's key skills matched to the skills a person actually rates.

The ladder names broad skills ("programming", "cloud infrastructure", "testing"); a skill
snapshot names concrete ones ("Python", "AWS", "pytest"). A key skill counts a rated skill when:

1. it is the same skill after the taxonomy's canonical form and aliases ("k8s" is Kubernetes);
2. the skills taxonomy relates them (``api.skill.relations.credit``): a specialisation meets its
   general skill fully (PostgreSQL for SQL), a parent counts 0.6, a sibling 0.5 of its level;
3. the rated skill belongs to the key skill's family: a taxonomy category (any language shows
   programming, any cloud platform cloud infrastructure) or a named set (Git for version control).

The level a key skill gets is the best of these (rated level x credit), with the rated skill that
gave it, so the page can say "programming 0.80 (from Python)". Pure and deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from api.journey.common import norm
from api.skill.relations import credit, spoken_language
from api.skill.taxonomy import default_taxonomy


@dataclass(frozen=True)
class Family:
    categories: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()  # lower-cased canonical names


def _family(categories: tuple[str, ...] = (), skills: tuple[str, ...] = ()) -> Family:
    return Family(frozenset(categories), frozenset(s.lower() for s in skills))


# ladder key skill (normalised) -> the rated skills that show it
FAMILIES: dict[str, Family] = {
    "programming": _family(("language",)),
    "scripting": _family(skills=("Python", "Bash", "Shell Scripting", "PowerShell", "Perl", "Ruby", "JavaScript", "Go")),
    "cloud infrastructure": _family(("cloud",), ("Terraform", "Kubernetes", "Infrastructure as Code")),
    "testing": _family(("testing",)),
    "test automation": _family(("testing",), ("Selenium", "Playwright", "Cypress")),
    "version control": _family(skills=("Git", "GitHub", "GitLab", "Bitbucket", "Mercurial", "Subversion")),
    "continuous delivery": _family(
        skills=("CI/CD", "GitHub Actions", "GitLab CI", "Jenkins", "CircleCI", "Travis CI", "Argo CD", "Continuous Delivery")
    ),
    "monitoring": _family(
        skills=("Observability", "Prometheus", "Grafana", "Datadog", "OpenTelemetry", "New Relic", "Splunk", "ELK Stack")
    ),
    "data visualization": _family(skills=("Tableau", "Power BI", "Looker", "Metabase", "Matplotlib", "D3.js", "Superset")),
    "machine learning": _family(("ml",)),
    "mlops": _family(skills=("MLflow", "Kubeflow", "Amazon SageMaker", "Vertex AI")),
    "spreadsheets": _family(skills=("Excel", "Microsoft Excel", "Google Sheets")),
    "people management": _family(skills=("Leadership", "Team Leadership", "People Management")),
}


@dataclass(frozen=True)
class KeySkillMatch:
    level: float  # 0..1
    via: str | None  # the rated skill that gave it (its name as rated), None when nothing matched


def _rated(have: Mapping[str, float]) -> dict[str, tuple[str, float]]:
    """canonical key -> (name as rated, level); the higher level wins for two names of one skill."""
    tax = default_taxonomy()
    out: dict[str, tuple[str, float]] = {}
    for name, level in have.items():
        key = tax.canonical_key(name) if name.strip() else ""
        if key and (key not in out or level > out[key][1]):
            out[key] = (name, float(level))
    return out


def match_key_skill(skill: str, rated: Mapping[str, tuple[str, float]]) -> KeySkillMatch:
    """The best level a key skill gets from ``rated`` (see ``_rated``)."""
    tax = default_taxonomy()
    key = tax.canonical_key(skill)
    best = KeySkillMatch(0.0, None)

    def offer(level: float, via: str) -> None:
        nonlocal best
        if level > best.level:
            best = KeySkillMatch(round(level, 4), via)

    if key in rated:
        offer(rated[key][1], rated[key][0])
    share, source = credit(key, rated.keys())
    if source is not None and share > 0:
        offer(share * rated[source][1], rated[source][0])
    family = FAMILIES.get(norm(skill))
    if family is not None:
        for other, (name, level) in rated.items():
            if spoken_language(other):
                continue
            if other in family.skills or (tax.category(other) or "") in family.categories:
                offer(level, name)
    return best


def match_key_skills(key_skills: Mapping[str, float], have: Mapping[str, float]) -> dict[str, KeySkillMatch]:
    """Every key skill of a role with the level the rated skills ``have`` (name -> 0..1) give it."""
    rated = _rated(have)
    return {skill: match_key_skill(skill, rated) for skill in key_skills}


__all__ = ["FAMILIES", "KeySkillMatch", "match_key_skill", "match_key_skills"]
