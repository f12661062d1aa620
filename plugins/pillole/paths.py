"""Learning paths: `content/percorsi/<id>.md` read into LearningPath objects, every rule checked.

A path is front-matter (title, description, audience, steps optionally grouped in sections,
prerequisites, badge, pass_mark) plus a Markdown body. Its steps name pills, so paths are
loaded after the pills; prerequisites name other paths, so cycles are checked once every
path is read. Messages follow the pills' style: file:line: field: message; hint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .frontmatter import read_markdown
from .model import DEFAULT_PASS_MARK, Badge, Catalog, ContentPage, LearningPath, PathSection
from .validate import SLUG, PillContext, Reporter, _kind, _people_refs, body_problems, slugify, suggest

PATHS_DIR = "percorsi"
PATH_KEYS = ("title", "description", "audience", "steps", "prerequisites", "badge", "pass_mark")
BADGE_KEYS = ("name", "icon", "description")
SECTION_KEYS = ("section", "steps")
#: The folder's index page is generated (the list of paths), so no path may take its name.
RESERVED_IDS = ("index",)


def load_paths(docs_dir: Path, catalog: Catalog, display: Callable[[Path], str],
               readable: Callable[[Path], bool] = lambda path: True) -> None:
    """Read every `percorsi/*.md`, validate it against the catalog's pills and people, and
    fill `catalog.paths`, `catalog.pages` and `catalog.errors` (one error per problem, never
    an exception). Only files `readable` accepts are opened (see boundary.py)."""
    folder = docs_dir / PATHS_DIR
    if not folder.is_dir() or folder.is_symlink():
        return
    found: dict[str, tuple[LearningPath, Reporter]] = {}
    for file in sorted(folder.glob("*.md")):
        if not readable(file):
            continue  # a link or a special file: the boundary scan reported it
        shown = display(file)
        source, problem = read_markdown(file, shown)
        if source is None:
            catalog.errors.append(problem)  # type: ignore[arg-type]
            continue
        src = f"{PATHS_DIR}/{file.name}"
        catalog.pages[src] = ContentPage(src, shown, source.body, source.body_line, kind="path")
        catalog.errors.extend(body_problems(source.body, shown, source.body_line))
        rep = Reporter(shown, source.front)
        path = path_from(rep, file.stem, src, source.body, catalog, folder)
        if path is None:
            catalog.errors.extend(rep.errors)
        else:
            found[path.id] = (path, rep)
    known = {path_id: path for path_id, (path, _) in found.items()}
    for path, rep in found.values():
        _check_prerequisites(rep, path, known)
    for path_id, (path, rep) in found.items():
        catalog.errors.extend(rep.errors)
        if not any(e.is_error for e in rep.errors):
            catalog.paths[path_id] = path


def path_from(rep: Reporter, path_id: str, src: str, body: str, catalog: Catalog,
              folder: Path) -> LearningPath | None:
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
    rep.unknown_keys(data, PATH_KEYS)
    title = rep.text(data, "title", required=True)
    description = rep.text(data, "description", required=True)
    audience = _people_refs(rep, data, "audience", PillContext(catalog, folder, {}), allow_teams=True)
    sections = _sections(rep, data, catalog)
    prerequisites = rep.id_list(data, "prerequisites")
    badge = _badge(rep, data.get("badge"))
    pass_mark = _pass_mark(rep, data)
    if not (title and description and sections and badge):
        return None
    return LearningPath(
        id=path_id, src=src, title=title, description=description, sections=sections, badge=badge,
        audience=tuple(audience), prerequisites=tuple(prerequisites), pass_mark=pass_mark,
        body=body, lines=dict(rep.doc.lines),
    )


def _sections(rep: Reporter, data: dict[str, Any], catalog: Catalog) -> tuple[PathSection, ...]:
    """`steps:` is a list of pill slugs and/or `{section: title, steps: [slugs]}` groups."""
    value = data.get("steps")
    if value is None:
        rep.error("steps", "is required", "add 'steps:' with the pill ids in order, one per line ('- slug')")
        return ()
    if not isinstance(value, list) or not value:
        rep.error("steps", "must be a non-empty list of pill ids" if isinstance(value, list)
                  else f"must be a list of pill ids, not {_kind(value)}",
                  "write each step on a line starting with '- ', e.g. '- password-manager-e-mfa'")
        return ()
    seen: dict[str, str] = {}  # slug -> field where it was first listed
    sections: list[PathSection] = []
    loose: list[str] = []
    for index, item in enumerate(value):
        fld = f"steps[{index}]"
        if isinstance(item, dict):
            if loose:
                sections.append(PathSection(None, tuple(loose)))
                loose = []
            rep.unknown_keys(item, SECTION_KEYS, fld + ".")
            title = rep.text(item, "section", fld + ".", required=True)
            inner = item.get("steps")
            if not isinstance(inner, list) or not inner:
                rep.error(fld + ".steps", "needs a list of at least one pill id",
                          "write the section's steps below it: 'steps: [slug-1, slug-2]'")
                continue
            steps = [s for i, raw in enumerate(inner)
                     if (s := _step(rep, raw, f"{fld}.steps[{i}]", catalog, seen))]
            if title and steps:
                sections.append(PathSection(title, tuple(steps)))
        else:
            step = _step(rep, item, fld, catalog, seen)
            if step:
                loose.append(step)
    if loose:
        sections.append(PathSection(None, tuple(loose)))
    return tuple(sections)


def _step(rep: Reporter, raw: Any, fld: str, catalog: Catalog, seen: dict[str, str]) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        rep.error(fld, f"must be a pill id (text), not {_kind(raw)}",
                  "write the id of the pill's folder, e.g. '- password-manager-e-mfa'")
        return None
    slug = str(raw).strip()
    if slug not in catalog.pills:
        close = suggest(slug, catalog.pills)
        rep.error(fld, f"'{slug}' is not a known pill",
                  f"did you mean '{close}'?" if close else "use the name of a folder in content/pillole/ or a clip's slug")
        return None
    if slug in seen:
        first = rep.doc.line(seen[slug])
        rep.error(fld, f"'{slug}' is already a step of this path (line {first})", "list each pill once")
        return None
    seen[slug] = fld
    return slug


def _badge(rep: Reporter, value: Any) -> Badge | None:
    if value is None:
        rep.error("badge", "is required", "add 'badge: {name: ..., icon: \"🛡️\", description: ...}'")
        return None
    if not isinstance(value, dict):
        rep.error("badge", f"must be a mapping, not {_kind(value)}",
                  "write 'badge: {name: ..., icon: \"🛡️\", description: ...}'")
        return None
    rep.unknown_keys(value, BADGE_KEYS, "badge.")
    name = rep.text(value, "name", "badge.", required=True)
    icon = rep.text(value, "icon", "badge.") or Badge.icon
    if icon.isascii() or len(icon) > 8:
        rep.error("badge.icon", f"'{icon}' is not an emoji",
                  "write one emoji in quotes, e.g. icon: \"🛡️\" (icon names are not supported)")
        return None
    if name is None:
        return None
    return Badge(name, icon, rep.text(value, "description", "badge.") or "")


def _pass_mark(rep: Reporter, data: dict[str, Any]) -> int:
    value = data.get("pass_mark")
    if value is None:
        return DEFAULT_PASS_MARK
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1].strip()
    try:
        mark = int(value) if not isinstance(value, (bool, float)) else None
    except (TypeError, ValueError):
        mark = None
    if mark is None or not 0 <= mark <= 100:
        rep.error("pass_mark", f"'{data['pass_mark']}' is not a percentage from 0 to 100",
                  f"write a whole number, e.g. pass_mark: {DEFAULT_PASS_MARK}")
        return DEFAULT_PASS_MARK
    return mark


def _check_prerequisites(rep: Reporter, path: LearningPath, paths: dict[str, LearningPath]) -> None:
    """Unknown prerequisites get a suggestion; a cycle is named in full (a → b → a)."""
    value = rep.doc.data.get("prerequisites")
    for index, pid in enumerate(path.prerequisites):
        fld = f"prerequisites[{index}]" if isinstance(value, list) else "prerequisites"
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


def _cycle_back(start: str, target: str, paths: dict[str, LearningPath]) -> list[str] | None:
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


def paths_of(catalog: Catalog, slug: str) -> list[LearningPath]:
    """The paths a pill is a step of, in id order (a pill may sit in several)."""
    return [p for p in sorted(catalog.paths.values(), key=lambda p: p.id) if slug in p.steps]


def pass_mark_of(catalog: Catalog, slug: str) -> int:
    """The score a pill's quiz must reach: the strictest mark among its paths (so that passing
    it on the pill page passes it in every path), else the default."""
    return max((p.pass_mark for p in paths_of(catalog, slug)), default=DEFAULT_PASS_MARK)

