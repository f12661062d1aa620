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
from ..catalog import pass_mark_of, paths_of
from ..model import LearningPath, Pill, QuizQuestion
from ..sitemodel import SiteData
from .cards import Link, person_link

#: Reading speed used to estimate how long a text-only pill takes.
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
    words_per_minute: int = WORDS_PER_MINUTE

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


def path_time(site: SiteData, path: LearningPath) -> PathTime:
    seconds, text, unknown = 0.0, 0, 0
    for slug in path.steps:
        pill = site.catalog.pills[slug]
        summary = site.summary(pill)
        if site.kind(pill) == "text":
            seconds += reading_minutes(pill) * 60
            text += 1
        elif summary and summary.duration:
            seconds += summary.duration
        else:
            unknown += 1
    return PathTime(seconds, text, unknown)


@dataclass(frozen=True)
class PathData:
    """A path as progress.js needs it wherever the path is shown: its steps (and their pages,
    for "riprendi da qui"), which of them have a quiz, the pass mark, the badge."""

    path: LearningPath
    link: Link
    steps: tuple[str, ...]
    pages: tuple[str, ...]  # source path of each step's page
    quizzes: tuple[str, ...]
    first: str  # source path of the first step's page
    time: PathTime


def path_data(site: SiteData, path: LearningPath) -> PathData:
    pills = site.catalog.pills
    return PathData(path, Link(routes.learning_path(path.id), path.title), path.steps,
                    tuple(pills[s].src for s in path.steps), tuple(s for s in path.steps if pills[s].quiz),
                    pills[path.steps[0]].src, path_time(site, path))


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
            "sections": sections, "has_quiz": any(cat.pills[s].quiz for s in path.steps)}


def paths_index(site: SiteData) -> dict[str, Any]:
    """Every path, with its badge, length and the learner's progress."""
    return {"paths": [path_data(site, p) for p in _sorted_paths(site)]}


def progress_page(site: SiteData) -> dict[str, Any]:
    """"I miei progressi": badges, paths in progress, completed paths with a printable
    certificate, completed pills, export and import. Every item is in the page, hidden;
    progress.js shows those the learner's saved state says are earned or done."""
    cat = site.catalog
    pills = [(Link(p.src, p.title), p.slug, len(p.quiz), pass_mark_of(cat, p.slug))
             for p in sorted(cat.pills.values(), key=lambda p: p.title.lower())]
    paths = [(path_data(site, p), [cat.pills[s].title for s in p.steps]) for p in _sorted_paths(site)]
    return {"paths": paths, "pills": pills, "site_name": site.info.name}


@dataclass(frozen=True)
class PathStep:
    """"Passo 3 di 7" of a pill in one of its paths, with the steps around it."""

    data: PathData
    number: int
    previous: Link | None
    next: Link | None


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
                              Link(after.src, after.title) if after else None))
    pass_mark = pass_mark_of(cat, pill.slug)
    return {"slug": pill.slug, "kind": site.kind(pill),
            "quiz": Quiz(pill.quiz, pass_mark), "paths": steps}
