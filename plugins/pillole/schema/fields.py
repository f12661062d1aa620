"""The error reporter and the field readers every kind of content shares.

A kind of content (a pill, a person, a learning path ...) is a table of `Field`s: a key, the
reader that checks its value, and whether it is required. `read_fields` reads one mapping
with such a table: a key the table does not know gets a 'did you mean' hint, and each reader
adds a ContentError naming the file, the line and the field, what is wrong and how to fix it.
Reading never stops at the first problem, so a mentor fixes them all in one go. Nothing here
reads files (see files.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from ..frontmatter import Document, InvalidDate
from ..model import ContentError, Person, Team
from ..timecode import parse_time

#: An id: a folder name, a registry id, a clip's slug.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Ids that would take the place of a generated list page (tag/index.md, percorsi/index.md).
RESERVED_IDS = ("index",)
#: Characters that have no place in a line of text and make feeds invalid XML: C0 controls but
#: tab and line breaks, DEL, C1 controls, lone surrogates and the two non-characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The longest a text field may be (a title is printed on every list it appears in, so a
#: huge one would multiply through the whole site).
MAX_TEXT = 2000
TEXT_LIMITS = {"title": 200, "summary": 500, "description": 500}
#: The most entries a list may have: each tag, person or clip multiplies pages and feeds.
LIST_LIMITS = {"tags": 20, "mentor": 10, "audience": 50, "prerequisites": 20}


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name, for 'did you mean ...?' hints."""
    matches = difflib.get_close_matches(str(word).lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def slugify(text: str) -> str:
    """A folder name a mentor can use, for hints about invalid slugs."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def type_name(value: Any) -> str:
    """What a value is, in a mentor's words ('a list'), for 'must be ..., not ...' messages."""
    if isinstance(value, bool):
        return "yes/no"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number", dt.date: "a date",
            dt.datetime: "a date and time"}.get(type(value), type(value).__name__)


