"""Build the search data files: a sharded, tiered index that the browser fetches piece by piece.

Why sharded: one lunr index over thousands of pills with transcripts is tens of megabytes
(issue 5). A learner's first results must cost under 1 MB, so the index is cut into small
``<script>`` files (``<script>`` because Chromium refuses fetch() from ``file://``), each
calling ``__pillole_search(kind, key, data)``:

- ``manifest.js``: language, stop words, shard keys, facet names; loaded first.
- ``head/<key>.js``: a lunr index (Python lunr, read by lunr.js) over the short, sparse
  fields title > tags, holding only the terms that start with ``key``. Shard keys are term
  prefixes, split until each shard fits a byte budget, so a frequent prefix gets longer
  keys. Typing "compet" loads the few shards whose key fits that prefix.
- ``text/<key>.js``: the fields whose terms repeat across many pills (people, summary,
  body, transcript) as compact postings ``term -> [doc delta, tf per field..., first cue,
  ...]``, exact terms only, in the same kind of prefix shards. Measured at 10,000 pills:
  with summary and people in lunr, lunr's per-result objects and sorting made queries such
  as "marco bianchi" take 10-30 ms; a flat array loop over the same postings takes 1-2 ms.
- ``docs/<n>.js``: what a result shows (id, url, title, summary, kind, duration), in chunks.
- ``cues/<doc>.js``: one pill's transcript cues, fetched to show the moment of a hit.
- ``facets.js``: facet values of every pill, for the counts on the search page only.

The lunr pipeline function ``pillole-<lang>`` (see ``pipeline.py``) is the search pipeline
of every head shard, so the browser must register the same label to load them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from lunr.builder import Builder

from pillole.build_memo import BuildMemo
from pillole.i18n import Labels
from pillole.minify import minified
from pillole.overwrite import write_over
from pillole.search import pipeline

#: Boosts of the head fields (lunr) and of the text fields (applied in the browser).
HEAD_FIELDS: dict[str, int] = {"title": 10, "tags": 6}
TEXT_FIELDS: dict[str, float] = {"people": 4.0, "summary": 3.0, "body": 1.0, "transcript": 0.6}
#: Numbers per posting in a text shard: doc delta, one tf per text field, first cue.
TEXT_STRIDE = len(TEXT_FIELDS) + 2
#: Facets, in the order the search page shows them.
FACETS = ("area", "technique", "level", "tag", "mentor", "kind", "duration")
#: Byte budgets per shard: small enough to arrive fast, large enough to keep file counts sane.
#: Text shards were 64 kB: measured (scripts/bench-search), 16 kB cuts the search files fetched
#: before the first results from 336 to 229 kB at 1,000 pills (404 -> 387 kB at 10,000) for
#: 110 more files (13 at 10,000); on the sample site the search page's Lighthouse score on
#: slow 4G rose from 95 to 96 (its word's shard 38 -> 4 kB).
HEAD_SHARD_BYTES = 40_000
TEXT_SHARD_BYTES = 16_000
DOCS_PER_CHUNK = 64
#: Duration buckets: upper bound in minutes, label key (i18n).
DURATION_BUCKETS: tuple[tuple[float, str], ...] = (
    (5, "duration_short"),
    (15, "duration_medium"),
    (float("inf"), "duration_long"),
)
#: Browser code we ship beside the index: ours from assets/search, lunr.js from the installed
#: MkDocs, all minified. (The search page's stylesheet is published with the others: browser.py.)
OWN_ASSETS = ("italian.js", "engine.js", "search.js")
ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets" / "search"
_GENERATED = ("manifest.js", "facets.js", "head", "text", "docs", "cues")


@dataclass(frozen=True)
class Cue:
    """A transcript cue: seconds from the start of the media, and what was said."""

    start: float
    text: str


@dataclass(frozen=True)
class SearchDocument:
    """One pill as search sees it. `url` is relative to the site root ("pillole/x/").

    `facets` maps area, technique, level, tag and mentor to display labels; kind and
    duration facets are derived from `kind` ("video", "audio", "text") and `duration` (s).
    """

    id: str
    url: str
    title: str
    summary: str = ""
    tags: tuple[str, ...] = ()  # labels and aliases
    people: tuple[str, ...] = ()  # mentor and audience names
    body: str = ""
    cues: tuple[Cue, ...] = ()
    facets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    kind: str = "text"
    duration: float | None = None


@dataclass(frozen=True)
class IndexStats:
    """What was written: file count and bytes per part (for the benchmark and the build log)."""

    files: int
    bytes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.bytes.values())


def duration_label(seconds: float | None, lang: str) -> str | None:
    """The duration facet value of a pill, or None when it has no media."""
    if seconds is None:
        return None
    for limit, key in DURATION_BUCKETS:
        if seconds <= limit * 60:
            return Labels(lang)(key)
    return None


def shard_keys(sizes: Mapping[str, int], budget: int) -> list[str]:
    """Prefix keys such that the terms under each key weigh about `budget` bytes or less.

    A term belongs to the longest key that is a prefix of it. A prefix is split by its next
    letter while it is too heavy; small children stay with their parent, so rare prefixes do
    not become a swarm of tiny files. A single term heavier than the budget gets its own key.
    """
    keys: list[str] = []

    def split(prefix: str, terms: list[str]) -> None:
        children: dict[str, list[str]] = defaultdict(list)
        kept = 0
        for term in terms:
            if len(term) > len(prefix):
                children[term[: len(prefix) + 1]].append(term)
            else:
                kept += sizes[term]
        weights = {child: sum(sizes[t] for t in group) for child, group in children.items()}
        for child in sorted(children, key=lambda ch: (weights[ch], ch)):
            if kept + weights[child] <= budget:
                kept += weights[child]
            else:
                split(child, children[child])
        if kept:
            keys.append(prefix)

    split("", sorted(sizes))
    return sorted(keys)


def shard_of(term: str, keys: Collection[str]) -> str:
    """The key of the shard holding `term`: the longest key that is a prefix of it."""
    for length in range(len(term), 0, -1):
        if term[:length] in keys:
            return term[:length]
    return ""


def file_key(key: str) -> str:
    """A file name for a shard key: the key itself when plain ASCII, else a hex form."""
    if key == "":
        return "_"
    if key.isascii() and key.isalnum():
        return key
    return "x" + key.encode("utf-8").hex()


def _script(kind: str, key: str | int | None, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"__pillole_search({json.dumps(kind)},{json.dumps(key)},{payload});\n"


def _head_fields(doc: SearchDocument, lang: str) -> dict[str, list[str]]:
    return {
        "title": pipeline.terms(doc.title, lang),
        "tags": pipeline.terms(" ".join(doc.tags), lang),
    }


def _ref(number: int) -> str:
    """A short lunr document ref: the pill's position in base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text


