"""HTML of the media player of a pill page: native <video>/<audio> plus our small script.

The browser's own player does the hard parts (decoding, fullscreen, accessibility of
the controls); `assets/player.js` adds speeds, resume, deep links, the transcript and the
rendition switch. Everything works without JavaScript except those additions: the
transcript and chapter links are real links (``?t=SECONDS``). Every text is escaped.
"""

from __future__ import annotations

from html import escape

from ..media.captions import plain_text
from ..media.jobs import MediaResult
from ..timecode import format_time

SPEEDS = (1.0, 1.25, 1.5, 2.0)

LABELS: dict[str, dict[str, str]] = {
    "it": {
        "player": "Lettore multimediale",
        "speed": "Velocità",
        "quality": "Qualità",
        "chapters": "Capitoli",
        "transcript": "Trascrizione",
        "captions": "Sottotitoli",
        "captions_auto": "Sottotitoli automatici",
        "transcript_auto": "Trascrizione automatica",
        "thumbnails": "Anteprime",
        "jump": "Vai a",
        "fallback": "Il browser non riesce a riprodurre il file:",
        "download": "scaricalo",
        "unavailable": "Media non disponibile",
        "preparing": "La registrazione è in preparazione: ricarica la pagina tra poco.",
        "keys": "Tasti: spazio o K avvia e mette in pausa, J/L o frecce tornano indietro e vanno "
        "avanti, C sottotitoli, < > velocità, F schermo intero.",
    },
    "en": {
        "player": "Media player",
        "speed": "Speed",
        "quality": "Quality",
        "chapters": "Chapters",
        "transcript": "Transcript",
        "captions": "Captions",
        "captions_auto": "Automatic captions",
        "transcript_auto": "Automatic transcript",
        "thumbnails": "Thumbnails",
        "jump": "Jump to",
        "fallback": "Your browser cannot play this file:",
        "download": "download it",
        "unavailable": "Media not available",
        "preparing": "The recording is being prepared: reload the page in a moment.",
        "keys": "Keys: space or K plays and pauses, J/L or arrows go back and forward, C captions, "
        "< > speed, F fullscreen.",
    },
}

_LANGUAGE_NAMES = {"it": "Italiano", "en": "English"}


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _speed_label(speed: float) -> str:
    return f"{speed:g}×"


