"""Timed words -> readable caption cues: sentences, sizes, reading speed, trims, escaping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pillole.media.autocaptions import (
    LINE_CHARS,
    MAX_CHARS,
    MAX_SECONDS,
    READING_CPS,
    Word,
    cues_from_words,
    words_in,
    wrap_lines,
)
from pillole.media.captions import parse_webvtt, plain_text, write_webvtt


def spoken(text: str, start: float = 0.0, per_word: float = 0.4, gaps: dict[int, float] | None = None) -> list[Word]:
    """Words as a recogniser returns them (leading space), `per_word` seconds each."""
    words, at = [], start
    for index, token in enumerate(text.split()):
        at += (gaps or {}).get(index, 0.0)
        words.append(Word(at, at + per_word * 0.9, " " + token))
        at += per_word
    return words


def test_one_cue_per_sentence() -> None:
    cues = cues_from_words(spoken("Buongiorno a tutti. Oggi parliamo di calendari condivisi."))
    assert [plain_text(c.text) for c in cues] == ["Buongiorno a tutti.", "Oggi parliamo di calendari condivisi."]
    assert cues[0].end <= cues[1].start  # never overlapping


def test_a_long_sentence_is_split_at_the_comma_nearest_the_middle() -> None:
    text = ("Quando crei un evento nel calendario condiviso del gruppo, i colleghi invitati lo ricevono "
            "subito e possono accettare o proporre un altro orario.")
    cues = cues_from_words(spoken(text, per_word=0.3))
    assert plain_text(cues[0].text).replace("\n", " ").endswith("del gruppo,")
    assert all(len(plain_text(c.text).replace("\n", " ")) <= MAX_CHARS for c in cues)
    assert " ".join(plain_text(c.text).replace("\n", " ") for c in cues) == text


def test_a_long_pause_ends_a_cue_even_without_punctuation() -> None:
    cues = cues_from_words(spoken("allora vediamo adesso apriamo il calendario", gaps={3: 2.0}))
    assert [plain_text(c.text) for c in cues] == ["allora vediamo adesso", "apriamo il calendario"]


def test_no_cue_lasts_longer_than_the_limit_even_when_spoken_slowly() -> None:
    cues = cues_from_words(spoken("uno due tre quattro cinque sei sette otto nove dieci", per_word=1.5))
    assert len(cues) > 1
    assert all(c.end - c.start <= MAX_SECONDS for c in cues)


def test_a_short_fast_cue_stays_on_screen_long_enough_to_be_read() -> None:
    words = [Word(0.0, 0.3, " Perfetto,"), Word(0.3, 0.6, " grazie."), Word(5.0, 5.5, " Poi.")]
    first = cues_from_words(words)[0]
    assert first.end - first.start >= len("Perfetto, grazie.") / READING_CPS  # extended into the silence


def test_reading_time_never_pushes_a_cue_over_the_next_one() -> None:
    words = [Word(0.0, 0.2, " Sì."), Word(0.25, 0.5, " No."), Word(0.55, 0.8, " Forse.")]
    cues = cues_from_words(words)
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


def test_elided_words_are_glued_and_never_split() -> None:
    words = [Word(0.0, 0.2, " Un"), Word(0.2, 0.6, "'unione"), Word(0.6, 0.9, " veloce.")]
    assert plain_text(cues_from_words(words)[0].text) == "Un'unione veloce."


def test_two_balanced_lines_of_at_most_42_characters() -> None:
    text = "La funzione più utile è la vista delle disponibilità dei colleghi"
    wrapped = wrap_lines(text)
    first, second = wrapped.split("\n")
    assert len(first) <= LINE_CHARS and len(second) <= LINE_CHARS
    assert abs(len(first) - len(second)) < 12
    assert wrap_lines("Breve.") == "Breve."


def test_recognised_text_is_escaped_for_webvtt() -> None:
    cues = cues_from_words([Word(0, 1, " a<b>"), Word(1, 2, " -->"), Word(2, 3, " R&D.")])
    vtt = write_webvtt(cues)
    assert "<b>" not in vtt and "-->" not in vtt.split("\n", 3)[3]
    assert plain_text(parse_webvtt(vtt)[0].text) == "a<b> --> R&D."


def test_a_segment_keeps_only_its_words_retimed_from_its_start() -> None:
    words = spoken("Primo pezzo detto. Secondo pezzo detto.", per_word=1.0)  # words at 0, 1, 2, 3, 4, 5 s
    inside = words_in(words, 2.9, 6.0)
    assert [w.text.strip() for w in inside] == ["Secondo", "pezzo", "detto."]
    assert abs(inside[0].start - 0.1) < 1e-9 and inside[-1].end <= 3.1
    clamped = words_in(words, 3.3)  # "Secondo" (3.0-3.9 s) is mostly inside: kept, clamped to the cut
    assert clamped[0].start == 0.0 and clamped[0].text == " Secondo"
    assert words_in(words, 3.5)[0].text == " pezzo"  # mostly outside: left to the part before


@given(st.lists(st.tuples(st.floats(0.05, 3.0), st.floats(0.0, 2.0), st.sampled_from(
    [" parola", " lunghissimaparola", " e", " fine.", " dunque,", " bene!", "'elisa"])), min_size=1, max_size=60))
def test_cues_always_in_order_within_limits_and_losing_no_word(spec) -> None:
    words, at = [], 0.0
    for length, gap, text in spec:
        at += gap
        words.append(Word(at, at + length, text))
        at += length
    cues = cues_from_words(words)
    assert all(c.start < c.end for c in cues)
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    glued = " ".join("".join(w.text for w in words).split())
    assert " ".join(plain_text(c.text).replace("\n", " ") for c in cues) == glued
    for cue in cues:
        if " " in plain_text(cue.text):  # a single word longer than the limits stays whole
            assert len(plain_text(cue.text)) <= MAX_CHARS
