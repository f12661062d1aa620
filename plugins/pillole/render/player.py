"""HTML of the media player of a pill page: native <video>/<audio> plus our small script.

The browser's own player does the hard parts (decoding, fullscreen, accessibility of
the controls); `assets/player.js` adds speeds, resume, deep links, the transcript and the
rendition switch. Everything works without JavaScript except those additions: the
transcript and chapter links are real links (``?t=SECONDS``). Every text is escaped.
"""

from __future__ import annotations

from html import escape

from ..i18n import LABELS, Labels
from ..media.captions import plain_text
from ..media.jobs import MediaResult
from ..timecode import format_time

SPEEDS = (1.0, 1.25, 1.5, 2.0)



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
    t = Labels(lang)
    track_lang = captions_lang or t.language

    def url(name: str) -> str:
        return _attr(base_url + name)

    tracks = []
    if result.captions_vtt:
        language_name = LABELS[track_lang]["language_name"] if track_lang in LABELS else track_lang
        caption_label = f"{t('captions')} ({language_name})"
        tracks.append(
            f'<track kind="captions" src="{url(result.captions_vtt.name)}" srclang="{_attr(track_lang)}" '
            f'label="{_attr(caption_label)}"{" default" if captions_on else ""}>'
        )
    if result.chapters_vtt:
        tracks.append(
            f'<track kind="chapters" src="{url(result.chapters_vtt.name)}" srclang="{_attr(t.language)}" '
            f'label="{_attr(t("chapters"))}">'
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
    fallback = f'<p>{escape(t("player_fallback"))} <a href="{url(download)}">{escape(t("download"))}</a></p>'
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
        f'aria-label="{_attr(t("speed"))}"><span aria-hidden="true">{escape(t("speed"))}</span>{speeds}</div>'
    )
    if len(result.renditions) > 1:
        options = "".join(
            f'<option value="{url(r.path)}" data-height="{r.height}">{r.height}p</option>' for r in result.renditions
        )
        controls += (
            f'<label class="pillole-quality">{escape(t("quality"))} '
            f"<select data-rendition>{options}</select></label>"
        )
    controls += "</div>"

    return (
        f'<div class="pillole-player pillole-player--{element}" data-pillole-player '
        f'data-site="{_attr(site_key)}" data-media-id="{_attr(result.id)}" '
        f'data-captions="{"on" if captions_on else "off"}" role="region" aria-label="{_attr(t("player"))}" '
        f'tabindex="-1">'
        + waveform
        + media
        + controls
        + f'<p class="pillole-keys">{escape(t("player_keys"))}</p>'
        + _chapters_html(result, t)
        + _transcript_html(result, t)
        + "</div>"
    )


def _seek_link(seconds: float, text: str, t: Labels, cls: str, end: float | None = None) -> str:
    end_attr = f' data-end="{end:.3f}"' if end is not None else ""
    stamp = format_time(seconds)
    return (
        f'<a class="{cls}" href="?t={int(seconds)}" data-seek="{seconds:.3f}"{end_attr} '
        f'aria-label="{_attr(t("jump_to") + " " + stamp + ": " + text)}">'
        f'<span class="pillole-time">{stamp}</span> <span class="pillole-text">{escape(text)}</span></a>'
    )


def _chapters_html(result: MediaResult, t: Labels) -> str:
    if not result.chapters:
        return ""
    items = "".join(
        f"<li>{_seek_link(c.at, c.title, t, 'pillole-chapter')}</li>" for c in result.chapters
    )
    return (
        f'<nav class="pillole-chapters" aria-label="{_attr(t("chapters"))}">'
        f'<h2>{escape(t("chapters"))}</h2><ol>{items}</ol></nav>'
    )


def _transcript_html(result: MediaResult, t: Labels) -> str:
    if not result.cues:
        return ""
    items = "".join(
        f"<li>{_seek_link(cue.start, plain_text(cue.text), t, 'pillole-cue', cue.end)}</li>"
        for cue in result.cues
        if plain_text(cue.text)
    )
    return (
        f'<section class="pillole-transcript" aria-label="{_attr(t("transcript"))}">'
        f'<h2>{escape(t("transcript"))}</h2><ol>{items}</ol></section>'
    )


def render_unavailable(lang: str = "it", preparing: bool = False) -> str:
    """The media slot when a recording failed (failures as warnings) or is still transcoding."""
    state = "preparing" if preparing else "unavailable"
    return f'<p class="pillole-media-{state}" role="status">{escape(Labels(lang)("media_" + state))}</p>'
