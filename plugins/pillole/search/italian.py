"""Snowball Italian stemmer and Italian stop words, written for Pillole.

Why our own code: the index is built in Python and queried in the browser, so both sides
must reduce a word to the very same term. nltk's Snowball and lunr-languages' Italian
stemmer disagree (e.g. "competenza": compett vs competent), so we implement the published
Snowball Italian algorithm (https://snowballstem.org/algorithms/italian/stemmer.html) once
here and once, line for line, in ``assets/search/italian.js``; a browser test checks that
both give identical tokens on hundreds of real words.

The stemmer follows the published algorithm on any lowercase word, accented or not; the
search pipeline folds accents *before* stemming (see ``pipeline.py``) so that "perché" and
"perche" meet on the same term.
"""

from __future__ import annotations

VOWELS = frozenset("aeiouàèìòù")
_AEIO = frozenset("aeioàèìò")
_ACUTE_TO_GRAVE = str.maketrans("áéíóú", "àèìòù")

_PRONOUNS = sorted(
    """ci gli la le li lo mi ne si ti vi sene gliela gliele glieli glielo gliene mela mele meli
    melo mene tela tele teli telo tene cela cele celi celo cene vela vele veli velo vene""".split(),
    key=len,
    reverse=True,
)
_GERUND = ("ando", "endo")
_INFINITIVE_STEM = ("ar", "er", "ir")

# Step 1 suffixes, grouped by the action the algorithm takes on them.
_DELETE_R2 = frozenset(
    """anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili ista iste isti
    istà istè istì oso osi osa ose mente atrice atrici ante anti""".split()
)
_AZIONE = frozenset("azione azioni atore atori".split())
_LOGIA = frozenset("logia logie".split())
_UZIONE = frozenset("uzione uzioni usione usioni".split())
_ENZA = frozenset("enza enze".split())
_AMENTO = frozenset("amento amenti imento imenti".split())
_IVO = frozenset("ivo ivi iva ive".split())
_STEP1 = sorted(
    _DELETE_R2 | _AZIONE | _LOGIA | _UZIONE | _ENZA | _AMENTO | _IVO | {"amente", "ità"},
    key=len,
    reverse=True,
)
_VERB = sorted(
    """ammo ando ano are arono asse assero assi assimo ata ate ati ato ava avamo avano avate
    avi avo emmo enda ende endi endo erà erai eranno ere erebbe erebbero erei eremmo eremo
    ereste eresti erete erò erono essero ete eva evamo evano evate evi evo iamo immo irà irai
    iranno ire irebbe irebbero irei iremmo iremo ireste iresti irete irò irono isca iscano isce
    isci isco iscono issero ita ite iti ito iva ivamo ivano ivate ivi ivo ono uta ute uti uto
    ar ir""".split(),
    key=len,
    reverse=True,
)

#: Italian function words (the pipeline folds them too). Elided forms ("dell", "un",
#: "quest") are here because the tokenizer splits at apostrophes. Words that are also
#: content words ("stato": state, "parte": part) are deliberately left out.
STOP_WORDS: frozenset[str] = frozenset(
    """a ad al allo ai agli all alla alle col coi con da dal dallo dai dagli dall dalla dalle
    di del dello dei degli dell della delle in nel nello nei negli nell nella nelle su sul
    sullo sui sugli sull sulla sulle per tra fra pel pei
    il lo la i gli le un uno una un d l c s m t v n gl quest quell tutt
    io tu lui lei noi voi loro mi ti ci vi si ne me te se sé ce ve gliel
    mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro
    vostra vostri vostre
    e ed o od ma anche se che chi cui non ne né più piu come dove quando quanto quanta quanti
    quante quale quali perche perché cosi così poi gia già ancora sempre mai molto molti molta
    molte poco tanto tanti tanta tante tutto tutti tutta tutte altro altri altra altre
    questo questa questi queste quello quella quelli quelle quei quegli stesso stessa
    sono sei è e siamo siete era eri eravamo eravate erano fui fu furono sia siano sarà
    sara saranno sarebbe essere
    ho hai ha abbiamo avete hanno avevo aveva avevano ebbi ebbe avere avuto abbia
    fa fare faccio fai facciamo fanno
    sto stai sta stiamo stanno
    piu po via qui qua li là la ecco oppure pero però invece dunque quindi allora""".split()
)