def _head_shard(lang: str, docs: list[tuple[int, dict[str, list[str]]]], total: int) -> dict:
    """Serialize one lunr index over already-normalized terms.

    The builder's own pipeline is empty (the terms are final); the search pipeline names
    ``pillole-<lang>`` so that anyone searching this index with lunr gets our normalization.
    The document count is the whole collection's, so idf (baked into the field vectors) is
    the same in every shard and scores from different shards add up fairly.
    """
    builder = Builder()
    builder.search_pipeline.add(pipeline.lunr_function(lang))
    builder.ref("id")
    for name, boost in HEAD_FIELDS.items():
        builder.field(name, boost=boost)
    for number, fields in docs:
        builder.add({"id": _ref(number), **fields})
    builder.document_count = total
    return builder.build().serialize()


@dataclass(frozen=True)
class TextTerms:
    """One pill's text terms, sorted, each with its TEXT_STRIDE - 1 numbers (tf per text field,
    first cue or -1), flat: what the text tier needs of a pill, computed once per content.
    `digest` is that of the text they come from (`_text_digest`): terms computed elsewhere
    (by the build's workers, see `text_terms`) are used only for the same text."""

    terms: tuple[str, ...]
    numbers: array
    digest: bytes


def text_terms(doc: SearchDocument, lang: str, known: TextTerms | None = None) -> TextTerms:
    """A pill's text terms, for `build_index(terms=...)`: at 10,000 pills, tokenizing every
    text is a third of the index's time, and a build that renders pages on several cores
    tokenizes each pill's text there. `known`: terms made earlier (kept with the page),
    returned when they come from the same text."""
    if known is not None and known.digest == _text_digest(doc):
        return known
    cue_terms = [pipeline.terms(cue.text, lang) for cue in doc.cues]
    first_cue: dict[str, int] = {}
    for index in range(len(cue_terms) - 1, -1, -1):  # the earliest cue writes last
        first_cue.update(dict.fromkeys(cue_terms[index], index))
    fields = {
        "people": pipeline.term_counts(" ".join(doc.people), lang),
        "summary": pipeline.term_counts(doc.summary, lang),
        "body": pipeline.term_counts(doc.body, lang),
        "transcript": Counter(chain.from_iterable(cue_terms)),
    }
    first, second, third, fourth = (fields[name].get for name in TEXT_FIELDS)
    # Interned: a vocabulary is small next to its pills (at 10,000 pills, each term string
    # once instead of in every pill's copy: 250 MB less, and pickled once to the main process).
    terms = tuple(map(sys.intern, sorted(set().union(*fields.values()))))
    numbers = array("i")
    for term in terms:
        numbers.extend((first(term, 0), second(term, 0), third(term, 0), fourth(term, 0), first_cue.get(term, -1)))
    return TextTerms(terms, numbers, _text_digest(doc))


