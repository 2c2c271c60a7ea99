from __future__ import annotations

import re

from tests.support.servers import fixture_text

EXAMPLES = "jobposting-html/schemaorg-examples/"


def sections(relative: str, example: str | None = None) -> dict[str, str]:
    """Split a schema.org examples file into its PRE-MARKUP / MICRODATA / RDFA / JSON parts."""
    text = fixture_text(EXAMPLES + relative)
    if example:
        block = re.search(rf"TYPES: #{example}\b.*?(?=^TYPES:|\Z)", text, re.S | re.M)
        assert block, example
        text = block.group(0)
    parts = re.split(r"^(PRE-MARKUP|MICRODATA|RDFA|JSON):\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}


def noisy_page(markup: str, *, title: str = "Careers at ABC", site_name: str | None = None) -> str:
    """Embed a markup fragment in page chrome a real careers site would have."""
    og = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>{title}</title>{og}
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>.cookie-banner{{position:fixed;bottom:0}} h1{{font-size:2em}}</style>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"title":"Tracking title","event":"view"}});</script>
<script type="application/json" id="__CONFIG__">{{"title": "Config title", "company": "Config Co"}}</script>
</head><body>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<header><a href="/" class="logo"><h1>ABC Careers</h1></a></header>
<nav><ul><li><a href="/jobs">All jobs</a></li><li><a href="/teams">Teams</a></li><li><a href="/about">About us</a></li></ul></nav>
<main>
{markup}
</main>
<aside><h3>Similar jobs</h3><ul><li><a href="/jobs/2">Data Engineer</a></li></ul></aside>
<footer><p>&copy; 2026 ABC Company Inc. &middot; <a href="/privacy">Privacy</a></p></footer>
<script src="/static/app.js" defer></script>
</body></html>"""
