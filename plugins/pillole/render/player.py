"""The media player of a pill page, as data for `pillole/player.html`.

The browser's own <video>/<audio> does the hard parts (decoding, seeking, fullscreen, the
accessibility of its controls); `pillole/player.html` puts large, labelled controls of our own
under it (play, back 10 seconds, captions, speed, transcript), which `assets/player.js` drives,
and adds resume, deep links (``?t=SECONDS``), the notice for servers that cannot seek and the
transcript that follows playback. Without JavaScript the native controls still play the
recording, and the transcript and chapter times are real links (``?t=SECONDS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import LABELS, Labels
from ..media.captions import plain_text
from ..media.jobs import MediaResult
from ..timecode import clock
from .templates import Renderer

#: The speeds offered: slower first, as many learners want to follow a demonstration calmly.
SPEEDS = (0.75, 1.0, 1.25, 1.5, 2.0)


@dataclass(frozen=True)
class Line:
    """A transcript line or a chapter, its times as the page prints them: `at` and `until`
    for the player's script (seconds, "12.500"), `second` for the link that works without it
    (``?t=12``), `clock` for the learner ("00:12"). Made here, once per line: made by
    template macros at each cue, they were most of the player's rendering (issue 17: 266
    players at 1,000 pills, 0.48 s before, 0.19 s after, under cProfile)."""

    text: str
    at: str
    second: int
    clock: str
    until: str = ""


def line(start: float, text: str, end: float | None = None) -> Line:
    """The line of a cue (`end` given) or of a chapter starting at `start` seconds."""
    return Line(text, f"{start:.3f}", int(start), clock(start), "" if end is None else f"{end:.3f}")


@dataclass(frozen=True)
class Speed:
    """A speed in the menu: the value the browser gets and the text the learner reads ("1,25×")."""

    value: str
    text: str


@dataclass(frozen=True)
class Player:
    """Everything `pillole/player.html` shows; file names are relative to `base`."""

    result: MediaResult
    #: where the files of `result.files()` are published (a source folder, or a URL prefix)
    base: str
    captions_on: bool
    captions_lang: str
    captions_label: str
    speeds: tuple[Speed, ...]
    chapters: tuple[Line, ...]
    transcript: tuple[Line, ...]

    @property
    def download(self) -> str:
        return self.result.audio if self.result.kind == "audio" else self.result.renditions[0].path  # type: ignore[return-value]

    @property
    def captions_button(self) -> bool:
        """Captions show on a video only: an <audio> element has no picture to draw them on
        (its transcript is the text to read along)."""
        return self.result.kind == "video" and self.result.captions_vtt is not None


def speed_text(speed: float, labels: Labels) -> str:
    """1.25 -> "1,25×" in Italian, "1.25×" in English (numbers as the learner writes them);
    1 -> "Normale (1×)"."""
    number = f"{speed:g}"
    text = (number if labels.language == "en" else number.replace(".", ",")) + "×"
    return labels("speed_normal", speed=text) if speed == 1 else text


def player(result: MediaResult, base: str, labels: Labels, *, captions_on: bool = True,
           captions_lang: str | None = None) -> Player:
    """The player of `result`, its files published under `base`. `captions_lang` is the
    language of the captions (default: the site's). What the browser remembers (resume
    position, speed, captions, transcript open) is namespaced per site by core.js."""
    track_lang = captions_lang or labels.language
    language_name = LABELS[track_lang]["language_name"] if track_lang in LABELS else track_lang
    return Player(
        result=result,
        base=base,
        captions_on=captions_on,
        captions_lang=track_lang,
        # captions made by speech recognition say so (hand-written ones always win: jobs.py)
        captions_label=f"{labels('captions_auto' if result.auto_captions else 'captions')} ({language_name})",
        speeds=tuple(Speed(f"{speed:g}", speed_text(speed, labels)) for speed in SPEEDS),
        chapters=tuple(line(c.at, c.title) for c in result.chapters),
        transcript=tuple(line(cue.start, text, cue.end) for cue in result.cues if (text := plain_text(cue.text))),
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