def _text_digest(doc: SearchDocument) -> bytes:
    """What `text_terms` reads of a pill, hashed: equal digests give equal terms."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (*doc.people, "\x1e", doc.summary, "\x1e", doc.body, "\x1e", *(cue.text for cue in doc.cues)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
    return digest.digest()


#: Each pill's text terms from the previous index built by this process with `reuse`, by pill
#: id: under `mkdocs serve` only the pills whose text changed are tokenized again.
_terms_memo: BuildMemo[str, bytes, TextTerms] = BuildMemo()


def _text_postings(docs: Sequence[SearchDocument], lang: str, reuse: bool = False,
                   known: Mapping[str, TextTerms] | None = None) -> dict[str, list[int]]:
    """term -> flat [doc delta, tf in each of TEXT_FIELDS, first cue or -1, ...].

    Counting is left to Counter and dict.update (C loops): at 10,000 pills of 1,500 words the
    pills hold 15 million words, so per-word Python work is what the build time is made of."""
    postings: dict[str, list[int]] = defaultdict(list)
    last_doc: dict[str, int] = {}
    width = TEXT_STRIDE - 1
    _terms_memo.start(lang)
    for number, doc in enumerate(docs):
        given = known.get(doc.id) if known else None
        if given is not None:
            found = given
        elif reuse:
            found = _terms_memo.get(doc.id, _text_digest(doc)) or text_terms(doc, lang)
        else:
            found = text_terms(doc, lang)
        if reuse:
            _terms_memo.put(doc.id, found.digest, found)
        last, numbers = last_doc.get, found.numbers
        for index, term in enumerate(found.terms):
            postings[term].append(number - last(term, 0))
            postings[term] += numbers[index * width:(index + 1) * width]
            last_doc[term] = number
    _terms_memo.finish()
    return postings


def _facet_table(docs: Sequence[SearchDocument], lang: str) -> dict[str, dict]:
    """Per facet: the distinct values (sorted) and, per pill, the indexes of its values."""
    per_doc: list[dict[str, list[str]]] = []
    for doc in docs:
        values = {name: list(doc.facets.get(name, ())) for name in FACETS}
        values["kind"] = [Labels(lang)(doc.kind).capitalize()]
        duration = duration_label(doc.duration, lang)
        values["duration"] = [duration] if duration else []
        per_doc.append(values)
    table: dict[str, dict] = {}
    for name in FACETS:
        if name == "duration":
            order = [Labels(lang)(key) for _, key in DURATION_BUCKETS]
            present = {v for values in per_doc for v in values[name]}
            distinct = [v for v in order if v in present]
        else:
            distinct = sorted({v for values in per_doc for v in values[name]}, key=str.casefold)
        position = {value: i for i, value in enumerate(distinct)}
        table[name] = {
            "values": distinct,
            "docs": [[position[v] for v in values[name]] for values in per_doc],
        }
    return table


def lunr_js_path() -> Path:
    """lunr.js as shipped inside the installed MkDocs (found without importing mkdocs)."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("MkDocs is not installed: it provides lunr.js for the search")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "contrib" / "search" / "templates" / "search" / "lunr.js"


