"""The media of a whole site: what the MkDocs feature and `pillole media` share.

Both read the same options (from mkdocs.yml's `pillole` plugin block) into the same
MediaSettings and cache folder, so a `pillole media --shard i/n` run in CI fills exactly
the cache entries that the later `mkdocs build` looks up.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Catalog
from ..options import Options
from .commands import MediaSettings
from .jobs import MediaRequest, request_for
from .transcribe import Transcriber, find_model


def media_settings(options: Options) -> MediaSettings:
    return MediaSettings(
        max_height=options.media_max_height,
        low_height=options.media_low_height,
        loudness=options.media_loudness,
    )


def site_transcriber(project_root: Path, options: Options) -> Transcriber | None:
    """The speech recogniser of `transcribe_model` (None when unset: no automatic captions).

    Raises TranscribeSetupError when the model named there is not installed.
    """
    if not options.transcribe_model:
        return None
    return Transcriber(find_model(options.transcribe_model, Path(project_root)))


def media_cache_dir(project_root: Path, options: Options) -> Path:
    """`<cache_dir>/media`, the cache folder relative to the project (outside docs and site)."""
    return options.cache_path(project_root) / "media"


def cache_problem(cache_dir: Path, exc: OSError) -> str:
    """A cache folder that cannot be written (read-only, full, a file in its place): one
    clear line instead of a traceback; nothing half-written is left for a later build."""
    return (f"Pillole: the media cache {cache_dir} cannot be written ({exc.strerror or exc}: "
            f"{exc.filename or cache_dir}); free some space, make it writable, or set 'cache_dir' "
            "in mkdocs.yml to a writable folder")


def site_requests(catalog: Catalog, docs_dir: Path) -> list[MediaRequest]:
    """One request per pill with media (clips included), in a stable order."""
    return [r for slug in sorted(catalog.pills) if (r := request_for(catalog.pills[slug], catalog, docs_dir))]
