"""Every content rule, in one place: raw YAML in, model objects and ContentErrors out.

Each rule adds a ContentError naming the file, the line and the field, what is wrong and
how to fix it; validation never stops at the first problem, so a mentor fixes them all in
one go. Nothing here reads files except to check that a referenced file exists inside the
pill's folder.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import importlib.util
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .freshness import is_stale, last_change
from .frontmatter import Document, InvalidDate
from .media.captions import check_track_file
from .media.probe import text_problem
from .model import (
    Catalog,
    Chapter,
    ContentError,
    Person,
    Pill,
    QuizAnswer,
    QuizQuestion,
    Settings,
    Tag,
    Team,
    Trim,
)
from .timecode import parse_time

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
#: A summary is one sentence on cards and in search results: longer ones get a warning.
SUMMARY_MAX_CHARS = 200

PILL_KEYS = (
    "title", "summary", "mentor", "audience", "tags", "area", "technique", "level",
    "media", "captions", "chapters", "trim", "clips", "quiz", "date", "review_by", "language",
)
#: MkDocs / Material page options: validated by `page_options` (they reach the theme as they are).
PAGE_KEYS = ("hide", "template", "description", "icon", "status", "search")
#: The front-matter of a page of the site's own (a Markdown file at the top of content/).
SITE_PAGE_KEYS = ("title", *PAGE_KEYS)
CLIP_KEYS = ("slug", "title", "summary", "start", "end", "tags", "audience", "level", "quiz")
PERSON_KEYS = ("id", "name", "role", "team")
TEAM_KEYS = ("id", "name", "description")
TAG_KEYS = ("id", "label", "description", "aliases")


def suggest(word: str, choices: list[str] | tuple[str, ...] | dict[str, Any]) -> str | None:
    """The closest known name, for 'did you mean ...?' hints."""
    matches = difflib.get_close_matches(str(word).lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def slugify(text: str) -> str:
    """A folder name a mentor can use, for hints about invalid slugs."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


@dataclass
class Reporter:
    """Collects the errors of one file; `doc` gives line numbers for fields."""

    path: str
    doc: Document
    errors: list[ContentError] = field(default_factory=list)

    def error(self, fld: str | None, message: str, hint: str | None = None,
              severity: str = "error") -> None:
        line = self.doc.line(fld, default=None) if fld else None
        self.errors.append(ContentError(self.path, line, fld, message, hint, severity))

    def warning(self, fld: str | None, message: str, hint: str | None = None) -> None:
        self.error(fld, message, hint, severity="warning")

    def unknown_keys(self, data: dict[str, Any], allowed: tuple[str, ...], prefix: str = "") -> None:
        for key in data:
            if key not in allowed:
                close = suggest(str(key), allowed)
                hint = f"did you mean '{close}'?" if close else "known fields: " + ", ".join(allowed)
                if prefix and data[key] is None and not close:  # {title: a, b} reads 'b' as a key
                    hint = "if a value contains a comma, put it in quotes: title: \"a, b\""
                self.error(f"{prefix}{key}", f"'{key}' is not a known field", hint)

    def text(self, data: dict[str, Any], key: str, prefix: str = "", required: bool = False) -> str | None:
        """A non-empty string field (numbers are accepted and read as text)."""
        fld = prefix + key
        if key not in data or data[key] is None:
            if required:
                self.error(fld, "is required", f"add '{key}: ...'")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(fld, f"must be text, not {_kind(value)}", "write it on one line, in quotes if needed")
            return None
        value = str(value).strip()
        if CONTROL.search(value):
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(value)})[:5])
            self.warning(fld, f"contains control characters ({codes}); they are left out",
                         "retype the text: such characters come from copying out of other programs")
            value = CONTROL.sub("", value).strip()
        if not value:
            if required:
                self.error(fld, "is empty", f"write a value after '{key}:'")
            return None
        limit = TEXT_LIMITS.get(key, MAX_TEXT)
        if len(value) > limit:
            self.error(fld, f"is {len(value):,} characters long (at most {limit:,})",
                       "keep it short: the text of the page is the place for detail")
            return None
        return value

    def id_list(self, data: dict[str, Any], key: str, prefix: str = "", required: bool = False) -> list[str]:
        """A list of ids; a single id is accepted as a list of one."""
        fld = prefix + key
        value = data.get(key)
        if value is None:
            if required:
                self.error(fld, "is required", f"add '{key}: [...]'")
            return []
        items = value if isinstance(value, list) else [value]
        limit = LIST_LIMITS.get(key)
        if limit is not None and len(items) > limit:  # before any lookup: thousands would take minutes
            self.error(fld, f"lists {len(items):,} entries (at most {limit})",
                       f"keep the few that matter most in '{key}'")
            return []
        out: list[str] = []
        for index, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                where = f"{fld}[{index}]" if isinstance(value, list) else fld
                self.error(where, f"must be an id (text), not {_kind(item)}",
                           "write ids like 'giulia-rossi', in quotes if they could read as yes/no")
                continue
            out.append(str(item).strip())
        if required and not out:
            self.error(fld, "is empty", f"give at least one value in '{key}'")
        return out

    def date(self, data: dict[str, Any], key: str) -> dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, InvalidDate):
            self.error(key, f"'{value}' is not a day of the calendar", "write an existing date as YYYY-MM-DD")
            return None
        if not isinstance(value, (str, int, float)):  # never print a whole list: it may be huge
            self.error(key, f"must be a date, not {_kind(value)}", "write it as YYYY-MM-DD, e.g. 2026-03-29")
            return None
        self.error(key, f"'{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-29")
        return None