def write_assets(out_dir: Path) -> list[Path]:
    """Write the browser code (ours, and lunr.js from MkDocs), minified, into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = [*(ASSETS_DIR / name for name in OWN_ASSETS), lunr_js_path()]
    written = []
    for source in sources:
        target = out_dir / source.name
        write_over(minified(source).encode("utf-8"), str(target))
        written.append(target)
    return written


class _Writer:
    """Writes the data files of one index into `out_dir`, over the previous index's, in place
    (creating a file costs more than writing over one, see overwrite.py: `_remove_stale`
    deletes the rest at the end),
    counting files and bytes per part; the digest of everything written versions the manifest."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self.sizes: Counter[str] = Counter()
        self.digest = hashlib.sha256()
        self.paths: set[str] = set()  # written, relative to out_dir

    @property
    def files(self) -> int:
        return len(self.paths)

    def write(self, part: str, relative: str, text: str) -> None:
        data = text.encode("utf-8")
        write_over(data, os.path.join(self.out_dir, relative))
        self.digest.update(data)
        self.sizes[part] += len(data)
        self.paths.add(relative)


def _remove_stale(out_dir: Path, written: frozenset[str] | set[str]) -> None:
    """Delete the earlier index's data files that this one did not write over."""
    for name in _GENERATED:
        target = out_dir / name
        if target.is_dir() and not target.is_symlink():
            for folder, _, names in os.walk(target, topdown=False):
                relative = Path(folder).relative_to(out_dir).as_posix()
                for file in names:
                    if f"{relative}/{file}" not in written:
                        os.unlink(os.path.join(folder, file))
                if not os.listdir(folder):
                    os.rmdir(folder)
        elif (target.exists() or target.is_symlink()) and name not in written:
            target.unlink()


#: Each head shard's script from the previous index built by this process, by shard key,
#: valid while the shard's documents and terms are the same (a serve rebuild after one edit).
_head_memo: BuildMemo[str, tuple[object, ...], str] = BuildMemo()


def _head_tier(writer: _Writer, docs: Sequence[SearchDocument], lang: str, budget: int) -> tuple[set[str], list[str]]:
    """Lunr shards over the short fields; returns every shard key and those written."""
    head = [(number, _head_fields(doc, lang)) for number, doc in enumerate(docs)]
    head_weight: Counter[str] = Counter()
    for _, fields in head:
        for terms in fields.values():
            for term in set(terms):
                head_weight[term] += 24  # ~bytes of one posting plus its field-vector entry
    head_keys = set(shard_keys(head_weight, budget))
    by_shard: dict[str, list[tuple[int, dict[str, list[str]]]]] = defaultdict(list)
    for number, fields in head:
        split: dict[str, dict[str, list[str]]] = defaultdict(lambda: {name: [] for name in HEAD_FIELDS})
        for name, terms in fields.items():
            for term in terms:
                split[shard_of(term, head_keys)][name].append(term)
        for key, shard_fields in split.items():
            by_shard[key].append((number, shard_fields))
    written = sorted(key for key in head_keys if by_shard.get(key))
    _head_memo.start(None)
    for key in written:
        stamp = (lang, len(docs), by_shard[key])
        script = _head_memo.get(key, stamp) or _script("head", key, _head_shard(lang, by_shard[key], len(docs)))
        _head_memo.put(key, stamp, script)
        writer.write("head", f"head/{file_key(key)}.js", script)
    _head_memo.finish()
    return head_keys, written


