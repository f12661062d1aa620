"""The `studio:` options of the pillole plugin in mkdocs.yml, checked before anything is built.

IT writes these once (see the README, "Studio"); a mistake here would otherwise show up as a
login page that silently fails in a mentor's browser, so each one is explained at build time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

BACKENDS = ("gitlab", "github")
#: A recording above this size gets a warning in the form (GitHub refuses files above 100 MB
#: and warns from 50 MB; a 5-minute screen recording made by the studio is about 40 MB).
DEFAULT_MAX_MEDIA_MB = 50
#: Where decap-server listens when `local_backend: true` (its default port, on loopback).
DEFAULT_LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"

KEYS = ("backend", "repo", "branch", "base_url", "api_root", "app_id", "auth_endpoint",
        "local_backend", "editorial_workflow", "max_media_mb")
_REPO = re.compile(r"^[\w.-]+(?:/[\w.-]+)+$")


class StudioError(Exception):
    """An option that cannot work, with what to write instead. `key` is the option ('' for
    the whole `studio:` mapping, or npm); str() is one line for the terminal."""

    def __init__(self, key: str, problem: str, where: str = "mkdocs.yml: plugins.pillole.studio") -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"{where}{'.' + key if key else ''}: {problem}" if where else problem)


@dataclass(frozen=True)
class StudioOptions:
    backend: str
    repo: str
    branch: str = "main"
    base_url: str | None = None
    api_root: str | None = None
    app_id: str | None = None
    auth_endpoint: str | None = None
    local_backend: str | None = None  # the decap-server URL, or None
    editorial_workflow: bool = True
    max_media_mb: int = DEFAULT_MAX_MEDIA_MB


def studio_options(raw: Any, where: str = "mkdocs.yml: plugins.pillole.studio") -> StudioOptions | None:
    """The studio options, or None when the studio is off (`studio:` absent, empty or false)."""
    if raw is None or raw is False or raw == {}:
        return None
    if not isinstance(raw, dict):
        raise StudioError("", "must be a mapping (backend, repo, ...) or false; see the README, section 'Studio'",
                          where)
    for key in raw:
        if key not in KEYS:
            raise StudioError(str(key), f"not a studio option; the options are {', '.join(KEYS)}", where)
    backend, repo = _host(raw, where)
    base_url, api_root, app_id = _login(raw, backend, where)
    return StudioOptions(
        backend=backend, repo=repo, branch=_text(raw, "branch", where) or "main",
        base_url=base_url, api_root=api_root, app_id=app_id,
        auth_endpoint=_text(raw, "auth_endpoint", where), local_backend=_local_backend(raw, where),
        editorial_workflow=_workflow(raw, where), max_media_mb=_max_media_mb(raw, where),
    )


def _host(raw: dict[str, Any], where: str) -> tuple[str, str]:
    backend = raw.get("backend")
    if backend not in BACKENDS:
        raise StudioError("backend", f"{backend!r} is not a git host the studio knows; "
                          f"write one of: {', '.join(BACKENDS)}", where)
    repo = raw.get("repo")
    if not isinstance(repo, str) or not _REPO.match(repo):
        raise StudioError("repo", f"{repo!r} is not a repository path; write it as on the git host, "
                          "e.g. 'formazione/pillole'", where)
    return str(backend), repo


def _login(raw: dict[str, Any], backend: str, where: str) -> tuple[str | None, str | None, str | None]:
    """base_url, api_root and app_id: GitLab logs mentors in with PKCE, so it needs the id of
    its OAuth application; a self-hosted GitLab's API is below its address."""
    base_url, api_root = _url(raw, "base_url", where), _url(raw, "api_root", where)
    app_id = _text(raw, "app_id", where)
    if backend == "gitlab":
        if not app_id:
            raise StudioError("app_id", "GitLab needs the id of the OAuth application that lets mentors log in "
                              "(Admin area > Applications); see the README, section 'Studio'", where)
        if base_url and not api_root:
            api_root = base_url.rstrip("/") + "/api/v4"
    return base_url, api_root, app_id


def _local_backend(raw: dict[str, Any], where: str) -> str | None:
    local = raw.get("local_backend", False)
    if local is True:
        return DEFAULT_LOCAL_BACKEND
    if local is False or local is None:
        return None
    return _url(raw, "local_backend", where)


def _max_media_mb(raw: dict[str, Any], where: str) -> int:
    max_mb = raw.get("max_media_mb", DEFAULT_MAX_MEDIA_MB)
    if isinstance(max_mb, bool) or not isinstance(max_mb, int) or max_mb <= 0:
        raise StudioError("max_media_mb", f"{max_mb!r} is not a size in megabytes; "
                          f"write a whole number, e.g. {DEFAULT_MAX_MEDIA_MB}", where)
    return max_mb


def _workflow(raw: dict[str, Any], where: str) -> bool:
    workflow = raw.get("editorial_workflow", True)
    if not isinstance(workflow, bool):
        raise StudioError("editorial_workflow", "write true (every new pill is a merge request) or false", where)
    return workflow


def _text(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise StudioError(key, "must be text", where)
    return str(value).strip() or None


def _url(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = _text(raw, key, where)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StudioError(key, f"{value!r} is not an address; write it in full, e.g. https://gitlab.example.it",
                          where)
    return value
