"""The studio at `admin/` (see pillole.studio), when `studio:` is set in the plugin options.

Hooks: `on_files` checks the options and fetches Decap from npm before any page is built, so
a mistake stops the build at once with one line; `on_post_build` writes `admin/` once the
site's stylesheets exist (the preview uses them). With the studio off it does nothing: no
npm, no `admin/`.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from ..studio.options import StudioError, StudioOptions, studio_options
from ..studio.site import write_admin
from ..studio.vendor import browser_assets
from .feature import Feature, log


class StudioFeature(Feature):
    options: StudioOptions | None = None
    vendor: Path | None = None

    def on_files(self, files: Files) -> None:
        try:
            self.options = studio_options(self.site.options.studio)
            if self.options is not None:
                self.vendor = browser_assets(self.site.project_dir / ".cache")
        except StudioError as problem:
            log.error(str(problem))
            raise Abort("the studio could not be set up (above)") from None

    def on_post_build(self) -> None:
        if self.options is None or self.vendor is None:
            return
        config = self.site.config
        write_admin(Path(config.site_dir), config.site_name, self.site.catalog, self.options, self.vendor,
                    docs_dir=Path(os.path.relpath(config.docs_dir, self.site.project_dir)).as_posix(),
                    project_dir=self.site.project_dir, extra_css=[str(css) for css in config.extra_css])