def render_player(
    result: MediaResult,
    base_url: str,
    *,
    site_key: str,
    captions_on: bool = True,
    lang: str = "it",
    captions_lang: str | None = None,
) -> str:
    """The player block for `result`, its files published under the relative `base_url`.

    `base_url` is where the names of `result.files()` live, relative to the page (e.g.
    ``"media/"``). `site_key` namespaces what the browser remembers (resume position,
    speed) so two Pillole sites on one intranet host do not mix. `captions_lang` is the
    language of the captions track (default: the site language).
    """
    labels = LABELS.get(lang, LABELS["it"])
    track_lang = captions_lang or lang

    def url(name: str) -> str:
        return _attr(base_url + name)

    tracks = []
    if result.captions_vtt:
        kind = "captions_auto" if result.auto_captions else "captions"  # made by speech recognition
        caption_label = f"{labels[kind]} ({_LANGUAGE_NAMES.get(track_lang, track_lang)})"
        tracks.append(
            f'<track kind="captions" src="{url(result.captions_vtt.name)}" srclang="{_attr(track_lang)}" '
            f'label="{_attr(caption_label)}"{" default" if captions_on else ""}>'
        )
    if result.chapters_vtt:
        tracks.append(
            f'<track kind="chapters" src="{url(result.chapters_vtt.name)}" srclang="{_attr(lang)}" '
            f'label="{_attr(labels["chapters"])}">'
        )
    if result.thumbnails_vtt:
        tracks.append(f'<track kind="metadata" src="{url(result.thumbnails_vtt)}" label="thumbnails">')

    if result.kind == "audio":
        assert result.audio
        download = result.audio
        sources = [f'<source src="{url(result.audio)}" type="audio/mp4">']
        waveform = f'<img class="pillole-waveform" src="{url(result.waveform)}" alt="">' if result.waveform else ""
        element = "audio"
        extra = ""
    else:
        download = result.renditions[0].path
        sources = [
            f'<source src="{url(r.path)}" type="video/mp4" data-height="{r.height}">' for r in result.renditions
        ]
        waveform = ""
        element = "video"
        extra = f' playsinline poster="{url(result.poster)}"' if result.poster else " playsinline"
        if result.width and result.height:
            extra += f' width="{result.width}" height="{result.height}"'
    fallback = f'<p>{escape(labels["fallback"])} <a href="{url(download)}">{escape(labels["download"])}</a></p>'
    media = (
        f'<{element} controls preload="metadata"{extra}>'
        + "".join(sources)
        + "".join(tracks)
        + fallback
        + f"</{element}>"
    )

    speeds = "".join(
        f'<button type="button" data-speed="{s:g}" aria-pressed="{"true" if s == 1 else "false"}">'
        f"{_speed_label(s)}</button>"
        for s in SPEEDS
    )
    controls = (
        f'<div class="pillole-controls"><div class="pillole-speeds" role="group" '
        f'aria-label="{_attr(labels["speed"])}"><span aria-hidden="true">{escape(labels["speed"])}</span>{speeds}</div>'
    )
    if len(result.renditions) > 1:
        options = "".join(
            f'<option value="{url(r.path)}" data-height="{r.height}">{r.height}p</option>' for r in result.renditions
        )
        controls += (
            f'<label class="pillole-quality">{escape(labels["quality"])} '
            f"<select data-rendition>{options}</select></label>"
        )
    controls += "</div>"

    return (
        f'<div class="pillole-player pillole-player--{element}" data-pillole-player '
        f'data-site="{_attr(site_key)}" data-media-id="{_attr(result.id)}" '
        f'data-captions="{"on" if captions_on else "off"}" role="region" aria-label="{_attr(labels["player"])}" '
        f'tabindex="-1">'
        + waveform
        + media
        + controls
        + f'<p class="pillole-keys">{escape(labels["keys"])}</p>'
        + _chapters_html(result, labels)
        + _transcript_html(result, labels)
        + "</div>"
    )


def _seek_link(seconds: float, text: str, labels: dict[str, str], cls: str, end: float | None = None) -> str:
    end_attr = f' data-end="{end:.3f}"' if end is not None else ""
    stamp = format_time(seconds)
    return (
        f'<a class="{cls}" href="?t={int(seconds)}" data-seek="{seconds:.3f}"{end_attr} '
        f'aria-label="{_attr(labels["jump"] + " " + stamp + ": " + text)}">'
        f'<span class="pillole-time">{stamp}</span> <span class="pillole-text">{escape(text)}</span></a>'
    )


def _chapters_html(result: MediaResult, labels: dict[str, str]) -> str:
    if not result.chapters:
        return ""
    items = "".join(
        f"<li>{_seek_link(c.at, c.title, labels, 'pillole-chapter')}</li>" for c in result.chapters
    )
    return (
        f'<nav class="pillole-chapters" aria-label="{_attr(labels["chapters"])}">'
        f'<h2>{escape(labels["chapters"])}</h2><ol>{items}</ol></nav>'
    )


def _transcript_html(result: MediaResult, labels: dict[str, str]) -> str:
    if not result.cues:
        return ""
    heading = labels["transcript_auto" if result.auto_captions else "transcript"]
    items = "".join(
        f"<li>{_seek_link(cue.start, plain_text(cue.text), labels, 'pillole-cue', cue.end)}</li>"
        for cue in result.cues
        if plain_text(cue.text)
    )
    return (
        f'<section class="pillole-transcript" aria-label="{_attr(heading)}">'
        f'<h2>{escape(heading)}</h2><ol>{items}</ol></section>'
    )


def render_unavailable(lang: str = "it", preparing: bool = False) -> str:
    """The media slot when a recording failed (failures as warnings) or is still transcoding."""
    labels = LABELS.get(lang, LABELS["it"])
    state = "preparing" if preparing else "unavailable"
    return f'<p class="pillole-media-{state}" role="status">{escape(labels[state])}</p>'