#: Characters that have no place in a line of text and make feeds invalid XML: C0 controls but
#: tab and line breaks, DEL, C1 controls, lone surrogates and the two non-characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The longest a text field may be (a title is printed on every list it appears in, so a
#: huge one would multiply through the whole site).
MAX_TEXT = 2000
TEXT_LIMITS = {"title": 200, "summary": 500, "description": 500}
#: The most entries a list may have: each tag, person or clip multiplies pages and feeds.
LIST_LIMITS = {"tags": 20, "mentor": 10, "audience": 50, "prerequisites": 20}
MAX_CLIPS = 100
MAX_CHAPTERS = 300
MAX_QUESTIONS = 30
MAX_ANSWERS = 10


def _too_many(rep: Reporter, fld: str, value: list[Any], limit: int, what: str) -> bool:
    """An error when a list is longer than `limit` (checked before its entries, so a huge
    list costs one message, not one per entry)."""
    if len(value) <= limit:
        return False
    rep.error(fld, f"has {len(value):,} {what} (at most {limit})", f"keep at most {limit} {what}")
    return True


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number", dt.date: "a date",
            dt.datetime: "a date and time"}.get(type(value), type(value).__name__)


# --- registries -------------------------------------------------------------------------


def people_from(doc: Document, path: str) -> tuple[dict[str, Person], dict[str, Team], list[ContentError]]:
    """`people.yml`: a mapping with `people:` (and optional `teams:`) lists."""
    rep = Reporter(path, doc)
    people: dict[str, Person] = {}
    teams: dict[str, Team] = {}
    data = doc.data
    if not isinstance(data, dict):
        rep.error(None, "must be a mapping with a 'people:' list (and optionally 'teams:')",
                  "start the file with 'people:' and list each person as '- id: ...'")
        return people, teams, rep.errors
    rep.unknown_keys(data, ("people", "teams"))
    for index, raw in enumerate(_list_of_maps(rep, data, "teams")):
        prefix = f"teams[{index}]."
        rep.unknown_keys(raw, TEAM_KEYS, prefix)
        team_id = _registry_id(rep, raw, prefix, teams)
        name = rep.text(raw, "name", prefix, required=True)
        if team_id and name:
            teams[team_id] = Team(team_id, name, rep.text(raw, "description", prefix) or "")
    for index, raw in enumerate(_list_of_maps(rep, data, "people", required=True)):
        prefix = f"people[{index}]."
        rep.unknown_keys(raw, PERSON_KEYS, prefix)
        person_id = _registry_id(rep, raw, prefix, people)
        name = rep.text(raw, "name", prefix, required=True)
        team = rep.text(raw, "team", prefix)
        if team and team not in teams:
            close = suggest(team, teams)
            rep.error(prefix + "team", f"'{team}' is not a team in 'teams:'",
                      f"did you mean '{close}'?" if close else "add it under 'teams:' or fix the id")
            team = None
        if person_id and person_id in teams:
            rep.error(prefix + "id", f"'{person_id}' is both a person and a team",
                      "give the person or the team another id")
            continue
        if person_id and name:
            people[person_id] = Person(person_id, name, rep.text(raw, "role", prefix) or "", team)
    return people, teams, rep.errors


def tags_from(doc: Document, path: str) -> tuple[dict[str, Tag], list[ContentError]]:
    """`tags.yml`: a list of {id, label, description, aliases}."""
    rep = Reporter(path, doc)
    tags: dict[str, Tag] = {}
    if not isinstance(doc.data, list):
        rep.error(None, "must be a list of tags", "write each tag as '- id: cloud' with 'label:' below it")
        return tags, rep.errors
    owner: dict[str, str] = {}  # id or alias -> tag id, to catch collisions
    for index, raw in enumerate(doc.data):
        prefix = f"[{index}]."
        if not isinstance(raw, dict):
            rep.error(f"[{index}]", f"must be a mapping, not {_kind(raw)}", "write '- id: ...' then 'label: ...'")
            continue
        rep.unknown_keys(raw, TAG_KEYS, prefix)
        tag_id = _registry_id(rep, raw, prefix, tags)
        label = rep.text(raw, "label", prefix, required=True)
        aliases = [a.lower() for a in rep.id_list(raw, "aliases", prefix)]
        if not (tag_id and label):
            continue
        if tag_id in owner:
            rep.error(prefix + "id", f"'{tag_id}' is already an alias of tag '{owner[tag_id]}'",
                      "remove the alias or choose another id")
            continue
        owner[tag_id] = tag_id
        for alias in aliases:
            if alias in owner:
                rep.error(prefix + "aliases", f"alias '{alias}' is already used by tag '{owner[alias]}'",
                          "an alias must point to a single tag")
            owner[alias] = tag_id
        tags[tag_id] = Tag(tag_id, label, rep.text(raw, "description", prefix) or "", tuple(aliases))
    return tags, rep.errors


