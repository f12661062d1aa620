"""Third-party code of the studio, fetched from the npm registry at set-up, never committed.

Decap CMS is published on npm with a prebuilt browser bundle (`dist/decap-cms.js` and the
chunks it loads lazily); installing the package with its 600 dependencies would fetch 380 MB
to use 6 MB of it, so the tarball alone is fetched with `npm pack` and the bundle extracted.
The same holds for `yaml`'s browser build, which writes front-matter the way PyYAML reads it.
decap-server (the local proxy of Decap, for trying the studio on one's own machine and for
the tests) runs under Node, so it is installed with its dependencies.

Everything lands in `<cache>/npm-studio/` (git-ignored) under a versioned name, moved into
place only when complete: a build that is interrupted never leaves half a bundle behind.
Versions are pinned so that a site built twice ships the same studio.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from .options import StudioError

DECAP_CMS = "decap-cms@3.16.3"
YAML = "yaml@2.9.1"
DECAP_SERVER = "decap-server@3.11.3"
NPM_TIMEOUT = 600

_NO_NPM = ("the studio is enabled (plugins.pillole.studio in mkdocs.yml) but npm is not installed; "
           "install it (sudo apt-get install npm) or remove 'studio:'")


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise StudioError("", _NO_NPM, where="")
    return npm


def _run_npm(args: list[str], cwd: Path, what: str) -> str:
    try:
        done = subprocess.run([_npm(), *args], cwd=cwd, capture_output=True, text=True, timeout=NPM_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise StudioError("", f"npm did not fetch {what} within {NPM_TIMEOUT} s; check the connection to the "
                          "npm registry and build again", where="") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise StudioError("", f"npm could not fetch {what} ({last}); check the connection to the npm registry "
                          "and build again", where="")
    return done.stdout


def _extract(tarball: Path | None, into: Path, keep: Callable[[str], bool]) -> int:
    """Copy the regular files of an npm tarball whose name (below `package/`) passes `keep`."""
    if tarball is None or not tarball.is_file():
        return 0
    count = 0
    safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python >= 3.11.4
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/")
            if member.isfile() and ".." not in name.split("/") and keep(name):
                member.name = name
                archive.extract(member, into, **safe)  # type: ignore[arg-type]
                count += 1
    return count


def _decap_file(name: str) -> bool:
    """The bundle, its lazily loaded chunks, WebAssembly modules and licence notices (no source maps)."""
    return name.startswith("dist/") and "/" not in name[5:] and (
        name.endswith("decap-cms.js") or name.endswith(".wasm") or name == "dist/decap-cms.js.LICENSE.txt")


def _yaml_file(name: str) -> bool:
    return name.startswith("browser/") or name == "LICENSE"


def _versioned(spec: str) -> str:
    return spec.replace("@", "-")


def browser_assets(cache_dir: Path) -> Path:
    """The folder with `decap-cms/` (the bundle) and `yaml/` (its browser build), fetched once."""
    root = Path(cache_dir).resolve() / "npm-studio"
    target = root / f"{_versioned(DECAP_CMS)}+{_versioned(YAML)}"
    if (target / "decap-cms" / "decap-cms.js").is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".fetch-") as tmp:
        work = Path(tmp)
        names = _run_npm(["pack", "--silent", "--prefer-offline", "--pack-destination", str(work),
                          DECAP_CMS, YAML], work, "Decap CMS").split()
        tarballs = {name.rsplit("-", 1)[0]: work / name for name in names if name.endswith(".tgz")}
        staged = work / "staged"
        if _extract(tarballs.get("decap-cms"), staged / "decap-cms", _decap_file) == 0 or \
                _extract(tarballs.get("yaml"), staged / "yaml", _yaml_file) == 0:
            raise StudioError("", f"the npm packages {DECAP_CMS} and {YAML} did not contain their browser builds",
                              where="")
        for nested in ("decap-cms/dist", "yaml/browser"):  # flatten: decap-cms/decap-cms.js
            inner = staged / nested
            for child in inner.iterdir():
                child.rename(inner.parent / child.name)
            inner.rmdir()
        try:
            staged.rename(target)
        except OSError:  # another build finished first: use its copy
            if not (target / "decap-cms" / "decap-cms.js").is_file():
                raise
    return target


def proxy_server(cache_dir: Path) -> Path:
    """decap-server's entry script (`dist/index.js`), installed with npm once."""
    root = Path(cache_dir).resolve() / "npm-studio"
    target = root / _versioned(DECAP_SERVER)
    script = target / "node_modules" / "decap-server" / "dist" / "index.js"
    if script.is_file():
        return script
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".install-") as tmp:
        work = Path(tmp) / "server"
        work.mkdir()
        _run_npm(["install", "--no-save", "--no-audit", "--no-fund", "--omit=dev", "--prefer-offline",
                  "--prefix", str(work), DECAP_SERVER], work, "decap-server")
        try:
            work.rename(target)
        except OSError:
            if not script.is_file():
                raise
    return script
