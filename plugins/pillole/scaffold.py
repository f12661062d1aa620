"""`pillole new`: a new pill folder whose front-matter is right the first time.

A mentor who is not a developer should not have to learn the front-matter by trial and
error: the command asks for what is missing (with the registries' ids as numbered choices
and 'did you mean' suggestions), writes `content/pillole/<slug>/index.md`, copies the
recording in, and the result passes `pillole check` at once. Prompting goes through a
`Prompter` reading any text stream, so tests drive it with a fake stream and a real pty.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar

import yaml

from .content import PILLS_DIR
from .model import Catalog, Person, Team
from .i18n import Labels
from .schema.fields import slugify, suggest

T = TypeVar("T")

#: A registry this short is shown as numbered choices; a longer one only via suggestions.
LIST_LIMIT = 40


class ScaffoldError(Exception):
    """A value or a file is wrong: a one-line message with what to do."""


@dataclass
class NewPill:
    """What `pillole new` needs; None (or empty) means 'ask for it, or refuse'."""

    title: str
    summary: str | None = None
    mentors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    area: str | None = None
    technique: str | None = None
    level: str | None = None
    audience: list[str] = field(default_factory=list)
    media: Path | None = None
    captions: Path | None = None


# --- resolving what a mentor types against the registries --------------------------------


def split_ids(text: str | None) -> list[str]:
    """'a, Giulia Rossi' -> ['a', 'Giulia Rossi'] (commas only: names have spaces)."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _resolve(tokens: list[str], lookup: dict[str, str], numbered: list[str], what: str, otherwise: str) -> list[str]:
    """Each token (an id, alias or name in `lookup`, or a number of `numbered`) -> an id.

    `otherwise` is the hint when no known name is close to the token."""
    out: list[str] = []
    for token in tokens:
        key = token.lower()
        if key.isdigit() and 1 <= int(key) <= len(numbered):
            value = numbered[int(key) - 1]
        elif key in lookup:
            value = lookup[key]
        else:
            close = _closest(key, lookup)
            raise ScaffoldError(f"'{token}' is not a known {what}; "
                                + (f"did you mean '{close}'?" if close else otherwise))
        if value not in out:
            out.append(value)
    return out


def _closest(key: str, lookup: dict[str, str]) -> str | None:
    """The id whose id, name or any word of them is closest to `key` ('giula' -> 'giulia-rossi')."""
    close = suggest(key, lookup)
    if close:
        return lookup[close]
    words = {word: value for name, value in lookup.items() for word in re.split(r"[\s-]+", name) if word}
    close = suggest(key, words)
    return words[close] if close else None


def _named(entries: Sequence[Person | Team]) -> dict[str, str]:
    """Ids and lowercase names -> id."""
    lookup = {entry.name.lower(): entry.id for entry in entries}
    lookup.update({entry.id: entry.id for entry in entries})
    return lookup


def mentors(text: str, catalog: Catalog) -> list[str]:
    return _resolve(split_ids(text), _named(list(catalog.people.values())), list(catalog.people),
                    "person", "add them to content/people.yml first")


def audience(text: str, catalog: Catalog) -> list[str]:
    entries: list[Person | Team] = [*catalog.people.values(), *catalog.teams.values()]
    return _resolve(split_ids(text), _named(entries), [e.id for e in entries],
                    "person or team", "add them to content/people.yml first")


def tags(text: str, catalog: Catalog) -> list[str]:
    lookup = {tag.label.lower(): tag.id for tag in catalog.tags.values()}
    lookup.update(catalog.tag_index())
    return _resolve(split_ids(text), lookup, list(catalog.tags), "tag", "add it to content/tags.yml first")


def choice(text: str, choices: dict[str, str], what: str) -> str:
    """An id of `choices`, given as id, label or number."""
    lookup = {label.lower(): key for key, label in choices.items()}
    lookup.update({key: key for key in choices})
    found = _resolve([text.strip()], lookup, list(choices), what, "choose one of: " + ", ".join(choices))
    return found[0]


def resolve(new: NewPill, catalog: Catalog) -> NewPill:
    """Check every value given as a flag against the registries (ids replace names, aliases)."""
    vocab = catalog.settings
    return NewPill(
        title=new.title, summary=new.summary,
        mentors=mentors(",".join(new.mentors), catalog),
        tags=tags(",".join(new.tags), catalog),
        area=choice(new.area, vocab.areas, "area") if new.area else None,
        technique=choice(new.technique, vocab.techniques, "technique") if new.technique else None,
        level=choice(new.level, vocab.levels, "level") if new.level else None,
        audience=audience(",".join(new.audience), catalog),
        media=new.media, captions=new.captions,
    )


def missing(new: NewPill) -> list[str]:
    """The required values still missing, as the flags that give them."""
    wanted = {"--summary": new.summary, "--mentor": new.mentors, "--tags": new.tags, "--area": new.area}
    return [flag for flag, value in wanted.items() if not value]


# --- asking in a terminal ----------------------------------------------------------------


