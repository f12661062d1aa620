"""Read what the core needs from mkdocs.yml without importing MkDocs.

`pillole check` and the MkDocs plugin must agree on the docs folder and on every option, so
both read the options into the same `options.Options`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import ContentError, Settings
from .options import Options
from .studio.options import StudioError, studio_options

#: Plugins that would make a second, competing set of pages from the same content. Material's
#: tags plugin reads the same `tags` front-matter key as Pillole; Pillole replaces it (tag/index
#: and one page per tag, with aliases, descriptions and feeds), so the two must not run together.
COMPETING_PLUGINS = {
    "material/tags": "Pillole already makes the tag pages (tag/index.html and one page per tag) "
                     "from the same 'tags' key",
}


class ProjectError(Exception):
    """mkdocs.yml is missing or unreadable: a message fit for the terminal."""


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use `!!python/name:` or `!ENV` tags (value kept as None)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    site_dir: Path
    settings: Settings
    options: Options
    #: warnings about mkdocs.yml itself (see COMPETING_PLUGINS)
    conflicts: tuple[ContentError, ...] = ()
    #: `markdown_extensions` as (name, options), for `pillole check` to render texts as the build
    markdown_extensions: tuple[tuple[str, dict[str, Any]], ...] = ()
    #: docs-relative files mkdocs.yml names (extra_css, extra_javascript, theme logo and favicon)
    config_files: tuple[str, ...] = ()

    @property
    def cache_dir(self) -> Path:
        return self.options.cache_path(self.root)


def read_project(config_file: Path) -> Project:
    """The project described by an mkdocs.yml (its `pillole` plugin options included)."""
    config_file = Path(config_file)
    if not config_file.is_file():
        raise ProjectError(f"{config_file}: not found; run the command in the folder of mkdocs.yml "
                           "or pass -f path/to/mkdocs.yml")
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        raise ProjectError(f"{config_file}: invalid YAML: {exc}") from None
    values: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if plugin == "pillole":
            break
        if isinstance(plugin, dict) and "pillole" in plugin:
            values = plugin["pillole"] or {}
            break
    else:
        raise ProjectError(f"{config_file}: the 'pillole' plugin is not enabled; add it under 'plugins:'")
    root = config_file.resolve().parent
    theme = data.get("theme") or {}
    language = theme.get("language") if isinstance(theme, dict) else None
    options = Options.from_mapping(values)
    return Project(
        root=root,
        docs_dir=root / str(data.get("docs_dir") or "docs"),
        site_dir=root / str(data.get("site_dir") or "site"),
        settings=options.settings(language),
        options=options,
        conflicts=tuple(competing_plugins(_plugin_names(data.get("plugins")), config_file.name,
                                          config_file.read_text(encoding="utf-8"))
                        + studio_problems(options, config_file.name, config_file.read_text(encoding="utf-8"))),
        markdown_extensions=markdown_extensions(data.get("markdown_extensions")),
        config_files=config_files(data.get("extra_css"), data.get("extra_javascript"), theme),
    )


def markdown_extensions(value: Any) -> tuple[tuple[str, dict[str, Any]], ...]:
    """`markdown_extensions:` as written in mkdocs.yml: names, or one-key mappings of a name
    to its options (a mapping of names is accepted too)."""
    items = [{k: v} for k, v in value.items()] if isinstance(value, dict) else (value or [])
    out: list[tuple[str, dict[str, Any]]] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            out.append((item, {}))
        elif isinstance(item, dict):
            out.extend((str(name), options if isinstance(options, dict) else {}) for name, options in item.items())
    return tuple(out)


def config_files(extra_css: Any, extra_javascript: Any, theme: Any) -> tuple[str, ...]:
    """The files of the docs folder that mkdocs.yml itself names: the administrator's
    stylesheets and scripts, the theme's logo and favicon. URLs are left out."""
    names: list[Any] = list(extra_css or []) if isinstance(extra_css, list) else []
    for script in extra_javascript or [] if isinstance(extra_javascript, list) else []:
        names.append(script.get("path") if isinstance(script, dict) else script)
    if isinstance(theme, dict):
        names += [theme.get("logo"), theme.get("favicon")]
    return tuple(str(name).lstrip("/") for name in names
                 if isinstance(name, str) and name and "://" not in name and not name.startswith("//"))


def studio_problems(options: Options, config_name: str, text: str) -> list[ContentError]:
    """The studio option that cannot work (an error: the build would stop on it too), on the
    line where `studio:` starts in mkdocs.yml."""
    try:
        studio_options(options.studio)
    except StudioError as problem:
        line = next((n for n, row in enumerate(text.splitlines(), start=1) if row.strip().startswith("studio:")), None)
        field = "plugins.pillole.studio" + (f".{problem.key}" if problem.key else "")
        return [ContentError(config_name, line, field, problem.problem)]
    return []


def _plugin_names(plugins: Any) -> list[str]:
    """Names under `plugins:`, written as a list (`- name` or `- name: {...}`) or a mapping."""
    items = plugins.keys() if isinstance(plugins, dict) else (plugins or [])
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            names.extend(str(key) for key in item)
        elif item is not None:
            names.append(str(item))
    return names


def competing_plugins(names: list[str], config_name: str, text: str | None = None) -> list[ContentError]:
    """A warning for each enabled plugin that competes with Pillole. `tags` alone counts too:
    with the Material theme MkDocs resolves it to `material/tags`. `text` (mkdocs.yml) gives
    the line to point at."""
    problems = []
    for name in names:
        full = "material/tags" if name == "tags" else name
        if full not in COMPETING_PLUGINS:
            continue
        line = None
        for number, row in enumerate((text or "").splitlines(), start=1):
            if row.strip().lstrip("- ").split(":")[0].strip() in (name, full):
                line = number
                break
        problems.append(ContentError(config_name, line, "plugins",
                                     f"'{name}' is enabled together with pillole: {COMPETING_PLUGINS[full]}",
                                     f"remove '{name}' from 'plugins:' in {config_name}", severity="warning"))
    return problems