def _list_of_maps(rep: Reporter, data: dict[str, Any], key: str, required: bool = False) -> list[dict[str, Any]]:
    value = data.get(key)
    if value is None:
        if required:
            rep.error(key, "is required", f"add '{key}:' with a list of entries")
        return []
    if not isinstance(value, list):
        rep.error(key, f"must be a list, not {_kind(value)}", "write each entry on a line starting with '- '")
        return []
    out = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            out.append(item)
        else:
            rep.error(f"{key}[{index}]", f"must be a mapping, not {_kind(item)}", "write '- id: ...' and the fields below it")
            out.append({})
    return out


#: Ids that would take the place of a generated page (tag/index.md, persone/index.md).
RESERVED_IDS = ("index",)


def _registry_id(rep: Reporter, raw: dict[str, Any], prefix: str, known: dict[str, Any]) -> str | None:
    value = rep.text(raw, "id", prefix, required=True)
    if value is None:
        return None
    if not SLUG.match(value):
        rep.error(prefix + "id", f"'{value}' is not a valid id",
                  f"use lowercase letters, digits and '-', e.g. '{slugify(value)}'")
        return None
    if value in known:
        rep.error(prefix + "id", f"'{value}' is defined twice", "ids must be unique; rename or remove one")
        return None
    if value in RESERVED_IDS:
        rep.error(prefix + "id", f"'{value}' is reserved for a generated list page (e.g. tag/index.html)",
                  f"choose another id, e.g. '{value}-1'")
        return None
    return value


# --- pills ------------------------------------------------------------------------------


@dataclass
class PillContext:
    """What a pill is checked against: the registries and its own folder on disk."""

    catalog: Catalog
    folder: Path  # absolute path of the pill's folder
    tag_lookup: dict[str, str]  # Catalog.tag_index(), computed once for all pills


def pill_from(doc: Document, body: str, path: str, slug: str, src: str, ctx: PillContext) -> tuple[Pill | None, list[ContentError]]:
    """Turn one pill's front-matter into a Pill, collecting every problem."""
    rep = Reporter(path, doc)
    data = doc.data
    if not isinstance(data, dict) or not data:
        rep.error(None, "has no front-matter",
                  "start the file with '---', the fields (title, summary, mentor, tags, area), then '---'")
        return None, rep.errors
    settings = ctx.catalog.settings
    rep.unknown_keys(data, PILL_KEYS + PAGE_KEYS)
    page_meta = page_options(rep, data)
    if not SLUG.match(slug):
        rep.error(None, f"folder name '{slug}' is not a valid pill id",
                  f"rename the folder to '{slugify(slug)}' (lowercase letters, digits and '-')")

    title = rep.text(data, "title", required=True)
    summary = rep.text(data, "summary", required=True)
    for fld, value in (("title", title), ("summary", summary)):
        markup = _HTML_TAG.search(value) if value else None
        if markup:
            rep.warning(fld, f"contains HTML markup ({markup.group(0)}); it is shown as plain text",
                        "remove the tags and write plain text")
    _summary_length(rep, summary)
    mentors = _people_refs(rep, data, "mentor", ctx, allow_teams=False, required=True)
    audience = _people_refs(rep, data, "audience", ctx, allow_teams=True)
    tags = _tag_refs(rep, data, "tags", ctx, required=True)
    area = _choice(rep, data, "area", settings.areas, required=True)
    technique = _choice(rep, data, "technique", settings.techniques) or next(iter(settings.techniques))
    level = _choice(rep, data, "level", settings.levels) or next(iter(settings.levels))
    media = _local_file(rep, data, "media", ctx.folder)
    _media_file(rep, media, ctx.folder)
    captions = _captions(rep, data, ctx, media, slug)
    language = _language(rep, data)
    chapters = _chapters(rep, data, ctx.folder)
    if isinstance(chapters, str) and chapters:
        _track_file(rep, chapters, "chapters", ctx.folder)
    trim = _trim(rep, data)
    quiz = _quiz(rep, data.get("quiz"), "quiz")
    date = rep.date(data, "date")
    review_by = rep.date(data, "review_by")
    if date and review_by and review_by < date:
        rep.warning("review_by", f"{review_by} is before the pill's date {date}",
                    "set a review date after the publication date")
    if "media" not in data:  # a media file that is missing is reported once, on 'media'
        for fld in ("chapters", "trim", "clips"):
            if data.get(fld):
                rep.error(fld, "needs a recording", "add 'media:' with the file name, or remove this field")

    if rep.errors and any(e.is_error for e in rep.errors) or not (title and summary and mentors and tags and area):
        return None, rep.errors
    pill = Pill(
        slug=slug, src=src, title=title, summary=summary, mentors=tuple(mentors), tags=tuple(tags),
        area=area, technique=technique, level=level, audience=tuple(audience), media=media,
        captions=captions, chapters=chapters, trim=trim, quiz=quiz, date=date,
        review_by=review_by, body=body, lines=dict(doc.lines), language=language, page_meta=page_meta,
    )
    return pill, rep.errors


def _summary_length(rep: Reporter, summary: str | None) -> None:
    """A summary is one sentence (the studio's form has the same limit)."""
    if summary and len(summary) > SUMMARY_MAX_CHARS:
        rep.warning("summary", f"is {len(summary)} characters long, more than {SUMMARY_MAX_CHARS}",
                    "keep it to one sentence and move the details into the text")


