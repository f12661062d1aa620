"""`pillole check` output for machines: CI annotations and reports.

A mentor who opens a merge request from the web interface never sees a terminal: the CI
job must put each problem on the line of the file it is about. GitHub reads workflow
commands from the job's output; GitLab reads a Code Quality report (a JSON artifact).
The human format (one line per problem, coloured) stays in cli.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from .model import ContentError
from .report import summary

#: ContentError severity -> GitHub workflow command.
_GITHUB = {"error": "error", "warning": "warning", "notice": "notice"}
#: ContentError severity -> GitLab Code Quality severity (info, minor, major, critical, blocker).
_GITLAB = {"error": "major", "warning": "minor", "notice": "info"}


def _github_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rule: %, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a workflow command's property value: the message rule, plus ':' and ','."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(problem: ContentError) -> str:
    what = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"{what}; {problem.hint}" if problem.hint else what


def github(problems: Iterable[ContentError]) -> str:
    """One `::error file=...,line=...,title=...::message` line per problem."""
    lines = []
    for problem in problems:
        props = [f"file={_github_property(problem.path)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        title = f"Pillole: {problem.field}" if problem.field else "Pillole"
        props.append(f"title={_github_property(title)}")
        lines.append(f"::{_GITHUB[problem.severity]} {','.join(props)}::{_github_data(_message(problem))}")
    return "\n".join(lines)


def fingerprint(problem: ContentError) -> str:
    """Stable across runs (no line number: editing above a problem must not make it 'new')."""
    key = "\0".join((problem.path, problem.field or "", problem.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def gitlab(problems: Iterable[ContentError]) -> str:
    """A GitLab Code Quality report: a JSON list of issues with path and line."""
    issues = []
    seen: set[str] = set()
    for problem in problems:
        mark = fingerprint(problem)
        while mark in seen:  # GitLab drops issues that share a fingerprint
            mark = hashlib.sha256(mark.encode()).hexdigest()
        seen.add(mark)
        issues.append({
            "description": _message(problem),
            "check_name": f"pillole-{problem.field.split('[')[0].split('.')[0]}" if problem.field else "pillole",
            "fingerprint": mark,
            "severity": _GITLAB[problem.severity],
            "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2)


def as_json(problems: Iterable[ContentError], counts: dict[str, int]) -> str:
    """Everything `check` found, for scripts: the problems as fields, the counts, a summary."""
    problems = list(problems)
    return json.dumps({
        "problems": [{"path": p.path, "line": p.line, "field": p.field, "severity": p.severity,
                      "message": p.message, "hint": p.hint} for p in problems],
        "counts": counts,
        "summary": summary(problems),
        "ok": not any(p.is_error for p in problems),
    }, ensure_ascii=False, indent=2)
