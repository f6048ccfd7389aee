"""The deduce model: built once at install time, loaded once per process, shared by threads.

deduce (PyPI ``deduce``, v3) turns its word lists into lookup structures the first time it is
constructed, which takes about two minutes and roughly 1 GB of memory, and stores them as a
pickle in ``<site-packages>/deduce/data/lookup/cache/lookup_structs.pickle`` (about 75 MB).
Later constructions unpickle that file (about ten seconds). deduce rebuilds silently when the
pickle is missing, was made by another deduce version, or is older than its word lists.

A web request must never pay for that build. So:

* ``python -m deelwijzer.procedure.deidentify --build`` (part of ``make run`` and of the CI
  set-up) builds the structures; a second run sees they are valid and returns at once.
* :func:`deduce_is_built` applies deduce's own validity rule to the pickle's header (the
  version and the time it was saved come first in the file), without loading it.
* :func:`get_deduce` refuses with :class:`DeduceNotBuiltError` when the structures are not
  built, instead of building them; otherwise it loads the model once (under a lock) and
  returns the same instance to every caller and thread. deduce's ``deidentify`` keeps no
  state between documents, so one instance serves concurrent requests.

``DEELWIJZER_DEDUCE_CACHE`` may name another directory for the pickle (for a read-only
site-packages); build and load then both use it.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import logging
import os
import pickletools
import py_compile
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deduce import Deduce

_lock = threading.Lock()
_model: Deduce | None = None
CACHE_ENV = "DEELWIJZER_DEDUCE_CACHE"
BUILD_COMMAND = "python -m deelwijzer.procedure.deidentify --build"


class DeduceNotBuiltError(RuntimeError):
    """deduce's lookup structures are missing or stale; building them is an install step."""

    def __init__(self, reason: str = "") -> None:
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"De opzoektabellen van deduce zijn nog niet gebouwd{why}. Voer eenmalig "
            f"'{BUILD_COMMAND}' uit (dat duurt een paar minuten)."
        )


def _import_deduce() -> Any:
    """Import deduce without letting it configure the root logger (it calls basicConfig)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


def _lookup_path() -> Path:
    return Path(_import_deduce().__file__).parent / "data" / "lookup"


def cache_path() -> Path:
    """The directory deduce keeps its ``cache/lookup_structs.pickle`` in."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else _lookup_path()


def _pickle_header(pickle_file: Path) -> dict[str, str]:
    """The first string entries of the cache dict (deduce_version, saved_datetime)."""
    header: dict[str, str] = {}
    strings: list[str] = []
    with open(pickle_file, "rb") as stream:
        for opcode, arg, _ in pickletools.genops(stream):
            if "UNICODE" in opcode.name:
                strings.append(str(arg))
            if len(strings) >= 4 or opcode.name == "STOP":
                break
    for key, value in zip(strings[::2], strings[1::2], strict=False):
        header[key] = value
    return header


def not_built_reason() -> str | None:
    """Why deduce would build its lookup structures instead of loading them, or None when it
    would load them. deduce's own rule (``validate_lookup_struct_cache``), spelled out so that
    the answer can say which part failed: no pickle, another deduce version, or a directory of
    its word lists changed after the pickle was saved (naive local times, as deduce compares)."""
    deduce = _import_deduce()
    from deduce.lookup_structs import _SRC_SUBDIR

    pickle_file = cache_path() / "cache" / "lookup_structs.pickle"
    if not pickle_file.is_file():
        return f"geen {pickle_file}"
    try:
        header = _pickle_header(pickle_file)
        if header["deduce_version"] != deduce.__version__:
            return f"gebouwd met deduce {header['deduce_version']}, nu {deduce.__version__}"
        saved = datetime.fromisoformat(header["saved_datetime"])
        for directory in (cache_path() / _SRC_SUBDIR).glob("**"):
            changed = datetime.fromtimestamp(os.stat(directory).st_mtime)
            if changed > saved:
                return f"{directory} gewijzigd op {changed} (lokale tijd), na de bouw ({saved})"
    except (KeyError, ValueError, OSError, EOFError) as error:
        return f"{pickle_file} onleesbaar ({type(error).__name__}: {error})"
    return None