def clips_from(parent: Pill, doc: Document, path: str, ctx: PillContext) -> tuple[list[Pill], list[ContentError]]:
    """Derived pills cut from a webinar recording: each inherits what it does not set."""
    rep = Reporter(path, doc)
    raw_clips = doc.data.get("clips") if isinstance(doc.data, dict) else None
    if raw_clips is None:
        return [], []
    if not isinstance(raw_clips, list):
        rep.error("clips", f"must be a list, not {_kind(raw_clips)}", "write each clip as '- slug: ...'")
        return [], rep.errors
    if _too_many(rep, "clips", raw_clips, MAX_CLIPS, "clips"):
        return [], rep.errors
    clips: list[Pill] = []
    for index, raw in enumerate(raw_clips):
        prefix = f"clips[{index}]."
        if not isinstance(raw, dict):
            rep.error(f"clips[{index}]", f"must be a mapping, not {_kind(raw)}", "give slug, title, summary, start and end")
            continue
        before = len(rep.errors)
        rep.unknown_keys(raw, CLIP_KEYS, prefix)
        slug = rep.text(raw, "slug", prefix, required=True)
        if slug and not SLUG.match(slug):
            rep.error(prefix + "slug", f"'{slug}' is not a valid pill id", f"use e.g. '{slugify(slug)}'")
        title = rep.text(raw, "title", prefix, required=True)
        summary = rep.text(raw, "summary", prefix, required=True)
        start = _time(rep, raw, "start", prefix, required=True)
        end = _time(rep, raw, "end", prefix, required=True)
        if start is not None and end is not None and end <= start:
            rep.error(prefix + "end", f"ends at {raw['end']}, not after its start {raw['start']}",
                      "the end of a clip must come after its start")
        tags = _tag_refs(rep, raw, "tags", ctx, prefix=prefix) or list(parent.tags)
        audience = _people_refs(rep, raw, "audience", ctx, allow_teams=True, prefix=prefix) or list(parent.audience)
        level = _choice(rep, raw, "level", ctx.catalog.settings.levels, prefix=prefix) or parent.level
        quiz = _quiz(rep, raw.get("quiz"), prefix + "quiz")
        if len(rep.errors) > before or not (slug and title and summary) or start is None or end is None:
            continue
        clips.append(Pill(
            slug=slug, src=f"pillole/{slug}/index.md", title=title, summary=summary,
            mentors=parent.mentors, tags=tuple(tags), area=parent.area, technique=parent.technique,
            level=level, audience=tuple(audience), media=parent.media, captions=parent.captions,
            trim=Trim(start, end), quiz=quiz, date=parent.date, review_by=parent.review_by,
            body="", lines={k[len(prefix):]: v for k, v in doc.lines.items() if k.startswith(prefix)},
            parent=parent.slug, language=parent.language,
        ))
    return clips, rep.errors


def _people_refs(rep: Reporter, data: dict[str, Any], key: str, ctx: PillContext, *,
                 allow_teams: bool, required: bool = False, prefix: str = "") -> list[str]:
    known: dict[str, Person | Team] = dict(ctx.catalog.people)
    if allow_teams:
        known.update(ctx.catalog.teams)
    out = []
    for index, value in enumerate(rep.id_list(data, key, prefix, required=required)):
        if value in known:
            out.append(value)
            continue
        fld = f"{prefix}{key}[{index}]" if isinstance(data.get(key), list) else prefix + key
        close = suggest(value, known)
        what = "person or team" if allow_teams else "person"
        registry = "content/people.yml"
        rep.error(fld, f"'{value}' is not a known {what}",
                  f"did you mean '{close}'?" if close else f"add '{value}' to {registry} or fix the id")
    return out


def _tag_refs(rep: Reporter, data: dict[str, Any], key: str, ctx: PillContext, *,
              required: bool = False, prefix: str = "") -> list[str]:
    lookup = ctx.tag_lookup
    out: list[str] = []
    for index, value in enumerate(rep.id_list(data, key, prefix, required=required)):
        tag_id = lookup.get(value.lower())
        fld = f"{prefix}{key}[{index}]" if isinstance(data.get(key), list) else prefix + key
        if tag_id is None:
            close = suggest(value, lookup)
            rep.error(fld, f"'{value}' is not a known tag",
                      f"did you mean '{lookup[close]}'?" if close else "add it to content/tags.yml or pick an existing tag")
        elif tag_id in out:
            rep.warning(fld, f"'{value}' repeats tag '{tag_id}'", "list each tag once")
        else:
            out.append(tag_id)
    return out


def _choice(rep: Reporter, data: dict[str, Any], key: str, choices: dict[str, str], *,
            required: bool = False, prefix: str = "") -> str | None:
    value = rep.text(data, key, prefix, required=required)
    if value is None:
        return None
    if value not in choices:
        close = suggest(value, choices)
        rep.error(prefix + key, f"'{value}' is not a valid {key}",
                  (f"did you mean '{close}'? " if close else "") + "choose one of: " + ", ".join(choices))
        return None
    return value


