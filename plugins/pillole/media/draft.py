"""`pillole transcribe <pill>`: the automatic captions as a draft .vtt for the mentor to correct.

Speech recognition gets names, acronyms and technical words wrong; a mentor who corrects
the draft and commits it gives colleagues exact captions, which then always win over the
automatic ones. The draft is written beside the recording under a new name and nothing
else changes: an existing file is never overwritten (the file is created exclusively) and
the front-matter is left for the mentor to edit. The transcript comes from the same cache
as the build's automatic captions, so a draft after a build runs no recognition, and a
build after a draft neither.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..model import Catalog
from ..options import Options
from ..schema.fields import suggest
from . import jobs
from .autocaptions import cues_from_words
from .captions import write_webvtt
from .site import media_settings, site_transcriber
from .transcribe import read_transcript

#: The NOTE at the top of a draft (WebVTT comments: players and `pillole check` skip them).
DRAFT_NOTE = {
    "it": ("Sottotitoli automatici (bozza) di {media}, fatti con il modello {model}.\n"
           "Correggi nomi, sigle e parole tecniche; poi nel front-matter scrivi: captions: {name}"),
    "en": ("Automatic captions (draft) of {media}, made with the model {model}.\n"
           "Correct names, acronyms and technical words; then write in the front-matter: captions: {name}"),
}


class DraftError(Exception):
    """Why no draft was written: a sentence for the terminal (exit code 1)."""


def draft_path(media: Path, language: str) -> Path:
    """`registrazione.mp4` -> `registrazione.it.vtt`, beside it."""
    return media.with_name(f"{media.stem}.{language}.vtt")


def write_draft(
    slug: str, catalog: Catalog, docs_dir: Path, project_root: Path, options: Options,
    cache_dir: Path, progress: TextIO | None = sys.stderr,
) -> Path:
    """Transcribe the pill's recording (or take the cached transcript) and write the draft."""
    pill = catalog.pills.get(slug)
    if pill is None:
        close = suggest(slug, list(catalog.pills))
        raise DraftError(f"no pill '{slug}'" + (f"; did you mean '{close}'?" if close else ""))
    owner = catalog.pills[pill.parent] if pill.parent else pill  # a clip: the webinar's recording
    if not owner.media:
        raise DraftError(f"pill '{slug}' has no recording ('media:' is not set)")
    transcriber = site_transcriber(project_root, options)
    if transcriber is None:
        raise DraftError("automatic captions are off: set 'transcribe_model' in mkdocs.yml "
                         "(see the README, 'Automatic captions')")
    language = owner.language or catalog.settings.language
    media = Path(docs_dir) / owner.folder / owner.media
    target = draft_path(media, language)
    if target.exists():
        raise DraftError(f"{target.name} already exists beside {owner.media}; it is not overwritten "
                         "(rename or delete it to make a new draft)")
    request = jobs.MediaRequest(owner.slug, media, language=language)
    the_plan = jobs.plan([request], cache_dir, media_settings(options), transcriber=transcriber)
    job = the_plan.jobs[0]
    if job.error:
        raise DraftError(str(job.error))
    job.selected = False  # recognition only: transcoding is the build's work
    summary = jobs.run(the_plan, progress=progress)
    if summary.failures:
        raise DraftError(str(summary.failures[0].error))
    if job.transcript is None:
        raise DraftError(f"{owner.media} has no sound to transcribe")
    assert job.info is not None
    cues = cues_from_words(read_transcript(job.transcript).words, job.info.duration)
    if not cues:
        raise DraftError(f"no speech was recognised in {owner.media}")
    note = DRAFT_NOTE.get(catalog.settings.language, DRAFT_NOTE["en"]).format(
        media=owner.media, model=transcriber.model.name, name=target.name)
    text = write_webvtt(cues).replace("WEBVTT\n", f"WEBVTT\n\nNOTE\n{note}\n", 1)
    try:
        with open(target, "x", encoding="utf-8") as out:  # "x": never replace a file
            out.write(text)
    except FileExistsError:
        raise DraftError(f"{target.name} appeared meanwhile; it is not overwritten") from None
    except OSError as exc:
        raise DraftError(f"cannot write {target}: {exc.strerror}") from None
    return target
