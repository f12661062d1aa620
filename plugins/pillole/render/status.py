"""The 'Stato della knowledge base' page, for learning & development staff.

What to review, what is missing, who takes part: stale pills, recordings without captions,
tags nobody uses, mentors and audiences covered, and how the pills spread over areas and
months. Plain HTML tables with CSS bars (`status.css`): no chart library, no JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .. import routes
from ..freshness import is_stale, review_due
from ..model import Pill
from .pill import person_link
from .view import View, esc


def _table(headers: list[str], rows: list[list[str]], kind: str = "pillole-status-table") -> str:
    """Cells are HTML already (escaped by the caller)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    # a bare <table>: Material styles only tables without a class
    return f'<div class="{kind}"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _bars(view: View, label: str, counts: list[tuple[str, int]]) -> str:
    """Label, count and a bar as wide as the count relative to the largest one."""
    top = max((n for _, n in counts), default=0) or 1
    rows = [[name, str(n), f'<span class="pillole-bar" style="width: {round(100 * n / top)}%"></span>']
            for name, n in counts]
    return _table([label, view.labels("status_count"), ""], rows, "pillole-status-table pillole-bars")


def _section(anchor: str, title: str, content: str) -> str:
    return f'<h2 id="{anchor}">{esc(title)}</h2>{content}'


def _none(view: View) -> str:
    return f'<p class="pillole-empty">{esc(view.labels("status_none"))}</p>'


def _pill_link(view: View, pill: Pill) -> str:
    return f'<a href="{esc(view.href(pill.src))}">{esc(pill.title)}</a>'


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, empty months included (a gap is news)."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def status_page(view: View, today: dt.date) -> str:
    t = view.labels
    catalog = view.catalog
    settings = catalog.settings
    pills = sorted(catalog.pills.values(), key=lambda p: p.title.lower())
    own = [p for p in pills if not p.parent]  # clips share their webinar's file and review

    stale = sorted((p for p in own if is_stale(p, settings, today)), key=lambda p: review_due(p, settings))
    stale_rows = [[_pill_link(view, p), f'<time datetime="{review_due(p, settings)}">'
                   f"{esc(t.date(review_due(p, settings)))}</time>",
                   esc(t("status_reason_review") if p.review_by
                       else t("status_reason_age", n=settings.max_age_days))]
                  for p in stale]
    uncaptioned = [p for p in own if p.media and not p.captions]
    automatic, uncaptioned = (uncaptioned, []) if settings.auto_captions else ([], uncaptioned)

    tag_use = Counter(tag for p in pills for tag in p.tags)
    few = sorted((tag for tag in catalog.tags.values() if tag_use[tag.id] <= 1), key=lambda tag: tag.label.lower())
    few_rows = [[f'<a href="{esc(view.href(routes.tag(tag.id)))}">{esc(tag.label)}</a>', str(tag_use[tag.id])]
                for tag in few]

    mentored = Counter(m for p in pills for m in p.mentors)
    addressed = Counter(a for p in pills for a in p.audience)
    reached = set(addressed)
    never = sorted((person for person in catalog.people.values()
                    if person.id not in reached and person.team not in reached), key=lambda p: p.name.lower())

    areas = Counter(p.area for p in pills)
    dated = [p.date for p in pills if p.date]
    per_month = Counter((d.year, d.month) for d in dated)
    month_rows = ([(t.month(dt.date(y, m, 1)), per_month[(y, m)]) for y, m in months_between(min(dated), max(dated))]
                  if dated else [])

    def people_rows(counts: Counter[str]) -> list[list[str]]:
        return [[person_link(view, who), str(n)] for who, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    return "".join([
        f"<h1>{esc(t('status_title'))}</h1>",
        f'<p class="pillole-description">{esc(t("status_intro", date=t.date(today)))}</p>',
        f'<p class="pillole-status-totals">{esc(t("status_totals", pills=len(pills), mentors=len(mentored), tags=len(tag_use)))}</p>',
        _section("da-rivedere", t("status_stale"),
                 _table([t("status_pill"), t("status_due"), t("status_reason")], stale_rows) if stale else _none(view)),
        _section("senza-sottotitoli", t("status_no_captions"),
                 _table([t("status_pill"), t("status_media")],
                        [[_pill_link(view, p), esc(p.media)] for p in uncaptioned]) if uncaptioned else _none(view)),
        _section("sottotitoli-automatici", t("status_auto_captions", n=len(automatic)),
                 f'<p>{esc(t("status_auto_captions_intro"))}</p>'
                 + _table([t("status_pill"), t("status_media")],
                          [[_pill_link(view, p), esc(p.media)] for p in automatic])) if automatic else "",
        _section("tag-poco-usati", t("status_few_tags"),
                 _table([t("tag"), t("status_count")], few_rows) if few else _none(view)),
        _section("mentor", t("status_mentors"),
                 _table([t("mentor"), t("status_count")], people_rows(mentored)) if mentored else _none(view)),
        _section("destinatari", t("status_audiences"),
                 _table([t("for"), t("status_count")], people_rows(addressed)) if addressed else _none(view)),
        _section("mai-destinatari", t("status_never"),
                 ('<ul class="pillole-index">' + "".join(f"<li>{person_link(view, p.id)}</li>" for p in never) + "</ul>")
                 if never else _none(view)),
        _section("per-area", t("status_by_area"),
                 _bars(view, t("area"), [(esc(label), areas[area]) for area, label in settings.areas.items()])),
        _section("per-mese", t("status_by_month"),
                 _bars(view, t("status_month"), [(esc(m), n) for m, n in month_rows]) if month_rows else _none(view)),
    ])
