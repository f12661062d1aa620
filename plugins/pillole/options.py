"""The site's options (the `pillole` block of mkdocs.yml), with their defaults, defined once.

Both readers of mkdocs.yml use this: the MkDocs plugin (`mkdocs_plugin/config.py` declares
each option with the default taken from `DEFAULTS`) and the commands that run without MkDocs
(`pillole check`, `pillole media`, through `project.read_project`). So a CI job that fills the
media cache with `pillole media` and the `mkdocs build` after it agree on every setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .i18n import site_language
from .model import DEFAULT_AREAS, DEFAULT_LEVELS, DEFAULT_TECHNIQUES, Settings


def vocabulary(value: Any, default: Mapping[str, str]) -> dict[str, str]:
    """An id -> label mapping from a mapping or a list of ids in the options."""
    if value is None:
        return dict(default)
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    return {str(v): str(v).replace("-", " ").capitalize() for v in value}


@dataclass(frozen=True)
class Options:
    """Every option of the plugin, documented in the README's administrator guide."""

    areas: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_AREAS))
    techniques: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TECHNIQUES))
    levels: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    #: "it" or "en"; None: the theme's language
    language: str | None = None
    #: the media cache, relative to mkdocs.yml (outside docs_dir and site_dir)
    cache_dir: str = ".cache/pillole"
    media_max_height: int = 1080
    media_low_height: int = 480
    #: EBU R128 target in LUFS; None (false in mkdocs.yml) switches normalisation off
    media_loudness: float | None = -16.0
    #: recordings transcoded at a time; None: the number of cores
    media_jobs: int | None = None
    #: "error": a bad recording fails the build; "warning": the page says the media is unavailable
    media_failures: str = "error"
    #: pill pages `mkdocs build` builds at a time (mkdocs_plugin/parallel_pages.py); None: one per
    #: core, for sites of at least 200 pills; 1: one after another
    page_jobs: int | None = None
    captions_default: bool = True
    #: automatic captions: a CTranslate2 Whisper model folder (relative to mkdocs.yml), or the
    #: import names of the Python packages carrying its files; None: off
    transcribe_model: str | list[str] | None = None
    #: a pill without review_by is stale this many days after its last change; None: never
    max_age_days: int | None = None
    #: keep raw HTML in texts as written (no cleaning, see sanitize.py): only when every author is trusted
    allow_raw_html: bool = False
    #: the studio at admin/ (a mapping: backend, repo, ...), checked by studio.options; None: off
    studio: Any = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Options:
        """Options from mkdocs.yml's block; unknown keys are left to the plugin's own check."""
        known = {f.name for f in fields(cls)}
        given = {k: v for k, v in values.items() if k in known}
        for name in ("areas", "techniques", "levels"):
            if name in given:
                given[name] = vocabulary(given[name], getattr(DEFAULTS, name))
        if given.get("media_loudness") is False:
            given["media_loudness"] = None
        if given.get("cache_dir") is None:
            given.pop("cache_dir", None)
        return cls(**given)

    def settings(self, theme_language: str | None = None) -> Settings:
        """What changes which content is valid and how it reads (see model.Settings)."""
        return Settings(
            areas=dict(self.areas),
            techniques=dict(self.techniques),
            levels=dict(self.levels),
            language=site_language(self.language or theme_language),
            max_age_days=self.max_age_days,
            auto_captions=bool(self.transcribe_model),
        )

    def cache_path(self, project_root: Path) -> Path:
        return Path(project_root) / self.cache_dir


#: The defaults, in one place.
DEFAULTS = Options()