def _local_file(rep: Reporter, data: dict[str, Any], key: str, folder: Path) -> str | None:
    """A file name that must exist inside the pill's folder (no '..', no absolute path, no symlink out)."""
    value = rep.text(data, key)
    if value is None:
        return None
    problem = reference_problem(value, folder)
    if problem:
        rep.error(key, problem[0], problem[1])
        return None
    return value.replace("\\", "/")


def reference_problem(value: str, folder: Path) -> tuple[str, str] | None:
    """Why a file reference is refused, or None: it must name an existing file in `folder`."""
    name = value.replace("\\", "/")
    hint_inside = "put the file in the pill's folder and write just its name"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "://" in name:
        return f"'{value}' is an absolute path or a URL", hint_inside
    if ".." in name.split("/"):
        return f"'{value}' points outside the pill's folder", hint_inside
    target = folder / name
    try:
        real = target.resolve(strict=True)
    except (RuntimeError, OSError, ValueError):  # missing, a link loop, a name the system refuses (NUL)
        siblings = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "index.md") if folder.is_dir() else []
        close = suggest(name, siblings)
        return (f"'{value}' does not exist in the pill's folder",
                f"did you mean '{close}'?" if close else "add the file next to index.md, or fix the name")
    if not real.is_relative_to(folder.resolve()):
        return f"'{value}' is a link that points outside the pill's folder", "copy the file into the pill's folder instead of linking it"
    if not real.is_file():
        return f"'{value}' is not a file", "name a file, not a folder"
    if is_lfs_pointer(real):
        return (f"'{value}' is a Git LFS pointer, not the file itself (the real file was not downloaded)",
                "run 'git lfs install' then 'git lfs pull'; in CI fetch LFS files "
                "(GitHub: actions/checkout with 'lfs: true'; GitLab: GIT_LFS_SKIP_SMUDGE unset)")
    return None


#: How every Git LFS pointer file starts (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
_LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"


def is_lfs_pointer(path: Path) -> bool:
    """A small text file standing in for a big one that git-lfs did not fetch."""
    try:
        if path.stat().st_size > 1024:
            return False
        with path.open("rb") as handle:
            return handle.read(len(_LFS_POINTER)) == _LFS_POINTER
    except OSError:
        return False


def _time(rep: Reporter, data: dict[str, Any], key: str, prefix: str = "", required: bool = False) -> float | None:
    if data.get(key) is None:
        if required:
            rep.error(prefix + key, "is required", f"add '{key}: \"00:01:30\"'")
        return None
    if not isinstance(data[key], (str, int, float)):  # never print a whole list: it may be huge
        rep.error(prefix + key, f"must be a time, not {_kind(data[key])}", 'write a time as "SS", "MM:SS" or "HH:MM:SS", in quotes')
        return None
    try:
        return parse_time(data[key])
    except ValueError as exc:
        rep.error(prefix + key, str(exc), 'write a time as "SS", "MM:SS" or "HH:MM:SS", in quotes')
        return None


def _captions(rep: Reporter, data: dict[str, Any], ctx: PillContext, media: str | None, slug: str) -> str | None:
    """The captions file, checked; a recording without one is an accessibility warning, or a
    notice when automatic captions will be made for it (`transcribe_model`)."""
    captions = _local_file(rep, data, "captions", ctx.folder)
    if captions and not captions.lower().endswith((".vtt", ".srt")):
        rep.error("captions", f"'{captions}' is neither WebVTT (.vtt) nor SRT (.srt)",
                  "export the captions as .vtt or .srt")
    elif captions:
        _track_file(rep, captions, "captions", ctx.folder)
    if captions and "media" not in data:
        rep.warning("captions", "captions without 'media' are never shown", "add 'media:' or remove 'captions:'")
    if media and "captions" not in data and ctx.catalog.settings.auto_captions:  # made at build time
        rep.error("media", f"'{media}' relies on automatic captions (speech recognition makes mistakes)",
                  f"run 'pillole transcribe {slug}' for a draft .vtt to correct, then add 'captions: <its name>'",
                  severity="notice")
    elif media and "captions" not in data:  # accessibility: deaf colleagues, noisy open spaces
        rep.warning("media", f"'{media}' has no captions, so colleagues who cannot listen miss it",
                    "add a WebVTT file next to it and 'captions: name.vtt' (most meeting tools export one)")
    return captions


#: An ISO 639 language code (the studio checks `language:` with it too).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def _language(rep: Reporter, data: dict[str, Any]) -> str | None:
    """The spoken language of the recording, for automatic captions (default: the site's)."""
    value = rep.text(data, "language")
    if value is not None and not LANGUAGE_CODE.match(value):
        rep.error("language", f"'{value}' is not a language code",
                  "write the two-letter code of the language spoken, e.g. it, en, de, fr")
        return None
    return value
#: The largest captions or chapters file read (a two-hour webinar's captions are ~200 kB).
MAX_TRACK_BYTES = 5_000_000


def _track_file(rep: Reporter, name: str, kind: str, folder: Path) -> None:
    """The cues of a captions or chapters file: its own errors point into that file."""
    shown = f"{rep.path.rsplit('/', 1)[0]}/{name}"
    size = (folder / name).stat().st_size
    if size > MAX_TRACK_BYTES:
        rep.errors.append(ContentError(shown, None, kind, f"the file is {size:,} bytes (at most {MAX_TRACK_BYTES:,})",
                                       "export the captions again: a caption file is a few hundred kB"))
        return
    for problem in check_track_file(folder / name, kind):
        rep.errors.append(ContentError(shown, problem.line, kind, problem.message, problem.hint))


