"""Pages as Jinja templates: autoescaped, overridable from a site's `custom_dir`.

Every page Pillole generates, and the parts it adds to pill and path pages, is a template
under `pillole/templates/pillole/`. Templates are looked up first in `search_path` (the
theme's folders, a site's `custom_dir` first, as MkDocs does for the theme's own templates),
then in the package: a site overrides `pillole/pill.html` by putting its own file at
`<custom_dir>/pillole/pill.html`.

Templates get plain data (dataclasses and mappings built in `render/`), the site's language
as `lang`, its fixed pages as `routes`, and only these filters: `t` (a label: `"step_of"|t(n=3, total=7)`), `url` (a source
path made relative to the page being rendered), `date`, `month`, `clock` (seconds as 02:13)
and `pills` (a count of pills in words), and two functions: `stylesheet(name)`: a template
that needs one of the stylesheets of `browser.PAGE_STYLESHEETS` asks for it
(`{{ stylesheet("player") }}`, which prints nothing) and the page links it once, first in
its content, so that only pages that use a stylesheet load it; `shared(macro, *args)`: a
macro's output kept for the next call with the same arguments (a pill's card, with the URLs
it shows among them); `asset_version` is the digest
the browser files load with (`?v=`). The browser scripts get their settings and labels
from core.js (`pillole/browser.py`), not from the pages. Autoescaping is on, so a title with
`<script>` shows as text without any template having to remember it.
"""

from __future__ import annotations

import functools
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateError,
                    meta, pass_context)
from jinja2.runtime import Context, Macro

from markupsafe import escape

from .. import routes
from ..browser import PAGE_STYLESHEETS, asset_version, stylesheet_src
from ..i18n import Labels
from ..timecode import clock

OWN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: The site's fixed pages, for templates to link to (`{{ routes.progress|url }}`).
ROUTES = {"home": routes.HOME, "pills": routes.PILLS, "tags": routes.TAGS, "people": routes.PEOPLE,
          "paths": routes.PATHS, "progress": routes.PROGRESS, "status": routes.STATUS, "search": routes.SEARCH,
          "search_index": routes.SEARCH_INDEX}

#: How many outputs `shared` keeps (a pill's card is about 1 kB).
SHARED_KEPT = 4096

#: `link(src, page_url)`: the URL of the page or file `src` (a path under the docs folder)
#: relative to the page at `page_url`.
Link = Callable[[str, str], str]


def _same(src: str, page_url: str) -> str:
    return src


def compiled_templates(cache_dir: Path, environment: str) -> BytecodeCache | None:
    """Jinja's compiled templates of one `environment` ("theme": MkDocs', "pillole": the
    Renderer's), kept in `cache_dir` between builds: every process of a build (the main one
    and each page worker) would otherwise compile the theme's and Pillole's templates again,
    about 0.15 s each, which is most of a page worker's start. Jinja checks each against its
    template's text, and keys it by the template's name and file only, not by the
    environment's settings, which are compiled in (autoescaping: on in Pillole's, off in
    MkDocs'): so each environment has files of its own. This is code, as the kept pages are:
    the cache folder must be written by builds only. None when the folder cannot be made or
    written (the media step then says what is wrong with `cache_dir`)."""
    folder = cache_dir / f"templates-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder), f"{environment}-%s.cache") if os.access(folder, os.W_OK) else None


def theme_language_templates(language: str) -> tuple[str, str]:
    """The theme's templates of its words: in `language`, and in English for the words it lacks."""
    return f"partials/languages/{language}.html", "partials/languages/en.html"


