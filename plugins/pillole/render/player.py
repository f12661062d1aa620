"""The media player of a pill page, as data for `pillole/player.html`.

The browser's own <video>/<audio> does the hard parts (decoding, fullscreen, accessibility of
the controls); `assets/player.js` adds speeds, resume, deep links, the transcript and the
rendition switch. Everything works without JavaScript except those additions: the transcript
and chapter links are real links (``?t=SECONDS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import LABELS, Labels
from ..media.captions import plain_text
from ..media.jobs import MediaResult
from .templates import Renderer

SPEEDS = (1.0, 1.25, 1.5, 2.0)


@dataclass(frozen=True)
class Line:
    """A transcript line or a chapter: where it starts (and ends), and its text."""

    start: float
    text: str
    end: float | None = None


@dataclass(frozen=True)
class Player:
    """Everything `pillole/player.html` shows; file names are relative to `base`."""

    result: MediaResult
    #: where the files of `result.files()` are published (a source folder, or a URL prefix)
    base: str
    captions_on: bool
    captions_lang: str
    captions_label: str
    speeds: tuple[float, ...]
    chapters: tuple[Line, ...]
    transcript: tuple[Line, ...]

    @property
    def download(self) -> str:
        return self.result.audio if self.result.kind == "audio" else self.result.renditions[0].path  # type: ignore[return-value]


def player(result: MediaResult, base: str, labels: Labels, *, captions_on: bool = True,
           captions_lang: str | None = None) -> Player:
    """The player of `result`, its files published under `base`. `captions_lang` is the
    language of the captions (default: the site's). What the browser remembers (resume
    position, speed) is namespaced per site by core.js."""
    track_lang = captions_lang or labels.language
    language_name = LABELS[track_lang]["language_name"] if track_lang in LABELS else track_lang
    return Player(
        result=result,
        base=base,
        captions_on=captions_on,
        captions_lang=track_lang,
        # captions made by speech recognition say so (hand-written ones always win: jobs.py)
        captions_label=f"{labels('captions_auto' if result.auto_captions else 'captions')} ({language_name})",
        speeds=SPEEDS,
        chapters=tuple(Line(c.at, c.title) for c in result.chapters),
        transcript=tuple(Line(cue.start, text, cue.end) for cue in result.cues if (text := plain_text(cue.text))),
    )


def render_player(result: MediaResult, base_url: str, *, captions_on: bool = True,
                  lang: str = "it", captions_lang: str | None = None) -> str:
    """The player block alone, its files under the relative `base_url` (e.g. "media/")."""
    labels = Labels(lang)
    data = player(result, base_url, labels, captions_on=captions_on, captions_lang=captions_lang)
    return Renderer(labels).render("pillole/player.html", player=data)


def render_unavailable(lang: str = "it", preparing: bool = False) -> str:
    """The media slot when a recording failed (failures as warnings) or is still transcoding."""
    return Renderer(Labels(lang)).render("pillole/media_state.html", state="preparing" if preparing else "unavailable")

