"""Where each page of the site lives, as a source path under the docs folder.

Generated pages are named here once; links are made from these paths by the adapter,
which turns them into relative URLs (so the site works under any sub-path and from file://).
"""

from __future__ import annotations

HOME = "index.md"
PILLS = "pillole/index.md"
TAGS = "tag/index.md"
PEOPLE = "persone/index.md"


def pill(slug: str) -> str:
    return f"pillole/{slug}/index.md"


def tag(tag_id: str) -> str:
    return f"tag/{tag_id}.md"


def person(person_id: str) -> str:
    return f"persone/{person_id}.md"


def team(team_id: str) -> str:
    return f"team/{team_id}.md"


def area(area_id: str) -> str:
    return f"aree/{area_id}.md"


def technique(technique_id: str) -> str:
    return f"tecniche/{technique_id}.md"
