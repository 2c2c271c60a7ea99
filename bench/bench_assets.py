"""What the sign-in page costs to load: the JavaScript a signed-out visitor runs (the entry and the
signed-out chunk with everything they import, from web/dist/.vite/manifest.json), raw, gzip and
brotli as served (the .gz/.br files the build wrote). Build the web app first (`make web`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import json

from results import record

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
ENTRIES = ("index.html", "src/signedOut.tsx")
BUDGET_KB = 80


def sign_in_scripts(manifest: dict) -> list[str]:
    files, pending, seen = set(), list(ENTRIES), set()
    while pending:
        key = pending.pop()
        if key not in seen:
            seen.add(key)
            files.add(manifest[key]["file"])
            pending.extend(manifest[key].get("imports", []))
    return sorted(name for name in files if name.endswith(".js"))


def served(path: Path, suffix: str) -> int:
    """Bytes sent for `path` with that encoding (files too small to compress are sent as they are)."""
    variant = path.with_name(path.name + suffix)
    return (variant if variant.is_file() else path).stat().st_size


def main() -> None:
    manifest = json.loads((DIST / ".vite" / "manifest.json").read_text())
    scripts = sign_in_scripts(manifest)
    sizes = {suffix: sum(served(DIST / name, suffix) for name in scripts) / 1024 for suffix in ("", ".gz", ".br")}
    print(
        f"sign-in page JavaScript ({len(scripts)} files): {sizes['']:.1f} KB raw, {sizes['.gz']:.1f} KB gzip, {sizes['.br']:.1f} KB brotli"
    )
    record("sign-in page JavaScript, gzip", sizes[".gz"], BUDGET_KB, unit=" KB")


if __name__ == "__main__":
    main()
