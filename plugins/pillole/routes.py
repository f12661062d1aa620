"""Where each page of the site lives, as a source path under the docs folder.

Generated pages are named here once; links are made from these paths by the adapter,
which turns them into relative URLs (so the site works under any sub-path and from file://).
"""

from __future__ import annotations

HOME = "index.md"
PILLS = "pillole/index.md"
TAGS = "tag/index.md"
PEOPLE = "persone/index.md"
#: 'Stato della knowledge base', for learning & development staff.
STATUS = "stato.md"
PATHS = "percorsi/index.md"
PROGRESS = "progressi.md"
#: The search page; the browser fills it from the index in SEARCH_INDEX.
SEARCH = "cerca/index.md"
SEARCH_INDEX = "pillole-search"


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


def made_by(person_id: str) -> str:
    """Every pill of a mentor, paged (the person page shows only the latest)."""
    return f"persone/{person_id}/pillole.md"


def for_person(person_id: str) -> str:
    """Every pill addressed to a person or to their team, paged."""
    return f"persone/{person_id}/per-te.md"


def for_team(team_id: str) -> str:
    """Every pill addressed to a team, paged."""
    return f"team/{team_id}/pillole.md"


#: Feeds of new pills: the whole site, per tag, per person (addressed to them), per team.
#: `feed(...)` gives the stem; add ".xml" (Atom) or ".json" (JSON Feed).
FEED_SITE = "feed/pillole"


def feed(kind: str, item_id: str) -> str:
    """Stem of the feed of a tag ('tag'), a person ('persone') or a team ('team')."""
    return f"feed/{kind}/{item_id}"


def learning_path(path_id: str) -> str:
    return f"percorsi/{path_id}.md"
