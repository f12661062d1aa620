"""Pills: one pill's front-matter read into a Pill, and its clips into pills of their own.

A pill is checked against the registries (mentor, audience, tags), the site's vocabularies
(area, technique, level) and its own folder (the files it names: files.py). Its table lists
every key; the rules that involve several keys follow it (captions without a recording, a
review date before the pill's date ...). Clips are read once their pill is made, since each
inherits what it does not set; then the loader checks ids across pills and review dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..freshness import is_stale, last_change
from ..frontmatter import Document
from ..model import (
    Catalog,
    Chapter,
    ContentError,
    Person,
    Pill,
    QuizAnswer,
    QuizQuestion,
    Settings,
    Team,
    Trim,
)
from . import files
from .fields import (
    SLUG,
    Entry,
    Field,
    Reporter,
    Table,
    audience,
    choice,
    complete,
    date,
    id_list,
    mapping_fields,
    mappings,
    mentors,
    read_fields,
    shown,
    slugify,
    suggest,
    text,
    time,
    too_many,
    type_name,
)
from .pages import PAGE_FIELDS, page_meta

#: A summary is one sentence on cards and in search results: longer ones get a warning.
SUMMARY_MAX_CHARS = 200
#: An ISO 639 language code (the studio checks `language:` with it too).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
MAX_CLIPS = 100
MAX_CHAPTERS = 300
MAX_QUESTIONS = 30
MAX_ANSWERS = 10
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


@dataclass(frozen=True)
class PillContext:
    """What a pill is checked against: the registries, the site's vocabularies and its own
    folder on disk."""

    people: Mapping[str, Person]
    teams: Mapping[str, Team]
    tag_lookup: Mapping[str, str]  # Catalog.tag_index(): tag id or alias -> tag id
    settings: Settings
    folder: Path  # absolute path of the pill's folder

    @classmethod
    def of(cls, catalog: Catalog, folder: Path, tag_lookup: Mapping[str, str]) -> PillContext:
        """The context of the pill in `folder` (`tag_lookup` is computed once for all pills)."""
        return cls(catalog.people, catalog.teams, tag_lookup, catalog.settings, folder)


# --- readers of a pill's keys --------------------------------------------------------------


def _plain_text(entry: Entry[object]) -> str | None:
    """Text shown as it is: HTML in it gets a warning."""
    value = text(entry)
    markup = _HTML_TAG.search(value) if value else None
    if markup:
        entry.warning(f"contains HTML markup ({markup.group(0)}); it is shown as plain text",
                      "remove the tags and write plain text")
    return value


def _summary(entry: Entry[object]) -> str | None:
    """One sentence (the studio's form has the same limit)."""
    summary = _plain_text(entry)
    if summary and len(summary) > SUMMARY_MAX_CHARS:
        entry.warning(f"is {len(summary)} characters long, more than {SUMMARY_MAX_CHARS}",
                      "keep it to one sentence and move the details into the text")
    return summary


def _tags(entry: Entry[PillContext]) -> list[str]:
    """Tag ids or aliases of the tag registry, each read as its tag's id."""
    lookup = entry.ctx.tag_lookup
    out: list[str] = []
    for index, value in enumerate(id_list(entry)):
        tag_id = lookup.get(value.lower())
        if tag_id is None:
            close = suggest(value, lookup)
            entry.rep.error(entry.item(index), f"'{value}' is not a known tag",
                            f"did you mean '{lookup[close]}'?" if close else "add it to content/tags.yml or pick an existing tag")
        elif tag_id in out:
            entry.rep.warning(entry.item(index), f"'{value}' repeats tag '{tag_id}'", "list each tag once")
        else:
            out.append(tag_id)
    return out


def _area(entry: Entry[PillContext]) -> str | None:
    return choice(entry, entry.ctx.settings.areas)


def _technique(entry: Entry[PillContext]) -> str | None:
    return choice(entry, entry.ctx.settings.techniques)


def _level(entry: Entry[PillContext]) -> str | None:
    return choice(entry, entry.ctx.settings.levels)


def _language(entry: Entry[object]) -> str | None:
    """The spoken language of the recording, for automatic captions (default: the site's)."""
    value = text(entry)
    if value is not None and not LANGUAGE_CODE.match(value):
        entry.error(f"'{value}' is not a language code", "write the two-letter code of the language spoken, e.g. it, en, de, fr")
        return None
    return value


#: One chapter of a `chapters:` list.
CHAPTER_FIELDS: Table[object] = {
    "at": Field(time, required=True),
    "title": Field(text, required=True),
}


def _chapters(entry: Entry[PillContext]) -> tuple[Chapter, ...] | str:
    """A list of chapters in time order, or the name of a WebVTT file of chapters."""
    value = entry.value
    if value is None:
        return ()
    if isinstance(value, str):
        return files.chapters_file(entry) or ()
    if not isinstance(value, list):
        entry.error(f"must be a list or a WebVTT file name, not {type_name(value)}",
                    'write each chapter as \'- {at: "00:30", title: ...}\'')
        return ()
    if too_many(entry, MAX_CHAPTERS, "chapters"):
        return ()
    chapters: list[Chapter] = []
    for prefix, raw in mappings(entry.rep, entry.field, value, 'write \'{at: "00:30", title: ...}\''):
        chapter = read_fields(entry.rep, raw, CHAPTER_FIELDS, None, prefix)
        if not complete(chapter, CHAPTER_FIELDS):
            continue
        if chapters and chapter["at"] <= chapters[-1].at:
            entry.rep.error(prefix + "at", f"{raw['at']} does not come after the previous chapter", "list chapters in time order")
            continue
        chapters.append(Chapter(chapter["at"], chapter["title"]))
    return tuple(chapters)


TRIM_FIELDS: Table[object] = {
    "start": Field(time),
    "end": Field(time),
}


def _trim(entry: Entry[object]) -> Trim | None:
    """The part of the recording to publish: `trim: {start: ..., end: ...}`."""
    trim = mapping_fields(entry, TRIM_FIELDS, None, 'write trim: {start: "00:00:04", end: "00:11:30"}')
    if trim is None:
        return None
    start, end = trim["start"], trim["end"]
    if start is not None and end is not None and end <= start:
        entry.rep.error("trim.end", "must come after trim.start", "check the two times")
        return None
    if start is None and end is None:
        return None
    return Trim(start, end)


def _correct(entry: Entry[object]) -> bool:
    if not entry.given:
        return False
    if isinstance(entry.value, bool):
        return entry.value
    entry.error(f"must be true or false, not {shown(entry.value)}", "write 'correct: true'")
    return False


ANSWER_FIELDS: Table[object] = {
    "text": Field(text, required=True),
    "correct": Field(_correct),
    "explanation": Field(text),
}


def _answers(entry: Entry[object]) -> tuple[QuizAnswer, ...] | None:
    """At least two answers, at least one of them correct."""
    value = entry.value
    if not isinstance(value, list) or len(value) < 2:
        entry.error("needs a list of at least 2 answers", "write each answer as '- {text: ..., correct: true}'")
        return None
    if too_many(entry, MAX_ANSWERS, "answers"):
        return None
    answers: list[QuizAnswer] = []
    for prefix, raw in mappings(entry.rep, entry.field, value, "write '{text: ..., correct: true, explanation: ...}'"):
        answer = read_fields(entry.rep, raw, ANSWER_FIELDS, None, prefix)
        if answer["text"]:
            answers.append(QuizAnswer(answer["text"], answer["correct"], answer["explanation"] or ""))
    if answers and not any(a.correct for a in answers):
        entry.error("no answer is marked correct", "add 'correct: true' to the right answer(s)")
        return None
    return tuple(answers) if len(answers) == len(value) else None


QUESTION_FIELDS: Table[object] = {
    "question": Field(text, required=True),
    "answers": Field(_answers, required=True),
}


def _quiz(entry: Entry[object]) -> tuple[QuizQuestion, ...]:
    value = entry.value
    if value is None:
        return ()
    if not isinstance(value, list):
        entry.error(f"must be a list of questions, not {type_name(value)}", "write each question as '- question: ...'")
        return ()
    if too_many(entry, MAX_QUESTIONS, "questions"):
        return ()
    questions: list[QuizQuestion] = []
    for prefix, raw in mappings(entry.rep, entry.field, value, "give 'question:' and 'answers:'"):
        question = read_fields(entry.rep, raw, QUESTION_FIELDS, None, prefix)
        if complete(question, QUESTION_FIELDS):
            questions.append(QuizQuestion(question["question"], question["answers"]))
    return tuple(questions)


def _read_by_clips_from(entry: Entry[object]) -> None:
    """`clips:` is read by `clips_from`, once the pill the clips inherit from is made."""


# --- the tables -------------------------------------------------------------------------

#: A pill's own keys, in the order the studio's form and the hints list them. A new key is a row.
PILL_FIELDS: Table[PillContext] = {
    "title": Field(_plain_text, required=True),
    "summary": Field(_summary, required=True),
    "mentor": Field(mentors, required=True),
    "audience": Field(audience),
    "tags": Field(_tags, required=True),
    "area": Field(_area, required=True),
    "technique": Field(_technique),
    "level": Field(_level),
    "media": Field(files.recording),
    "captions": Field(files.captions),
    "chapters": Field(_chapters),
    "trim": Field(_trim),
    "clips": Field(_read_by_clips_from),
    "quiz": Field(_quiz),
    "date": Field(date),
    "review_by": Field(date),
    "language": Field(_language),
}
PILL_KEYS = tuple(PILL_FIELDS)
#: What a pill's front-matter may hold: its own keys, then the page keys for the theme.
FRONT_MATTER: Table[PillContext] = {**PILL_FIELDS, **PAGE_FIELDS}


def _clip_slug(entry: Entry[object]) -> str | None:
    slug = text(entry)
    if slug and not SLUG.match(slug):
        entry.error(f"'{slug}' is not a valid pill id", f"use e.g. '{slugify(slug)}'")
        return None
    return slug


#: A clip of a pill's recording: what it does not set comes from its pill.
CLIP_FIELDS: Table[PillContext] = {
    "slug": Field(_clip_slug, required=True),
    "title": Field(text, required=True),
    "summary": Field(text, required=True),
    "start": Field(time, required=True),
    "end": Field(time, required=True),
    "tags": Field(_tags),
    "audience": Field(audience),
    "level": Field(_level),
    "quiz": Field(_quiz),
}
CLIP_KEYS = tuple(CLIP_FIELDS)


# --- a pill and its clips -------------------------------------------------------------------


def pill_from(doc: Document, body: str, path: str, slug: str, src: str,
              ctx: PillContext) -> tuple[Pill | None, list[ContentError]]:
    """Turn one pill's front-matter into a Pill, collecting every problem."""
    rep = Reporter(path, doc)
    data = doc.data
    if not isinstance(data, dict) or not data:
        rep.error(None, "has no front-matter",
                  "start the file with '---', the fields (title, summary, mentor, tags, area), then '---'")
        return None, rep.errors
    if not SLUG.match(slug):
        rep.error(None, f"folder name '{slug}' is not a valid pill id",
                  f"rename the folder to '{slugify(slug)}' (lowercase letters, digits and '-')")
    values = read_fields(rep, data, FRONT_MATTER, ctx)
    _recording_rules(rep, data, values, ctx.settings, slug)
    day, review_by = values["date"], values["review_by"]
    if day and review_by and review_by < day:
        rep.warning("review_by", f"{review_by} is before the pill's date {day}", "set a review date after the publication date")
    if rep.has_errors or not complete(values, FRONT_MATTER):
        return None, rep.errors
    pill = Pill(
        slug=slug, src=src, title=values["title"], summary=values["summary"], mentors=tuple(values["mentor"]),
        tags=tuple(values["tags"]), area=values["area"],
        technique=values["technique"] or next(iter(ctx.settings.techniques)),
        level=values["level"] or next(iter(ctx.settings.levels)), audience=tuple(values["audience"]),
        media=values["media"], captions=values["captions"], chapters=values["chapters"], trim=values["trim"],
        quiz=values["quiz"], date=day, review_by=review_by, body=body, lines=dict(doc.lines),
        language=values["language"], page_meta=page_meta(values),
    )
    return pill, rep.errors


def _recording_rules(rep: Reporter, data: dict[str, Any], values: dict[str, Any], settings: Settings,
                     slug: str) -> None:
    """What needs a recording, and a recording without captions: an accessibility warning, or a
    notice when automatic captions will be made for it (`transcribe_model`)."""
    media = values["media"]
    if values["captions"] and "media" not in data:
        rep.warning("captions", "captions without 'media' are never shown", "add 'media:' or remove 'captions:'")
    if media and "captions" not in data and settings.auto_captions:  # made at build time
        rep.error("media", f"'{media}' relies on automatic captions (speech recognition makes mistakes)",
                  f"run 'pillole transcribe {slug}' for a draft .vtt to correct, then add 'captions: <its name>'",
                  severity="notice")
    elif media and "captions" not in data:  # accessibility: deaf colleagues, noisy open spaces
        rep.warning("media", f"'{media}' has no captions, so colleagues who cannot listen miss it",
                    "add a WebVTT file next to it and 'captions: name.vtt' (most meeting tools export one)")
    if "media" not in data:  # a media file that is missing is reported once, on 'media'
        for fld in ("chapters", "trim", "clips"):
            if data.get(fld):
                rep.error(fld, "needs a recording", "add 'media:' with the file name, or remove this field")


def clips_from(parent: Pill, doc: Document, path: str, ctx: PillContext) -> tuple[list[Pill], list[ContentError]]:
    """Derived pills cut from a webinar recording: each inherits what it does not set."""
    rep = Reporter(path, doc)
    entry = Entry(rep, doc.data if isinstance(doc.data, dict) else {}, "clips", ctx)
    value = entry.value
    if value is None:
        return [], []
    if not isinstance(value, list):
        entry.error(f"must be a list, not {type_name(value)}", "write each clip as '- slug: ...'")
        return [], rep.errors
    if too_many(entry, MAX_CLIPS, "clips"):
        return [], rep.errors
    clips: list[Pill] = []
    for prefix, raw in mappings(rep, "clips", value, "give slug, title, summary, start and end"):
        before = sum(e.is_error for e in rep.errors)
        clip = read_fields(rep, raw, CLIP_FIELDS, ctx, prefix)
        start, end = clip["start"], clip["end"]
        if start is not None and end is not None and end <= start:
            rep.error(prefix + "end", f"ends at {raw['end']}, not after its start {raw['start']}",
                      "the end of a clip must come after its start")
        if sum(e.is_error for e in rep.errors) == before and complete(clip, CLIP_FIELDS):  # warnings keep it
            clips.append(_clip(parent, clip, {k[len(prefix):]: v for k, v in doc.lines.items() if k.startswith(prefix)}))
    return clips, rep.errors


def _clip(parent: Pill, clip: dict[str, Any], lines: dict[str, int]) -> Pill:
    return Pill(
        slug=clip["slug"], src=f"pillole/{clip['slug']}/index.md", title=clip["title"], summary=clip["summary"],
        mentors=parent.mentors, tags=tuple(clip["tags"] or parent.tags), area=parent.area,
        technique=parent.technique, level=clip["level"] or parent.level,
        audience=tuple(clip["audience"] or parent.audience), media=parent.media, captions=parent.captions,
        trim=Trim(clip["start"], clip["end"]), quiz=clip["quiz"], date=parent.date, review_by=parent.review_by,
        body="", lines=lines, parent=parent.slug, language=parent.language,
    )


# --- across pills ---------------------------------------------------------------------------


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
