"""Learning paths: one `content/percorsi/<id>.md` front-matter read into a LearningPath.

A path is front-matter (title, description, audience, steps optionally grouped in sections,
prerequisites, badge, pass_mark) plus a Markdown body. Its steps name pills and its audience
people and teams, all checked against the catalog; prerequisites name other paths, so they
are checked, cycles included, once every path is read (`check_prerequisites`). Messages follow
the pills' style: file:line: field: message; hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import DEFAULT_PASS_MARK, Badge, Catalog, LearningPath, PathSection, Pill
from .fields import (
    RESERVED_IDS,
    SLUG,
    Entry,
    Field,
    Reporter,
    Table,
    audience,
    complete,
    id_list,
    mapping_fields,
    read_fields,
    slugify,
    suggest,
    text,
    type_name,
)


@dataclass
class _Steps:
    """What the steps of one path are checked against: the pills, and the steps listed so far
    (a pill is a step of a path once)."""

    pills: Mapping[str, Pill]
    seen: dict[str, str] = field(default_factory=dict)  # slug -> field where it was first listed

    def step(self, rep: Reporter, raw: Any, fld: str) -> str | None:
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            rep.error(fld, f"must be a pill id (text), not {type_name(raw)}",
                      "write the id of the pill's folder, e.g. '- password-manager-e-mfa'")
            return None
        slug = str(raw).strip()
        if slug not in self.pills:
            close = suggest(slug, self.pills)
            rep.error(fld, f"'{slug}' is not a known pill",
                      f"did you mean '{close}'?" if close else "use the name of a folder in content/pillole/ or a clip's slug")
            return None
        if slug in self.seen:
            first = rep.doc.line(self.seen[slug])
            rep.error(fld, f"'{slug}' is already a step of this path (line {first})", "list each pill once")
            return None
        self.seen[slug] = fld
        return slug


def _section_steps(entry: Entry[_Steps]) -> tuple[str, ...]:
    value = entry.value
    if not isinstance(value, list) or not value:
        entry.error("needs a list of at least one pill id", "write the section's steps below it: 'steps: [slug-1, slug-2]'")
        return ()
    return tuple(step for index, raw in enumerate(value) if (step := entry.ctx.step(entry.rep, raw, entry.item(index))))


#: A group of steps: `{section: title, steps: [slugs]}`.
SECTION_FIELDS: Table[_Steps] = {
    "section": Field(text, required=True),
    "steps": Field(_section_steps, required=True),
}


def _sections(entry: Entry[Catalog]) -> tuple[PathSection, ...]:
    """`steps:` is a list of pill slugs and/or `{section: title, steps: [slugs]}` groups."""
    if entry.missing("add 'steps:' with the pill ids in order, one per line ('- slug')"):
        return ()
    value = entry.value
    if not isinstance(value, list) or not value:
        entry.error("must be a non-empty list of pill ids" if isinstance(value, list)
                    else f"must be a list of pill ids, not {type_name(value)}",
                    "write each step on a line starting with '- ', e.g. '- password-manager-e-mfa'")
        return ()
    steps = _Steps(entry.ctx.pills)
    sections: list[PathSection] = []
    loose: list[str] = []
    for index, item in enumerate(value):
        fld = entry.item(index)
        if not isinstance(item, dict):
            if step := steps.step(entry.rep, item, fld):
                loose.append(step)
            continue
        if loose:
            sections.append(PathSection(None, tuple(loose)))
            loose = []
        section = read_fields(entry.rep, item, SECTION_FIELDS, steps, fld + ".")
        if complete(section, SECTION_FIELDS):
            sections.append(PathSection(section["section"], section["steps"]))
    if loose:
        sections.append(PathSection(None, tuple(loose)))
    return tuple(sections)


def _emoji(entry: Entry[object]) -> str | None:
    icon = text(entry) or Badge.icon
    if icon.isascii() or len(icon) > 8:
        entry.error(f"'{icon}' is not an emoji", "write one emoji in quotes, e.g. icon: \"🛡️\" (icon names are not supported)")
        return None
    return icon


BADGE_FIELDS: Table[object] = {
    "name": Field(text, required=True),
    "icon": Field(_emoji),
    "description": Field(text),
}


def _badge(entry: Entry[object]) -> Badge | None:
    hint = "badge: {name: ..., icon: \"🛡️\", description: ...}"
    if entry.missing(f"add '{hint}'"):
        return None
    badge = mapping_fields(entry, BADGE_FIELDS, None, f"write '{hint}'")
    if not (badge and badge["icon"] and complete(badge, BADGE_FIELDS)):
        return None
    return Badge(badge["name"], badge["icon"], badge["description"] or "")


def _pass_mark(entry: Entry[object]) -> int:
    value = entry.value
    if value is None:
        return DEFAULT_PASS_MARK
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1].strip()
    try:
        mark = int(value) if not isinstance(value, (bool, float)) else None
    except (TypeError, ValueError):
        mark = None
    if mark is None or not 0 <= mark <= 100:
        entry.error(f"'{entry.value}' is not a percentage from 0 to 100",
                    f"write a whole number, e.g. pass_mark: {DEFAULT_PASS_MARK}")
        return DEFAULT_PASS_MARK
    return mark


#: A path's front-matter, checked against the catalog (pills and people are loaded before paths).
PATH_FIELDS: Table[Catalog] = {
    "title": Field(text, required=True),
    "description": Field(text, required=True),
    "audience": Field(audience),
    "steps": Field(_sections, required=True),
    "prerequisites": Field(id_list),
    "badge": Field(_badge, required=True),
    "pass_mark": Field(_pass_mark),
}
PATH_KEYS = tuple(PATH_FIELDS)
BADGE_KEYS = tuple(BADGE_FIELDS)


def path_from(rep: Reporter, path_id: str, src: str, body: str, catalog: Catalog) -> LearningPath | None:
    """One path's front-matter as a LearningPath; problems go to `rep` (prerequisites are
    checked later, against all paths). Returns None when the front-matter is unusable."""
    data = rep.doc.data
    if not isinstance(data, dict) or not data:
        rep.error(None, "has no front-matter",
                  "start the file with '---', the fields (title, description, steps, badge), then '---'")
        return None
    if path_id in RESERVED_IDS:
        rep.error(None, f"'{path_id}.md' is reserved for the generated list of paths",
                  "rename the file, e.g. 'percorso-base.md'")
        return None
    if not SLUG.match(path_id):
        rep.error(None, f"file name '{path_id}' is not a valid path id",
                  f"rename the file to '{slugify(path_id)}.md' (lowercase letters, digits and '-')")
    values = read_fields(rep, data, PATH_FIELDS, catalog)
    if not complete(values, PATH_FIELDS):
        return None
    return LearningPath(
        id=path_id, src=src, title=values["title"], description=values["description"], sections=values["steps"],
        badge=values["badge"], audience=tuple(values["audience"]), prerequisites=tuple(values["prerequisites"]),
        pass_mark=values["pass_mark"], body=body, lines=dict(rep.doc.lines),
    )


def check_prerequisites(rep: Reporter, path: LearningPath, paths: Mapping[str, LearningPath]) -> None:
    """Unknown prerequisites get a suggestion; a cycle is named in full (a → b → a)."""
    entry = Entry(rep, rep.doc.data, "prerequisites", None)
    for index, pid in enumerate(path.prerequisites):
        fld = entry.item(index)
        if pid not in paths:
            close = suggest(pid, paths)
            rep.error(fld, f"'{pid}' is not a known path",
                      f"did you mean '{close}'?" if close else "use the name of a file in content/percorsi/ without '.md'")
            continue
        cycle = _cycle_back(pid, path.id, paths)
        if cycle is not None:
            chain = " → ".join([path.id, *cycle])
            rep.error(fld, f"prerequisites form a cycle: {chain}",
                      "a path cannot require itself, even through other paths; remove one of these prerequisites")


def _cycle_back(start: str, target: str, paths: Mapping[str, LearningPath]) -> list[str] | None:
    """The chain of prerequisites from `start` back to `target`, if there is one (depth first)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        current, chain = stack.pop()
        if current == target:
            return chain
        if current in visited or current not in paths:
            continue
        visited.add(current)
        for nxt in reversed(paths[current].prerequisites):
            stack.append((nxt, [*chain, nxt]))
    return None
