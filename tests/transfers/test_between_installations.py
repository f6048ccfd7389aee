"""A transfer between two installations (issue #20.2): two databases (two SQLite files), the
real ``deelwijzer`` command in subprocesses. Installation A exports a transfer as a
``deelwijzer-transfer/1`` package (encrypted to B's key, signed with A's); B imports it and its
attention officer accepts it: the chosen entries arrive, and nothing else. A changed package, or
one signed with another key, is refused and leaves nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import deelwijzer
from tests.disclosures.helpers import OPINION, RISK, TICKED_SIGNAL, UNTICKED_SIGNAL

SRC = str(Path(deelwijzer.__file__).resolve().parent.parent)
ROOT = str(Path(SRC).parent)

SET_UP_A = """
from types import SimpleNamespace
from deelwijzer.organisations.models import Organisation, Role, Sector
from tests.personas import make_user, open_case
from tests.disclosures.helpers import make_entries, sign_off_decision
org = Organisation.objects.create(name="Het Baken", sector=Sector.EDUCATION)
prof = make_user("prof", org, Role.PROFESSIONAL)
case = open_case(prof, org, "J-TEST")
p = SimpleNamespace(case=case, professional=prof,
                    decision_maker=make_user("beslisser", org, Role.DECISION_MAKER))
make_entries(p)
sign_off_decision(p)
print(case.public_id)
"""
SET_UP_B = """
from deelwijzer.organisations.models import Organisation, Role, Sector
from tests.personas import make_user
org = Organisation.objects.create(name="Jeugdhulp Noord", sector=Sector.YOUTH_CARE)
make_user("aandacht", org, Role.ATTENTION_OFFICER)
make_user("hulpverlener", org, Role.PROFESSIONAL)
"""
ACCEPT_IN_B = """
import json
from django.contrib.auth import get_user_model
from deelwijzer.audit.models import AuditEvent
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Opinion, Signal
from deelwijzer.transfers.models import Transfer
from deelwijzer.transfers.services import transfer_accept
users = get_user_model().objects
t = Transfer.objects.get()
team = [users.get(username="hulpverlener").pk]
case = transfer_accept(actor=users.get(username="aandacht"), transfer_id=t.public_id,
                       team_user_ids=team, role_on_team="begeleider")
