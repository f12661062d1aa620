"""The 'Stato della knowledge base' page, for learning & development staff, as data.

What to review, what is missing, who takes part: stale pills, recordings without captions,
tags nobody uses, mentors and audiences covered, and how the pills spread over areas and
months. `pillole/status.html` draws plain tables with CSS bars: no chart library, no script.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .. import routes
from ..freshness import is_stale, review_due
from ..model import Pill
from ..sitemodel import SiteData
from .cards import Link, person_link


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # of the largest count


def bars(counts: list[tuple[str, int]]) -> list[Bar]:
    """Label, count and a bar as wide as the count relative to the largest one."""
    top = max((n for _, n in counts), default=0) or 1
    return [Bar(label, n, round(100 * n / top)) for label, n in counts]


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, empty months included (a gap is news)."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _stale(site: SiteData, own: list[Pill]) -> list[tuple[Link, dt.date | None, bool]]:
    """Pills past their review date, the most overdue first, with why (review_by, or age)."""
    settings = site.catalog.settings
    stale = sorted((p for p in own if is_stale(p, settings, site.today)),
                   key=lambda p: review_due(p, settings) or site.today)
    return [(Link(p.src, p.title), review_due(p, settings), bool(p.review_by)) for p in stale]


def _people(site: SiteData, counts: Counter[str]) -> list[tuple[Link, int]]:
    return [(person_link(site, who), n) for who, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _never_addressed(site: SiteData, addressed: Counter[str]) -> list[Link]:
    people = site.catalog.people.values()
    never = [p for p in people if p.id not in addressed and p.team not in addressed]
    return [person_link(site, p.id) for p in sorted(never, key=lambda p: p.name.lower())]


def _by_month(site: SiteData, pills: list[Pill]) -> list[Bar]:
    dated = [p.date for p in pills if p.date]
    if not dated:
        return []
    per_month = Counter((d.year, d.month) for d in dated)
    return bars([(site.labels.month(dt.date(y, m, 1)), per_month[(y, m)])
                 for y, m in months_between(min(dated), max(dated))])


def _captions(own: list[Pill], automatic: bool) -> dict[str, list[tuple[Link, str]]]:
    """Recordings without a captions file: with `transcribe_model` they get automatic captions
    (to have corrected), without it they have none."""
    missing = [(Link(p.src, p.title), p.media) for p in own if p.media and not p.captions]
    return {"uncaptioned": [] if automatic else missing, "automatic": missing if automatic else []}


def status_data(site: SiteData) -> dict[str, Any]:
    catalog = site.catalog
    pills = sorted(catalog.pills.values(), key=lambda p: p.title.lower())
    own = [p for p in pills if not p.parent]  # clips share their webinar's file and review
    tag_use = Counter(tag for p in pills for tag in p.tags)
    few = sorted((tag for tag in catalog.tags.values() if tag_use[tag.id] <= 1), key=lambda tag: tag.label.lower())
    mentored = Counter(m for p in pills for m in p.mentors)
    addressed = Counter(a for p in pills for a in p.audience)
    areas = Counter(p.area for p in pills)
    return {
        "today": site.today,
        "totals": {"pills": len(pills), "mentors": len(mentored), "tags": len(tag_use)},
        "stale": _stale(site, own),
        "max_age_days": catalog.settings.max_age_days,
        **_captions(own, catalog.settings.auto_captions),
        "few_tags": [(Link(routes.tag(tag.id), tag.label), tag_use[tag.id]) for tag in few],
        "mentors": _people(site, mentored),
        "audiences": _people(site, addressed),
        "never": _never_addressed(site, addressed),
        "by_area": bars([(label, areas[area]) for area, label in catalog.settings.areas.items()]),
        "by_month": _by_month(site, pills),
    }
