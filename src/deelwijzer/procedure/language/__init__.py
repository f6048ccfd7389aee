"""Dutch language checker for step 1 of the werkwijze (R1.1, R1.2, R1.4).

``check_text(text)`` returns the places where a text interprets (a loaded word, a
judgement of a person or group, a conclusion, a guess at motives, a label, a vague
change), generalises, gives an opinion as if it were a fact, or names a diagnosis
without a qualified source. The
words come from the data files in ``procedure/lexicon/``; an organisation extends them
with ``load_lexicon(extra_dirs=[...])``. See ``lexicon/README.md`` for the format and
for the decisions on quotes, reported speech, negation and generalisations.
"""

from .checker import check_text
from .loader import LexiconError, default_lexicon, load_lexicon
from .model import LanguageFinding, Lexicon

__all__ = [
    "LanguageFinding",
    "Lexicon",
    "LexiconError",
    "check_text",
    "default_lexicon",
    "load_lexicon",
]