print(json.dumps({
    "from": Transfer.objects.get().sender,
    "signals": [x.text for x in Signal.objects.filter(case=case)],
    "opinions": [x.text for x in Opinion.objects.filter(case=case)],
    "risks": [x.description for x in Risk.objects.filter(case=case)],
    "name": case.youth.name, "guardians": case.guardians.count(),
    "team": list(case.team.values_list("user__username", flat=True)),
    "audit": [e.action for e in AuditEvent.objects.filter(action__startswith="transfer")],
}))
"""
AUDIT = """
from deelwijzer.audit.models import AuditEvent
print(",".join(e.action for e in AuditEvent.objects.filter(action__startswith="transfer")))
"""


def run(url: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "deelwijzer.cli", *args],
        env={**__import__("os").environ, "DATABASE_URL": url, "PYTHONPATH": f"{SRC}:{ROOT}"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if ok:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def last_line(done: subprocess.CompletedProcess) -> str:
    """What the script printed last (Django's shell may print what it imported first)."""
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def two_installations(tmp_path_factory):
    where = tmp_path_factory.mktemp("installations")
    a, b = (f"sqlite:///{where / name}.sqlite3" for name in ("a", "b"))
    for url in (a, b):
        run(url, "migrate", "--verbosity", "0")
    case_id = last_line(run(a, "shell", "-c", SET_UP_A))
    run(b, "shell", "-c", SET_UP_B)
    (where / "ka").mkdir()
    (where / "kb").mkdir()
    printed = run(
        a, "transfer-keygen", "--organisation", "Het Baken", "--output-dir", str(where / "ka")
    )
    assert "vingerafdruk" in printed.stdout
    run(
        b, "transfer-keygen", "--organisation", "Jeugdhulp Noord", "--output-dir", str(where / "kb")
    )
    return where, a, b, case_id


def export(where: Path, a: str, case_id: str, output: str, **extra):
    args = ["transfer-export", "--case", case_id, "--user", "prof", "--items", "s1,r1",
            "--identity", "name", "--purpose", "Ze verhuist; het team moet het risico kennen.",
            "--key", str(where / "ka" / "het-baken.key"),
            "--to", str(where / "kb" / "jeugdhulp-noord.pub"),
            "--output", str(where / output)]  # fmt: skip
    return run(a, *args, **extra)


def test_a_package_round_trips_the_chosen_entries_and_nothing_else(two_installations):
    where, a, b, case_id = two_installations
    export(where, a, case_id, "pakket.json")
    sealed = (where / "pakket.json").read_text()
    assert json.loads(sealed)["format"] == "deelwijzer-transfer/1"
    for clear in (TICKED_SIGNAL, "Yusuf", RISK[:20]):
        assert clear not in sealed  # encrypted
    assert (where / "ka" / "het-baken.key").stat().st_mode & 0o777 == 0o600
    imported = run(b, "transfer-import", str(where / "pakket.json"), "--organisation",
                   "Jeugdhulp Noord", "--key", str(where / "kb" / "jeugdhulp-noord.key"),
                   "--from", str(where / "ka" / "het-baken.pub"))  # fmt: skip
    assert "wacht op aanvaarden" in imported.stdout
    result = json.loads(last_line(run(b, "shell", "-c", ACCEPT_IN_B)))
    assert result["from"] == "Het Baken"
    assert result["signals"] == [TICKED_SIGNAL] and UNTICKED_SIGNAL not in result["signals"]
    assert result["risks"] == [RISK] and result["opinions"] == [] and OPINION not in str(result)
    assert result["name"] == "Yusuf Bakker" and result["guardians"] == 0
    assert result["team"] == ["hulpverlener"]
    assert result["audit"] == ["transfer.incoming", "transfer.accept"]
    assert last_line(run(a, "shell", "-c", AUDIT)) == "transfer.prepare,transfer.export"


def test_a_changed_or_wrongly_signed_package_is_refused_and_leaves_nothing(two_installations):
    where, a, b, case_id = two_installations
    export(where, a, case_id, "ander.json")
    package = json.loads((where / "ander.json").read_text())
    package["to"] = "Jeugdhulp Noord "  # changed on the way
    (where / "veranderd.json").write_text(json.dumps(package))
    key = str(where / "kb" / "jeugdhulp-noord.key")
    changed = run(b, "transfer-import", str(where / "veranderd.json"), "--organisation",
                  "Jeugdhulp Noord", "--key", key, "--from", str(where / "ka" / "het-baken.pub"),
                  ok=False)  # fmt: skip
    assert changed.returncode == 2 and "ondertekening klopt niet" in changed.stderr
    wrong_sender = run(b, "transfer-import", str(where / "ander.json"), "--organisation",
                       "Jeugdhulp Noord", "--key", key, "--from",
                       str(where / "kb" / "jeugdhulp-noord.pub"), ok=False)  # fmt: skip
    assert wrong_sender.returncode == 2 and "ondertekening klopt niet" in wrong_sender.stderr
    pending = run(b, "shell", "-c", "from deelwijzer.transfers.models import Transfer; "
                  "print(Transfer.objects.filter(status='pending').count())")  # fmt: skip
    assert last_line(pending) == "0"


def test_the_same_package_is_read_in_only_once(two_installations):
    """Issue #20.2: importing a package twice does not make two pending transfers; the second
    is refused, explained (when, which transfer, its status), and leaves nothing."""
    where, a, b, case_id = two_installations
    export(where, a, case_id, "twee.json")
    key, sender = str(where / "kb" / "jeugdhulp-noord.key"), str(where / "ka" / "het-baken.pub")
    args = ["--organisation", "Jeugdhulp Noord", "--key", key, "--from", sender]
    incoming = (
        "from deelwijzer.audit.models import AuditEvent; "
        "print(AuditEvent.objects.filter(action='transfer.incoming').count())"
    )
    before = int(last_line(run(b, "shell", "-c", incoming)))
    first = run(b, "transfer-import", str(where / "twee.json"), *args)
    assert "wacht op aanvaarden" in first.stdout
    # the same package again, also when written out differently (indented, keys reordered)
    package = json.loads((where / "twee.json").read_text())
    (where / "nogmaals.json").write_text(json.dumps(dict(reversed(package.items())), indent=2))
    for path in ("twee.json", "nogmaals.json"):
        again = run(b, "transfer-import", str(where / path), *args, ok=False)
        assert again.returncode == 2, again.stderr
        assert "al ingelezen" in again.stderr and "wacht op de ontvangende" in again.stderr
    script = ("from deelwijzer.transfers.models import Transfer; "
              "t = Transfer.objects.filter(package_id__in=[x.package_id for x in "
              "Transfer.objects.order_by('-id')[:1]]); "
              "print(t.count(), len(t.get().package_hash), bool(t.get().package_id))")  # fmt: skip
    count = run(b, "shell", "-c", script)
    assert last_line(count) == "1 64 True"
    assert int(last_line(run(b, "shell", "-c", incoming))) == before + 1
