"""The judgements around a match: when a found word is really a problem.

Decisions (each one documented in lexicon/README.md):

- Reported speech. Words after a speech verb in the same sentence ("Zijn moeder vertelde
  dat hij ...", "Volgens de mentor ...") record what someone said. They are not flagged
  as interpretation or opinion (R1.1, R1.2): naming the source is R1.3's business. A
  diagnosis is still flagged (R1.4): a diagnosis needs a qualified professional, and a
  parent or colleague is not one. "ik zei" and "volgens mij" are not reported speech, nor
  is "zegt niets" or "zei het ...", and ", maar" after what was said ends the reported
  part ("ze zegt dat het goed gaat, maar eigenlijk wil ze weg").
- Verdict generalisations (flag ``verdict``). "altijd", "nooit", "steeds", "iedereen" ...
  are flagged only when the sentence passes a verdict: next to a form of zijn/worden/
  blijven/doen ("hij is altijd ...", "iedereen is ..."), or near an evaluative or
  interpretive word ("reageert altijd boos"). "Sinds drie weken draagt ze steeds een
  nikab" and "komt nooit te laat" are descriptions of a pattern of behaviour and pass.
  "is ... gekomen" uses "is" as an auxiliary, not as a verdict.
- Negation. "niet gemotiveerd" and "niet agressief" are still a judgement instead of an
  observation, so they are flagged; the span includes the negation so the professional
  sees the whole verdict.
- Diagnoses pass when the same sentence names a qualified professional ("vastgesteld
  door de kinderpsychiater").
"""

from __future__ import annotations

from .matcher import Match
from .model import Lexicon
from .quotes import QuotedSpans
from .tokens import Tokens

AUXILIARY_COPULAS = frozenset("is zijn was waren ben bent wordt worden werd werden".split())
COPULAS = AUXILIARY_COPULAS | {"blijft", "bleef", "blijven"}
VERDICT_VERBS = frozenset("doet doen deed deden".split())
NEGATIONS = frozenset("niet geen nauwelijks weinig".split())
INTENSIFIERS = frozenset("erg zo heel echt helemaal totaal wel echt bijzonder best nogal".split())
FIRST_PERSON = frozenset("ik wij we mij me mijn ons onze".split())
CONTEXT_WINDOW = 6
# After a speech verb these words say that nothing is reported ("zegt niets", "zei het").
NOT_SAID = frozenset("niets niks weinig nauwelijks het".split())
CONTRASTS = frozenset("maar terwijl".split())


def is_participle(word: str) -> bool:
    return len(word) >= 6 and word.startswith("ge") and word.endswith(("d", "t", "en"))


def in_reported_speech(tokens: Tokens, lexicon: Lexicon, i: int, quoted: QuotedSpans) -> bool:
    """True when a speech verb of someone else comes before word i in its sentence, and
    no quotation in between already holds what was said ("zei "nee" en werd ...")."""
    first, _ = tokens.sentence(i, speech=True)
    words = tokens.words
    for j in range(first, i):
        if words[j] not in lexicon.speech_verbs:
            continue
        neighbours = {words[k] for k in (j - 1, j + 1) if first <= k < len(words)}
        if neighbours & FIRST_PERSON:
            continue
        if j + 1 < len(words) and words[j + 1] in NOT_SAID:
            continue  # "ze zegt niets over thuis", "hij zei het bewust om ..."
        if _contrast_between(tokens, j + 1, i):
            continue  # "ze zegt dat het goed gaat, maar eigenlijk ..."
        if not quoted.any_within(tokens.end(j), tokens.start(i)):
            return True
    return False


def _contrast_between(tokens: Tokens, after: int, i: int) -> bool:
    """True when ", maar" (or "; maar") lies between words ``after`` and ``i``."""
    words = tokens.words
    return any(words[k] in CONTRASTS and "," in tokens.gap(k) for k in range(max(after, 1), i + 1))


def passes_verdict(tokens: Tokens, lexicon: Lexicon, match: Match, judged: set[int]) -> bool:
    """True when a generalisation word is used as a verdict (see module docstring)."""
    first, last = tokens.sentence(match.first)
    window = range(max(first, match.first - CONTEXT_WINDOW), min(last, match.last + CONTEXT_WINDOW))
    words = tokens.words
    if any(words[j] in lexicon.evaluative or j in judged for j in window):
        return True
    for j in (match.first - 2, match.first - 1, match.last):
        if not first <= j < last or (j == match.last and words[j] == "zijn"):
            continue  # "heeft altijd zijn telefoon": possessive, not a verb
        if words[j] in VERDICT_VERBS:
            return True
        if words[j] in COPULAS:
            return not _auxiliary(words, j, match.last, last)
    return False


def _auxiliary(words: list[str], copula: int, after: int, sentence_end: int) -> bool:
    """A copula followed by a past participle is an auxiliary: "is nooit gekomen"."""
    if words[copula] not in AUXILIARY_COPULAS:
        return False
    end = min(sentence_end, after + CONTEXT_WINDOW)
    return any(is_participle(words[j]) for j in range(after, end))


def negation_start(tokens: Tokens, i: int) -> int:
    """Index of a negation ("niet", "niet erg", "totaal niet") governing word i, else i."""
    words = tokens.words
    j = i - 1
    if j >= 0 and words[j] in INTENSIFIERS and not tokens.breaks_before(i):
        j -= 1
    if j >= 0 and words[j] in NEGATIONS and not tokens.breaks_before(j + 1):
        return j
    return i


def names_qualified_source(tokens: Tokens, lexicon: Lexicon, i: int) -> bool:
    """True when the sentence of word i names a qualified professional."""
    first, last = tokens.sentence(i, speech=True)
    sources = tuple(lexicon.qualified_sources)
    return any(tokens.words[j].endswith(sources) for j in range(first, last))
