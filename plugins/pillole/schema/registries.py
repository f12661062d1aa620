"""The registries: `people.yml` (people and teams) and `tags.yml`.

Each entry is read with the table of its kind; then the rules across entries: ids unique,
not reserved for a generated page, a person and a team never sharing an id, a tag's
aliases pointing to that tag only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..frontmatter import Document
from ..model import ContentError, Person, Tag, Team
from .fields import (
    RESERVED_IDS,
    SLUG,
    Entry,
    Field,
    Reporter,
    Table,
    complete,
    id_list,
    mappings,
    read_fields,
    slugify,
    suggest,
    text,
    type_name,
)


def _registry_id(entry: Entry[object]) -> str | None:
    """An id of the registry (that it is not used twice is checked across entries)."""
    value = text(entry)
    if value is None:
        return None
    if not SLUG.match(value):
        entry.error(f"'{value}' is not a valid id", f"use lowercase letters, digits and '-', e.g. '{slugify(value)}'")
        return None
    if value in RESERVED_IDS:
        entry.error(f"'{value}' is reserved for a generated list page (e.g. tag/index.html)",
                    f"choose another id, e.g. '{value}-1'")
        return None
    return value


def _team_ref(entry: Entry[Mapping[str, Team]]) -> str | None:
    team = text(entry)
    if team and team not in entry.ctx:
        close = suggest(team, entry.ctx)
        entry.error(f"'{team}' is not a team in 'teams:'",
                    f"did you mean '{close}'?" if close else "add it under 'teams:' or fix the id")
        return None
    return team


def _aliases(entry: Entry[object]) -> list[str]:
    return [alias.lower() for alias in id_list(entry)]


TEAM_FIELDS: Table[object] = {
    "id": Field(_registry_id, required=True),
    "name": Field(text, required=True),
    "description": Field(text),
}
#: A person's `team` is checked against the teams read before.
PERSON_FIELDS: Table[Mapping[str, Team]] = {
    "id": Field(_registry_id, required=True),
    "name": Field(text, required=True),
    "role": Field(text),
    "team": Field(_team_ref),
}
TAG_FIELDS: Table[object] = {
    "id": Field(_registry_id, required=True),
    "label": Field(text, required=True),
    "description": Field(text),
    "aliases": Field(_aliases),
}
TEAM_KEYS = tuple(TEAM_FIELDS)
PERSON_KEYS = tuple(PERSON_FIELDS)
TAG_KEYS = tuple(TAG_FIELDS)


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
    for prefix, raw in _entries(rep, data, "teams"):
        values = read_fields(rep, raw, TEAM_FIELDS, None, prefix)
        if _unique(rep, values, teams, prefix) and complete(values, TEAM_FIELDS):
            teams[values["id"]] = Team(values["id"], values["name"], values["description"] or "")
    for prefix, raw in _entries(rep, data, "people", required=True):
        values = read_fields(rep, raw, PERSON_FIELDS, teams, prefix)
        person_id = values["id"]
        if person_id in teams:
            rep.error(prefix + "id", f"'{person_id}' is both a person and a team", "give the person or the team another id")
            continue
        if _unique(rep, values, people, prefix) and complete(values, PERSON_FIELDS):
            people[person_id] = Person(person_id, values["name"], values["role"] or "", values["team"])
    return people, teams, rep.errors


def tags_from(doc: Document, path: str) -> tuple[dict[str, Tag], list[ContentError]]:
    """`tags.yml`: a list of {id, label, description, aliases}."""
    rep = Reporter(path, doc)
    tags: dict[str, Tag] = {}
    if not isinstance(doc.data, list):
        rep.error(None, "must be a list of tags", "write each tag as '- id: cloud' with 'label:' below it")
        return tags, rep.errors
    owner: dict[str, str] = {}  # id or alias -> tag id, to catch collisions
    for prefix, raw in mappings(rep, "", doc.data, "write '- id: ...' then 'label: ...'"):
        values = read_fields(rep, raw, TAG_FIELDS, None, prefix)
        tag_id = values["id"]
        if not (_unique(rep, values, tags, prefix) and complete(values, TAG_FIELDS)):
            continue
        if tag_id in owner:
            rep.error(prefix + "id", f"'{tag_id}' is already an alias of tag '{owner[tag_id]}'",
                      "remove the alias or choose another id")
            continue
        owner[tag_id] = tag_id
        for alias in values["aliases"]:
            if alias in owner:
                rep.error(prefix + "aliases", f"alias '{alias}' is already used by tag '{owner[alias]}'",
                          "an alias must point to a single tag")
            owner[alias] = tag_id
        tags[tag_id] = Tag(tag_id, values["label"], values["description"] or "", tuple(values["aliases"]))
    return tags, rep.errors


def _entries(rep: Reporter, data: dict[str, Any], key: str, required: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """The mappings listed under `key`, with the prefix of their fields ('people[0].')."""
    entry = Entry(rep, data, key, None, required=required)
    if entry.missing(f"add '{key}:' with a list of entries"):
        return []
    if not isinstance(entry.value, list):
        entry.error(f"must be a list, not {type_name(entry.value)}", "write each entry on a line starting with '- '")
        return []
    return list(mappings(rep, key, entry.value, "write '- id: ...' and the fields below it"))


def _unique(rep: Reporter, values: dict[str, Any], known: Mapping[str, object], prefix: str) -> bool:
    """The entry's id is valid and not taken by an entry before it."""
    if values["id"] in known:
        rep.error(prefix + "id", f"'{values['id']}' is defined twice", "ids must be unique; rename or remove one")
        return False
    return values["id"] is not None
