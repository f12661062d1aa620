"""Write the studio into the built site: `admin/` with its page, scripts, configuration and
the Decap bundle. Called once the rest of the site is written (its stylesheets have their
final names then, and the preview uses them)."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

from ..model import Catalog
from .config import studio_config
from .options import StudioOptions

ADMIN_DIR = "admin"
ASSETS = Path(__file__).resolve().parent.parent / "assets" / "studio"
#: Our own files, copied as they are (index.html is written with the site's name).
OWN_FILES = ("studio.js", "formats.js", "recorder.js", "studio.css")

_PAGE = """<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Studio · {site_name}</title>
<link rel="stylesheet" href="studio.css">
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="vendor/decap-cms/decap-cms.js"></script>
<script type="module" src="studio.js"></script>
</head>
<body></body>
</html>
"""


def repo_prefix(project_dir: Path) -> str:
    """The folder of mkdocs.yml inside its git repository ('' at the top, or outside git):
    the git host's API names files from the repository's top."""
    try:
        done = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=project_dir, capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip().strip("/") if done.returncode == 0 else ""


def site_stylesheets(site_dir: Path, extra_css: list[str]) -> tuple[str, ...]:
    """The theme's stylesheets (their names carry a hash: main, then palette) and the site's
    extra ones, relative to the site root, for the preview."""
    folder = site_dir / "assets" / "stylesheets"
    theme = [p.relative_to(site_dir).as_posix() for kind in ("main", "palette") for p in sorted(folder.glob(f"{kind}.*.css"))]
    return (*theme, *extra_css)


def write_admin(site_dir: Path, site_name: str, catalog: Catalog, options: StudioOptions, vendor: Path, *,
                docs_dir: str, project_dir: Path, extra_css: list[str]) -> Path:
    """Write `admin/` into `site_dir`; `vendor` is what `vendor.browser_assets` returned."""
    admin = Path(site_dir) / ADMIN_DIR
    admin.mkdir(parents=True, exist_ok=True)
    for name in OWN_FILES:
        shutil.copyfile(ASSETS / name, admin / name)
    for package in ("decap-cms", "yaml"):
        shutil.copytree(vendor / package, admin / "vendor" / package, dirs_exist_ok=True)
    config = studio_config(catalog, options, docs_dir=docs_dir, repo_prefix=repo_prefix(project_dir),
                           preview_styles=site_stylesheets(Path(site_dir), extra_css))
    (admin / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    (admin / "index.html").write_text(_PAGE.format(site_name=html.escape(site_name)), encoding="utf-8")
    return admin