def _text_tier(writer: _Writer, docs: Sequence[SearchDocument], lang: str, budget: int, reuse: bool,
               known: Mapping[str, TextTerms] | None) -> set[str]:
    """Compact postings for people, summary, body and transcript; returns the shard keys."""
    postings = _text_postings(docs, lang, reuse, known)
    text_keys = set(shard_keys({t: 12 * len(p) // TEXT_STRIDE + len(t) + 4 for t, p in postings.items()}, budget))
    text_shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term, plist in postings.items():
        text_shards[shard_of(term, text_keys)][term] = plist
    for key, shard in text_shards.items():
        writer.write("text", f"text/{file_key(key)}.js", _script("text", key, shard))
    return set(text_shards)


def _result_files(writer: _Writer, docs: Sequence[SearchDocument], lang: str) -> None:
    """What results show (in chunks), each pill's transcript moments, and the facets."""
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [
            [doc.id, doc.url, doc.title, doc.summary, doc.kind, doc.duration]
            for doc in docs[start : start + DOCS_PER_CHUNK]
        ]
        writer.write("docs", f"docs/{start // DOCS_PER_CHUNK}.js", _script("docs", start // DOCS_PER_CHUNK, chunk))
    for number, doc in enumerate(docs):
        if doc.cues:
            cues = [[round(cue.start, 2), " ".join(cue.text.split())] for cue in doc.cues]  # one line each
            writer.write("cues", f"cues/{number}.js", _script("cues", number, cues))
    writer.write("facets", "facets.js", _script("facets", None, _facet_table(docs, lang)))


@dataclass(frozen=True)
class HeadFiles:
    """What `write_head` wrote, for the manifest `build_index` writes last: the head tier's
    shard keys (all, and those with a file), and the digest, sizes and count of its files."""

    keys: frozenset[str]
    written: tuple[str, ...]
    digest: bytes
    sizes: dict[str, int]
    paths: frozenset[str]  # its files, relative to the index's folder


def write_head(docs: Sequence[SearchDocument], out_dir: Path, lang: str = "it", *,
               head_budget: int = HEAD_SHARD_BYTES) -> HeadFiles:
    """The index's files that need no pill's text, written into `out_dir` (replacing earlier
    ones): the head tier, what results show, the facets. A build writes them while its pages
    are rendered, before the texts' terms exist (`build_index(head=...)` then adds the rest)."""
    _check_language(lang)
    writer = _Writer(out_dir)
    head_keys, head_written = _head_tier(writer, docs, lang, head_budget)
    _result_files(writer, docs, lang)
    return HeadFiles(frozenset(head_keys), tuple(head_written), writer.digest.digest(), dict(writer.sizes),
                     frozenset(writer.paths))


def build_index(
    docs: Iterable[SearchDocument],
    out_dir: Path,
    lang: str = "it",
    *,
    head_budget: int = HEAD_SHARD_BYTES,
    text_budget: int = TEXT_SHARD_BYTES,
    reuse: bool = False,
    terms: Mapping[str, TextTerms] | None = None,
    head: HeadFiles | None = None,
) -> IndexStats:
    """Write the search data files for `docs` into `out_dir` (replacing earlier ones).

    `reuse`: keep each pill's text terms for the next call in this process and take those of
    the previous call for pills whose text is the same (`mkdocs serve`; about 10 kB a pill).
    `terms`: pills' text terms made from their documents (`text_terms`), by pill id: used as
    they are, so those documents' `body` may be left empty. `head`: what `write_head` already
    wrote into `out_dir` for the same documents (else it is written here)."""
    _check_language(lang)
    docs = list(docs)
    if head is None:
        head = write_head(docs, out_dir, lang, head_budget=head_budget)
    writer = _Writer(out_dir)
    text_keys = _text_tier(writer, docs, lang, text_budget, reuse, terms)
    manifest = {
        "lang": lang,
        "count": len(docs),
        "stop": sorted(pipeline.stop_words(lang)),
        "head": {"keys": list(head.written), "fields": list(HEAD_FIELDS)},
        "text": {"keys": sorted(text_keys), "fields": list(TEXT_FIELDS), "boosts": list(TEXT_FIELDS.values())},
        "chunk": DOCS_PER_CHUNK,
        "facets": list(FACETS),
        "files": {k: file_key(k) for k in head.keys | text_keys if file_key(k) != k},
    }
    version = hashlib.sha256(head.digest + writer.digest.digest() + json.dumps(manifest, sort_keys=True).encode())
    manifest["version"] = version.hexdigest()[:12]
    writer.write("manifest", "manifest.js", _script("manifest", None, manifest))
    _remove_stale(out_dir, head.paths | writer.paths)
    return IndexStats(files=len(head.paths) + writer.files, bytes=dict(Counter(head.sizes) + writer.sizes))


def _check_language(lang: str) -> None:
    if lang not in pipeline.LANGUAGES:
        raise ValueError(f"search: unsupported language {lang!r}, expected one of {pipeline.LANGUAGES}")
