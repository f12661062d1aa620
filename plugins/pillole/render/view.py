"""What every generated fragment needs: the catalog, the labels, and how to link.

Render functions are plain Python returning HTML strings. Every value that comes from
content or registries goes through `esc` (a title may contain `<script>`: it must show as
text). Links go through `View.href`, which the adapter makes relative to the current page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Callable, Protocol

from ..model import Catalog, Pill
from ..i18n import Labels


def esc(value: object) -> str:
    """HTML-escape text for element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class MediaSummary:
    """What lists show about a pill's recording (filled by the media pipeline)."""

    kind: str  # "video" | "audio"
    duration: float | None = None
    poster: str | None = None  # source path of the poster image, for View.href
    width: int | None = None
    height: int | None = None


class Linker(Protocol):
    def __call__(self, src: str) -> str: ...


@dataclass
class View:
    """The catalog seen from one page: `href(src)` gives a URL relative to that page."""

    catalog: Catalog
    labels: Labels
    href: Linker
    media: Callable[[Pill], MediaSummary | None] = field(default=lambda pill: None)

    def person_name(self, person_id: str) -> str:
        person = self.catalog.people.get(person_id)
        if person:
            return person.name
        team = self.catalog.teams.get(person_id)
        return team.name if team else person_id
