"""Dates and contributors from git: a fixture repository with commits of known dates, a
shallow clone of it, and a folder that is not a checkout at all."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from support import ENV, Site
from pillole import gitmeta

P = "content/pillole"


def git(cwd: Path, *args: str, when: str | None = None, author: str = "Giulia Rossi") -> str:
    env = {**ENV, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.com",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@example.com"}
    if when:
        env.update(GIT_AUTHOR_DATE=f"{when}T10:00:00+01:00", GIT_COMMITTER_DATE=f"{when}T10:00:00+01:00")
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def commit(site: Site, when: str, author: str, message: str) -> None:
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", message, when=when, author=author)


@pytest.fixture
def repo(site: Site) -> Site:
    """calendario (dated in front-matter) and two undated pills, committed on known days:
    2025-01-10 everything by Giulia; 2025-06-01 'mfa' changed by Marco; 2025-09-15 'phishing' added."""
    git(site.root, "init", "-q", "-b", "main")
    site.pill("mfa", title="MFA", date=None)
    commit(site, "2025-01-10", "Giulia Rossi", "prime pillole")
    site.pill("mfa", title="MFA e password", date=None)
    commit(site, "2025-06-01", "Marco Bianchi", "aggiorna mfa")
    site.pill("phishing", title="Phishing", date=None)
    commit(site, "2025-09-15", "Anna Verdi", "nuova pillola")
    return site


def test_dates_and_contributors_come_from_git(repo: Site) -> None:
    built = repo.build("--strict")
    assert built.returncode == 0, built.stderr
    mfa = repo.page("pillole/mfa/index.html")
    # pill.date defaults to the creation in git; the mentor (Giulia) is named above the player
    assert ('<dt>Pubblicata</dt><dd><time datetime="2025-01-10">10 gennaio 2025</time></dd></div>'
            '<div class="pillole-meta__row"><dt>Aggiornata</dt><dd><time datetime="2025-06-01">1 giugno 2025</time></dd></div>'
            '<div class="pillole-meta__row"><dt>Ha collaborato</dt><dd><a href="../../persone/marco-bianchi.html">Marco Bianchi</a>'
            '</dd></div>') in mfa
    # front-matter `date` wins over git's creation date; only the mentor committed to it
    calendario = repo.page("pillole/calendario/index.html")
    assert '<dt>Pubblicata</dt><dd><time datetime="2026-03-29">' in calendario
    assert "collaborato" not in calendario and "Aggiornata" not in calendario
    # Anna Verdi is not a person of the registry: a learner sees no name to follow
    phishing = repo.page("pillole/phishing/index.html")
    assert "Anna Verdi" not in phishing and "collaborato" not in phishing
    # 'latest pills' follow the git dates of undated pills
    listing = repo.page("pillole/index.html")
    order = [listing.index(f'data-pill="{slug}"') for slug in ("calendario", "phishing", "mfa")]
    assert order == sorted(order)
    assert "shallow" not in built.stderr


def test_shallow_clone_uses_the_commits_it_has_and_says_so(repo: Site, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    shallow = Site(clone)
    built = shallow.build("--strict")
    assert built.returncode == 0, built.stderr
    assert (f"INFO    -  {P}: shallow git clone: creation dates and contributors come from the 1 commit(s) "
            "available; clone the whole history for exact dates") in built.stderr
    mfa = shallow.page("pillole/mfa/index.html")
    assert '<dt>Pubblicata</dt><dd><time datetime="2025-09-15">' in mfa and "Anna Verdi" not in mfa


def test_outside_a_checkout_dates_come_from_file_times(site: Site) -> None:
    site.pill("calendario", date=None)
    folder = site.content / "pillole" / "calendario"
    stamp = dt.datetime(2024, 5, 6, 12).timestamp()
    for file in folder.iterdir():
        os.utime(file, (stamp, stamp))
    assert gitmeta.read_history(site.content / "pillole").source == "mtime"
    assert site.build("--strict").returncode == 0
    page = site.page("pillole/calendario/index.html")
    assert '<dt>Pubblicata</dt><dd><time datetime="2024-05-06">6 maggio 2024</time>' in page


def test_one_git_log_for_the_whole_site(repo: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(argv, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(argv)
        return real(argv, *args, **kwargs)

    monkeypatch.setattr(gitmeta.subprocess, "run", spy)
    (repo.root / ".mailmap").write_text("Anna Verdi-Neri <a@example.com> Anna Verdi <a@example.com>\n")
    history = gitmeta.read_history(repo.content / "pillole")
    assert [argv[-1] for argv in calls] == ["--show-toplevel", "HEAD", "."]  # rev-parse twice, then one log
    assert history.source == "git" and history.commits == 3
    assert history.pills["mfa"].contributors == ["Giulia Rossi", "Marco Bianchi"]
    assert (history.pills["phishing"].created, history.pills["phishing"].updated) == (dt.date(2025, 9, 15),) * 2
    assert history.pills["phishing"].contributors == ["Anna Verdi-Neri"]  # .mailmap applies


def test_a_rebuild_reuses_the_log_until_head_or_mailmap_change(repo: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` builds again in the same process: the log is read again only when there
    is a new commit or a new .mailmap; a folder not committed yet still gets its file times."""
    logs: list[list[str]] = []
    real = subprocess.run

    def spy(argv, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "log" in argv:
            logs.append(argv)
        return real(argv, *args, **kwargs)

    monkeypatch.setattr(gitmeta.subprocess, "run", spy)
    pills = repo.content / "pillole"
    first = gitmeta.read_history(pills)
    repo.pill("nuova", date=None)
    again = gitmeta.read_history(pills)
    assert len(logs) == 1 and again.pills["mfa"] == first.pills["mfa"]
    assert again.pills["nuova"].created == dt.date.today()  # from the file times
    (repo.root / ".mailmap").write_text("Anna Verdi-Neri <a@example.com> Anna Verdi <a@example.com>\n")
    assert gitmeta.read_history(pills).pills["phishing"].contributors == ["Anna Verdi-Neri"]
    commit(repo, "2025-10-01", "Luca Neri", "nuova")
    assert gitmeta.read_history(pills).pills["nuova"].created == dt.date(2025, 10, 1)
    assert len(logs) == 3


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the checkout to another user")
def test_a_checkout_git_refuses_to_read_is_said_at_build(repo: Site) -> None:
    """A CI container whose user does not own the checkout: git refuses ('dubious ownership')."""
    subprocess.run(["chown", "-R", "12345:12345", str(repo.root / ".git")], check=True)
    history = gitmeta.read_history(repo.content / "pillole")
    assert history.source == "mtime" and "dubious ownership" in (history.refused or "")
    built = repo.build("--strict")
    assert built.returncode == 0, built.stderr
    assert (f"INFO    -  {P}: git could not read the history (fatal: detected dubious ownership in repository"
            in built.stderr)
    assert "safe.directory" in built.stderr
