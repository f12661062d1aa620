"""Pages and blocks of learning paths: the path page, the list of paths, "I miei progressi",
and what a pill page adds (quiz, completion, "Passo 3 di 7").

There is no server, so the HTML carries everything the learner's browser needs to work out
progress on its own: each block names the site's storage namespace and the labels
(`data-pillole-site`, `data-pillole-labels`), each path its steps, the steps that have a
quiz and its pass mark. `assets/progress.js` reads these attributes and shows the state
saved in localStorage; everything else is plain, escaped HTML.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from .. import routes
from ..model import LearningPath, Pill
from ..paths import pass_mark_of, paths_of
from ..timecode import format_time
from .pill import person_link
from .quiz import quiz_form
from .view import View, esc

#: Reading speed used to estimate how long a text-only pill takes.
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")
_AUDIO = (".mp3", ".m4a", ".wav", ".ogg", ".oga", ".opus", ".flac", ".aac")
#: Labels the browser needs (as templates: assets/progress.js fills {n}, {name} ...).
SCRIPT_LABELS = (
    "progress_count", "state_todo", "state_started", "state_done", "mark_done", "mark_undone",
    "need_media", "need_text", "need_quiz", "pill_done", "badge_earned", "quiz_score",
    "quiz_passed", "quiz_failed", "quiz_best", "quiz_answer_all", "quiz_right", "quiz_wrong",
    "resume", "start_path", "imported", "import_failed",
)


def learner_attrs(view: View, site_key: str) -> str:
    """Attributes that every block driven by progress.js carries: the storage namespace
    (so two Pillole sites on one intranet host keep separate progress) and the labels."""
    labels = json.dumps(view.labels.subset(SCRIPT_LABELS), ensure_ascii=False)
    return (f' data-pillole-site="{esc(site_key)}" data-pillole-labels="{esc(labels)}"'
            f' data-language="{esc(view.labels.language)}"')


def pill_kind(view: View, pill: Pill) -> str:
    """"video", "audio" or "text": how a pill is completed (watched, listened or read)."""
    media = view.media(pill)
    if media:
        return media.kind
    if not pill.media:
        return "text"
    return "audio" if pill.media.lower().endswith(_AUDIO) else "video"


def reading_minutes(pill: Pill) -> int:
    """Minutes to read a pill's text at WORDS_PER_MINUTE (at least one)."""
    return max(1, math.ceil(len(_WORD.findall(pill.body)) / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class PathTime:
    """How long a path takes: probed durations plus reading estimates for text pills."""

    seconds: float
    text_pills: int  # estimated by reading time
    unknown: int  # recordings whose duration the media pipeline did not report

    def describe(self, view: View) -> str:
        t = view.labels
        minutes = max(1, round(self.seconds / 60))
        hours, rest = divmod(minutes, 60)
        amount = t("hours", h=hours, m=rest) if hours else t("minutes", m=minutes)
        notes = []
        if self.text_pills:
            key = "text_estimate_one" if self.text_pills == 1 else "text_estimate_many"
            notes.append(t(key, n=self.text_pills, wpm=WORDS_PER_MINUTE))
        if self.unknown:
            notes.append(t("no_duration_one" if self.unknown == 1 else "no_duration_many", n=self.unknown))
        if not self.seconds:  # only recordings the media pipeline did not measure
            return f'<span class="pillole-note">{esc("; ".join(notes))}</span>'
        text = esc(t("about", time=amount))
        if notes:
            text += f' <span class="pillole-note">({esc("; ".join(notes))})</span>'
        return text


def path_time(view: View, path: LearningPath) -> PathTime:
    seconds, text, unknown = 0.0, 0, 0
    for slug in path.steps:
        pill = view.catalog.pills[slug]
        media = view.media(pill)
        if pill_kind(view, pill) == "text":
            seconds += reading_minutes(pill) * 60
            text += 1
        elif media and media.duration:
            seconds += media.duration
        else:
            unknown += 1
    return PathTime(seconds, text, unknown)


def path_attrs(view: View, path: LearningPath) -> str:
    """What progress.js needs to know a path's progress anywhere it is shown: its steps (and
    their URLs, for "riprendi da qui"), which of them have a quiz, the pass mark, the badge."""
    quizzes = [s for s in path.steps if view.catalog.pills[s].quiz]
    hrefs = " ".join(view.href(view.catalog.pills[s].src) for s in path.steps)
    return (f' data-pillole-path="{esc(path.id)}" data-steps="{esc(" ".join(path.steps))}"'
            f' data-hrefs="{esc(hrefs)}"'
            f' data-quizzes="{esc(" ".join(quizzes))}" data-pass-mark="{path.pass_mark}"'
            f' data-badge-name="{esc(path.badge.name)}" data-badge-icon="{esc(path.badge.icon)}"')


def progress_bar(view: View, path: LearningPath) -> str:
    total = len(path.steps)
    return (
        f'<div class="pillole-progressbar" role="progressbar" aria-valuemin="0" aria-valuemax="{total}" '
        f'aria-valuenow="0" aria-label="{esc(path.title)}"><div class="pillole-progressbar__fill" data-bar></div></div>'
        f'<p class="pillole-progressbar__count" data-count>{esc(view.labels("progress_count", done=0, total=total))}</p>'
    )


def _badge(path: LearningPath, extra: str = "") -> str:
    description = (f'<span class="pillole-badge__description">{esc(path.badge.description)}</span>'
                   if path.badge.description else "")
    return (f'<span class="pillole-badge"{extra}><span class="pillole-badge__icon" aria-hidden="true">'
            f'{esc(path.badge.icon)}</span> <strong class="pillole-badge__name">{esc(path.badge.name)}</strong>'
            f" {description}</span>")


def _steps_count(view: View, path: LearningPath) -> str:
    n = len(path.steps)
    return view.labels("steps_one") if n == 1 else view.labels("steps_many", n=n)


def path_page(view: View, path: LearningPath, body_html: str, site_key: str) -> str:
    """A path: what it is for, its steps with their state, progress, time, resume link."""
    t = view.labels
    cat = view.catalog
    rows = []
    if path.audience:
        rows.append((t("for"), ", ".join(person_link(view, a) for a in path.audience)))
    if path.prerequisites:
        rows.append((t("prerequisites"), ", ".join(
            f'<a href="{esc(view.href(routes.learning_path(p)))}">{esc(cat.paths[p].title if p in cat.paths else p)}</a>'
            for p in path.prerequisites)))
    rows.append((t("total_time"), path_time(view, path).describe(view)))
    rows.append((t("badge"), _badge(path)))
    meta = "".join(f'<div class="pillole-meta__row"><dt>{esc(label)}</dt><dd>{value}</dd></div>'
                   for label, value in rows)
    first = cat.pills[path.steps[0]]
    sections = []
    number = 1
    for section in path.sections:
        items = "".join(_step_item(view, cat.pills[slug]) for slug in section.steps)
        heading = f'<h2 class="pillole-steps__section">{esc(section.title)}</h2>' if section.title else ""
        sections.append(f'{heading}<ol class="pillole-steps" start="{number}">{items}</ol>')
        number += len(section.steps)
    quiz_note = ""
    if any(cat.pills[s].quiz for s in path.steps):
        quiz_note = f'<p class="pillole-note">{esc(t("pass_mark", n=path.pass_mark))}</p>'
    return (
        f'<article class="pillole-path"{learner_attrs(view, site_key)}{path_attrs(view, path)}>'
        f"<h1>{esc(path.title)}</h1>"
        f'<p class="pillole-summary">{esc(path.description)}</p>'
        f'<dl class="pillole-meta">{meta}</dl>'
        f"{progress_bar(view, path)}"
        f'<p class="pillole-path__actions"><a class="md-button md-button--primary" data-resume '
        f'href="{esc(view.href(first.src))}">{esc(t("start_path"))}</a> '
        f'<a class="md-button" href="{esc(view.href(routes.PROGRESS))}">{esc(t("my_progress"))}</a></p>'
        f'<p class="pillole-path__earned" data-earned hidden>{_badge(path)}</p>'
        f'<div class="pillole-path__intro">{body_html}</div>'
        f'<h2 id="passi">{esc(_steps_count(view, path))}</h2>{quiz_note}'
        + "".join(sections) + "</article>"
    )


def _step_item(view: View, pill: Pill) -> str:
    t = view.labels
    kind = pill_kind(view, pill)
    facts = [esc(t(kind))]
    media = view.media(pill)
    if kind == "text":
        facts.append(esc(t("reading_time", m=reading_minutes(pill))))
    elif media and media.duration:
        facts.append(esc(format_time(media.duration)))
    if pill.quiz:
        facts.append(esc(t("quiz")))
    return (
        f'<li class="pillole-step" data-step="{esc(pill.slug)}" data-state="todo">'
        f'<span class="pillole-step__state" data-state-label>{esc(t("state_todo"))}</span> '
        f'<a class="pillole-step__title" href="{esc(view.href(pill.src))}">{esc(pill.title)}</a> '
        f'<span class="pillole-step__facts">{" · ".join(facts)}</span>'
        f'<p class="pillole-step__summary">{esc(pill.summary)}</p></li>'
    )


def paths_index(view: View, site_key: str) -> str:
    """Every path, with its badge, length and the learner's progress."""
    t = view.labels
    paths = sorted(view.catalog.paths.values(), key=lambda p: p.title.lower())
    cards = "".join(
        f'<li class="pillole-path-card"{path_attrs(view, p)}>'
        f'<span class="pillole-path-card__icon" aria-hidden="true">{esc(p.badge.icon)}</span>'
        f'<div><a class="pillole-path-card__title" href="{esc(view.href(routes.learning_path(p.id)))}">{esc(p.title)}</a>'
        f'<p class="pillole-path-card__description">{esc(p.description)}</p>'
        f'<p class="pillole-card__facts">{esc(_steps_count(view, p))} · {path_time(view, p).describe(view)} · '
        f'{esc(t("badge"))}: {esc(p.badge.name)}</p>{progress_bar(view, p)}</div></li>'
        for p in paths
    )
    listing = f'<ul class="pillole-paths">{cards}</ul>' if paths else f'<p class="pillole-empty">{esc(t("no_paths"))}</p>'
    return (
        f'<div class="pillole-paths-index"{learner_attrs(view, site_key)}>'
        f'<h1>{esc(t("paths"))}</h1><p>{esc(t("paths_intro"))}</p>'
        f'<p><a class="md-button" href="{esc(view.href(routes.PROGRESS))}">{esc(t("my_progress"))}</a> '
        f'<span class="pillole-note">{esc(t("progress_note"))}</span></p>{listing}</div>'
    )


def progress_page(view: View, site_key: str, site_name: str) -> str:
    """"I miei progressi": badges, paths in progress, completed paths with a printable
    certificate, completed pills, export and import. Every item is in the page, hidden;
    progress.js shows those the learner's saved state says are earned or done."""
    t = view.labels
    cat = view.catalog
    paths = sorted(cat.paths.values(), key=lambda p: p.title.lower())
    badges = "".join(f'<li{path_attrs(view, p)} data-show="earned" hidden>{_badge(p)}</li>' for p in paths)
    started = "".join(
        f'<li class="pillole-path-card"{path_attrs(view, p)} data-show="started" hidden>'
        f'<span class="pillole-path-card__icon" aria-hidden="true">{esc(p.badge.icon)}</span><div>'
        f'<a class="pillole-path-card__title" href="{esc(view.href(routes.learning_path(p.id)))}">{esc(p.title)}</a>'
        f'{progress_bar(view, p)}<a data-resume href="{esc(view.href(cat.pills[p.steps[0]].src))}">'
        f'{esc(t("resume"))}</a></div></li>'
        for p in paths
    )
    completed = "".join(
        f'<li class="pillole-path-card"{path_attrs(view, p)} data-show="earned" hidden>'
        f'<span class="pillole-path-card__icon" aria-hidden="true">{esc(p.badge.icon)}</span><div>'
        f'<a class="pillole-path-card__title" href="{esc(view.href(routes.learning_path(p.id)))}">{esc(p.title)}</a> '
        f'<button type="button" class="md-button" data-print="{esc(p.id)}">{esc(t("print_certificate"))}</button>'
        f"</div>{_certificate(view, p, site_name)}</li>"
        for p in paths
    )
    pills = "".join(
        f'<li data-pill-done="{esc(pill.slug)}" data-quiz="{len(pill.quiz)}" '
        f'data-pass-mark="{pass_mark_of(cat, pill.slug)}" hidden>'
        f'<a href="{esc(view.href(pill.src))}">{esc(pill.title)}</a></li>'
        for pill in sorted(cat.pills.values(), key=lambda p: p.title.lower())
    )

    def block(key: str, anchor: str, items: str, empty: str, extra: str = "") -> str:
        return (f'<section class="pillole-progress__block" aria-labelledby="{anchor}">'
                f'<h2 id="{anchor}">{esc(t(key))}</h2>{extra}'
                f'<ul class="pillole-progress__list" data-list="{anchor}">{items}</ul>'
                f'<p class="pillole-empty" data-empty="{anchor}">{esc(t(empty))}</p></section>')

    name = (f'<p class="pillole-name" data-with-list="completati"><label>{esc(t("your_name"))} '
            f'<input type="text" data-learner-name autocomplete="name" maxlength="80"></label></p>')
    transfer = (
        f'<section class="pillole-progress__block" aria-labelledby="trasferisci">'
        f'<h2 id="trasferisci">{esc(t("export_title"))}</h2><p>{esc(t("export_intro"))}</p>'
        f'<p><button type="button" class="md-button" data-export>{esc(t("export"))}</button> '
        f'<label class="md-button pillole-import">{esc(t("import"))} '
        f'<input type="file" accept="application/json,.json" data-import></label></p>'
        f'<p data-import-result role="status" aria-live="polite"></p></section>'
    )
    return (
        f'<div class="pillole-progress"{learner_attrs(view, site_key)}>'
        f'<h1>{esc(t("my_progress"))}</h1><p class="pillole-note">{esc(t("progress_note"))}</p>'
        + block("badges", "badge", badges, "no_badges")
        + block("paths_in_progress", "in-corso", started, "none_in_progress")
        + block("paths_completed", "completati", completed, "none_completed_paths", name)
        + block("completed_pills", "pillole-completate", pills, "none_completed_pills")
        + transfer + "</div>"
    )


def _certificate(view: View, path: LearningPath, site_name: str) -> str:
    """A printable page (print CSS shows only the certificate being printed)."""
    t = view.labels
    steps = "".join(f"<li>{esc(view.catalog.pills[s].title)}</li>" for s in path.steps)
    return (
        f'<div class="pillole-certificate" data-certificate="{esc(path.id)}" '
        f'aria-label="{esc(t("certificate_for"))} {esc(path.title)}">'
        f'<p class="pillole-certificate__site">{esc(site_name)}</p>'
        f'<p class="pillole-certificate__title">{esc(t("certificate"))}</p>'
        f'<p class="pillole-certificate__name" data-certificate-name></p>'
        f"<p>{esc(t('certificate_text'))}</p>"
        f'<p class="pillole-certificate__path">{esc(path.title)}</p>'
        f'<p class="pillole-certificate__badge">{_badge(path)}</p>'
        f'<p><time data-certificate-date></time></p><ol class="pillole-certificate__steps">{steps}</ol></div>'
    )


def pill_learning(view: View, pill: Pill, site_key: str) -> str:
    """What a pill page adds after its text: the quiz, how to complete the pill, and for
    each path it belongs to "Passo 3 di 7" with the previous and next steps."""
    t = view.labels
    cat = view.catalog
    pass_mark = pass_mark_of(cat, pill.slug)
    kind = pill_kind(view, pill)
    navs = []
    for path in paths_of(cat, pill.slug):
        steps = path.steps
        index = steps.index(pill.slug)
        links = []
        if index > 0:
            prev = cat.pills[steps[index - 1]]
            links.append(f'<a rel="prev" href="{esc(view.href(prev.src))}">← {esc(t("previous_step"))}: '
                         f"{esc(prev.title)}</a>")
        if index + 1 < len(steps):
            nxt = cat.pills[steps[index + 1]]
            links.append(f'<a rel="next" href="{esc(view.href(nxt.src))}">{esc(t("next_step"))}: '
                         f"{esc(nxt.title)} →</a>")
        navs.append(
            f'<nav class="pillole-pathnav"{path_attrs(view, path)} aria-label="{esc(t("path"))}: {esc(path.title)}">'
            f'<p class="pillole-pathnav__where"><span aria-hidden="true">{esc(path.badge.icon)}</span> '
            f'<a href="{esc(view.href(routes.learning_path(path.id)))}">{esc(path.title)}</a> · '
            f'<strong data-step-of>{esc(t("step_of", n=index + 1, total=len(steps)))}</strong></p>'
            f'{progress_bar(view, path)}<p class="pillole-pathnav__links">{" ".join(links)}</p></nav>'
        )
    need = t("need_text") if kind == "text" else t("need_media")
    return (
        f'<section class="pillole-learn"{learner_attrs(view, site_key)} data-pill="{esc(pill.slug)}" '
        f'data-kind="{kind}" data-quiz="{len(pill.quiz)}" data-pass-mark="{pass_mark}">'
        f"{quiz_form(view, pill, pass_mark)}"
        f'<div class="pillole-completion" data-state="todo">'
        f'<p class="pillole-completion__status" data-completion role="status" aria-live="polite">{esc(need)}</p>'
        f'<button type="button" class="md-button" data-mark-done>{esc(t("mark_done"))}</button></div>'
        f'<p class="pillole-toast" data-badge-toast role="status" aria-live="polite" hidden></p>'
        + "".join(navs)
        + f'<p><a href="{esc(view.href(routes.PROGRESS))}">{esc(t("my_progress"))}</a></p></section>'
    )