def theme_words(environment: Environment, language: str, corrections: Mapping[str, str]) -> Callable[[str], str]:
    """The theme's `lang.t(key)` for partials/language.html: `corrections` (Pillole's own for
    words the theme leaves in English, i18n.THEME_WORDS), else the theme's word in
    `language`, else its English, else the key. Each word is looked up once per process:
    Material's language templates build their whole table of some 150 words at every call,
    about fifteen calls a page (1,245 for the sample site's 81 pages)."""
    own, english = theme_language_templates(language)

    @functools.cache
    def word(key: str) -> str:
        found = corrections.get(key) or environment.get_template(own).module.t(key)  # type: ignore[attr-defined]
        return found or environment.get_template(english).module.t(key) or key  # type: ignore[attr-defined]

    return word


def compile_ahead(env: Environment, names: Iterable[str]) -> None:
    """Compile `names`, and the templates they include, import or extend by a name written
    out, into `env`'s bytecode cache (`compiled_templates`). A build does it in a forked
    process while it reads the content, so that its page workers load the templates instead
    of each compiling them on its first page. A template that does not compile is left to
    the build, which reports it where a page uses it."""
    loader = env.loader
    todo, seen = list(names), set()
    while todo and loader is not None:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = loader.get_source(env, name)[0]
            todo.extend(found for found in meta.find_referenced_templates(env.parse(source)) if found)
            env.get_template(name)
        except (TemplateError, OSError):
            continue


class Renderer:
    """One Jinja environment per build, for one language."""

    def __init__(self, labels: Labels, link: Link = _same, search_path: Sequence[str | Path] = (),
                 compiled: BytecodeCache | None = None) -> None:
        self.labels = labels
        self.env = Environment(
            loader=FileSystemLoader([*map(str, search_path), str(OWN_TEMPLATES)]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one environment per build: a template read once is current
            bytecode_cache=compiled,
        )

        @pass_context
        def url(context: Context, src: str) -> str:
            return link(src, context["page_url"])

        @pass_context
        def stylesheet(context: Context, name: str) -> str:
            if name not in PAGE_STYLESHEETS:
                raise ValueError(f"stylesheet({name!r}): expected one of {', '.join(PAGE_STYLESHEETS)}")
            asked = context.get("stylesheets")  # None in a macro imported without context
            if asked is not None and name not in asked:
                asked.append(name)
            return ""

        kept: OrderedDict[tuple[Any, ...], str] = OrderedDict()

        def shared(macro: Macro, *args: Any) -> str:
            """`macro(*args)`, rendered once for the same arguments while it is among the
            SHARED_KEPT last used: for a macro whose output depends on nothing else (no `url`
            filter inside, the caller passes the URLs), such as a pill's card, which the
            related pills of every pill page and the lists repeat (at 1,000 pills, 13,000
            cards of 1,000 pills). Bounded: kept for every pill, the cards grew with the site
            (16,600 outputs, 14 MB more per worker at 5,000 pills)."""
            key = (macro.name, *args)
            found = kept.get(key)
            if found is None:
                found = kept[key] = macro(*args)
                if len(kept) > SHARED_KEPT:
                    kept.popitem(last=False)
            else:
                kept.move_to_end(key)
            return found

        self.link, self.version = link, asset_version()
        self.env.globals.update(lang=labels.language, routes=ROUTES, stylesheet=stylesheet, shared=shared,
                                asset_version=self.version)
        self.env.filters.update(
            t=lambda key, **values: labels(key, **values),
            url=url,
            date=labels.date,
            month=labels.month,
            clock=clock,
            pills=labels.count,
        )

    def compile_own(self) -> None:
        """Compile Pillole's templates (those under pillole/) into the bytecode cache."""
        compile_ahead(self.env, self.env.list_templates(filter_func=lambda name: name.startswith("pillole/")))

    def render(self, template: str, page_url: str = "", **data: Any) -> str:
        """`template` (e.g. "pillole/pill.html") for the page at `page_url`, after a link to
        each stylesheet it asked for."""
        asked: list[str] = []
        html = self.env.get_template(template).render(page_url=page_url, stylesheets=asked, **data)
        links = "".join(
            f'<link rel="stylesheet" href="{escape(self.link(stylesheet_src(name), page_url))}?v={self.version}">\n'
            for name in asked)
        return links + html
