"""The CI templates parse as YAML and call only commands that exist, with options they accept.

Every shell line of every job is split into commands; `pillole ...` lines are parsed by the
real `pillole` argument parser, so a renamed option or subcommand breaks this test rather
than a company's pipeline.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from pillole import cli

REPO = Path(__file__).resolve().parents[2]
GITHUB = [REPO / ".github/workflows/pillole.yml", REPO / ".github/workflows/pillole-sharded.yml"]
GITLAB = REPO / ".gitlab-ci.yml"
#: Actions the templates may use (official ones, pinned to a major version).
ACTIONS = {"actions/checkout@v4", "actions/setup-python@v5", "actions/cache@v4", "actions/cache/restore@v4",
           "actions/upload-artifact@v4", "actions/download-artifact@v4"}
OTHER_PROGRAMS = {"apt-get", "sudo"}
MEDIA_GLOBS = ("*.mp4", "*.mov", "*.webm", "*.mp3", "*.m4a", "*.wav")


def github_lines(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def gitlab_lines(pipeline: dict[str, Any]) -> list[str]:
    lines = list(pipeline.get("default", {}).get("before_script", []))
    for job in pipeline.values():
        if isinstance(job, dict):
            lines += job.get("before_script", []) + job.get("script", [])
    return lines


def commands(line: str) -> list[list[str]]:
    """'a x && b y > f' -> [['a', 'x'], ['b', 'y']], CI expressions replaced by sample values."""
    line = re.sub(r"\$\{\{[^}]*\}\}", "1", line)
    line = re.sub(r"\$\{?[A-Z_]+\}?", "1", line)
    out = []
    for part in re.split(r"&&|\|\||;|\|", line):
        words = shlex.split(part.split(">")[0])
        if words and words[0] == "sudo":
            words = words[1:]
        if words[:3] == ["python", "-m", "pip"]:
            words = ["pip", *words[3:]]
        if words:
            out.append(words)
    return out


def all_commands() -> list[tuple[str, list[str]]]:
    found = []
    for path in GITHUB:
        found += [(path.name, c) for line in github_lines(yaml.safe_load(path.read_text())) for c in commands(line)]
    found += [(GITLAB.name, c) for line in gitlab_lines(yaml.safe_load(GITLAB.read_text())) for c in commands(line)]
    return found


def test_templates_parse_and_use_known_actions() -> None:
    for path in GITHUB:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["jobs"], path
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "run" in step or step.get("uses") in ACTIONS, (path.name, step)
    pipeline = yaml.safe_load(GITLAB.read_text())
    assert {"check", "media", "build"} <= set(pipeline)


def test_every_command_exists_with_the_options_it_is_given() -> None:
    parser = cli.make_parser()
    called = set()
    for where, words in all_commands():
        program = words[0]
        called.add(program)
        if program == "pillole":
            assert words[1] in cli.COMMANDS, (where, words)
            try:
                parser.parse_args(words[1:])
            except SystemExit:
                pytest.fail(f"{where}: pillole does not accept {shlex.join(words)}")
        elif program == "mkdocs":
            assert words[1] == "build" and set(words[2:]) <= {"--strict"}, (where, words)
            assert shutil.which("mkdocs", path=str(Path(sys.executable).parent))
        elif program == "pip":
            assert words[1:] == ["install", "."], (where, words)
        else:
            assert program in OTHER_PROGRAMS, (where, words)
    assert {"pillole", "mkdocs", "pip"} <= called


def test_checks_report_in_each_platform_format_and_the_site_is_an_artifact() -> None:
    lines = [shlex.join(c) for _, c in all_commands()]
    assert "pillole check --format github" in lines and "pillole check --format gitlab" in lines
    assert "pillole media --shard 1/1" in lines  # sharded variants (values substituted)
    simple = yaml.safe_load(GITHUB[0].read_text())["jobs"]["build"]["steps"]
    assert any(s.get("with", {}).get("path") == "site/" for s in simple if s.get("uses", "").startswith("actions/upload"))
    pipeline = yaml.safe_load(GITLAB.read_text())
    assert pipeline["build"]["artifacts"]["paths"] == ["site/"]
    assert pipeline["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def test_media_cache_is_keyed_on_the_recordings_and_restored_by_prefix() -> None:
    for path in GITHUB:
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/cache"):
                    key, restore = step["with"]["key"], step["with"]["restore-keys"]
                    assert step["with"]["path"] == ".cache/pillole"
                    assert "hashFiles(" in key and all(f"content/**/{g}" in key for g in MEDIA_GLOBS)
                    assert key.startswith(restore.strip())
    pipeline = yaml.safe_load(GITLAB.read_text())
    assert pipeline["build"]["cache"]["paths"] == [".cache/pillole/"]
    assert pipeline["media"]["cache"]["policy"] == "pull" and pipeline["media"]["parallel"] >= 2
