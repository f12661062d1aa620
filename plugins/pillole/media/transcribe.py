"""Speech recognition for automatic captions: a Whisper model run on the CPU, cached.

The model is named in mkdocs.yml (`transcribe_model`): a folder next to it holding a
CTranslate2 conversion of a Whisper model, or one or more installed Python packages that
carry its files. PyPI refuses files over 100 MB, so model packages often ship ``model.bin``
split as ``model.bin.part1``, ``model.bin.part2`` ... in several packages; those parts are
joined in memory when the model is loaded. Nothing is ever downloaded: a model that is not
there is one clear error saying what to install.

The transcript of a recording (its words, each timed) is cached like a transcode, keyed
by the recording's content hash, its spoken language, the model's identity (the sha256 of
its files), the recognition settings and the versions of faster-whisper and CTranslate2
(as the media keys hold ffmpeg's version), so a build whose recordings did not change runs
no recognition and does not even load the model. The audio reaches the model through our
own ffmpeg runner (`commands.speech_argv`): the recording is never opened by another
decoder. A transcript covers the whole recording; trims and clips cut their words from it
(`autocaptions.words_in`).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import commands, runner
from .autocaptions import Word
from .cache import Entry, MediaCache, settings_key
from .errors import MediaError
from .ffmpeg_bin import FFmpeg
from .probe import MediaInfo

TRANSCRIPT_JSON = "transcript.json"
#: Bump when recognition changes its output in a way the settings do not capture.
TRANSCRIPT_VERSION = 1
SAMPLE_RATE = commands.SPEECH_SAMPLE_RATE
#: Files of a CTranslate2 Whisper model that faster-whisper reads.
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt", "vocabulary.json",
               "preprocessor_config.json")
REQUIRED = ("model.bin", "config.json", "tokenizer.json")  # without tokenizer.json it would download one
_PART = re.compile(r"^(?P<name>.+)\.part(?P<number>\d+)$")
_PACKAGE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
INSTALL_HINT = "install the extra: pip install 'pillole[transcribe]'"


class TranscribeSetupError(Exception):
    """The model or the recognition library is missing: a set-up problem, not a content one."""

    def __init__(self, message: str, hint: str) -> None:
        self.message, self.hint = message, hint
        super().__init__(f"{message}; {hint}")


@dataclass(frozen=True)
class RecognitionSettings:
    """Every option that changes a transcript; all of them are part of the cache key."""

    beam_size: int = 5
    compute_type: str = "int8"  # CTranslate2 quantisation: int8 is the fastest on a CPU
    vad: bool = True  # skip silences (faster, and no words invented in them)
    condition_on_previous_text: bool = False  # avoids repetition loops on long recordings

    def key_data(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Model:
    """A CTranslate2 Whisper model: each file as its parts, in order (one part when whole)."""

    name: str  # as written in mkdocs.yml, for messages
    files: dict[str, tuple[Path, ...]]

    @property
    def folder(self) -> Path | None:
        """The one folder holding every file whole, which faster-whisper can load directly."""
        folders = {parts[0].parent for parts in self.files.values()}
        whole = all(len(parts) == 1 and parts[0].name == name for name, parts in self.files.items())
        return folders.pop() if whole and len(folders) == 1 else None

    def size(self) -> int:
        return sum(part.stat().st_size for parts in self.files.values() for part in parts)


def find_model(spec: str | Sequence[str], project_root: Path) -> Model:
    """The model named by `transcribe_model`: a folder (relative to mkdocs.yml) or packages."""
    if isinstance(spec, str):
        folder = Path(project_root) / spec
        if folder.is_dir():
            return _model(spec, [folder])
        if not _PACKAGE.match(spec):
            raise TranscribeSetupError(
                f"transcribe_model: the folder '{spec}' does not exist next to mkdocs.yml",
                "copy a CTranslate2 Whisper model there (model.bin, config.json, tokenizer.json, "
                "vocabulary.txt), or name an installed model package",
            )
        spec = [spec]
    return _model(" + ".join(spec), [_package_folder(name) for name in spec])


def _package_folder(name: str) -> Path:
    hint = f"install it (pip install {name.split('.')[0].replace('_', '-')}) or fix the name in mkdocs.yml"
    try:
        found = importlib.util.find_spec(name) if _PACKAGE.match(str(name)) else None
    except (ImportError, ValueError):
        found = None
    if found is None:
        raise TranscribeSetupError(
            f"transcribe_model: '{name}' is neither a folder next to mkdocs.yml nor an installed "
            "Python package", hint)
    if not found.submodule_search_locations:
        raise TranscribeSetupError(f"transcribe_model: '{name}' is a module, not a package with model files", hint)
    return Path(list(found.submodule_search_locations)[0])


def _model(name: str, roots: list[Path]) -> Model:
    """Collect the model files found in `roots` (and their subfolders), joining split parts."""
    whole: dict[str, Path] = {}
    parts: dict[str, list[tuple[int, Path]]] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            part = _PART.match(path.name)
            if part and part["name"] in MODEL_FILES:
                parts.setdefault(part["name"], []).append((int(part["number"]), path))
            elif path.name in MODEL_FILES:
                whole.setdefault(path.name, path)
    files: dict[str, tuple[Path, ...]] = {n: (p,) for n, p in whole.items()}
    for file_name, numbered in parts.items():
        numbers = sorted(n for n, _ in numbered)
        if file_name in files or numbers != list(range(1, len(numbers) + 1)):
            raise TranscribeSetupError(
                f"transcribe_model {name}: the parts of {file_name} found are {numbers}",
                "install every package of the model (the parts must be 1, 2, ... with none missing)",
            )
        files[file_name] = tuple(path for _, path in sorted(numbered))
    missing = [f for f in REQUIRED if f not in files]
    if not any(f.startswith("vocabulary.") for f in files):
        missing.append("vocabulary.txt")
    if missing:
        where = ", ".join(str(r) for r in roots)
        raise TranscribeSetupError(
            f"transcribe_model {name}: {', '.join(missing)} not found in {where}",
            "a CTranslate2 Whisper model folder holds model.bin, config.json, tokenizer.json and "
            "vocabulary.txt (faster-whisper's format); install the missing part of the model",
        )
    return Model(name, files)


@dataclass(frozen=True)
class Transcript:
    """The words of a whole recording, timed on it, in its spoken language."""

    language: str
    duration: float
    words: tuple[Word, ...]

    def to_json(self) -> str:
        data = {"language": self.language, "duration": self.duration,
                "words": [[w.start, w.end, w.text] for w in self.words]}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Transcript:
        data = json.loads(text)
        words = tuple(Word(float(s), float(e), str(t)) for s, e, t in data["words"])
        return cls(str(data["language"]), float(data["duration"]), words)


def read_transcript(entry: Entry | Path) -> Transcript:
    folder = entry.path if isinstance(entry, Entry) else entry
    return Transcript.from_json((folder / TRANSCRIPT_JSON).read_text(encoding="utf-8"))


_recognitions = 0
_count_lock = threading.Lock()


def recognitions_started() -> int:
    """How many recordings this process has run through the model (tests, `pillole media`)."""
    return _recognitions


@dataclass
class Transcriber:
    """A model and its settings; the model is loaded at the first recognition only."""

    model: Model
    settings: RecognitionSettings = RecognitionSettings()
    threads: int = 0  # CPU threads of the model; 0: every core
    _identity: str | None = field(default=None, init=False, repr=False)
    _loaded: Any = field(default=None, init=False, repr=False)
    _unusable: MediaError | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def identity(self, cache: MediaCache) -> str:
        """sha256 over the sha256 of every model file (memoised by the cache's index)."""
        if self._identity is None:
            hashes = {name: [cache.file_hash(p) for p in parts] for name, parts in sorted(self.model.files.items())}
            self._identity = settings_key(kind="model", files=hashes)
        return self._identity

    def key(self, cache: MediaCache, file_hash: str, language: str) -> str:
        """The cache key of a recording's transcript."""
        return settings_key(
            kind="transcript", input=file_hash, language=language, model=self.identity(cache),
            settings=self.settings.key_data(), engine=engine_versions(), version=TRANSCRIPT_VERSION,
        )

    def produce(
        self, ff: FFmpeg, src: Path, info: MediaInfo, language: str, timeout: float,
        progress: Callable[[float], None] | None = None,
    ) -> Callable[[Path], dict[str, Any]]:
        """What `MediaCache.put` runs: decode the speech with ffmpeg, recognise, write the words."""

        def produce(out: Path) -> dict[str, Any]:
            pcm = out / "speech.pcm"
            runner.run(commands.speech_argv(ff.ffmpeg, src, info, pcm), str(src), timeout)
            try:
                transcript = self.recognise(pcm, language, str(src), progress)
            finally:
                pcm.unlink(missing_ok=True)
            (out / TRANSCRIPT_JSON).write_text(transcript.to_json(), encoding="utf-8")
            return {"language": language, "duration": info.duration, "words": len(transcript.words),
                    "model": self.model.name}

        return produce

    def recognise(
        self, pcm: Path, language: str, shown: str, progress: Callable[[float], None] | None = None
    ) -> Transcript:
        """Words of 16 kHz mono 16-bit PCM audio (what `commands.speech_argv` writes)."""
        import numpy as np  # installed with faster-whisper (the transcribe extra)

        global _recognitions
        with _count_lock:
            _recognitions += 1
        model = self._model()
        if language not in model.supported_languages:
            raise MediaError(shown, f"the model does not know the language '{language}'",
                             "set 'language:' in the front-matter to a two-letter code such as it, en, de")
        audio = np.fromfile(pcm, dtype="<i2").astype(np.float32) / 32768.0
        duration = len(audio) / SAMPLE_RATE
        segments, _ = model.transcribe(
            audio, language=language, beam_size=self.settings.beam_size, word_timestamps=True,
            vad_filter=self.settings.vad, condition_on_previous_text=self.settings.condition_on_previous_text,
        )
        words: list[Word] = []
        reached = 0.0
        for segment in segments:  # a generator: recognition happens while we iterate
            words += [Word(round(float(w.start), 3), round(float(w.end), 3), w.word)
                      for w in segment.words or () if w.word.strip()]
            if progress and segment.end > reached:
                progress(float(segment.end) - reached)
                reached = float(segment.end)
        if progress and duration > reached:
            progress(duration - reached)
        return Transcript(language, round(duration, 3), tuple(words))

    def _model(self) -> Any:
        """The loaded model; a model that failed to load fails every recording at once."""
        with self._lock:
            if self._unusable is not None:
                raise self._unusable
            if self._loaded is None:
                try:
                    self._loaded = load_model(self.model, self.settings, self.threads)
                except (RuntimeError, ValueError, OSError) as exc:  # damaged or foreign files
                    self._unusable = MediaError(
                        self.model.name, f"the speech recognition model cannot be loaded ({exc})",
                        "install the model again (transcribe_model in mkdocs.yml)")
                    raise self._unusable from None
            return self._loaded


@functools.cache
def engine_versions() -> dict[str, str | None]:
    """Installed versions of the recognition libraries (read once from their metadata, no import)."""
    versions: dict[str, str | None] = {}
    for name in ("faster-whisper", "ctranslate2"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def check_library() -> None:
    """Raise TranscribeSetupError when faster-whisper is not installed (no import made)."""
    if importlib.util.find_spec("faster_whisper") is None:
        raise TranscribeSetupError("automatic captions need the faster-whisper library", INSTALL_HINT)


def load_model(model: Model, settings: RecognitionSettings = RecognitionSettings(), threads: int = 0) -> Any:
    """A faster-whisper WhisperModel on the CPU, from the folder or from the joined parts."""
    check_library()
    from faster_whisper import WhisperModel

    threads = threads or os.cpu_count() or 1
    common: dict[str, Any] = dict(device="cpu", compute_type=settings.compute_type, cpu_threads=threads)
    if model.folder is not None:
        return WhisperModel(str(model.folder), local_files_only=True, **common)
    files = {name: b"".join(part.read_bytes() for part in parts) for name, parts in model.files.items()}
    return WhisperModel(model.name, files=files, **common)
