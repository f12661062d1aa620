"""The studio under MkDocs (see pillole.studio): `admin/` of the built site, when `studio:`
is set in the plugin's options.

`prepare_studio` runs first in `on_files`: it checks the options and fetches Decap from npm,
so a mistake stops the build at once with one line. `write_studio` runs in `on_post_build`,
once the site's stylesheets exist (the preview uses them). With the studio off neither does
anything: no npm, no `admin/`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ..model import Catalog
from ..options import Options
from ..studio.options import StudioError, StudioOptions, studio_options
from ..studio.site import write_admin
from ..studio.vendor import browser_assets

log = logging.getLogger("mkdocs.plugins.pillole")


@dataclass(frozen=True)
class Studio:
    options: StudioOptions
    vendor: Path  # Decap's bundle and yaml's browser build, fetched from npm


def prepare_studio(options: Options, project_dir: Path) -> Studio | None:
    try:
        studio = studio_options(options.studio)
        return Studio(studio, browser_assets(project_dir / ".cache")) if studio else None
    except StudioError as problem:
        log.error(str(problem))
        raise Abort("the studio could not be set up (above)") from None


def write_studio(studio: Studio, config: MkDocsConfig, catalog: Catalog, project_dir: Path) -> None:
    write_admin(Path(config.site_dir), config.site_name, catalog, studio.options, studio.vendor,
                docs_dir=Path(os.path.relpath(config.docs_dir, project_dir)).as_posix(),
                project_dir=project_dir, extra_css=[str(css) for css in config.extra_css])
