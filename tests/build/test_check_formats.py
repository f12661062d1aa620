"""`pillole check --format ...`: each output checked against its format's own rules, and
the accessibility warning about recordings without captions."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import yaml

from support import REPO, ENV, Site
from pillole.check_formats import github
from pillole.model import ContentError

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:]+)(?:,line=(\d+))?,title=([^,:]+)::([^\r\n]*)$")
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def broken(site: Site) -> Site:
    """Two errors, a warning and a notice, one of them in a folder named with ',' and ':'."""
    site.pill("calendario", mentor="giulia-rosi", title="Il <b>calendario</b>")
    site.pill("x,y:z")
    site.pill("vecchia", review_by=dt.date(2020, 1, 1), date=dt.date(2019, 1, 1))
    return site


def test_human_format_is_the_default(site: Site) -> None:
    human = broken(site).check().stdout.splitlines()
    assert sum(line.startswith("error: ") for line in human) == 2
    assert human[-1] == "Pillole: 1 pill, 3 tags, 2 people; 2 errors, 1 warning in 2 files"


def test_github_annotations_follow_the_workflow_command_syntax(site: Site) -> None:
    result = broken(site).check("--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    annotations = [ANNOTATION.match(line) for line in lines[:-1]]
    assert all(annotations), lines
    found = {(m[1], unescape(m[2]), m[3], unescape(m[5])) for m in annotations if m}
    assert ("error", "content/pillole/calendario/index.md", "4",
            "mentor: 'giulia-rosi' is not a known person; did you mean 'giulia-rossi'?") in found
    assert ("warning", "content/pillole/calendario/index.md", "2",
            "title: contains HTML markup (<b>); it is shown as plain text; remove the tags and write plain text") in found
    assert any(kind == "error" and path == "content/pillole/x,y:z/index.md" and line is None
               for kind, path, line, _ in found)
    assert any(kind == "notice" and "due for review on 2020-01-01" in text for kind, _, _, text in found)
    assert lines[-1] == "Pillole: 1 pill, 3 tags, 2 people; 2 errors, 1 warning in 2 files"


def test_github_escapes_percent_and_newlines() -> None:
    problem = ContentError("content/a,b.md", 3, "title", "100% sure\r\nnot", "fix: it, now")
    line = github([problem])
    assert line == ("::error file=content/a%2Cb.md,line=3,title=Pillole%3A title::"
                    "title: 100%25 sure%0D%0Anot; fix: it, now")


def test_gitlab_code_quality_report_has_the_schema_fields(site: Site) -> None:
    result = broken(site).check("--format", "gitlab")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    assert len(issues) == 4
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"[a-z0-9_-]+", issue["check_name"])
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    mentor = next(i for i in issues if i["check_name"] == "pillole-mentor")
    assert mentor["severity"] == "major" and mentor["location"]["lines"]["begin"] == 4
    assert "2 errors" in result.stderr
    again = json.loads(site.check("--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_json_format(site: Site) -> None:
    data = json.loads(broken(site).check("--format", "json").stdout)
    assert data["ok"] is False and data["summary"] == "2 errors, 1 warning in 2 files"
    assert {p["severity"] for p in data["problems"]} == {"error", "warning", "notice"}
    assert data["counts"] == {"pills": 1, "tags": 3, "people": 2}


def test_media_without_captions_is_an_accessibility_warning(site: Site) -> None:
    site.write("pillole/calendario/c.mp4", b"\0")  # binary, as a recording is (text is refused)
    site.pill("calendario", media="c.mp4")
    checked = site.check()
    assert checked.returncode == 0
    assert ("warning: content/pillole/calendario/index.md:8: media: 'c.mp4' has no captions, so colleagues "
            "who cannot listen miss it; add a WebVTT file next to it") in checked.stdout
    assert "ffmpeg: ffmpeg " in checked.stdout  # which ffmpeg the media pipeline uses


def test_sample_site_has_captions_for_every_recording() -> None:
    result = subprocess.run([sys.executable, "-m", "pillole.cli", "check"], cwd=REPO, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "has no captions" not in result.stdout


def test_pre_commit_hook_runs_pillole_check() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "pillole-check")
    assert hook["entry"] == "pillole check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and re.search(hook["files"], "content/pillole/x/index.md")


def test_git_lfs_pointer_instead_of_the_video_is_a_clear_error(site: Site) -> None:
    site.write("pillole/calendario/c.mp4", "version https://git-lfs.github.com/spec/v1\n"
               "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n")
    site.write("pillole/calendario/c.vtt", "WEBVTT\n")
    site.pill("calendario", media="c.mp4", captions="c.vtt")
    expected = ("content/pillole/calendario/index.md:8: media: 'c.mp4' is a Git LFS pointer, not the file itself "
                "(the real file was not downloaded); run 'git lfs install' then 'git lfs pull'")
    checked = site.check()
    assert checked.returncode == 1 and f"error: {expected}" in checked.stdout
    built = site.build()
    assert built.returncode == 1 and f"ERROR   -  {expected}" in built.stderr
