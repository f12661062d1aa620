"""The player HTML: escaping, tracks, transcript, labels in Italian and English."""

from pathlib import Path

from pillole.media.captions import Cue
from pillole.media.jobs import MediaResult, Rendition
from pillole.model import Chapter
from pillole.render.player import render_player

ENTRY = Path("/cache/ab/abc")


def video(**kw) -> MediaResult:
    base = dict(
        id="calendario", kind="video", duration=95.0, width=1920, height=1080, entry=ENTRY,
        renditions=(Rendition(1080, 1920, "video-1080.mp4"), Rendition(480, 854, "video-480.mp4")),
        poster="poster.jpg", sprite="sprite.jpg", thumbnails_vtt="thumbnails.vtt",
        captions_vtt=Path("/cache/cd/cde/captions.vtt"), chapters_vtt=Path("/cache/ef/efg/chapters.vtt"),
        cues=(Cue(1.0, 3.0, "Ciao <b>a tutti</b>"), Cue(92.5, 95.0, "Mai <i>incollare</i> &lt;script&gt;alert(1)&lt;/script&gt;")),
        chapters=(Chapter(0, "Intro"), Chapter(90, 'Domande "finali" & <saluti>')),
    )
    base.update(kw)
    return MediaResult(**base)


def test_video_player_has_sources_tracks_and_poster():
    html = render_player(video(), "media/")
    assert '<video controls preload="metadata" playsinline poster="media/poster.jpg" width="1920" height="1080">' in html
    # the poster is the first thing a learner sees: fetched first, never lazily
    assert '<link rel="preload" as="image" href="media/poster.jpg" fetchpriority="high">' in html
    assert 'loading="lazy"' not in html
    assert '<source src="media/video-1080.mp4" type="video/mp4" data-height="1080">' in html
    assert '<track kind="captions" src="media/captions.vtt" srclang="it" label="Sottotitoli (Italiano)" default>' in html
    assert '<track kind="chapters" src="media/chapters.vtt"' in html
    assert 'data-pillole-player data-media-id="calendario"' in html
    assert '<option value="media/video-480.mp4" data-height="480">480p</option>' in html
    for value, text in (("0.75", "0,75×"), ("1", "Normale (1×)"), ("1.25", "1,25×"), ("2", "2×")):
        assert f'<option value="{value}"' in html and f">{text}</option>" in html
    assert 'data-captions-toggle aria-pressed="true">Sottotitoli</button>' in html


def test_portrait_video_is_letterboxed_not_cropped():
    html = render_player(video(width=1080, height=1920), "media/")
    assert 'width="1080" height="1920" class="pillole-portrait">' in html


def test_everything_is_escaped():
    html = render_player(video(id='x" onload="evil'), "media/")
    assert "<script>" not in html and "Mai incollare &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Domande &#34;finali&#34; &amp; &lt;saluti&gt;" in html
    assert 'data-media-id="x&#34; onload=&#34;evil"' in html


def test_transcript_and_chapters_seek():
    html = render_player(video(), "media/")
    assert ('<li class="pillole-cue" data-start="1.000" data-end="3.000"><a class="pillole-time" href="?t=1" '
            'data-seek="1.000" aria-label="Riproduci da 00:01">00:01</a> <span class="pillole-text">Ciao a tutti</span>'
            in html)
    assert '<a class="pillole-chapter" href="?t=90" data-seek="90.000"' in html
    assert '<details class="pillole-transcript" data-transcript><summary>' in html
    assert "Mostra la trascrizione" in html and "<h2>Capitoli</h2>" in html


def test_english_labels_and_captions_off():
    html = render_player(video(), "media/", lang="en", captions_on=False)
    assert "Show the transcript" in html and "Speed" in html and "Quality" in html and ">1.25×<" in html
    assert 'label="Captions (English)">' in html and " default>" not in html
    assert 'data-captions="off"' in html


def test_audio_player_with_waveform_and_no_rendition_choice():
    memo = MediaResult(id="memo", kind="audio", duration=60, width=None, height=None, entry=ENTRY,
                       audio="audio.m4a", waveform="waveform.png")
    html = render_player(memo, "media/")
    assert '<audio controls preload="metadata"><source src="media/audio.m4a" type="audio/mp4">' in html
    assert '<img class="pillole-waveform" src="media/waveform.png" alt="">' in html
    assert "data-rendition" not in html and "trascrizione" not in html
    memo = MediaResult(id="memo", kind="audio", duration=60, width=None, height=None, entry=ENTRY,
                       audio="audio.m4a", cues=(Cue(1.0, 3.0, "Ciao"),))
    # the transcript is what an audio pill has to read along: open from the start
    assert '<details class="pillole-transcript" data-transcript open>' in render_player(memo, "media/")
    # no picture to draw captions on, no keys for captions or full screen
    assert "data-captions-toggle" not in html and "schermo intero" not in html


def test_result_files_are_the_public_names():
    files = video().files()
    assert files["video-480.mp4"] == ENTRY / "video-480.mp4"
    assert files["captions.vtt"] == Path("/cache/cd/cde/captions.vtt")
    assert set(files) == {"video-1080.mp4", "video-480.mp4", "poster.jpg", "sprite.jpg", "thumbnails.vtt",
                          "captions.vtt", "chapters.vtt"}


def test_unavailable_and_preparing_messages():
    from pillole.render.player import render_unavailable

    assert "La registrazione non è disponibile." in render_unavailable()
    assert "in preparazione" in render_unavailable(preparing=True)
    assert "The recording is not available." in render_unavailable("en")


def test_cache_keys_cover_media_and_tracks():
    from pillole.media.jobs import Summary

    summary = Summary(results={"calendario": video()})
    assert summary.cache_keys() == {"abc", "cde", "efg"}


def test_automatic_captions_are_labelled_as_such():
    auto = video(transcript=Path("/cache/12/123"))
    html = render_player(auto, "media/", captions_lang="en")
    assert 'srclang="en" label="Sottotitoli automatici (English)" default>' in html
    assert "Mostra la trascrizione automatica" in html and ">Sottotitoli automatici</button>" in html
    english = render_player(auto, "media/", lang="en")
    assert 'label="Automatic captions (English)"' in english and "Show the automatic transcript" in english
    assert "automatic" not in render_player(video(), "media/", lang="en").lower()