def shown(value: Any) -> str:
    """A wrong value as a message quotes it: a short scalar as written, anything else by its
    kind (never a whole list: it may be huge)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return f"'{value}'"
    return type_name(value)


@dataclass
class Reporter:
    """Collects the problems of one file; `doc` gives line numbers for fields."""

    path: str
    doc: Document
    errors: list[ContentError] = field(default_factory=list)

    def error(self, fld: str | None, message: str, hint: str | None = None,
              severity: str = "error") -> None:
        line = self.doc.line(fld, default=None) if fld else None
        self.errors.append(ContentError(self.path, line, fld, message, hint, severity))

    def warning(self, fld: str | None, message: str, hint: str | None = None) -> None:
        self.error(fld, message, hint, severity="warning")

    @property
    def has_errors(self) -> bool:
        return any(e.is_error for e in self.errors)

    def unknown_keys(self, data: Mapping[Any, Any], allowed: Collection[str], prefix: str = "") -> None:
        for key in data:
            if key not in allowed:
                close = suggest(str(key), allowed)
                hint = f"did you mean '{close}'?" if close else "known fields: " + ", ".join(allowed)
                if prefix and data[key] is None and not close:  # {title: a, b} reads 'b' as a key
                    hint = "if a value contains a comma, put it in quotes: title: \"a, b\""
                self.error(f"{prefix}{key}", f"'{key}' is not a known field", hint)


#: What a field's references are checked against (the registries, a pill's folder ...): a
#: reader that needs less (`Entry[object]`) serves in a table that gives more.
Context = TypeVar("Context", covariant=True)
C = TypeVar("C", contravariant=True)


@dataclass(slots=True)
class Entry(Generic[Context]):
    """One key of a mapping being read: where its problems go, the prefix that places it in
    the file ('clips[2].'), whether it is required, and what it is checked against (`ctx`)."""

    rep: Reporter
    data: Mapping[str, Any]
    key: str
    ctx: Context
    prefix: str = ""
    required: bool = False

    @property
    def field(self) -> str:
        """The field as messages name it: 'title', 'clips[2].title'."""
        return self.prefix + self.key

    @property
    def value(self) -> Any:
        return self.data.get(self.key)

    @property
    def given(self) -> bool:
        """The key is written (even with no value)."""
        return self.key in self.data

    def item(self, index: int) -> str:
        """The field of one entry of a list ('tags[1]'); a single value stands for a list of one."""
        return f"{self.field}[{index}]" if isinstance(self.value, list) else self.field

    def error(self, message: str, hint: str | None = None, severity: str = "error") -> None:
        self.rep.error(self.field, message, hint, severity)

    def warning(self, message: str, hint: str | None = None) -> None:
        self.rep.warning(self.field, message, hint)

    def missing(self, hint: str) -> bool:
        """The key is absent or null; when it is required, that is an error with `hint`."""
        if self.value is not None:
            return False
        if self.required:
            self.error("is required", hint)
        return True


@dataclass(frozen=True)
class Field(Generic[C]):
    """How the value of one key is read, and whether the key must be given."""

    read: Callable[[Entry[C]], Any]
    required: bool = False


#: A kind's fields: key -> Field, in the order 'known fields: ...' hints list them.
Table = Mapping[str, Field[C]]


def read_fields(rep: Reporter, data: Mapping[str, Any], table: Table[C], ctx: C, prefix: str = "") -> dict[str, Any]:
    """Every field of `table` read from `data` (None, or an empty value, for what is absent or
    wrong), after a problem for each key the table does not know."""
    rep.unknown_keys(data, table, prefix)
    return {key: row.read(Entry(rep, data, key, ctx, prefix, row.required)) for key, row in table.items()}


def mapping_fields(entry: Entry[object], table: Table[C], ctx: C, hint: str) -> dict[str, Any] | None:
    """A value that is a mapping of its own (`trim: {start: ..., end: ...}`), read with
    `table`; None when it is absent, or not a mapping (an error with `hint`)."""
    value = entry.value
    if value is None:
        return None
    if not isinstance(value, dict):
        entry.error(f"must be a mapping, not {shown(value)}", hint)
        return None
    return read_fields(entry.rep, value, table, ctx, entry.field + ".")


def complete(values: Mapping[str, Any], table: Table[Any]) -> bool:
    """Every required field of `table` has a value (an empty text or list is none; 0 is one)."""
    return all(values[key] not in (None, "", [], ()) for key, row in table.items() if row.required)


# --- readers ------------------------------------------------------------------------------


def text(entry: Entry[object]) -> str | None:
    """A non-empty string field (numbers are accepted and read as text)."""
    if entry.missing(f"add '{entry.key}: ...'"):
        return None
    value = entry.value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        entry.error(f"must be text, not {type_name(value)}", "write it on one line, in quotes if needed")
        return None
    value = str(value).strip()
    if CONTROL.search(value):
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(value)})[:5])
        entry.warning(f"contains control characters ({codes}); they are left out",
                      "retype the text: such characters come from copying out of other programs")
        value = CONTROL.sub("", value).strip()
    if not value:
        if entry.required:
            entry.error("is empty", f"write a value after '{entry.key}:'")
        return None
    limit = TEXT_LIMITS.get(entry.key, MAX_TEXT)
    if len(value) > limit:
        entry.error(f"is {len(value):,} characters long (at most {limit:,})",
                    "keep it short: the text of the page is the place for detail")
        return None
    return value


def id_list(entry: Entry[object]) -> list[str]:
    """A list of ids; a single id is accepted as a list of one."""
    if entry.missing(f"add '{entry.key}: [...]'"):
        return []
    value = entry.value
    items = value if isinstance(value, list) else [value]
    limit = LIST_LIMITS.get(entry.key)
    if limit is not None and len(items) > limit:  # before any lookup: thousands would take minutes
        entry.error(f"lists {len(items):,} entries (at most {limit})", f"keep the few that matter most in '{entry.key}'")
        return []
    out: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            entry.rep.error(entry.item(index), f"must be an id (text), not {type_name(item)}",
                            "write ids like 'giulia-rossi', in quotes if they could read as yes/no")
            continue
        out.append(str(item).strip())
    if entry.required and not out:
        entry.error("is empty", f"give at least one value in '{entry.key}'")
    return out


def date(entry: Entry[object]) -> dt.date | None:
    """A day, written YYYY-MM-DD (YAML reads it as a date)."""
    value = entry.value
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, InvalidDate):
        entry.error(f"'{value}' is not a day of the calendar", "write an existing date as YYYY-MM-DD")
        return None
    if not isinstance(value, (str, int, float)):  # never print a whole list: it may be huge
        entry.error(f"must be a date, not {type_name(value)}", "write it as YYYY-MM-DD, e.g. 2026-03-29")
        return None
    entry.error(f"'{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-29")
    return None


def time(entry: Entry[object]) -> float | None:
    """A moment of a recording, in seconds ("SS", "MM:SS" or "HH:MM:SS")."""
    if entry.missing(f"add '{entry.key}: \"00:01:30\"'"):
        return None
    hint = 'write a time as "SS", "MM:SS" or "HH:MM:SS", in quotes'
    value = entry.value
    if not isinstance(value, (str, int, float)):  # never print a whole list: it may be huge
        entry.error(f"must be a time, not {type_name(value)}", hint)
        return None
    try:
        return parse_time(value)
    except ValueError as exc:
        entry.error(str(exc), hint)
        return None


def choice(entry: Entry[object], choices: Mapping[str, str]) -> str | None:
    """One id of a vocabulary (areas, techniques, levels: id -> label)."""
    value = text(entry)
    if value is None:
        return None
    if value not in choices:
        close = suggest(value, choices)
        entry.error(f"'{value}' is not a valid {entry.key}",
                    (f"did you mean '{close}'? " if close else "") + "choose one of: " + ", ".join(choices))
        return None
    return value


class Registries(Protocol):
    """What references to people are checked against (a Catalog, or what a pill is read with)."""

    @property
    def people(self) -> Mapping[str, Person]: ...

    @property
    def teams(self) -> Mapping[str, Team]: ...


def mentors(entry: Entry[Registries]) -> list[str]:
    """Ids of people of the registry (a team cannot make a pill)."""
    return _people_refs(entry, {}, "person")


def audience(entry: Entry[Registries]) -> list[str]:
    """Ids of people or teams of the registry: who a pill or a path is for."""
    return _people_refs(entry, entry.ctx.teams, "person or team")


def _people_refs(entry: Entry[Registries], teams: Mapping[str, Team], what: str) -> list[str]:
    people = entry.ctx.people
    out = []
    for index, value in enumerate(id_list(entry)):
        if value in people or value in teams:
            out.append(value)
            continue
        close = suggest(value, [*people, *teams])
        entry.rep.error(entry.item(index), f"'{value}' is not a known {what}",
                        f"did you mean '{close}'?" if close else f"add '{value}' to content/people.yml or fix the id")
    return out


# --- lists --------------------------------------------------------------------------------


def too_many(entry: Entry[object], limit: int, what: str) -> bool:
    """An error when the list is longer than `limit` (checked before its entries, so a huge
    list costs one message, not one per entry)."""
    count = len(entry.value)
    if count <= limit:
        return False
    entry.error(f"has {count:,} {what} (at most {limit})", f"keep at most {limit} {what}")
    return True


def mappings(rep: Reporter, fld: str, items: list[Any], hint: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each entry of a list that is a mapping, with the prefix of its fields ('quiz[1].');
    any other entry is an error with `hint`."""
    for index, item in enumerate(items):
        if isinstance(item, dict):
            yield f"{fld}[{index}].", item
        else:
            rep.error(f"{fld}[{index}]", f"must be a mapping, not {type_name(item)}", hint)
