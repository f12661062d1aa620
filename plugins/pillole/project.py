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
                                          config_file.read_text(encoding="utf-8"))),
    )


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