def _regions(word: str) -> tuple[int, int, int]:
    """Start of RV, R1 and R2 as defined by the Snowball Italian description."""
    n = len(word)

    def after_next(start: int, want_vowel: bool) -> int:
        for i in range(start, n):
            if (word[i] in VOWELS) == want_vowel:
                return i + 1
        return n

    rv = n
    if word.startswith("divan"):
        rv = 5
    elif n >= 2:
        first, second = word[0] in VOWELS, word[1] in VOWELS
        if not second:
            rv = after_next(2, True)
        elif first:
            rv = after_next(2, False)
        elif n >= 3:
            rv = 3
    r1 = n
    for i in range(1, n):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            r1 = i + 1
            break
    r2 = n
    for i in range(r1 + 1, n):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            r2 = i + 1
            break
    return rv, r1, r2


def _mark_glides(word: str) -> str:
    """Prelude: acute -> grave accents; the u of "qu" and i/u between vowels become U/I.

    Upper case marks them as consonants for the region computation; ``stem`` lowers them back.
    """
    chars = list(word.translate(_ACUTE_TO_GRAVE))
    for i in range(1, len(chars)):
        if chars[i] == "u" and chars[i - 1] == "q":
            chars[i] = "U"
    for i in range(1, len(chars) - 1):
        if chars[i] in "ui" and chars[i - 1] in VOWELS and chars[i + 1] in VOWELS:
            chars[i] = chars[i].upper()
    return "".join(chars)


def _longest(word: str, suffixes: list[str], start: int = 0) -> str | None:
    """The longest suffix from `suffixes` (sorted longest first) that begins at or after `start`."""
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= start:
            return suffix
    return None


def _attached_pronoun(word: str, rv: int) -> str:
    pronoun = _longest(word, _PRONOUNS)
    if pronoun is None:
        return word
    before = word[: -len(pronoun)]
    for ending in (*_GERUND, *_INFINITIVE_STEM):
        if before.endswith(ending):
            # The longest ending wins; ando/endo are listed first and are the longer ones.
            if len(before) - len(ending) < rv:
                return word
            return before if ending in _GERUND else before + "e"
    return word


def _strip_first(stem: str, befores: tuple[str, ...], r2: int) -> str:
    """Remove the first of `befores` that ends `stem`, if it lies in R2 (only the first
    matching one is considered, as the algorithm says)."""
    for before in befores:
        if stem.endswith(before):
            return stem[: -len(before)] if len(stem) - len(before) >= r2 else stem
    return stem


def _amente(stem: str, r2: int) -> str:
    """"amente": then iv (and at before it), os, ic or abil in R2."""
    shorter = _strip_first(stem, ("iv", "os", "ic", "abil"), r2)
    if stem.endswith("iv") and shorter != stem:
        return _strip_first(shorter, ("at",), r2)
    return shorter


def _ivo(stem: str, r2: int) -> str:
    """"ivo ivi iva ive": then at, and ic before it, in R2."""
    shorter = _strip_first(stem, ("at",), r2)
    return _strip_first(shorter, ("ic",), r2) if shorter != stem else stem


def _standard_suffix(word: str, rv: int, r1: int, r2: int) -> str | None:
    """Step 1; returns None when no suffix was removed (then step 2 runs)."""
    suffix = _longest(word, _STEP1)
    if suffix is None:
        return None
    at = len(word) - len(suffix)
    stem = word[:at]
    if suffix == "amente":
        return _amente(stem, r2) if at >= r1 else None
    if suffix in _AMENTO:
        return stem if at >= rv else None
    if at < r2:
        return None
    if suffix in _DELETE_R2:
        return stem
    if suffix in _AZIONE:
        return _strip_first(stem, ("ic",), r2)
    if suffix in _LOGIA:
        return stem + "log"
    if suffix in _UZIONE:
        return stem + "u"
    if suffix in _ENZA:
        return stem + "ente"
    if suffix == "ità":
        return _strip_first(stem, ("abil", "ic", "iv"), r2)
    return _ivo(stem, r2)


def _vowel_suffix(word: str, rv: int) -> str:
    if word and word[-1] in _AEIO and len(word) - 1 >= rv:
        word = word[:-1]
        if word.endswith("i") and len(word) - 1 >= rv:
            word = word[:-1]
    if word.endswith(("ch", "gh")) and len(word) - 2 >= rv:
        word = word[:-1]
    return word


def stem(word: str) -> str:
    """Snowball Italian stem of one lowercase word (accents allowed, no apostrophes)."""
    word = _mark_glides(word)
    rv, r1, r2 = _regions(word)
    word = _attached_pronoun(word, rv)
    removed = _standard_suffix(word, rv, r1, r2)
    if removed is None:
        verb = _longest(word, _VERB, rv)
        word = word[: -len(verb)] if verb else word
    else:
        word = removed
    word = _vowel_suffix(word, rv)
    return word.replace("I", "i").replace("U", "u")
