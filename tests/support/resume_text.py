"""Résumé text shared by tests of the parser and of uploads (written for the tests)."""

from __future__ import annotations

# spoken languages as resume-matcher's master résumé gives them (shared data, structured/resume-matcher_e2e_master.json)
LANGUAGES_RESUME = """\
ANA LOPEZ
ana@example.com
EXPERIENCE
Backend Developer, Finch, Jan 2018 - Dec 2021
• 5 years of Python and Django in production
LANGUAGES
English (Native)
Spanish (Conversational)
Languages: Python, Go
"""
