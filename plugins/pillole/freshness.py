"""When a pill is due for review: its own `review_by`, or a site-wide maximum age.

Tools and practices change fast; a pill nobody looked at for a year may now mislead. The
check (a notice), the pill page (a warning box) and the status page all ask this module,
so they agree on which pills are stale.
"""

from __future__ import annotations

import datetime as dt
import os

from .model import Pill, Settings


def today() -> dt.date:
    """The day the build judges freshness by: today, or the day of SOURCE_DATE_EPOCH when set
    (the reproducible-builds convention, which MkDocs honours too), so that a build of the same
    content on a set date gives the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def last_change(pill: Pill) -> dt.date | None:
    """The newest of the pill's date and its last change in git."""
    days = [d for d in (pill.date, pill.updated) if d]
    return max(days) if days else None


def review_due(pill: Pill, settings: Settings) -> dt.date | None:
    """The day the pill should be reviewed by, or None when it never expires."""
    if pill.review_by:
        return pill.review_by
    changed = last_change(pill)
    if settings.max_age_days is None or changed is None:
        return None
    return changed + dt.timedelta(days=settings.max_age_days)


def is_stale(pill: Pill, settings: Settings, today: dt.date) -> bool:
    due = review_due(pill, settings)
    return due is not None and due < today
