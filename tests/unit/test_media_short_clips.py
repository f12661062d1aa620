"""Very short recordings (a second or less) still get a poster: regression tests."""

from __future__ import annotations

from pillole.media.commands import poster_window


def test_short_recording_uses_all_of_itself_for_the_poster() -> None:
    assert poster_window(0.4) == (0.0, 0.4)
    assert poster_window(3.0) == (0.0, 3.0)


def test_long_recording_skips_the_lead_in() -> None:
    offset, length = poster_window(600.0)
    assert offset > 2 and length == 10.0
