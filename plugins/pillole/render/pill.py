"""A pill's page as data for `pillole/pill.html`: header, media slot, text, learning, related."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .. import routes
from ..freshness import is_stale, last_change
from ..model import Pill
from ..media.formats import media_kind
from ..sitemodel import SiteData
from .cards import Link, cards, person_link, tag_links
from .learning import pill_learning
from .player import Player, player


@dataclass(frozen=True)
class MediaSlot:
    """What the media slot shows: the player, the recording as committed (until the media
    pipeline has made web-ready files), and/or a notice ("preparing", "unavailable")."""

    player: Player | None = None
    #: ("video" | "audio", source path) of the original recording
    original: tuple[str, str] | None = None
    notice: str | None = None


@dataclass(frozen=True)
class History:
    """What the git history adds to a pill's details: when it last changed, and who else
    helped (people of the registry only: a git author name may be a machine, a team
    account or a typo, and a learner can follow only a person's link)."""

    updated: dt.date | None  # None when never changed since it was published
    helpers: tuple[Link, ...]


def media_slot(site: SiteData, pill: Pill) -> MediaSlot | None:
    media = site.media
    result = media.results.get(pill.slug)
    if result is not None:
        return MediaSlot(player=player(result, f"{pill.folder}/media/", site.labels,
                                       captions_on=site.options.captions_default, captions_lang=pill.language))
    if pill.slug in media.failed:
        return MediaSlot(notice="unavailable")
    if not pill.media:
        return None
    owner = site.catalog.pills[pill.parent] if pill.parent else pill
    original = (media_kind(pill.media), f"{owner.folder}/{pill.media}")
    return MediaSlot(original=original, notice="preparing" if pill.slug in media.pending else None)


def history(site: SiteData, pill: Pill) -> History | None:
    """The pill's last change after its publication, and the people of the registry who
    contributed to it besides its mentors (already named above the player)."""
    if not pill.updated:
        return None
    published = pill.date or pill.updated
    ids = site.browse.person_by_name  # scale: one dict per build, not one per page
    helpers = tuple(person_link(site, ids[name]) for name in pill.contributors
                    if name in ids and ids[name] not in pill.mentors)
    return History(pill.updated if pill.updated > published else None, helpers)


def stale_notice(site: SiteData, pill: Pill) -> str | None:
    if not is_stale(pill, site.catalog.settings, site.today):
        return None
    t = site.labels
    if pill.review_by:
        return t("stale", date=t.date(pill.review_by))
    changed = last_change(pill)
    return t("stale_age", date=t.date(changed)) if changed else None


def pill_page(site: SiteData, pill: Pill) -> dict[str, Any]:
    """Everything the pill page shows around its text."""
    cat = site.catalog
    settings = cat.settings
    summary = site.summary(pill)
    parent = cat.pills.get(pill.parent) if pill.parent else None
    return {
        "pill": pill,
        "mentors": [person_link(site, m) for m in pill.mentors],
        "audience": [person_link(site, a) for a in pill.audience],
        "area": Link(routes.area(pill.area), settings.areas[pill.area]),
        "technique": Link(routes.technique(pill.technique), settings.techniques[pill.technique]),
        "level": settings.levels[pill.level],
        "duration": summary.duration if summary else None,
        "parent": Link(parent.src, parent.title) if parent else None,
        "history": history(site, pill),
        "tags": tag_links(site, pill),
        "stale": stale_notice(site, pill),
        "media": media_slot(site, pill),
        "learning": pill_learning(site, pill),
        "related": cards(site, site.browse.related(pill)),
    }