def _media_file(rep: Reporter, name: str | None, folder: Path) -> None:
    """A playlist, captions or other text named as the recording: refused before ffmpeg
    could read it (and the files it names). The rest needs ffmpeg: the build reports it."""
    problem = text_problem(folder / name) if name else None
    if problem:
        rep.error("media", f"'{name}' is {problem.message}", problem.hint)


def _chapters(rep: Reporter, data: dict[str, Any], folder: Path) -> tuple[Chapter, ...] | str:
    value = data.get("chapters")
    if value is None:
        return ()
    if isinstance(value, str):
        return _local_file(rep, data, "chapters", folder) or ()
    if not isinstance(value, list):
        rep.error("chapters", f"must be a list or a WebVTT file name, not {_kind(value)}",
                  'write each chapter as \'- {at: "00:30", title: ...}\'')
        return ()
    if _too_many(rep, "chapters", value, MAX_CHAPTERS, "chapters"):
        return ()
    chapters: list[Chapter] = []
    for index, raw in enumerate(value):
        prefix = f"chapters[{index}]."
        if not isinstance(raw, dict):
            rep.error(f"chapters[{index}]", f"must be a mapping, not {_kind(raw)}", 'write \'{at: "00:30", title: ...}\'')
            continue
        rep.unknown_keys(raw, ("at", "title"), prefix)
        at = _time(rep, raw, "at", prefix, required=True)
        title = rep.text(raw, "title", prefix, required=True)
        if at is None or title is None:
            continue
        if chapters and at <= chapters[-1].at:
            rep.error(prefix + "at", f"{raw['at']} does not come after the previous chapter",
                      "list chapters in time order")
            continue
        chapters.append(Chapter(at, title))
    return tuple(chapters)


def _trim(rep: Reporter, data: dict[str, Any]) -> Trim | None:
    value = data.get("trim")
    if value is None:
        return None
    if not isinstance(value, dict):
        rep.error("trim", f"must be a mapping, not {_kind(value)}", 'write trim: {start: "00:00:04", end: "00:11:30"}')
        return None
    rep.unknown_keys(value, ("start", "end"), "trim.")
    start = _time(rep, value, "start", "trim.")
    end = _time(rep, value, "end", "trim.")
    if start is not None and end is not None and end <= start:
        rep.error("trim.end", "must come after trim.start", "check the two times")
        return None
    if start is None and end is None:
        return None
    return Trim(start, end)


