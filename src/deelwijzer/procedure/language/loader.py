"""Reading the lexicon from its data files.

Each file is plain UTF-8 text, one entry per line; ``#`` starts a comment.

    @key<TAB>hint text                 a named hint, usable as ``@key`` below
    pattern<TAB>hint or @key[<TAB>flags]
    -pattern                           removes an entry loaded earlier (organisation files)

A pattern is one or more words separated by spaces. A word may list alternatives
(``trekt|trok``), end in ``~`` (all forms of an adjective: ``agressief~``) or in ``*``
(every word starting with it: ``radicalis*``). ``..`` allows up to three other words
of the same sentence in between (``..5`` up to five), ``!op`` demands that the next
word is not "op", and ``<comparative>`` stands for a comparative such as
"religieuzer". Flag ``verdict`` means: only when the sentence passes a verdict
(see ``matcher.py``). Word-list files (qualified_sources, evaluative, speech_verbs,
vague_change, people) use the first column only; in people.txt ``*gezin`` also matches
compounds ending in "gezin". The subjectivity files hold ``form<TAB>polarity<TAB>
subjectivity[<TAB>senses<TAB>inflections]``; a form passes when it is negative and
subjective enough (``POLARITY_MAX``, ``SUBJECTIVITY_MIN``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from .inflect import adjective_forms
from .model import Lexicon, Pattern, Slot

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"

PATTERN_FILES: dict[str, str] = {
    "interpretive.txt": "interpretation",
    "inference.txt": "inference",
    "mind_reading.txt": "mind_reading",
    "generalisations.txt": "generalisation",
    "opinion_markers.txt": "opinion_marker",
    "diagnoses.txt": "diagnosis",
}
WORD_LIST_FILES = ("qualified_sources.txt", "evaluative.txt", "speech_verbs.txt")
DEFAULT_GAP = 3

# The subjectivity lexicon: an adjective characterises when it is this negative and this
# subjective (means over its senses). Tuned on the dev part of the evaluation set
# (tests/procedure/data/language_eval.tsv); see lexicon/README.md.
SUBJECTIVITY_FILES = ("subjectivity_nl.tsv", "subjectivity_extra.tsv")
SUBJECTIVITY_MIN = 0.45
POLARITY_MAX = -0.3


class LexiconError(ValueError):
    """A lexicon file line that cannot be read; the message names file and line."""


def parse_slot(word: str) -> Slot:
    if word.startswith(".."):
        return Slot("gap", size=int(word[2:] or DEFAULT_GAP))
    if word == "<comparative>":
        return Slot("comparative")
    if word.startswith("!"):
        return Slot("not", forms=frozenset(word[1:].split("|")))
    forms: set[str] = set()
    prefixes: list[str] = []
    for alternative in word.split("|"):
        if alternative.endswith("*"):
            prefixes.append(alternative[:-1])
        elif alternative.endswith("~"):
            forms |= adjective_forms(alternative[:-1])
        else:
            forms.add(alternative)
    if not forms and not prefixes or "" in forms or "" in prefixes:
        raise ValueError(f"leeg woord in {word!r}")
    return Slot("word", forms=frozenset(forms), prefixes=tuple(prefixes))


def parse_pattern(source: str) -> tuple[Slot, ...]:
    words = source.lower().replace("-", " ").split()
    slots = tuple(parse_slot(w) for w in words)
    if not slots or slots[0].kind != "word" or slots[-1].kind == "gap":
        raise ValueError(f"patroon moet met een woord beginnen en eindigen: {source!r}")
    return slots


def _content_lines(path: Path) -> Iterable[tuple[int, str]]:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("@") else raw
        if line.strip():
            yield number, line.strip("\r\n ")


class _Builder:
    """Collects entries over several directories, in order."""

    def __init__(self) -> None:
        self.hints: dict[str, str] = {}
        self.patterns: dict[tuple[str, str], Pattern] = {}
        self.word_lists: dict[str, set[str]] = {name: set() for name in WORD_LIST_FILES}
        self.pending: list[tuple[Path, int, str, str]] = []
        self.characterising: dict[str, str] = {}
        self.people: set[str] = set()
        self.people_endings: set[str] = set()

    def read_dir(self, directory: Path) -> None:
        for name in SUBJECTIVITY_FILES:
            if (directory / name).is_file():
                self._read_subjectivity(directory / name)
        if (directory / "vague_change.txt").is_file():
            changes: set[str] = set()
            self._read_word_list(directory / "vague_change.txt", changes)
            self.characterising.update(dict.fromkeys(changes, "change"))
        if (directory / "people.txt").is_file():
            self._read_people(directory / "people.txt")
        for name in WORD_LIST_FILES:
            if (directory / name).is_file():
                self._read_word_list(directory / name, self.word_lists[name])
        for name, category in PATTERN_FILES.items():
            if (directory / name).is_file():
                self._read_patterns(directory / name, category)

    def _read_word_list(self, path: Path, target: set[str]) -> None:
        for number, line in _content_lines(path):
            self._read_word(path, number, line.split("\t")[0].strip().lower(), target)

    def _read_subjectivity(self, path: Path) -> None:
        """form<TAB>polarity<TAB>subjectivity[<TAB>senses<TAB>inflections]; ``-form`` removes."""
        for number, line in _content_lines(path):
            columns = [c.strip() for c in line.split("\t")]
            form = columns[0].lower()
            if form.startswith("-"):
                for word in adjective_forms(form[1:]):
                    self.characterising.pop(word, None)
                continue
            try:
                polarity, subjectivity = float(columns[1]), float(columns[2])
            except (IndexError, ValueError):
                raise LexiconError(
                    f"{path}:{number}: verwacht 'woord<TAB>polariteit<TAB>subjectiviteit'"
                ) from None
            if polarity > POLARITY_MAX or subjectivity < SUBJECTIVITY_MIN:
                continue
            inflected = columns[4].split(",") if len(columns) > 4 and columns[4] else []
            for word in adjective_forms(form) | set(inflected):
                self.characterising.setdefault(word, "evaluative")

    def _read_people(self, path: Path) -> None:
        """One noun a line; ``*gezin`` also matches compounds ending in it."""
        for number, line in _content_lines(path):
            word = line.split("\t")[0].strip().lower()
            if word.startswith("*") and len(word) > 1:
                self.people_endings.add(word[1:])
            else:
                self._read_word(path, number, word, self.people)

    def _read_word(self, path: Path, number: int, word: str, target: set[str]) -> None:
        try:
            if word.startswith("-"):
                target.difference_update(parse_slot(word[1:]).forms)
            else:
                target.update(parse_slot(word).forms)
        except ValueError as exc:
            raise LexiconError(f"{path}:{number}: {exc}") from None

    def _read_patterns(self, path: Path, category: str) -> None:
        for number, line in _content_lines(path):
            if line.startswith("@"):
                key, _, text = line.partition("\t")
                self.hints[key.strip()] = text.strip()
            else:
                self.pending.append((path, number, category, line))

    def build(self) -> Lexicon:
        for path, number, category, line in self.pending:
            if line.startswith("-"):
                self.patterns.pop((category, _normal(line[1:].split("\t")[0])), None)
                continue
            try:
                pattern = self._pattern(category, line)
            except ValueError as exc:
                raise LexiconError(f"{path}:{number}: {exc}") from None
            self.patterns[(category, _normal(pattern.source))] = pattern
        lists = self.word_lists
        return Lexicon(
            patterns=list(self.patterns.values()),
            qualified_sources=frozenset(lists["qualified_sources.txt"]),
            evaluative=frozenset(lists["evaluative.txt"]),
            speech_verbs=frozenset(lists["speech_verbs.txt"]),
            hints=dict(self.hints),
            characterising=dict(self.characterising),
            people=frozenset(self.people),
            people_endings=tuple(sorted(self.people_endings)),
        )

    def _pattern(self, category: str, line: str) -> Pattern:
        columns = [c.strip() for c in line.split("\t")]
        if len(columns) < 2 or not columns[1]:
            raise ValueError("verwacht 'patroon<TAB>hint'")
        source, hint = columns[0], columns[1]
        if hint.startswith("@"):
            if hint not in self.hints:
                raise ValueError(f"onbekende hint {hint}")
            hint = self.hints[hint]
        flags = frozenset(f.strip() for f in columns[2].split(",")) if len(columns) > 2 else None
        return Pattern(source, category, parse_pattern(source), hint, flags or frozenset())


def _normal(source: str) -> str:
    return " ".join(source.lower().split())


def load_lexicon(extra_dirs: Iterable[str | Path] = (), *, base: bool = True) -> Lexicon:
    """The built-in lexicon, extended by files of the same names in ``extra_dirs``."""
    builder = _Builder()
    if base:
        builder.read_dir(LEXICON_DIR)
    for directory in extra_dirs:
        path = Path(directory)
        if not path.is_dir():
            raise LexiconError(f"{path}: geen map met lexiconbestanden")
        builder.read_dir(path)
    return builder.build()


_default: Lexicon | None = None
_default_lock = threading.Lock()


def default_lexicon() -> Lexicon:
    """The built-in lexicon, read once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_lexicon()
    return _default
