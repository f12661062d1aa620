"""Content problems as a mentor reads them: one line each, then a summary."""

from __future__ import annotations

from collections.abc import Iterable

from .model import ContentError


def summary(problems: Iterable[ContentError]) -> str:
    """'2 errors, 1 warning in 3 files' (or 'no problems')."""
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    files = len({p.path for p in problems if p.severity != "notice"})
    if not errors and not warnings:
        return "no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{', '.join(parts)} in {files} file{'s' if files != 1 else ''}"


def format_report(problems: Iterable[ContentError], summary_only: bool = False) -> str:
    """The text `pillole check` prints and `mkdocs build` ends with."""
    problems = list(problems)
    head = f"Pillole: {summary(problems)}"
    if any(p.is_error for p in problems):
        head += "; fix them and build again (each line above names the file, line and field)"
    if summary_only:
        return head
    lines = [f"{p.severity}: {p}" for p in problems]
    return "\n".join([*lines, head])
