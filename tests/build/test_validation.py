"""Every validation rule through a real `mkdocs build` and `pillole check`.

Each case breaks the minimal fixture site in one way and asserts the exact line a mentor
reads (file:line: field: message; hint), the exit code, and that no traceback is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

import pytest

from support import Site, pill_text

P = "content/pillole/calendario/index.md"

CASES: dict[str, tuple[Callable[[Site], object], str]] = {
    "yaml-syntax": (
        lambda s: s.pill("calendario", "---\ntitle: [Il calendario\nsummary: x\n---\nTesto\n"),
        f"{P}:3: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'; "
        "check the indentation, and put values with ':' or '#' in quotes",
    ),
    "front-matter-not-closed": (
        lambda s: s.pill("calendario", "---\ntitle: Il calendario\nTesto\n"),
        f"{P}:1: the front-matter that starts on line 1 is never closed; add a line with only '---' after the last field",
    ),
    "no-front-matter": (
        lambda s: s.pill("calendario", "# Il calendario\n\nTesto\n"),
        f"{P}: has no front-matter; start the file with '---', the fields (title, summary, mentor, tags, area), then '---'",
    ),
    "duplicate-key": (
        lambda s: s.pill("calendario", pill_text() .replace("area: tecnologia", "area: tecnologia\ntitle: Altro")),
        f"{P}:8: 'title' is written twice (first on line 2); keep only one of them",
    ),
    "missing-title": (
        lambda s: s.pill("calendario", title=None),
        f"{P}: title: is required; add 'title: ...'",
    ),
    "empty-summary": (
        lambda s: s.pill("calendario", summary=" "),
        f"{P}:3: summary: is empty; write a value after 'summary:'",
    ),
    "title-wrong-type": (
        lambda s: s.pill("calendario", title=["a", "b"]),
        f"{P}:2: title: must be text, not a list; write it on one line, in quotes if needed",
    ),
    "unknown-key": (
        lambda s: s.pill("calendario", levl="base"),
        f"{P}:8: levl: 'levl' is not a known field; did you mean 'level'?",
    ),
    "unknown-mentor": (
        lambda s: s.pill("calendario", mentor="giulia-rosi"),
        f"{P}:4: mentor: 'giulia-rosi' is not a known person; did you mean 'giulia-rossi'?",
    ),
    "unknown-audience": (
        lambda s: s.pill("calendario", audience=["marco-bianchi", "vendit"]),
        f"{P}:10: audience[1]: 'vendit' is not a known person or team; did you mean 'vendite'?",
    ),
    "mentor-is-a-team": (
        lambda s: s.pill("calendario", mentor="vendite"),
        f"{P}:4: mentor: 'vendite' is not a known person; add 'vendite' to content/people.yml or fix the id",
    ),
    "unknown-tag": (
        lambda s: s.pill("calendario", tags=["clud"]),
        f"{P}:6: tags[0]: 'clud' is not a known tag; did you mean 'cloud'?",
    ),
    "no-tags": (
        lambda s: s.pill("calendario", tags=[]),
        f"{P}:5: tags: is empty; give at least one value in 'tags'",
    ),
    "unknown-area": (
        lambda s: s.pill("calendario", area="tecnologie"),
        f"{P}:7: area: 'tecnologie' is not a valid area; did you mean 'tecnologia'? "
        "choose one of: tecnologia, diversita-inclusione, innovazione",
    ),
    "unknown-technique": (
        lambda s: s.pill("calendario", technique="uno-a-uno"),
        f"{P}:8: technique: 'uno-a-uno' is not a valid technique; choose one of: individuale, gruppo, informale",
    ),
    "unknown-level": (
        lambda s: s.pill("calendario", level="esperto"),
        f"{P}:8: level: 'esperto' is not a valid level; choose one of: base, intermedio, avanzato",
    ),
    "media-missing": (
        lambda s: s.pill("calendario", media="calendario.mp4"),
        f"{P}:8: media: 'calendario.mp4' does not exist in the pill's folder; add the file next to index.md, or fix the name",
    ),
    "media-typo": (
        lambda s: (s.write("pillole/calendario/calendario.mp4", b"x"), s.pill("calendario", media="calendaro.mp4")),
        f"{P}:8: media: 'calendaro.mp4' does not exist in the pill's folder; did you mean 'calendario.mp4'?",
    ),
    "captions-missing": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"), s.pill("calendario", media="c.mp4", captions="c.vtt")),
        f"{P}:9: captions: 'c.vtt' does not exist in the pill's folder; add the file next to index.md, or fix the name",
    ),
    "captions-format": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"), s.write("pillole/calendario/c.txt", "x"),
                   s.pill("calendario", media="c.mp4", captions="c.txt")),
        f"{P}:9: captions: 'c.txt' is neither WebVTT (.vtt) nor SRT (.srt); export the captions as .vtt or .srt",
    ),
    "captions-cue-reversed": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"),
                   s.write("pillole/calendario/c.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nCiao\n"),
                   s.pill("calendario", media="c.mp4", captions="c.vtt")),
        "content/pillole/calendario/c.vtt:3: captions: cue ends (00:00:02.000) before it starts (00:00:05.000)",
    ),
    "captions-malformed-timing": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"),
                   s.write("pillole/calendario/c.srt", "1\n00:00:01,000 -> 00:00:02,000\nCiao\n"),
                   s.pill("calendario", media="c.mp4", captions="c.srt")),
        'content/pillole/calendario/c.srt:2: captions: a subtitle without a timing line; '
        'write "00:00:01,000 --> 00:00:04,000"',
    ),
    "media-parent-folder": (
        lambda s: (s.write("pillole/segreto.mp4", b"x"), s.pill("calendario", media="../segreto.mp4")),
        f"{P}:8: media: '../segreto.mp4' points outside the pill's folder; put the file in the pill's folder and write just its name",
    ),
    "media-absolute": (
        lambda s: s.pill("calendario", media="/etc/passwd"),
        f"{P}:8: media: '/etc/passwd' is an absolute path or a URL; put the file in the pill's folder and write just its name",
    ),
    "media-symlink-out": (
        lambda s: (s.pill("calendario", media="link.mp4"),
                   (s.content / "pillole/calendario/link.mp4").symlink_to(s.root / "mkdocs.yml")),
        f"{P}:8: media: 'link.mp4' is a link that points outside the pill's folder; copy the file into the pill's folder instead of linking it",
    ),
    "media-windows-absolute": (
        lambda s: s.pill("calendario", media="C:\\Video\\calendario.mp4"),
        f"{P}:8: media: 'C:\\Video\\calendario.mp4' is an absolute path or a URL; put the file in the pill's folder and write just its name",
    ),
    "media-windows-parent-folder": (
        lambda s: (s.write("pillole/segreto.mp4", b"x"), s.pill("calendario", media="..\\segreto.mp4")),
        f"{P}:8: media: '..\\segreto.mp4' points outside the pill's folder; put the file in the pill's folder and write just its name",
    ),
    "media-network-share": (
        lambda s: s.pill("calendario", media="\\\\server\\video\\c.mp4"),
        f"{P}:8: media: '\\\\server\\video\\c.mp4' is an absolute path or a URL; put the file in the pill's folder and write just its name",
    ),
    "media-url": (
        lambda s: s.pill("calendario", media="https://video.example.com/c.mp4"),
        f"{P}:8: media: 'https://video.example.com/c.mp4' is an absolute path or a URL; put the file in the pill's folder and write just its name",
    ),
    "media-is-a-folder": (
        lambda s: (s.write("pillole/calendario/video/c.mp4", b"x"), s.pill("calendario", media="video")),
        f"{P}:8: media: 'video' is not a file; name a file, not a folder",
    ),
    "media-subfolder-parent": (
        lambda s: (s.write("pillole/altra/c.mp4", b"x"), s.pill("calendario", media="sub/../../altra/c.mp4")),
        f"{P}:8: media: 'sub/../../altra/c.mp4' points outside the pill's folder; put the file in the pill's folder and write just its name",
    ),
    "captions-symlink-out": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"), s.pill("calendario", media="c.mp4", captions="c.vtt"),
                   (s.content / "pillole/calendario/c.vtt").symlink_to(s.root / "mkdocs.yml")),
        f"{P}:9: captions: 'c.vtt' is a link that points outside the pill's folder; copy the file into the pill's folder instead of linking it",
    ),
    "chapters-file-parent-folder": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"), s.write("pillole/capitoli.vtt", "WEBVTT\n"),
                   s.pill("calendario", media="c.mp4", captions=None, chapters="../capitoli.vtt")),
        f"{P}:9: chapters: '../capitoli.vtt' points outside the pill's folder; put the file in the pill's folder and write just its name",
    ),
    "pill-folder-symlink-out": (
        lambda s: ((s.root / "altrove/esterna").mkdir(parents=True), (s.root / "altrove/esterna/index.md").write_text(pill_text()),
                   (s.content / "pillole/esterna").symlink_to(s.root / "altrove/esterna", target_is_directory=True)),
        "content/pillole/esterna: is a link that points outside content/; move the folder into content/pillole/ instead of linking it",
    ),
    "pill-index-symlink-out": (
        lambda s: ((s.root / "fuori.md").write_text(pill_text()), s.write("pillole/esterna/note.txt", "x"),
                   (s.content / "pillole/esterna/index.md").symlink_to(s.root / "fuori.md")),
        "content/pillole/esterna/index.md: is a link that points outside content/; copy the file into the pill's folder instead of linking it",
    ),
    "chapters-without-media": (
        lambda s: s.pill("calendario", chapters=[{"at": "00:00", "title": "Inizio"}]),
        f"{P}:8: chapters: needs a recording; add 'media:' with the file name, or remove this field",
    ),
    "comma-in-flow-mapping": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"),
                   s.pill("calendario", pill_text(media="c.mp4") .replace(
                       "media: c.mp4", "media: c.mp4\nchapters:\n  - {at: '00:16', title: Ascolto, idee e prototipo}"))),
        f"{P}:10: chapters[0].idee e prototipo: 'idee e prototipo' is not a known field; "
        'if a value contains a comma, put it in quotes: title: "a, b"',
    ),
    "chapters-order": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"),
                   s.pill("calendario", media="c.mp4", chapters=[{"at": "00:30", "title": "A"}, {"at": "00:10", "title": "B"}])),
        f"{P}:12: chapters[1].at: 00:10 does not come after the previous chapter; list chapters in time order",
    ),
    "bad-time": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"), s.pill("calendario", media="c.mp4", trim={"start": "1:75"})),
        f"{P}:10: trim.start: '1:75' has 75 seconds (at most 59); write a time as \"SS\", \"MM:SS\" or \"HH:MM:SS\", in quotes",
    ),
    "trim-order": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"x"),
                   s.pill("calendario", media="c.mp4", trim={"start": "00:10", "end": "00:05"})),
        f"{P}:11: trim.end: must come after trim.start; check the two times",
    ),
    "clip-duplicate-slug": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"\0"), s.pill("altra"),
                   s.pill("calendario", media="c.mp4", clips=[{"slug": "altra", "title": "T", "summary": "S", "start": 1, "end": 5}])),
        f"{P}:10: slug: pill id 'altra' is already used by content/pillole/altra/index.md; give this pill another id",
    ),
    "clip-end-before-start": (
        lambda s: (s.write("pillole/calendario/c.mp4", b"\0"),
                   s.pill("calendario", media="c.mp4", clips=[{"slug": "parte-1", "title": "T", "summary": "S", "start": "00:20", "end": "00:10"}])),
        f"{P}:14: clips[0].end: ends at 00:10, not after its start 00:20; the end of a clip must come after its start",
    ),
    "invalid-date": (
        lambda s: s.pill("calendario", pill_text().replace("area: tecnologia", "area: tecnologia\ndate: 2026-02-30")),
        f"{P}:8: date: '2026-02-30' is not a day of the calendar; write an existing date as YYYY-MM-DD",
    ),
    "date-format": (
        lambda s: s.pill("calendario", date="29/03/2026"),
        f"{P}:8: date: '29/03/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-29",
    ),
    "quiz-no-correct-answer": (
        lambda s: s.pill("calendario", quiz=[{"question": "Q?", "answers": [{"text": "a"}, {"text": "b"}]}]),
        f"{P}:10: quiz[0].answers: no answer is marked correct; add 'correct: true' to the right answer(s)",
    ),
    "quiz-empty-answer": (
        lambda s: s.pill("calendario", quiz=[{"question": "Q?", "answers": [{"text": "a", "correct": True}, {"text": ""}]}]),
        f"{P}:13: quiz[0].answers[1].text: is empty; write a value after 'text:'",
    ),
    "quiz-one-answer": (
        lambda s: s.pill("calendario", quiz=[{"question": "Q?", "answers": [{"text": "a", "correct": True}]}]),
        f"{P}:10: quiz[0].answers: needs a list of at least 2 answers; write each answer as '- {{text: ..., correct: true}}'",
    ),
    "folder-name": (
        lambda s: s.pill("Calendario_Nuovo"),
        "content/pillole/Calendario_Nuovo/index.md: folder name 'Calendario_Nuovo' is not a valid pill id; "
        "rename the folder to 'calendario-nuovo' (lowercase letters, digits and '-')",
    ),
    "folder-without-index": (
        lambda s: s.write("pillole/vuota/appunti.txt", "x"),
        "content/pillole/vuota: this pill folder has no index.md; add index.md with the pill's front-matter, or remove the folder",
    ),
    "tag-alias-collision": (
        lambda s: s.write("tags.yml", "- {id: cloud, label: Cloud, aliases: [nuvola]}\n- {id: meteo, label: Meteo, aliases: [nuvola]}\n"),
        "content/tags.yml:2: [1].aliases: alias 'nuvola' is already used by tag 'cloud'; an alias must point to a single tag",
    ),
    "tag-duplicate-id": (
        lambda s: s.write("tags.yml", "- {id: cloud, label: Cloud}\n- {id: cloud, label: Nuvola}\n"),
        "content/tags.yml:2: [1].id: 'cloud' is defined twice; ids must be unique; rename or remove one",
    ),
    "person-unknown-team": (
        lambda s: s.write("people.yml", "teams: []\npeople:\n  - {id: giulia-rossi, name: Giulia Rossi, team: vendite}\n"),
        "content/people.yml:3: people[0].team: 'vendite' is not a team in 'teams:'; add it under 'teams:' or fix the id",
    ),
    "person-without-name": (
        lambda s: s.write("people.yml", "people:\n  - id: giulia-rossi\n    role: Mentor\n"),
        "content/people.yml:2: people[0].name: is required; add 'name: ...'",
    ),
    "not-utf8": (
        lambda s: s.write("pillole/calendario/index.md", pill_text().replace("Il calendario", "Il caffè").encode("latin-1")),
        f"{P}: is not UTF-8 text; save the file as UTF-8",
    ),
    "quiz-correct-not-yes-no": (
        lambda s: s.pill("calendario", quiz=[{"question": "Q?", "answers": [{"text": "a", "correct": "sì"},
                                                                           {"text": "b", "correct": True}]}]),
        f"{P}:12: quiz[0].answers[0].correct: must be true or false, not 'sì'; write 'correct: true'",
    ),
    "registry-invalid-id": (
        lambda s: s.write("people.yml", "people:\n  - {id: giulia-rossi, name: Giulia Rossi}\n  - {id: Marco Bianchi, name: Marco}\n"),
        "content/people.yml:3: people[1].id: 'Marco Bianchi' is not a valid id; use lowercase letters, digits and '-', e.g. 'marco-bianchi'",
    ),
    "person-is-also-a-team": (
        lambda s: s.write("people.yml", "teams:\n  - {id: vendite, name: Vendite}\npeople:\n  - {id: giulia-rossi, name: Giulia}\n"
                                        "  - {id: vendite, name: Vendite}\n"),
        "content/people.yml:5: people[1].id: 'vendite' is both a person and a team; give the person or the team another id",
    ),
    "tag-registry-not-a-list": (
        lambda s: s.write("tags.yml", "cloud: Cloud\n"),
        "content/tags.yml: must be a list of tags; write each tag as '- id: cloud' with 'label:' below it",
    ),
    "people-registry-missing": (
        lambda s: (s.content / "people.yml").unlink(),
        "content/people.yml: the people registry is missing; create content/people.yml (see the README's mentor guide)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_is_reported_by_build_and_check(site: Site, case: str) -> None:
    breaker, expected = CASES[case]
    breaker(site)
    site.assert_rejected(expected)


def test_all_problems_are_reported_at_once(site: Site) -> None:
    site.pill("calendario", mentor="nessuno", tags=["clud"], area="tecno", levl="base")
    checked = site.check()
    errors = [line for line in checked.stdout.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4, checked.stdout
    assert checked.stdout.strip().endswith("4 errors in 1 file")


def test_warnings_fail_only_strict_builds(site: Site) -> None:
    site.pill("calendario", title="Il <b>calendario</b>")
    expected = (f"{P}:2: title: contains HTML markup (<b>); it is shown as plain text; "
                "remove the tags and write plain text")
    checked = site.check()
    assert checked.returncode == 0
    assert f"warning: {expected}" in checked.stdout
    assert site.build().returncode == 0
    strict = site.build("--strict")
    assert strict.returncode == 1
    assert f"WARNING -  {expected}" in strict.stderr


def test_a_summary_longer_than_one_sentence_is_a_warning(site: Site) -> None:
    """The same limit as the studio's form (validate.SUMMARY_MAX_CHARS)."""
    site.pill("calendario", summary="Pianificare " + "riunioni " * 25)
    checked = site.check()
    assert checked.returncode == 0
    assert (f"warning: {P}:3: summary: is 236 characters long, more than 200; keep it to one sentence "
            "and move the details into the text") in checked.stdout


def test_stale_pill_is_a_notice_not_a_failure(site: Site) -> None:
    site.pill("calendario", date=dt.date(2025, 1, 10), review_by=dt.date(2025, 6, 30))
    checked = site.check()
    assert checked.returncode == 0
    assert f"notice: {P}:9: review_by: the pill was due for review on 2025-06-30" in checked.stdout
    assert site.build("--strict").returncode == 0
    page = site.page("pillole/calendario/index.html")
    assert "doveva essere rivista entro il 30 giugno 2025" in page


def test_valid_site_builds_clean(site: Site) -> None:
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    checked = site.check()
    assert checked.returncode == 0
    assert "1 pill, 3 tags, 2 people; no problems" in checked.stdout
