"""Automatic captions: the words a speech recogniser heard, timed, into readable WebVTT cues.

Pure text processing (no model, no ffmpeg), so every rule is unit-tested. A recogniser
returns long segments (up to 30 s) that no one can read as one caption; the words with
their own times let us cut where a person would:

* one cue per sentence, a long sentence split at the comma (or the pause, or the word)
  nearest its middle, until every cue fits two lines of `LINE_CHARS` and lasts at most
  `MAX_SECONDS`;
* a cue stays on screen long enough to be read at `READING_CPS` characters per second,
  using the silence after it (never overlapping the next cue);
* a trim or a clip keeps only the words spoken inside it, re-timed from its start, so a
  clip's captions never show a sentence fragment from outside the clip.

The limits follow common subtitling guidelines for Italian (two lines of about 42
characters, 15-17 characters per second for adult viewers, at most about 7 seconds).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .captions import Cue

LINE_CHARS = 42
MAX_CHARS = 2 * LINE_CHARS
MAX_SECONDS = 7.0
READING_CPS = 17.0
MIN_SECONDS = 1.0
#: A silence this long between two words ends a cue even without punctuation.
PAUSE_SECONDS = 1.0
#: Gap left between a cue extended for reading time and the next one.
GAP_SECONDS = 0.04

_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”)\]]*$")
_CLAUSE_END = re.compile(r"[,;:]+[\"'»”)\]]*$")


@dataclass(frozen=True)
class Word:
    """A recognised word, times in seconds on the whole recording.

    `text` is as the recogniser wrote it: a leading space starts a new word, none glues it
    to the previous one (Italian elisions: "un" + "'unione" reads "un'unione").
    """

    start: float
    end: float
    text: str


def words_in(words: Iterable[Word], start: float = 0.0, end: float | None = None) -> list[Word]:
    """Words whose middle falls inside [start, end), re-timed from `start` and clamped to it."""
    out = []
    for word in words:
        middle = (word.start + word.end) / 2
        if middle < start or (end is not None and middle >= end):
            continue
        last = word.end if end is None else min(word.end, end)
        out.append(Word(max(word.start, start) - start, last - start, word.text))
    return out


def _text(words: Sequence[Word]) -> str:
    return " ".join("".join(w.text for w in words).split())


def _fits(words: Sequence[Word]) -> bool:
    return len(_text(words)) <= MAX_CHARS and words[-1].end - words[0].start <= MAX_SECONDS


def _sentences(words: Sequence[Word]) -> list[list[Word]]:
    """Runs of words ending at sentence punctuation or at a long pause (never before a
    word glued to the previous one)."""
    groups: list[list[Word]] = []
    current: list[Word] = []
    ended = False
    for word in words:
        glued = not word.text[:1].isspace()
        if current and not glued and (ended or word.start - current[-1].end >= PAUSE_SECONDS):
            groups.append(current)
            current = []
        current.append(word)
        ended = bool(_SENTENCE_END.search(word.text.rstrip()))
    if current:
        groups.append(current)
    return groups


def _split_point(words: Sequence[Word]) -> int | None:
    """Index of the first word of the second half: a clause end near the middle if any,
    else the longest pause near the middle, else the word boundary nearest the middle
    (None: the words are glued into one, which stays whole)."""
    total = len(_text(words))
    chars, positions = 0, []
    for i, word in enumerate(words[:-1], 1):
        chars += len(word.text)
        if words[i].text[:1].isspace():  # never inside a word glued to the previous one
            positions.append((i, chars))
    if not positions:
        return None

    def balance(item: tuple[int, int]) -> float:
        return abs(item[1] - total / 2) / total  # 0 at the middle, 0.5 at an end

    near_middle = [p for p in positions if balance(p) <= 0.3]
    clauses = [p for p in near_middle if _CLAUSE_END.search(words[p[0] - 1].text)]
    if clauses:
        return min(clauses, key=balance)[0]
    pauses = [p for p in near_middle if words[p[0]].start - words[p[0] - 1].end >= 0.3]
    if pauses:
        return max(pauses, key=lambda p: words[p[0]].start - words[p[0] - 1].end)[0]
    return min(positions, key=balance)[0]


def _fitting(words: list[Word]) -> list[list[Word]]:
    cut = None if _fits(words) else _split_point(words)
    if cut is None:
        return [words]
    return _fitting(words[:cut]) + _fitting(words[cut:])


def wrap_lines(text: str, width: int = LINE_CHARS) -> str:
    """One line if it fits, else two lines split at the space that balances them best."""
    if len(text) <= width:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    best = min(spaces, key=lambda i: (max(i, len(text) - i - 1) > width, abs(len(text) / 2 - i)))
    return text[:best] + "\n" + text[best + 1:]


def cue_text(words: Sequence[Word]) -> str:
    """The caption of `words`, escaped for WebVTT (the recogniser's text is untrusted)."""
    return wrap_lines(html.escape(_text(words), quote=False))


def cues_from_words(words: Sequence[Word], duration: float | None = None) -> list[Cue]:
    """Sentence-sized, readable cues from timed words (times already on the published media)."""
    clean = [Word(w.start, max(w.end, w.start), w.text) for w in words if w.text.strip()]
    groups = [part for sentence in _sentences(clean) for part in _fitting(sentence)]
    cues: list[Cue] = []
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        following = groups[index + 1][0].start - GAP_SECONDS if index + 1 < len(groups) else None
        limit = min(x for x in (following, duration, start + MAX_SECONDS) if x is not None)
        wanted = start + max(MIN_SECONDS, len(_text(group)) / READING_CPS)
        end = max(end, min(wanted, limit))
        cues.append(Cue(start, end, cue_text(group)))
    return cues
