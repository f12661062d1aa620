"""The pill page header and the pill cards that lists are made of."""

from __future__ import annotations

import datetime as dt

from .. import routes
from ..freshness import is_stale, last_change
from ..model import Pill
from ..timecode import format_time
from .view import View, esc


def person_link(view: View, person_id: str) -> str:
    """A link to a person's or a team's page."""
    src = routes.team(person_id) if person_id in view.catalog.teams else routes.person(person_id)
    return f'<a href="{esc(view.href(src))}">{esc(view.person_name(person_id))}</a>'


def tag_chips(view: View, pill: Pill) -> str:
    chips = "".join(
        f'<li><a class="pillole-tag" href="{esc(view.href(routes.tag(t)))}">'
        f"{esc(view.catalog.tags[t].label)}</a></li>"
        for t in pill.tags
    )
    return f'<ul class="pillole-tags" aria-label="{esc(view.labels("tags"))}">{chips}</ul>'


def pill_header(view: View, pill: Pill, media_html: str, today: dt.date | None = None) -> str:
    """Title, summary, metadata, tags, stale notice and the media slot of a pill page.

    `media_html` is what the media pipeline renders for the player; it is placed in a
    clearly marked slot (`data-pillole-slot="media"`) right under the metadata.
    """
    t = view.labels
    cat = view.catalog
    rows: list[tuple[str, str]] = [
        (t("mentors") if len(pill.mentors) > 1 else t("mentor"),
         ", ".join(person_link(view, m) for m in pill.mentors)),
    ]
    if pill.audience:
        rows.append((t("for"), ", ".join(person_link(view, a) for a in pill.audience)))
    rows.append((t("area"), f'<a href="{esc(view.href(routes.area(pill.area)))}">'
                            f"{esc(cat.settings.areas[pill.area])}</a>"))
    rows.append((t("technique"), f'<a href="{esc(view.href(routes.technique(pill.technique)))}">'
                                 f"{esc(cat.settings.techniques[pill.technique])}</a>"))
    rows.append((t("level"), esc(cat.settings.levels[pill.level])))
    media = view.media(pill)
    if media and media.duration:
        rows.append((t("duration"), esc(format_time(media.duration))))
    if pill.date:
        rows.append((t("date"), f'<time datetime="{pill.date.isoformat()}">{esc(t.date(pill.date))}</time>'))
    if pill.parent and pill.parent in cat.pills:
        parent = cat.pills[pill.parent]
        rows.append((t("clip_of"), f'<a href="{esc(view.href(parent.src))}">{esc(parent.title)}</a>'))
    meta = "".join(f'<div class="pillole-meta__row"><dt>{label}</dt><dd>{value}</dd></div>'
                   for label, value in rows)
    stale = ""
    if is_stale(pill, cat.settings, today or dt.date.today()):
        notice = (t("stale", date=t.date(pill.review_by)) if pill.review_by
                  else t("stale_age", date=t.date(last_change(pill) or pill.updated)))
        stale = f'<div class="admonition warning pillole-stale" role="note"><p>{esc(notice)}</p></div>'
    slot = (f'<section class="pillole-media" data-pillole-slot="media" aria-label="{esc(t("media_slot"))}">'
            f"{media_html}</section>") if media_html else ""
    return (
        f'<header class="pillole-pill" data-pill="{esc(pill.slug)}">'
        f"<h1>{esc(pill.title)}</h1>"
        f'<p class="pillole-summary">{esc(pill.summary)}</p>'
        f'<dl class="pillole-meta">{meta}</dl>{pill_history(view, pill)}'
        f"{tag_chips(view, pill)}{stale}</header>{slot}"
    )


def pill_history(view: View, pill: Pill) -> str:
    """'Creata il ..., aggiornata il ...; contributori: ...' from the git history; a
    contributor whose name is in the people registry links to their page."""
    if not pill.updated:
        return ""
    t = view.labels
    created = pill.date or pill.updated
    if pill.updated > created:
        text = esc(t("history", created=t.date(created), updated=t.date(pill.updated)))
    else:  # never changed since, or a front-matter date later than the last commit
        text = esc(t("history_created", created=t.date(created)))
    if pill.contributors:
        ids = {person.name: person.id for person in view.catalog.people.values()}
        names = [person_link(view, ids[name]) if name in ids else esc(name) for name in pill.contributors]
        text += f"; {esc(t('contributors'))}: " + ", ".join(names)
    return f'<p class="pillole-history">{text}</p>'


def original_media(view: View, pill: Pill) -> str:
    """The recording as committed, with the browser's own controls: what the slot shows
    until the media pipeline provides web-ready renditions."""
    if not pill.media:
        return ""
    folder = view.catalog.pills[pill.parent].src if pill.parent else pill.src
    src = view.href(folder.rsplit("/", 1)[0] + "/" + pill.media)
    audio = pill.media.lower().endswith((".mp3", ".m4a", ".wav", ".ogg", ".oga", ".opus", ".flac", ".aac"))
    tag = "audio" if audio else "video"
    return f'<{tag} controls preload="metadata" src="{esc(src)}"></{tag}>'


def pill_card(view: View, pill: Pill) -> str:
    """One pill in a list: poster, title, summary, mentor, duration, level, date."""
    t = view.labels
    media = view.media(pill)
    kind = media.kind if media else "text"
    poster = ""
    if media and media.poster:
        poster = (f'<img class="pillole-card__poster" src="{esc(view.href(media.poster))}" alt="" '
                  f'loading="lazy" width="160" height="90">')
    facts = [", ".join(esc(view.person_name(m)) for m in pill.mentors),
             esc(view.catalog.settings.levels[pill.level]), esc(t(kind))]
    if media and media.duration:
        facts.append(esc(format_time(media.duration)))
    if pill.date:
        facts.append(f'<time datetime="{pill.date.isoformat()}">{esc(t.date(pill.date))}</time>')
    return (
        f'<li class="pillole-card" data-pill="{esc(pill.slug)}" data-level="{esc(pill.level)}" '
        f'data-kind="{kind}">{poster}<div class="pillole-card__body">'
        f'<a class="pillole-card__title" href="{esc(view.href(pill.src))}">{esc(pill.title)}</a>'
        f'<p class="pillole-card__summary">{esc(pill.summary)}</p>'
        f'<p class="pillole-card__facts">{" · ".join(facts)}</p></div></li>'
    )


def pill_list(view: View, pills: list[Pill]) -> str:
    if not pills:
        return f'<p class="pillole-empty">{esc(view.labels("no_pills"))}</p>'
    return '<ul class="pillole-cards">' + "".join(pill_card(view, p) for p in pills) + "</ul>"
