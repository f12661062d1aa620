"""The content model: what a mentor writes, as plain dataclasses with no I/O.

Everything else (validation, media, catalog, search, the MkDocs adapter) reads these
objects; nothing here knows about files, YAML or MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Italian defaults for the configurable vocabularies (id -> label).
DEFAULT_AREAS: dict[str, str] = {
    "tecnologia": "Tecnologia",
    "diversita-inclusione": "Diversità e inclusione",
    "innovazione": "Innovazione",
}
DEFAULT_TECHNIQUES: dict[str, str] = {
    "individuale": "Individuale",
    "gruppo": "Di gruppo",
    "informale": "Informale",
}
DEFAULT_LEVELS: dict[str, str] = {
    "base": "Base",
    "intermedio": "Intermedio",
    "avanzato": "Avanzato",
}


@dataclass(frozen=True)
class ContentError:
    """One problem in the content, located precisely enough for a mentor to fix it.

    `path` is relative to the project (e.g. ``content/pillole/x/index.md``), `line` is
    1-based (None when the problem is about a whole file), `field` the front-matter key.
    """

    path: str
    line: int | None
    field: str | None
    message: str
    hint: str | None = None
    severity: str = "error"  # "error", "warning" (fails --strict) or "notice" (information)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        if self.hint:
            text += f"; {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Settings:
    """Site-wide options that change what content is valid and how it reads."""

    areas: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_AREAS))
    techniques: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TECHNIQUES))
    levels: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    language: str = "it"
    #: A pill without `review_by` is stale this many days after its last change (None: never).
    max_age_days: int | None = None
    #: Recordings without a captions file get automatic ones (`transcribe_model` is set).
    auto_captions: bool = False


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Person:
    """A mentor or a learner (the same registry: a senior can mentor too)."""

    id: str
    name: str
    role: str = ""
    team: str | None = None


@dataclass(frozen=True)
class Tag:
    id: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    at: float  # seconds from the start of the (trimmed) media
    title: str


@dataclass(frozen=True)
class Trim:
    start: float | None = None  # seconds
    end: float | None = None


@dataclass(frozen=True)
class QuizAnswer:
    text: str
    correct: bool = False
    explanation: str = ""


@dataclass(frozen=True)
class QuizQuestion:
    question: str
    answers: tuple[QuizAnswer, ...]

    @property
    def multiple(self) -> bool:
        return sum(a.correct for a in self.answers) > 1


#: Quiz score (percent) a learner needs when no learning path sets its own `pass_mark`.
DEFAULT_PASS_MARK = 70


@dataclass(frozen=True)
class Badge:
    """What a learner earns on completing a path; `icon` is an emoji (e.g. "🛡️")."""

    name: str
    icon: str = "🏅"
    description: str = ""


@dataclass(frozen=True)
class PathSection:
    """A group of consecutive steps; `title` is None for steps listed outside any section."""

    title: str | None
    steps: tuple[str, ...]  # pill slugs, in order


@dataclass
class LearningPath:
    """An ordered series of pills (`content/percorsi/<id>.md`) that ends with a badge."""

    id: str
    src: str  # Markdown file relative to the docs folder (posix)
    title: str
    description: str
    sections: tuple[PathSection, ...]
    badge: Badge
    audience: tuple[str, ...] = ()  # person or team ids
    prerequisites: tuple[str, ...] = ()  # other path ids
    pass_mark: int = DEFAULT_PASS_MARK  # percent of a pill's quiz to answer right
    body: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step's pill slug, in order, sections flattened."""
        return tuple(slug for section in self.sections for slug in section.steps)


@dataclass
class Pill:
    """One knowledge pill: a folder ``pillole/<slug>/`` with ``index.md`` and its media.

    Paths (`media`, `captions`) are relative to the pill's folder and already checked
    not to leave it. `src` is the Markdown file relative to the docs folder (posix).
    """

    slug: str
    src: str
    title: str
    summary: str
    mentors: tuple[str, ...]
    tags: tuple[str, ...]  # canonical tag ids (aliases resolved)
    area: str
    technique: str = "individuale"
    level: str = "base"
    audience: tuple[str, ...] = ()  # person or team ids
    media: str | None = None
    captions: str | None = None
    chapters: tuple[Chapter, ...] | str = ()  # a list, or a WebVTT chapters file name
    trim: Trim | None = None
    clips: tuple[dict[str, Any], ...] = ()
    quiz: tuple[QuizQuestion, ...] = ()
    date: dt.date | None = None
    review_by: dt.date | None = None
    #: From the git history (see gitmeta.py): the last change and the authors, oldest first.
    updated: dt.date | None = None
    contributors: tuple[str, ...] = ()
    body: str = ""
    #: 1-based line number of each front-matter key (dotted paths for nested values).
    lines: dict[str, int] = field(default_factory=dict)
    #: For a clip cut from a webinar: the slug of the pill whose recording it comes from.
    parent: str | None = None
    #: The language spoken in the recording (ISO 639-1 code), when it is not the site's.
    language: str | None = None
    #: The MkDocs/Material page options the mentor set (hide, icon, status, search), validated.
    page_meta: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        """The pill's folder relative to the docs folder (posix)."""
        return self.src.rsplit("/", 1)[0]

    @property
    def url(self) -> str:
        """Directory URL of the pill page relative to the site root."""
        return self.folder + "/"


@dataclass(frozen=True)
class ContentPage:
    """A Markdown file of the docs folder published as a page: a pill, a learning path, or a
    page of the site's own at the top of the folder (the home page, ...). `shown` names the
    file in messages, `body_line` is where its text starts, `meta` the validated page options
    the build hands to MkDocs (title and description escaped where the theme prints them)."""

    src: str
    shown: str
    body: str
    body_line: int
    meta: dict[str, Any] = field(default_factory=dict)
    kind: str = "pill"  # "pill", "path" or "site"


@dataclass
class Catalog:
    """Everything loaded from ``content/``: registries and pills, keyed by id."""

    settings: Settings
    people: dict[str, Person] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    pills: dict[str, Pill] = field(default_factory=dict)
    paths: dict[str, LearningPath] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)
    #: Every Markdown page read from the docs folder, by source path (see boundary.py).
    pages: dict[str, ContentPage] = field(default_factory=dict)
    #: The files of the docs folder the site may publish, by source path (see boundary.py).
    published: set[str] = field(default_factory=set)

    def tag_index(self) -> dict[str, str]:
        """Every tag id and alias (lowercase) -> the canonical tag id."""
        index = {alias: tag.id for tag in self.tags.values() for alias in tag.aliases}
        index.update({tag_id: tag_id for tag_id in self.tags})
        return index

    @property
    def has_errors(self) -> bool:
        return any(e.is_error for e in self.errors)

    def pills_by_date(self) -> list[Pill]:
        """Newest first; undated pills last; ties broken by slug so order is stable."""
        return sorted(
            self.pills.values(),
            key=lambda p: (p.date is None, -(p.date.toordinal() if p.date else 0), p.slug),
        )
