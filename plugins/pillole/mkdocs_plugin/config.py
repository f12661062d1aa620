"""The plugin's options as MkDocs declares and checks them (`plugins: - pillole:` in mkdocs.yml).

Each default comes from `pillole.options.DEFAULTS`, the one place where they are defined, so
the commands that read mkdocs.yml without MkDocs (`pillole check`, `pillole media`) agree
with the build. The README's administrator guide documents every option.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..i18n import LANGUAGES
from ..options import DEFAULTS, Options


class PilloleConfig(base.Config):
    areas = c.Type((dict, list), default=dict(DEFAULTS.areas))
    techniques = c.Type((dict, list), default=dict(DEFAULTS.techniques))
    levels = c.Type((dict, list), default=dict(DEFAULTS.levels))
    language = c.Optional(c.Choice(LANGUAGES))
    cache_dir = c.Type(str, default=DEFAULTS.cache_dir)
    media_max_height = c.Type(int, default=DEFAULTS.media_max_height)
    media_low_height = c.Type(int, default=DEFAULTS.media_low_height)
    media_loudness = c.Type((int, float, bool), default=DEFAULTS.media_loudness)
    media_jobs = c.Optional(c.Type(int))
    page_jobs = c.Optional(c.Type(int))
    media_failures = c.Choice(("error", "warning"), default=DEFAULTS.media_failures)
    captions_default = c.Type(bool, default=DEFAULTS.captions_default)
    transcribe_model = c.Optional(c.Type((str, list)))
    max_age_days = c.Optional(c.Type(int))
    allow_raw_html = c.Type(bool, default=DEFAULTS.allow_raw_html)
    studio = c.Optional(c.Type((dict, bool)))  # checked by pillole.studio.options

    def options(self) -> Options:
        """The checked values as the core reads them."""
        return Options.from_mapping(dict(self))
