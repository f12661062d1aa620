"""The text pipeline shared by the index builder and the browser (``assets/search/italian.js``).

Steps, identical on both sides: lowercase, accent folding (NFD, drop combining marks), split on
anything that is not a letter or digit (so apostrophes split "dell'azienda" into "dell" and
"azienda": elision is handled by the tokenizer plus the stop-word list), drop one-letter tokens
and stop words, then stem. Folding comes *before* stemming so that "perché" and "perche",
"città" and "citta" reach the stemmer as the same string: a learner who types without accents
finds the accented word. Stop words are shipped to the browser in the index manifest, so the
two sides share one list by construction.

The lunr pipeline function is registered under the label ``pillole-<lang>``; the browser
registers its own function under the same label, so a serialized index loads on both sides.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
import unicodedata
from collections.abc import Callable

from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as ENGLISH_STOP_WORDS

from pillole.i18n import LANGUAGES
from pillole.search import italian

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script, like JS [\p{L}\p{N}]+
_porter = PorterStemmer()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(run: re.Match[str]) -> str:
    """A run of non-ASCII characters without its combining marks (Unicode categories M*)."""
    return "".join(c for c in run.group() if not unicodedata.category(c).startswith("M"))


def fold(text: str) -> str:
    """Lowercase and strip accents: "Perché Città" -> "perche citta".

    After NFD the accents are combining marks right after their (mostly ASCII) letters; only
    the non-ASCII runs are looked at, so a page of Italian folds in a tenth of the time a
    regex over every mark takes (issue 17: that was most of the index build)."""
    text = text.lower()
    if text.isascii():
        return text
    return _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFD", text))


def words(text: str) -> list[str]:
    """Folded words of `text`, split at spaces, punctuation and apostrophes (' and ’)."""
    return _WORD.findall(fold(text))


def stop_words(lang: str) -> frozenset[str]:
    """The stop-word list for `lang`, already folded."""
    if lang == "it":
        return frozenset(fold(w) for w in italian.STOP_WORDS)
    return frozenset(ENGLISH_STOP_WORDS)


def stemmer(lang: str) -> Callable[[str], str]:
    """Snowball Italian (our own code) or lunr's Porter stemmer for English."""
    if lang == "it":
        return italian.stem
    return _porter.stem


def normalizer(lang: str) -> Callable[[str], str | None]:
    """word -> index term, or None for words the index skips (stop words, one letter)."""
    stops, stem = stop_words(lang), stemmer(lang)

    @functools.lru_cache(maxsize=200_000)  # a vocabulary is small next to a corpus
    def normalize(word: str) -> str | None:
        if len(word) < 2 or word in stops:
            return None
        return stem(word)

    return normalize


def terms(text: str, lang: str = "it") -> list[str]:
    """Every index term of `text`, in order (what the browser computes for a query)."""
    normalize = _normalizers[lang]
    return [t for t in map(normalize, words(text)) if t]


def term_counts(text: str, lang: str = "it") -> Counter[str]:
    """How many times each index term occurs in `text` (Counter(terms(text)), faster: each
    distinct word is normalized once, however often it repeats in a long text)."""
    normalize = _normalizers[lang]
    counts: Counter[str] = Counter()
    for word, times in Counter(words(text)).items():
        term = normalize(word)
        if term:
            counts[term] += times
    return counts


_normalizers = {lang: normalizer(lang) for lang in LANGUAGES}


def lunr_function(lang: str) -> Callable:
    """The lunr pipeline function for `lang`, registered once under ``pillole-<lang>``."""
    label = f"pillole-{lang}"
    registered = Pipeline.registered_functions.get(label)
    if registered is not None:
        return registered
    normalize = _normalizers[lang]

    def pipeline_function(token, i, tokens):  # noqa: ARG001 - lunr's signature
        # lunr's own tokenizer keeps apostrophes and accents: "Dell'azienda" -> ["azi"]
        found = [t for t in map(normalize, words(str(token))) if t]
        return [token.clone(lambda s, m, t=t: t) for t in found]

    Pipeline.register_function(pipeline_function, label)
    return pipeline_function