class Prompter:
    """Asks on `out`, reads lines from `inp`; re-asks until the answer is valid."""

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp = inp
        self.out = out

    def ask(self, question: str, default: str | None = None) -> str:
        self.out.write(f"{question}" + (f" [{default}]" if default else "") + ": ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise ScaffoldError("no answer (input ended); give the values as flags, see pillole new --help")
        return line.strip() or (default or "")

    def until_valid(self, question: str, parse: Callable[[str], T], default: str | None = None) -> T:
        while True:
            answer = self.ask(question, default)
            try:
                return parse(answer)
            except ScaffoldError as problem:
                self.out.write(f"  {problem}\n")

    def show(self, items: list[tuple[str, str]]) -> None:
        """Numbered choices: '  1) giulia-rossi  Giulia Rossi'."""
        if len(items) > LIST_LIMIT:
            self.out.write(f"  ({len(items)} choices: type an id or a name; close matches are suggested)\n")
            return
        for number, (key, label) in enumerate(items, start=1):
            self.out.write(f"  {number:>2}) {key:<28} {label}\n")


def _required(text: str) -> str:
    if not text:
        raise ScaffoldError("an answer is required")
    return text


def ask_missing(new: NewPill, catalog: Catalog, prompter: Prompter) -> NewPill:
    """Ask for every value not given as a flag (technique, level, audience, media may stay empty)."""
    vocab = catalog.settings
    people = [(p.id, p.name) for p in catalog.people.values()]
    if not new.summary:
        new.summary = prompter.until_valid("Summary (one sentence)", _required)
    if not new.mentors:
        prompter.out.write("Mentor:\n")
        prompter.show(people)
        new.mentors = prompter.until_valid("Mentor (numbers, ids or names; several for group mentoring)",
                                           lambda text: mentors(_required(text), catalog))
    if not new.tags:
        prompter.out.write("Tags:\n")
        prompter.show([(t.id, t.label) for t in catalog.tags.values()])
        new.tags = prompter.until_valid("Tags (numbers or ids)", lambda text: tags(_required(text), catalog))
    for attr, choices, default in (("area", vocab.areas, None),
                                   ("technique", vocab.techniques, next(iter(vocab.techniques))),
                                   ("level", vocab.levels, next(iter(vocab.levels)))):
        if getattr(new, attr):
            continue
        prompter.out.write(f"{attr.capitalize()}:\n")
        prompter.show(list(choices.items()))

        def parse(text: str, choices: dict[str, str] = choices, attr: str = attr) -> str:
            return choice(_required(text), choices, attr)

        setattr(new, attr, prompter.until_valid(f"{attr.capitalize()} (number or id)", parse, default))
    if not new.audience:
        prompter.out.write("Audience (people or teams it is addressed to; optional):\n")
        prompter.show(people + [(t.id, t.name) for t in catalog.teams.values()])
        new.audience = prompter.until_valid("Audience (numbers, ids or names; empty for none)",
                                            lambda text: audience(text, catalog))
    if new.media is None:
        new.media = prompter.until_valid("Recording to copy in (path of a video or audio file; empty for none)",
                                         lambda text: existing_file(text) if text else None)
    return new


# --- writing the pill --------------------------------------------------------------------


def existing_file(text: str) -> Path:
    path = Path(text.strip().strip("'\"")).expanduser()
    if not path.is_file():
        raise ScaffoldError(f"'{text}' is not a file; give the path of the recording")
    return path


def captions_beside(media: Path) -> Path | None:
    """Captions exported next to the recording with the same name (talk.vtt, talk.it.vtt ...)."""
    for candidate in sorted(media.parent.glob(media.stem + "*")):
        if candidate.suffix.lower() in (".vtt", ".srt") and candidate.is_file():
            return candidate
    return None


def front_matter(new: NewPill) -> dict[str, object]:
    """The front-matter, in the order the README documents it."""
    front: dict[str, object] = {
        "title": new.title,
        "summary": new.summary,
        "mentor": new.mentors[0] if len(new.mentors) == 1 else new.mentors,
    }
    if new.audience:
        front["audience"] = new.audience
    front["tags"] = new.tags
    front["area"] = new.area
    for key in ("technique", "level"):
        if getattr(new, key):
            front[key] = getattr(new, key)
    if new.media:
        front["media"] = new.media.name
    if new.captions:
        front["captions"] = new.captions.name
    return front


def pill_folder(docs_dir: Path, title: str) -> Path:
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"cannot make a folder name from the title '{title}'; use letters or digits")
    return Path(docs_dir) / PILLS_DIR / slug


def create_pill(docs_dir: Path, new: NewPill, labels: Labels) -> Path:
    """Write the pill's folder and return its index.md; never overwrites an existing pill."""
    folder = pill_folder(docs_dir, new.title)
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another title, or edit that pill")
    if new.media and new.captions is None:
        new.captions = captions_beside(new.media)
    text = yaml.safe_dump(front_matter(new), allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=1000)
    folder.mkdir(parents=True)
    for source in (new.media, new.captions):
        if source:
            shutil.copy2(source, folder / source.name)
    index = folder / "index.md"
    index.write_text(f"---\n{text}---\n{labels('new_pill_body')}\n", encoding="utf-8")
    return index
