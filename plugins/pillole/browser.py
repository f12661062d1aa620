"""What the learner's browser gets from a build: the core script with the site's settings.

Every page links one script, `assets/core.js`, published with one line in front of it that
hands it the site's settings: the storage namespace, the language, the labels the scripts
show (from the one table, `i18n.py`) and where each feature script is. core.js loads the
feature scripts (progress, quiz, player, browse, search) when a page holds their elements;
its header comment explains how, and why that works with Material's instant navigation and
from file://.

The settings are the same on every page, so they travel in the script, not in each page.

Stylesheets: `pillole.css` (the site's chrome: sizes, header, cards, tags) is linked from every
page; the others (`PAGE_STYLESHEETS`) only from the pages whose template asks for them
(`{{ stylesheet("player") }}`, see render/templates.py), inside the page's content, so that a
page reached by Material's instant navigation brings its own. Everything is published
minified (`minify.py`); the repository keeps the readable source.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .i18n import Labels
from .minify import minified

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
CORE = "core.js"
#: The feature scripts published beside core.js, by the name core.js knows them by
#: (the search scripts are published with the search index; see `core_script`).
FEATURE_SCRIPTS: dict[str, str] = {
    "progress": "progress.js", "quiz": "quiz.js", "player": "player.js", "browse": "browse.js",
}
#: Where the browser files are published, under the site's root.
PUBLISHED = "assets/pillole"
#: The stylesheet every page links.
SITE_STYLESHEET = "pillole.css"
#: Stylesheets a page links when its template asks for them, by name -> source under assets/
#: (published flat in PUBLISHED): learning paths, quizzes and progress; the player; the
#: status page; the search page.
PAGE_STYLESHEETS: dict[str, str] = {
    "learning": "learning.css", "player": "player.css", "status": "status.css", "search": "search/search.css",
}
#: Material's script tag, as its templates write it (one per page).
_THEME_SCRIPT = re.compile(r'<script src="([^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
#: Every label the scripts show, as templates (the scripts fill {n}, {name} ...).
SCRIPT_LABELS: tuple[str, ...] = (
    # progress and quiz
    "progress_count", "state_todo", "state_started", "state_done", "need_media", "need_text",
    "need_quiz", "pill_done", "badge_left_one", "badge_left_many", "badge_earned_on",
    "quiz_score", "quiz_passed", "quiz_failed", "quiz_failed_again", "quiz_best",
    "quiz_already_passed", "quiz_answer_all", "quiz_chosen_right", "quiz_chosen_wrong",
    "quiz_right", "imported", "import_failed", "export_file",
    # the player
    "play_from",
    # browsing
    "filter_shown",
    # search: the box, the page and the names of its facets
    "search", "search_placeholder", "search_placeholder_keys", "search_results", "search_none", "search_one",
    "search_many", "search_all", "search_loading", "search_error", "search_filters", "search_filters_count",
    "search_fuzzy",
    "area", "technique", "level", "tag", "mentor", "kind", "duration",
)


def asset_version() -> str:
    """A digest of the browser code: feature scripts and stylesheets load with `?v=<it>`, so
    a browser that kept an older build's files in its cache never mixes them with this build's."""
    digest = hashlib.sha256()
    for path in sorted([*ASSETS_DIR.rglob("*.js"), *ASSETS_DIR.rglob("*.css")]):
        digest.update(path.relative_to(ASSETS_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def core_script(site_key: str, labels: Labels, *, root: str, search: str | None = None,
                search_page: str = "cerca/") -> str:
    """The text of core.js as a site publishes it, its settings in front.

    `site_key` namespaces what the browser keeps (progress, resume position, speed), so two
    Pillole sites on one intranet host never mix; `root` is the site's root and `search` the
    folder of the search scripts (None: no search), both relative to where core.js is
    published, with the feature scripts beside it; `search_page` is the search page's URL
    relative to the root.
    """
    modules = dict(FEATURE_SCRIPTS)
    if search is not None:
        modules["search"] = search + "search.js"
    settings = {
        "site": site_key,
        "language": labels.language,
        "labels": labels.subset(SCRIPT_LABELS),
        "root": root,
        "modules": modules,
        "search": {"page": search_page},
        "version": asset_version(),
    }
    payload = json.dumps(settings, ensure_ascii=False, sort_keys=True)
    return f"window.PilloleConfig = {payload};\n" + minified(ASSETS_DIR / CORE)


def theme_script_later(html: str) -> str:
    """The page with Material's script tag swapped for a placeholder that core.js reads: core.js
    loads the theme's script (114 kB) once the page has loaded and shown its first content.

    Why: even deferred, the bundle was requested at once and shared a phone's slow 4G with the
    stylesheets, the poster and the search index; Lighthouse measured the largest paint of
    every learner page 0.4-0.8 s later for it, though nothing on screen needs it (the drawer,
    tabs and links work without it). core.js's header comment says how Material starts late."""
    return _THEME_SCRIPT.sub(r'<script data-pillole-theme="\1"></script>', html, count=1)


def published_assets() -> dict[str, str]:
    """Every browser file a build publishes as it is (core.js is made by `core_script`): the
    feature scripts and the stylesheets, minified, by their path under the site's root."""
    names = [*FEATURE_SCRIPTS.values(), SITE_STYLESHEET, *PAGE_STYLESHEETS.values()]
    return {f"{PUBLISHED}/{Path(name).name}": minified(ASSETS_DIR / name) for name in names}


def stylesheet_src(name: str) -> str:
    """The published path of the page stylesheet `name` (a key of PAGE_STYLESHEETS)."""
    return f"{PUBLISHED}/{Path(PAGE_STYLESHEETS[name]).name}"