def deduce_is_built() -> bool:
    """Whether deduce would load its lookup structures from cache instead of building them."""
    return not_built_reason() is None


def _construct(build: bool) -> Deduce:
    deduce = _import_deduce()
    path = cache_path()
    return deduce.Deduce(cache_path=path, build_lookup_structs=build)


def get_deduce() -> Deduce:
    """The process's deduce model; raises :class:`DeduceNotBuiltError` rather than building."""
    global _model
    if _model is not None:
        return _model
    with _lock:
        if _model is None:
            reason = not_built_reason()
            if reason is not None:
                raise DeduceNotBuiltError(reason)
            model = _construct(build=False)
            from deelwijzer.procedure.pseudonymise.generic import areas

            areas()  # the neighbourhood names from deduce's street list, never on a request
            _model = model
            # The tables are millions of objects that live as long as the process: out of the
            # collector's reach, no full collection walks them again (seconds each, in the web
            # process, a test worker or a command); gunicorn's --preload master does the same.
            gc.freeze()
    return _model


_OLD_MTIME = 946684800  # 2000-01-01: older than any cache, in every time zone


def _age_sources(src: Path | None = None) -> None:
    """Date deduce's word lists back, so that its cache check cannot depend on the time zone,
    and compile the one Python file among them so that no later import rewrites its bytecode.

    deduce compares the modification times of every directory under its word lists with the
    cache's save time, as naive local times. Django sets TZ (Europe/Amsterdam) at start-up, so
    a cache built under UTC would look an hour older than the lists in the web process, and
    deduce would rebuild it on a request. And loading deduce imports ``deduce.data.lookup.src``
    (a package: ``src/__init__.py``): when its bytecode is stale, Python writes a new one into
    ``src/__pycache__``, which makes that directory newer than the cache, so that every process
    started after the first load found the tables "not built" (seen in CI, where bytecode is
    written; PYTHONDONTWRITEBYTECODE hid it here). Bytecode compiled as unchecked-hash is never
    checked against its source, so Python never rewrites it.
    """
    src = src or _lookup_path() / "src"
    for source in src.glob("**/*.py"):
        py_compile.compile(
            str(source),
            cfile=importlib.util.cache_from_source(str(source)),
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            doraise=True,
        )
    for path in [src, *src.glob("**/*")]:
        os.utime(path, (_OLD_MTIME, _OLD_MTIME))


def build_lookup_structures(force: bool = False) -> bool:
    """Build deduce's lookup structures unless they are valid already; True when it built."""
    with _lock:
        built = force or not deduce_is_built()
        if built:
            _construct(build=True)
        _age_sources()
        return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deelwijzer.procedure.deidentify",
        description="Bouwt de opzoektabellen van deduce (eenmalig, bij installatie).",
    )
    parser.add_argument("--build", action="store_true", help="bouw de opzoektabellen")
    parser.add_argument("--force", action="store_true", help="bouw opnieuw, ook als ze er zijn")
    parser.add_argument("--check", action="store_true", help="meld alleen of ze gebouwd zijn")
    args = parser.parse_args(argv)
    if args.check or not args.build:
        reason = not_built_reason()
        if reason is None:
            print("deduce: opzoektabellen gebouwd")
            return 0
        print(f"deduce: niet gebouwd ({reason}); {BUILD_COMMAND}")
        return 1
    return _build_with_messages(args.force)


def _build_with_messages(force: bool) -> int:
    if not force and deduce_is_built():
        _age_sources()
        print(f"deduce: opzoektabellen zijn al gebouwd ({cache_path()}).")
        return 0
    print(
        "deduce: opzoektabellen bouwen; dit duurt een paar minuten en gebruikt ongeveer 1 GB "
        "geheugen (eenmalig).",
        flush=True,
    )
    started = time.monotonic()
    try:
        build_lookup_structures(force=force)
    except OSError as error:
        print(f"deduce: bouwen mislukt: {error}. Zet {CACHE_ENV} op een schrijfbare map.")
        return 2
    print(f"deduce: klaar in {time.monotonic() - started:.0f} s ({cache_path()}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
