"""Back up and restore the whole database: SQLite's online backup, or pg_dump/pg_restore.

Both directions work on one Django database alias (``default`` unless told otherwise) and
use its connection parameters, so ``DATABASE_URL`` decides where a backup comes from and
where a restore goes. A restore refuses a database that already holds tables unless
``force`` is given. Every problem the operator can fix is a ``BackupError`` with a Dutch
message; ``exit_code`` 2 means the path or the file is wrong, 1 that the work was refused
or failed.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    size: int
    files: int = 0  # attachments carried in FILES_SUFFIX beside the database backup


# The attachments' files (STORAGES["attachments"], issue 19) travel beside the database backup
# in one tar file: the stored, still encrypted bytes under their storage names. Read and written
# through Django's storage API, so a folder and an S3 bucket are backed up alike.
FILES_SUFFIX = ".bijlagen.tar"


# --- shared checks ---------------------------------------------------------------------------


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Databasesoort {vendor!r} wordt niet ondersteund.")
    return vendor


def _writable_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise BackupError(f"{path} is een map; geef een bestandsnaam op.", exit_code=2)
    if not path.parent.is_dir():
        raise BackupError(f"De map {path.parent} bestaat niet.", exit_code=2)
    if path.exists() and not force:
        raise BackupError(
            f"{path} bestaat al. Kies een nieuwe naam of gebruik --force om te overschrijven.",
            exit_code=2,
        )
    probe = path.with_name(path.name + ".part")
    try:
        probe.unlink(missing_ok=True)
        probe.open("wb").close()
        probe.unlink()
    except OSError as exc:
        raise BackupError(
            f"Kan in {path.parent} niet schrijven ({exc.strerror}). Kies een map waarin de "
            "gebruiker van Deelwijzer mag schrijven.",
            exit_code=2,
        ) from exc


def _readable_backup(path: Path, engine: str) -> None:
    if not path.is_file():
        raise BackupError(f"Het back-upbestand {path} bestaat niet.", exit_code=2)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"{path} is niet te lezen: {exc.strerror}.", exit_code=2) from exc
    expected = SQLITE_MAGIC if engine == "sqlite" else PGDUMP_MAGIC
    if not head.startswith(expected):
        kind = "SQLite-database" if engine == "sqlite" else "pg_dump-bestand (-Fc)"
        raise BackupError(
            f"{path} is geen {kind}; deze installatie gebruikt {engine}.", exit_code=2
        )


def table_names(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _refuse_non_empty(alias: str, force: bool) -> None:
    tables = table_names(alias)
    if tables and not force:
        raise BackupError(
            f"De doeldatabase is niet leeg ({len(tables)} tabellen). Terugzetten zou die "
            "gegevens vervangen; er is niets veranderd. Zet terug in een lege database, of "
            "gebruik --force als je de huidige inhoud bewust wilt overschrijven."
        )


def _finish(tmp: Path, path: Path, engine: str) -> BackupResult:
    tmp.chmod(0o600)  # special-category data: only the service account may read it
    tmp.replace(path)
    return BackupResult(path=path, engine=engine, size=path.stat().st_size)


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_file(alias: str) -> Path:
    return Path(connections[alias].settings_dict["NAME"])


def _sqlite_copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # the online backup API: consistent while others keep writing
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"SQLite kon {source} niet kopiëren: {exc}.", exit_code=2) from exc
    finally:
        dst.close()
        src.close()
    if check != "ok":
        raise BackupError(f"De kopie van {source} is beschadigd: {check}.")


def _sqlite_backup(alias: str, path: Path) -> BackupResult:
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        _sqlite_copy(_sqlite_file(alias), tmp)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    return _finish(tmp, path, "sqlite")


def _sqlite_restore(alias: str, path: Path) -> None:
    connections[alias].close()
    _sqlite_copy(path, _sqlite_file(alias))


# --- PostgreSQL ------------------------------------------------------------------------------


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's variables for this connection; the password never appears on a command line."""
    env = dict(os.environ)
    pairs = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env


