"""The media of a whole site: what the MkDocs feature and `pillole media` share.

Both read the same options (from mkdocs.yml's `pillole` plugin block) into the same
MediaSettings and cache folder, so a `pillole media --shard i/n` run in CI fills exactly
the cache entries that the later `mkdocs build` looks up.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model import Catalog
from .commands import MediaSettings
from .jobs import MediaRequest, request_for
from .transcribe import Transcriber, find_model

#: Plugin options read here, with their defaults (documented in the README's admin guide).
MEDIA_OPTION_DEFAULTS: dict[str, Any] = {
    "media_max_height": 1080,
    "media_low_height": 480,
    "media_loudness": -16.0,  # LUFS; false/null switches loudness normalisation off
}


def media_settings(options: Mapping[str, Any]) -> MediaSettings:
    def option(name: str) -> Any:
        value = options.get(name)
        return MEDIA_OPTION_DEFAULTS[name] if value is None and name not in options else value

    loudness = option("media_loudness")
    return MediaSettings(
        max_height=int(option("media_max_height")),
        low_height=int(option("media_low_height")),
        loudness=None if loudness in (None, False) else float(loudness),
    )


def site_transcriber(project_root: Path, options: Mapping[str, Any]) -> Transcriber | None:
    """The speech recogniser of `transcribe_model` (None when unset: no automatic captions).

    Raises TranscribeSetupError when the model named there is not installed.
    """
    spec = options.get("transcribe_model")
    if not spec:
        return None
    return Transcriber(find_model(spec, Path(project_root)))


def media_cache_dir(project_root: Path, options: Mapping[str, Any]) -> Path:
    """`<cache_dir>/media`, the cache folder relative to the project (outside docs and site)."""
    return Path(project_root) / str(options.get("cache_dir") or ".cache/pillole") / "media"


def cache_problem(cache_dir: Path, exc: OSError) -> str:
    """A cache folder that cannot be written (read-only, full, a file in its place): one
    clear line instead of a traceback; nothing half-written is left for a later build."""
    return (f"Pillole: the media cache {cache_dir} cannot be written ({exc.strerror or exc}: "
            f"{exc.filename or cache_dir}); free some space, make it writable, or set 'cache_dir' "
            "in mkdocs.yml to a writable folder")


def site_requests(catalog: Catalog, docs_dir: Path) -> list[MediaRequest]:
    """One request per pill with media (clips included), in a stable order."""
    return [r for slug in sorted(catalog.pills) if (r := request_for(catalog.pills[slug], catalog, docs_dir))]
