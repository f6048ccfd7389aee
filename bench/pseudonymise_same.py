"""Check for speed work on the pseudonymiser (#24): the output of every test text, to compare
two versions of the code byte for byte.

``python -m bench.pseudonymise_same OUT.json`` pseudonymises every text of the corpus
(``tests/procedure/pseudo_corpus``), of the places evaluation set, of the language checker's
sets (each sentence with the corpus's first case, and with the evaluation set's first case and
organisation names) and the bench's 1,000-word texts, and writes each result
(:meth:`PseudonymiseResult.to_json`: text, replacements, review list) under the text's id.
Run it once with ``PYTHONPATH`` at the old code's ``src`` and once at the new one's, then
``python -m bench.pseudonymise_same --compare OLD.json NEW.json`` lists the texts whose
results differ (exit status 1 when one does).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "procedure"


def _sentences() -> list[str]:
    out = []
    for path in sorted((TESTS / "language_corpus").glob("*.t*")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out.append(line.split("\t")[-1])
    for line in (TESTS / "data" / "language_eval.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append(line.split("\t")[0])
    return [s for s in out if s.strip()]


def cases() -> Iterator[tuple[str, str, Any, list[str]]]:
    """(id, text, case file, organisation names) of every text the check runs."""
    from bench.bench_pseudonymise import _text_and_case
    from deelwijzer.procedure.casefile import load_casefile
    from tests.procedure.test_pseudonymise_places import casefile, eval_texts

    corpus = sorted((TESTS / "pseudo_corpus").glob("*.json"))
    first = None
    for path in corpus:
        item = json.loads(path.read_text(encoding="utf-8"))
        cf = load_casefile(item["case"])
        first = first or cf
        yield f"corpus/{path.stem}", item["text"], cf, []
    evals = eval_texts()
    names = sorted({n for item in evals for n in item["organisation_names"]})
    eval_first = casefile(evals[0])
    for item in evals:
        yield f"eval/{item['id']}", item["text"], casefile(item), item["organisation_names"]
    words: list[str] = []
    while len(words) < 1000:
        for item in evals:
            words.extend(item["text"].split())
    yield "eval/long", " ".join(words[:1000]), eval_first, names
    text, case = _text_and_case()
    yield "corpus/long", text, load_casefile(case), []
    for n, sentence in enumerate(_sentences()):
        yield f"sentence/{n}/corpus", sentence, first, []
        yield f"sentence/{n}/eval", sentence, eval_first, names


def outputs() -> dict[str, Any]:
    from deelwijzer.procedure.deidentify import get_deduce
    from deelwijzer.procedure.pseudonymise import pseudonymise

    model = get_deduce()
    return {
        key: pseudonymise(text, cf, model=model, organisation_names=names).to_json()
        for key, text, cf, names in cases()
    }


def compare(old: Path, new: Path) -> int:
    before = json.loads(old.read_text(encoding="utf-8"))
    after = json.loads(new.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(before)} texts, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    result = outputs()
    Path(sys.argv[1]).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    print(f"{len(result)} texts written to {sys.argv[1]}")