def _quiz(rep: Reporter, value: Any, fld: str) -> tuple[QuizQuestion, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        rep.error(fld, f"must be a list of questions, not {_kind(value)}", "write each question as '- question: ...'")
        return ()
    if _too_many(rep, fld, value, MAX_QUESTIONS, "questions"):
        return ()
    questions: list[QuizQuestion] = []
    for index, raw in enumerate(value):
        prefix = f"{fld}[{index}]."
        if not isinstance(raw, dict):
            rep.error(f"{fld}[{index}]", f"must be a mapping, not {_kind(raw)}", "give 'question:' and 'answers:'")
            continue
        rep.unknown_keys(raw, ("question", "answers"), prefix)
        text = rep.text(raw, "question", prefix, required=True)
        answers: list[QuizAnswer] = []
        raw_answers = raw.get("answers")
        if not isinstance(raw_answers, list) or len(raw_answers) < 2:
            rep.error(prefix + "answers", "needs a list of at least 2 answers",
                      "write each answer as '- {text: ..., correct: true}'")
            continue
        if _too_many(rep, prefix + "answers", raw_answers, MAX_ANSWERS, "answers"):
            continue
        for a_index, answer in enumerate(raw_answers):
            a_prefix = f"{prefix}answers[{a_index}]."
            if not isinstance(answer, dict):
                rep.error(f"{prefix}answers[{a_index}]", f"must be a mapping, not {_kind(answer)}",
                          "write '{text: ..., correct: true, explanation: ...}'")
                continue
            rep.unknown_keys(answer, ("text", "correct", "explanation"), a_prefix)
            answer_text = rep.text(answer, "text", a_prefix, required=True)
            correct = answer.get("correct", False)
            if not isinstance(correct, bool):
                shown = f"'{correct}'" if isinstance(correct, (str, int, float)) else _kind(correct)
                rep.error(a_prefix + "correct", f"must be true or false, not {shown}", "write 'correct: true'")
                correct = False
            if answer_text:
                answers.append(QuizAnswer(answer_text, correct, rep.text(answer, "explanation", a_prefix) or ""))
        if answers and not any(a.correct for a in answers):
            rep.error(prefix + "answers", "no answer is marked correct", "add 'correct: true' to the right answer(s)")
            continue
        if text and len(answers) == len(raw_answers):
            questions.append(QuizQuestion(text, tuple(answers)))
    return tuple(questions)


def duplicate_slugs(pills: list[tuple[Pill, str]]) -> list[ContentError]:
    """Two pills with one id: a clip named like a folder, or folders differing only in case
    (they collide on the case-insensitive file shares the site is often served from)."""
    errors: list[ContentError] = []
    seen: dict[str, str] = {}
    for pill, path in pills:
        key = pill.slug.lower()
        if key in seen:
            errors.append(ContentError(
                path, pill.lines.get("slug") if pill.parent else None, "slug" if pill.parent else None,
                f"pill id '{pill.slug}' is already used by {seen[key]}", "give this pill another id"))
        else:
            seen[key] = path
    return errors


def check_stale(pill: Pill, today: dt.date, path: str, settings: Settings) -> ContentError | None:
    """A pill past its review date (or older than `max_age_days`): a notice for the L&D
    staff, not a build failure."""
    if not is_stale(pill, settings, today):
        return None
    if pill.review_by:
        return ContentError(path, pill.lines.get("review_by"), "review_by",
                            f"the pill was due for review on {pill.review_by}",
                            "check it is still correct, then move review_by forward", "notice")
    return ContentError(path, None, None,
                        f"the pill was last changed on {last_change(pill)}, more than "
                        f"{settings.max_age_days} days ago (max_age_days in mkdocs.yml)",
                        "check it is still correct and commit a change, or set 'review_by:'", "notice")


# --- page options MkDocs and the theme read ------------------------------------------------

#: What Material's `hide:` can hide on a page.
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_ICON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+$")


def page_options(rep: Reporter, data: dict[str, Any]) -> dict[str, Any]:
    """The page keys MkDocs and Material read from front-matter, validated and returned for
    the build to hand on. They reach the theme's templates as they are: `template:` names a
    file to load, `hide: 5` breaks the page, `icon:` names a file to include, `status:` lands
    inside an HTML attribute. So `template` is refused and the others must have their shape."""
    options: dict[str, Any] = {}
    if "template" in data:
        rep.error("template", "cannot be set in a content file: every page uses the site's layout",
                  "remove 'template:'")
    if data.get("hide") is not None:
        value = data["hide"]
        items = value if isinstance(value, list) else [value]
        wrong = next((item for item in items if not isinstance(item, str) or item not in HIDE_VALUES), None)
        if wrong is not None or not items:
            shown = f"'{wrong}'" if isinstance(wrong, (str, int, float)) else _kind(wrong)
            rep.error("hide", f"{shown} is not a part of the page that can be hidden",
                      "write a list of: " + ", ".join(HIDE_VALUES) + ", e.g. hide: [toc]")
        else:
            options["hide"] = list(items)
    icon = rep.text(data, "icon")
    if icon is not None:
        if not _ICON.match(icon) or not _icon_exists(icon):
            rep.error("icon", f"'{icon}' is not an icon of the theme",
                      "write an icon name such as 'material/school' (see the icon search of Material for MkDocs)")
        else:
            options["icon"] = icon
    status = rep.text(data, "status")
    if status is not None:
        if not SLUG.match(status):
            rep.error("status", f"'{status}' is not a page status",
                      "write 'new' or 'deprecated' (or a status listed under extra.status in mkdocs.yml)")
        else:
            options["status"] = status
    search = _search_options(rep, data.get("search"))
    if search:
        options["search"] = search
    description = rep.text(data, "description")
    if description is not None:
        options["description"] = description
    return options


def _search_options(rep: Reporter, value: Any) -> dict[str, Any]:
    """`search: {exclude: true}` or `search: {boost: 2}` (Material's search plugin)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        shown = f"'{value}'" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else _kind(value)
        rep.error("search", f"must be a mapping, not {shown}", "write search: {exclude: true} or search: {boost: 2}")
        return {}
    rep.unknown_keys(value, ("exclude", "boost"), "search.")
    out: dict[str, Any] = {}
    if "exclude" in value:
        if isinstance(value["exclude"], bool):
            out["exclude"] = value["exclude"]
        else:
            rep.error("search.exclude", "must be true or false", "write search: {exclude: true}")
    if "boost" in value:
        boost = value["boost"]
        if isinstance(boost, (int, float)) and not isinstance(boost, bool) and 0 < boost <= 100:
            out["boost"] = boost
        else:
            rep.error("search.boost", "must be a number above 0 and at most 100", "write search: {boost: 2}")
    return out


@functools.cache
def _theme_icons() -> Path | None:
    """The icons folder of the installed Material theme (located, not imported)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"
    return folder if folder.is_dir() else None


def _icon_exists(icon: str) -> bool:
    """The theme includes `.icons/<icon>.svg` into the page: a missing one stops the build.
    Without the theme installed (a bare `pillole check`), the name's shape is all we check."""
    folder = _theme_icons()
    return folder is None or (folder / f"{icon}.svg").is_file()


def site_page_from(doc: Document, path: str) -> tuple[dict[str, Any], list[ContentError]]:
    """A page of the site's own (a Markdown file at the top of content/): its front-matter
    may give a title and the page options; the result is what the build hands to MkDocs."""
    rep = Reporter(path, doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    if doc.data is not None and not isinstance(doc.data, dict):
        rep.error(None, f"the front-matter must be a mapping, not {_kind(doc.data)}", "write 'title: ...' between the '---' lines")
    rep.unknown_keys(data, SITE_PAGE_KEYS)
    meta = page_options(rep, data)
    title = rep.text(data, "title")
    if title is not None:
        meta["title"] = title
    return meta, rep.errors


# --- Markdown bodies: bounded work ---------------------------------------------------------

#: The longest text a page may have (about 15,000 words).
MAX_BODY = 100_000
#: How many characters Markdown may scan looking for the ends of brackets. Each '[', '(' of a
#: link or '<' is followed to its closing bracket, or to the end of its paragraph when there
#: is none: a few kilobytes of '[' take minutes. Ordinary text scans a few thousand.
MAX_BRACKET_SCAN = 1_000_000
#: Nesting that Markdown follows by recursion (and fails on, deep enough).
MAX_MARKERS = 20  # list or quote markers opening one line
MAX_INDENT = 100  # columns of indentation
MAX_EMPHASIS = 500  # '*' and '_' in one paragraph

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_MARKER = re.compile(r"[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))")
_BRACKET = re.compile(r"[\[\]()<>]")


def body_problems(body: str, path: str, first_line: int) -> list[ContentError]:
    """Refuse, before any Markdown runs, a text that would make it take minutes or fail:
    too long, brackets left open, nesting deeper than Markdown can follow. One error per
    kind of problem, on the line where it starts."""
    if len(body) > MAX_BODY:
        return [ContentError(path, first_line, None, f"the text is {len(body):,} characters long (at most {MAX_BODY:,})",
                             "split it into several pages, or put long material in a PDF linked from the text")]
    found: dict[str, ContentError] = {}
    scanned = 0
    worst: tuple[int, int] = (0, first_line)  # (scan cost, line) of the costliest paragraph
    for start, lines in _paragraphs(body):
        for offset, line in enumerate(lines):
            where = first_line + start + offset
            _line_nesting(found, path, where, line)
        text = "\n".join(lines)
        cost = _bracket_scan(text)
        scanned += cost
        worst = max(worst, (cost, first_line + start))
        emphasis = text.count("*") + text.count("_")
        if emphasis > MAX_EMPHASIS and "emphasis" not in found:
            found["emphasis"] = ContentError(
                path, first_line + start, None,
                f"this paragraph has {emphasis:,} '*' and '_' (at most {MAX_EMPHASIS})",
                "write \\* or \\_ for a character shown as text, or split the paragraph")
    if scanned > MAX_BRACKET_SCAN:
        found["brackets"] = ContentError(
            path, worst[1], None,
            "this paragraph opens brackets ('[', '(' of a link, '<') that it never closes: "
            "turning the text into a page would take minutes",
            "close each bracket, or write \\[ \\( \\< for a bracket shown as text")
    return sorted(found.values(), key=lambda e: e.line or 0)


def _paragraphs(body: str) -> list[tuple[int, list[str]]]:
    """(0-based first line, lines) of each block between blank lines, fenced code left out
    (Markdown does not read inside it). A fence counts only when it is closed by the same
    fence, as Python-Markdown's fenced_code requires: an unclosed one is read as text."""
    lines = body.split("\n")
    closers: dict[str, list[int]] = {}  # a bare fence line -> where it occurs (in order)
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if match and line.rstrip(" ") == match.group(1):
            closers.setdefault(match.group(1), []).append(index)
    fenced: set[int] = set()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        candidates = closers.get(match.group(1), []) if match else []
        after = bisect.bisect_right(candidates, index)
        if after == len(candidates):
            index += 1
            continue
        close = candidates[after]
        fenced.update(range(index, close + 1))
        index = close + 1
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if index in fenced or not line.strip():
            if current:
                blocks.append((start, current))
            current = []
            continue
        if not current:
            start = index
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def _line_nesting(found: dict[str, ContentError], path: str, line_no: int, line: str) -> None:
    if "indent" not in found:
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        if indent > MAX_INDENT:
            found["indent"] = ContentError(path, line_no, None, f"the line is indented by {indent} spaces (at most {MAX_INDENT})",
                                           "use fewer levels of lists or quotes")
    if "markers" not in found:
        count, pos = 0, 0
        while count <= MAX_MARKERS and (match := _MARKER.match(line, pos)) and match.end() > pos:
            count, pos = count + 1, match.end()
        if count > MAX_MARKERS:
            found["markers"] = ContentError(path, line_no, None,
                                            f"the line opens more than {MAX_MARKERS} lists or quotes inside each other",
                                            "use fewer levels of lists or quotes")


def _bracket_scan(text: str) -> int:
    """How many characters Markdown's link and HTML patterns scan in one paragraph: each
    '[' to its ']', each '(' after ']' to its ')', each '<' to the next '>', or to the end of
    the paragraph when never closed. Escaped brackets (\\[) are left out."""
    cost = 0
    squares: list[int] = []
    parens: list[int] = []
    angles: list[int] = []
    for match in _BRACKET.finditer(text):
        char, pos = match.group(), match.start()
        if pos and text[pos - 1] == "\\":
            continue
        if char == "[":
            squares.append(pos)
        elif char == "]":
            if squares:
                cost += pos - squares.pop()
        elif char == "(":
            if pos and text[pos - 1] == "]":
                parens.append(pos)
        elif char == ")":
            if parens:
                cost += pos - parens.pop()
        elif char == "<":
            angles.append(pos)
        elif angles:  # '>'
            cost += sum(pos - start for start in angles)
            angles.clear()
    end = len(text)
    return cost + sum(end - start for start in (*squares, *parens, *angles))
