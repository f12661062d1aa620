"""The studio in a real build: shipped at admin/ only when mkdocs.yml asks for it, with its
configuration made from the registries; a site without it needs no npm; mistakes in its
options or a missing npm stop the build with one line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pillole.studio.options import StudioError
from pillole.studio.vendor import browser_assets
from support import ENV, REPO, Site

STUDIO = {"backend": "gitlab", "repo": "formazione/pillole", "app_id": "abc", "base_url": "https://gitlab.example.it"}


def without_npm(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has git and python but no npm."""
    bin_dir = tmp_path / "bin-without-npm"
    bin_dir.mkdir()
    for tool in ("git", "ffmpeg", "ffprobe"):
        if shutil.which(tool):
            (bin_dir / tool).symlink_to(shutil.which(tool))
    return {**ENV, "PATH": str(bin_dir)}


def build(site: Site, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, env=env, capture_output=True,
                          text=True, timeout=600)
    return done.returncode, done.stdout + done.stderr


def test_a_site_without_the_studio_needs_no_npm_and_ships_no_admin(site: Site, tmp_path: Path) -> None:
    code, output = build(site, without_npm(tmp_path))
    assert code == 0, output
    assert not (site.out / "admin").exists()


def test_the_studio_is_built_from_the_registries(site: Site) -> None:
    try:
        vendor = browser_assets(REPO / ".cache")
    except StudioError as problem:
        pytest.skip(str(problem))
    (site.root / ".cache").mkdir()
    (site.root / ".cache" / "npm-studio").symlink_to(vendor.parent)
    site.config(plugins=[{"pillole": {"studio": STUDIO}}], site_name='Pillole "di prova" <b>')
    built = site.build()
    assert built.returncode == 0, built.stderr
    admin = site.out / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "<title>Studio · Pillole &quot;di prova&quot; &lt;b&gt;</title>" in page
    assert '<script src="vendor/decap-cms/decap-cms.js"></script>' in page
    assert (admin / "vendor" / "decap-cms" / "decap-cms.js").is_file()
    assert (admin / "vendor" / "yaml" / "index.js").is_file()
    assert not list((admin / "vendor").rglob("*.map"))  # no source maps shipped
    config = json.loads((admin / "config.json").read_text(encoding="utf-8"))
    pills = next(c for c in config["decap"]["collections"] if c["name"] == "pillole")
    mentor = next(f for f in pills["fields"] if f["name"] == "mentor")
    assert {"label": "Giulia Rossi (Digital specialist, Direzione vendite)", "value": "giulia-rossi"} in mentor["options"]
    assert config["decap"]["backend"]["api_root"] == "https://gitlab.example.it/api/v4"
    assert config["pillole"]["pills"] == ["calendario"]
    styles = config["pillole"]["preview_styles"]
    assert any(s.startswith("assets/stylesheets/main.") for s in styles) and "assets/pillole/pillole.css" in styles
    assert all((site.out / s).is_file() for s in styles)


def test_studio_options_that_cannot_work_stop_the_build_with_one_line(site: Site) -> None:
    site.config(plugins=[{"pillole": {"studio": {**STUDIO, "backend": "gitlub"}}}])
    built = site.build()
    assert built.returncode == 1
    assert ("ERROR   -  mkdocs.yml: plugins.pillole.studio.backend: 'gitlub' is not a git host the studio knows; "
            "write one of: gitlab, github\n") in built.stderr
    assert "Traceback" not in built.stderr + built.stdout
    checked = site.check()  # CI's check on a merge request that changes mkdocs.yml says it too
    assert checked.returncode == 1
    assert ("error: mkdocs.yml:4: plugins.pillole.studio.backend: 'gitlub' is not a git host the studio knows; "
            "write one of: gitlab, github\n") in checked.stdout


def test_without_npm_the_studio_says_what_to_install(site: Site, tmp_path: Path) -> None:
    site.config(plugins=[{"pillole": {"studio": STUDIO}}])
    code, output = build(site, without_npm(tmp_path))
    assert code == 1
    assert ("the studio is enabled (plugins.pillole.studio in mkdocs.yml) but npm is not installed; install it "
            "(sudo apt-get install npm) or remove 'studio:'") in output
    assert "Traceback" not in output
