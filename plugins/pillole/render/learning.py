"""Learning paths as data: the path page, the list of paths, "I miei progressi", and what a
pill page adds (quiz, completion, "Passo 3 di 7").

There is no server, so the HTML carries everything the learner's browser needs to work out
progress on its own: each path names its steps, the steps that have a quiz and its pass mark
(`PathData`). `assets/progress.js` (loaded by core.js where a block is marked
`data-pillole-progress`) reads these attributes and shows the state saved in the browser.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from .. import routes
from ..model import LearningPath, Pill, QuizQuestion
from ..paths import pass_mark_of, paths_of
from ..sitemodel import SiteData
from .cards import Link, person_link

#: Reading speed used to estimate how long a text-only pill takes (the page says only
#: "letture comprese": a learner needs the total, not how it was worked out).
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")
def reading_minutes(pill: Pill) -> int:
    """Minutes to read a pill's text at WORDS_PER_MINUTE (at least one)."""
    return max(1, math.ceil(len(_WORD.findall(pill.body)) / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class PathTime:
    """How long a path takes: probed durations plus reading estimates for text pills."""

    seconds: float
    text_pills: int  # estimated by reading time
    unknown: int  # recordings whose duration the media pipeline did not report
    recordings: int = 0  # recordings whose duration is known

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


def path_time(site: SiteData, path: LearningPath) -> PathTime:
    seconds, text, unknown, recordings = 0.0, 0, 0, 0
    for slug in path.steps:
        pill = site.catalog.pills[slug]
        summary = site.summary(pill)
        if site.kind(pill) == "text":
            seconds += reading_minutes(pill) * 60
            text += 1
        elif summary and summary.duration:
            seconds += summary.duration
            recordings += 1
        else:
            unknown += 1
    return PathTime(seconds, text, unknown, recordings)


@dataclass(frozen=True)
class PathData:
    """A path as progress.js needs it wherever the path is shown: its steps (with their pages
    and titles, for "riprendi da qui" and "prossima pillola"), which of them have a quiz, the
    pass mark, the badge."""

    path: LearningPath
    link: Link
    steps: tuple[str, ...]
    pages: tuple[str, ...]  # source path of each step's page
    quizzes: tuple[str, ...]
    first: str  # source path of the first step's page
    time: PathTime
    titles: tuple[str, ...] = ()  # title of each step's pill

    @property
    def next_steps(self) -> tuple[tuple[str, Link], ...]:
        """(slug, link) of every step: the browser shows the one the learner is at."""
        return tuple((slug, Link(src, title)) for slug, src, title in zip(self.steps, self.pages, self.titles))


def path_data(site: SiteData, path: LearningPath) -> PathData:
    pills = site.catalog.pills
    steps = [pills[s] for s in path.steps]
    return PathData(path, Link(routes.learning_path(path.id), path.title), path.steps,
                    tuple(p.src for p in steps), tuple(p.slug for p in steps if p.quiz),
                    steps[0].src, path_time(site, path), tuple(p.title for p in steps))


#: How many other paths a finished path suggests at most (the browser shows the first the
#: learner has not completed).
SUGGESTIONS = 5


@dataclass(frozen=True)
class Suggestion:
    """A path to take next: its id (to tell whether its badge is earned) and its link."""

    id: str
    link: Link


def suggestions(site: SiteData, path: LearningPath) -> tuple[Suggestion, ...]:
    """The paths to suggest once `path` is finished, best first: those that build on it
    (list it among their prerequisites), then the others in title order."""
    others = sorted((p for p in _sorted_paths(site) if p.id != path.id),
                    key=lambda p: path.id not in p.prerequisites)
    return tuple(Suggestion(p.id, Link(routes.learning_path(p.id), p.title)) for p in others[:SUGGESTIONS])


@dataclass(frozen=True)
class Step:
    slug: str
    link: Link
    summary: str
    kind: str
    reading_minutes: int | None
    duration: float | None
    quiz: bool


def _step(site: SiteData, pill: Pill) -> Step:
    kind = site.kind(pill)
    summary = site.summary(pill)
    return Step(pill.slug, Link(pill.src, pill.title), pill.summary, kind,
                reading_minutes(pill) if kind == "text" else None,
                summary.duration if summary and kind != "text" else None, bool(pill.quiz))


def _sorted_paths(site: SiteData) -> list[LearningPath]:
    return sorted(site.catalog.paths.values(), key=lambda p: p.title.lower())


def path_page(site: SiteData, path: LearningPath) -> dict[str, Any]:
    """A path: what it is for, its steps with their state, progress, time, resume link."""
    cat = site.catalog
    sections = []
    number = 1
    for section in path.sections:
        sections.append((section.title, number, [_step(site, cat.pills[s]) for s in section.steps]))
        number += len(section.steps)
    prerequisites = [Link(routes.learning_path(p), cat.paths[p].title if p in cat.paths else p)
                     for p in path.prerequisites]
    return {"data": path_data(site, path),
            "audience": [person_link(site, a) for a in path.audience], "prerequisites": prerequisites,
            "sections": sections, "has_quiz": any(cat.pills[s].quiz for s in path.steps),
            "suggestions": suggestions(site, path)}


def paths_index(site: SiteData) -> dict[str, Any]:
    """Every path, with its badge, length and the learner's progress."""
    return {"paths": [path_data(site, p) for p in _sorted_paths(site)]}


def progress_page(site: SiteData) -> dict[str, Any]:
    """"I miei progressi": paths in progress, every badge (earned, or a goal with what is
    left), certificates to preview and print, completed pills, export and import. Every item
    is in the page; progress.js shows each as the learner's saved state says."""
    cat = site.catalog
    pills = [(Link(p.src, p.title), p.slug, len(p.quiz), pass_mark_of(cat, p.slug))
             for p in sorted(cat.pills.values(), key=lambda p: p.title.lower())]
    paths = [path_data(site, p) for p in _sorted_paths(site)]
    return {"paths": paths, "pills": pills, "site_name": site.info.name}


@dataclass(frozen=True)
class PathStep:
    """"Passo 3 di 7" of a pill in one of its paths, with the steps around it and the paths
    to suggest when this step finishes the path."""

    data: PathData
    number: int
    previous: Link | None
    next: Link | None
    suggestions: tuple[Suggestion, ...] = ()


@dataclass(frozen=True)
class Quiz:
    questions: tuple[QuizQuestion, ...]
    pass_mark: int


def pill_learning(site: SiteData, pill: Pill) -> dict[str, Any]:
    """What a pill page adds after its text: the quiz, how to complete the pill, and for
    each path it belongs to "Passo 3 di 7" with the previous and next steps."""
    cat = site.catalog
    steps = []
    for path in paths_of(cat, pill.slug):
        index = path.steps.index(pill.slug)
        before = cat.pills[path.steps[index - 1]] if index > 0 else None
        after = cat.pills[path.steps[index + 1]] if index + 1 < len(path.steps) else None
        steps.append(PathStep(path_data(site, path), index + 1,
                              Link(before.src, before.title) if before else None,
                              Link(after.src, after.title) if after else None, suggestions(site, path)))
    pass_mark = pass_mark_of(cat, pill.slug)
    return {"slug": pill.slug, "kind": site.kind(pill),
            "quiz": Quiz(pill.quiz, pass_mark), "paths": steps}
