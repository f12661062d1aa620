"""`pillole new`: flags, questions (a fake stream and a real pty), then `pillole check` at once."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from support import ENV, Site, run
from pillole import scaffold
from pillole.content import load_catalog

NEW = "content/pillole/sicurezza-dell-account-e-mfa/index.md"
TITLE = "Sicurezza dell'account è MFA"


def new(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "pillole.cli", "new", *args], site.root)


def test_new_with_flags_passes_check_and_strict_build(site: Site) -> None:
    made = new(site, TITLE, "--summary", "Password: una sola non basta", "--mentor", "Giulia Rossi",
               "--tags", "nuvola, sicurezza", "--area", "tecnologia", "--level", "intermedio",
               "--audience", "vendite")
    assert made.returncode == 0, made.stderr
    assert f"Created {NEW}" in made.stdout
    text = (site.root / NEW).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Sicurezza dell'account è MFA\nsummary: 'Password: una sola non basta'\n"
                           "mentor: giulia-rossi\naudience: [vendite]\ntags: [cloud, sicurezza]\n"
                           "area: tecnologia\nlevel: intermedio\n---\n")
    checked = site.check()
    assert checked.returncode == 0 and checked.stdout.endswith("2 pills, 3 tags, 2 people; no problems\n")
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    assert "Sicurezza dell&#x27;account è MFA" in site.page("pillole/sicurezza-dell-account-e-mfa/index.html")


def test_new_copies_the_recording_and_its_captions(site: Site, tmp_path: Path) -> None:
    talk = tmp_path / "registrazione.mp4"
    talk.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (tmp_path / "registrazione.it.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nCiao\n", encoding="utf-8")
    made = new(site, "Con video", "--summary", "S", "--mentor", "giulia-rossi", "--tags", "cloud",
               "--area", "tecnologia", "--media", str(talk))
    assert made.returncode == 0, made.stderr
    folder = site.content / "pillole" / "con-video"
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "registrazione.it.vtt", "registrazione.mp4"]
    assert "media: registrazione.mp4\ncaptions: registrazione.it.vtt\n" in (folder / "index.md").read_text()
    assert "has no captions" not in site.check().stdout


def test_new_refuses_to_overwrite_and_explains_what_is_missing(site: Site) -> None:
    before = (site.content / "pillole/calendario/index.md").read_text()
    again = new(site, "Calendario", "--summary", "S", "--mentor", "giulia-rossi", "--tags", "cloud",
                "--area", "tecnologia")
    assert again.returncode == 2
    assert again.stderr == ("pillole new: content/pillole/calendario already exists; "
                            "choose another title, or edit that pill\n")
    assert (site.content / "pillole/calendario/index.md").read_text() == before
    lacking = new(site, "Nuova", "--mentor", "giulia-rossi")
    assert lacking.returncode == 2
    assert lacking.stderr == "pillole new: missing --summary, --tags, --area (not in a terminal: nothing is asked)\n"
    typo = new(site, "Nuova", "--mentor", "giulia-rosi", "--tags", "clud")
    assert typo.stderr == "pillole new: 'giulia-rosi' is not a known person; did you mean 'giulia-rossi'?\n"
    assert not (site.content / "pillole/nuova").exists()


def test_questions_reask_with_suggestions(site: Site) -> None:
    catalog = load_catalog(site.content)
    answers = io.StringIO("\n".join([
        "",                 # summary is required: asked again
        "Una frase",
        "giula",            # unknown: did you mean
        "1",                # giulia-rossi by number
        "2, nuvola",        # calendario by number, cloud by alias
        "tecnologie",       # area typo
        "Innovazione",      # by label
        "",                 # technique: the default
        "3",                # level: avanzato
        "Direzione vendite, marco-bianchi",
        "",                 # no media
    ]) + "\n")
    out = io.StringIO()
    result = scaffold.ask_missing(scaffold.NewPill("Titolo"), catalog, scaffold.Prompter(answers, out))
    shown = out.getvalue()
    assert "an answer is required" in shown
    assert "'giula' is not a known person; did you mean 'giulia-rossi'?" in shown
    assert "'tecnologie' is not a known area; did you mean 'tecnologia'?" in shown
    assert "   1) giulia-rossi                 Giulia Rossi" in shown
    assert (result.summary, result.mentors, result.tags, result.area, result.technique, result.level,
            result.audience, result.media) == ("Una frase", ["giulia-rossi"], ["calendario", "cloud"], "innovazione",
                                               "individuale", "avanzato", ["vendite", "marco-bianchi"], None)


def test_questions_in_a_real_terminal(site: Site) -> None:
    """Through a pty, as a mentor types: the result passes `pillole check`."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pillole.cli", "new", "Da terminale"], cwd=site.root,
                            env=ENV, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    answers = ["Una pillola scritta rispondendo alle domande", "giulia-rossi", "sicurezza", "1", "", "", "", ""]
    os.write(master, ("\n".join(answers) + "\n").encode())
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    assert proc.wait(timeout=30) == 0, output.decode()
    text = output.decode()
    assert "Mentor (numbers, ids or names" in text and "Created content/pillole/da-terminale/index.md" in text
    checked = site.check()
    assert checked.returncode == 0 and "no problems" in checked.stdout, checked.stdout