def _run_pg(tool: str, args: list[str], alias: str) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(f"{tool} is niet gevonden: installeer postgresql-client.", exit_code=2)
    env = pg_environment(connections[alias].settings_dict)
    done = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
        [program, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()[-5:]
        raise BackupError(f"{tool} is mislukt (code {done.returncode}): " + " / ".join(lines))


def _pg_backup(alias: str, path: Path) -> BackupResult:
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        _run_pg("pg_dump", ["--format=custom", f"--file={tmp}"], alias)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    return _finish(tmp, path, "postgresql")


def _pg_restore(alias: str, path: Path, force: bool) -> None:
    _run_pg("pg_restore", ["--list", str(path)], alias)  # a readable archive, or exit 1
    connections[alias].close()
    args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if force:
        args += ["--clean", "--if-exists"]
    dbname = connections[alias].settings_dict["NAME"]
    _run_pg("pg_restore", [*args, f"--dbname={dbname}", str(path)], alias)


# --- the two operations ----------------------------------------------------------------------


def _attachment_store():
    from django.core.files.storage import storages

    return storages["attachments"]


def _stored_names(store, folder: str = "") -> Iterator[str]:
    try:
        folders, files = store.listdir(folder)
    except FileNotFoundError:  # nothing stored yet: the folder does not exist
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from _stored_names(store, prefix + sub)


def files_path(path: Path) -> Path:
    return path.with_name(path.name + FILES_SUFFIX)


def _files_backup(path: Path) -> int:
    """Every stored attachment file, as stored (encrypted), into ``path`` + FILES_SUFFIX.
    Taken after the database: a file added meanwhile is extra, never missing."""
    target = files_path(path)
    tmp = target.with_name(target.name + ".part")
    store = _attachment_store()
    count = 0
    with tarfile.open(tmp, "w") as archive:
        for name in _stored_names(store):
            with store.open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(data))
            count += 1
    tmp.chmod(0o600)
    tmp.replace(target)
    return count


def _files_restore(path: Path) -> int:
    """Put the backed-up files back into the store; 0 when the backup has none."""
    source = files_path(path)
    if not source.is_file():
        return 0
    from django.core.files.base import ContentFile

    store = _attachment_store()
    count = 0
    try:
        with tarfile.open(source, "r") as archive:
            for member in archive.getmembers():
                name = member.name
                if not member.isfile() or name.startswith("/") or ".." in name.split("/"):
                    raise BackupError(f"{source} bevat een onverwachte naam: {name!r}.")
                handle = archive.extractfile(member)
                assert handle is not None
                if store.exists(name):
                    store.delete(name)
                store.save(name, ContentFile(handle.read()))
                count += 1
    except tarfile.TarError as exc:
        raise BackupError(f"{source} is geen leesbaar tar-bestand: {exc}.", exit_code=2) from exc
    return count


def backup(path: Path | str, *, alias: str = "default", force: bool = False) -> BackupResult:
    """Write a consistent copy of the whole database to ``path`` (mode 0600), and the
    attachments' files beside it (``files_path``)."""
    path = Path(path).expanduser().absolute()
    engine = _engine(alias)
    _writable_target(path, force)
    if engine == "sqlite":
        result = _sqlite_backup(alias, path)
    else:
        result = _pg_backup(alias, path)
    return BackupResult(result.path, result.engine, result.size, _files_backup(path))


def restore(path: Path | str, *, alias: str = "default", force: bool = False) -> int:
    """Put a backup into the database of ``alias``; refuses a non-empty one unless ``force``.
    The attachments' files beside it go back into their store; how many."""
    path = Path(path).expanduser().absolute()
    engine = _engine(alias)
    _readable_backup(path, engine)
    _refuse_non_empty(alias, force)
    if engine == "sqlite":
        _sqlite_restore(alias, path)
    else:
        _pg_restore(alias, path, force)
    connections[alias].close()
    return _files_restore(path)


# --- after a restore: do the encrypted fields decrypt? ---------------------------------------


def _schema_current(alias: str) -> bool:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[alias])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def check_encrypted(alias: str = "default") -> int | None:
    """Decrypt every encrypted value with this installation's keys; how many there were.

    None when the restored schema is older than the code (``deelwijzer migrate`` encrypts
    it then). A value that does not decrypt is a ``BackupError`` naming the key id or column.
    """
    from deelwijzer import crypto
    from deelwijzer.cases.encryption import encrypted_tables

    if not _schema_current(alias):
        return None
    connection = connections[alias]
    quote = connection.ops.quote_name
    checked = 0
    with connection.cursor() as cursor:
        for table, (pk, columns) in encrypted_tables().items():
            names = ", ".join(quote(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {quote(table)} ORDER BY {quote(pk)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if not value:
                        continue
                    try:
                        crypto.decrypt(value, context=f"{table}.{column}")
                    except crypto.EncryptionError as exc:
                        raise BackupError(
                            f"Teruggezet, maar de versleutelde gegevens zijn niet te lezen: {exc} "
                            "Zet het sleutelbestand terug dat bij deze back-up hoort "
                            "(DEELWIJZER_KEY_FILE) en zet de back-up opnieuw terug met "
                            "`deelwijzer restore --force`."
                        ) from exc
                    checked += 1
    return checked
