"""Résumé tailoring as data (with the user's accept/reject decisions) and as readable text."""

from __future__ import annotations

from typing import Any

from api.ai.schemas import ResumeTailoring


def to_data(result: ResumeTailoring) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    for section in data["sections"]:
        for rewrite in section["suggested_rewrites"]:
            rewrite["decision"] = None  # None | "accepted" | "rejected"
    return data


def render_tailoring(title: str, data: dict[str, Any]) -> str:
    """Markdown the exporter understands: a heading per section, one bullet per suggestion."""
    lines = [f"# {title}", "", data.get("summary", "").strip()]
    for section in data.get("sections", []):
        rewrites = section.get("suggested_rewrites") or []
        keywords = section.get("keywords_to_surface") or []
        if not rewrites and not keywords:
            continue
        lines += ["", f"## {section['section']}"]
        for r in rewrites:
            label = {"accepted": "Accepted", "rejected": "Rejected"}.get(r.get("decision") or "", "Suggested")
            was = f' (was: "{r["original"]}")' if r.get("original") else ""
            lines.append(f"- **{label}:** {r['suggested']}{was}")
        if keywords:
            lines.append(f"- Keywords to surface: {', '.join(keywords)}")
    missing = data.get("missing_keywords") or []
    if missing:
        lines += [
            "",
            "## Missing keywords",
            f"The job asks for {', '.join(missing)}; add them only if you really have that experience.",
        ]
    return "\n".join(lines).strip() + "\n"
