"""Backups and restores between real installations (issue 16): each installation has its own
var and data directories and, when DATABASE_URL is PostgreSQL, its own database; the commands
run as an operator runs them (`bmnn backup`, `bmnn backup verify`, `bmnn restore`, `bmnn audit
verify`), and the people's work goes through the services (`backup_steps`).

Run the file twice: as it is (SQLite) and with DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext as _

from bmnn.core import backup
from bmnn.core.models import AuditEvent
from bmnn.core.tasks import daily_backup
from tests.deploy.installations import clean_environment, drop_database, fresh_database, run

ROOT = Path(__file__).resolve().parents[3]
BMNN = Path(sys.executable).parent / "bmnn"  # the console script of this virtual environment
PASSPHRASE = "mot cau dai cho ban sao luu 2026"
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
LARGE = 2_500_000  # one stored file this large: the backup spans several parts
PART = backup.CHUNK_SIZE + backup.TAG_SIZE


class Installation:
    """One BMNN installation on this machine, reached only through its commands."""

    def __init__(self, base: Path, name: str) -> None:
        self.name, self.dir = name, base / name
        self.var, self.data = self.dir / "var", self.dir / "data"
        self.env = clean_environment()
        self.env.update(
            BMNN_VAR_DIR=str(self.var),
            BMNN_DATA_DIR=str(self.data),
            BMNN_BACKUP_PASSPHRASE=PASSPHRASE,
            BMNN_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        )
        self.database = ""
        if POSTGRES:
            self.database = f"bmnn_backup_{os.getpid()}_{name}"
            self.env["DATABASE_URL"] = fresh_database(self.database)

    def run(self, *argv: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        return run(
            self.name, list(argv), cwd=ROOT, env={**self.env, **env}, timeout=600, check=check
        )

    def bmnn(self, *argv: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        return self.run(str(BMNN), *argv, check=check, **env)

    def step(self, name: str, **args: Any) -> Any:
        done = self.run(
            sys.executable, "-m", "bmnn.core.tests.backup_steps", name, json.dumps(args)
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def state(self, records: bool = True) -> dict[str, Any]:
        """What a refused restore must not change: the database's records, every stored file
        and every key file."""
        files = {
            str(p.relative_to(self.dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.dir.rglob("*"))
            if p.is_file() and not p.name.startswith("bmnn.sqlite3")
        }
        return {"records": self.step("census") if records else None, "files": files}

    def drop(self) -> None:
        if self.database:
            drop_database(self.database)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    made = tmp_path_factory.mktemp("installations")
    yield made
    shutil.rmtree(made, ignore_errors=True)


@pytest.fixture(scope="module")
def installations(base: Path) -> Iterator[list[Installation]]:
    made: list[Installation] = []
    yield made
    for installation in made:
        installation.drop()


@pytest.fixture
def new_installation(base: Path, installations: list[Installation]) -> Any:
    def make(name: str) -> Installation:
        installation = Installation(base, name)
        installations.append(installation)
        return installation

    return make


@pytest.fixture(scope="module")
def source(base: Path, installations: list[Installation]) -> Installation:
    """A province node with a day of work: registers, secret files, progress with evidence."""
    installation = Installation(base, "source")
    installations.append(installation)
    installation.bmnn("setup", "--no-demo")
    installation.step("populate", large=LARGE)
    installation.bmnn("audit", "checkpoint")  # the night's signed checkpoint (and signing key)
    return installation


@pytest.fixture(scope="module")
def backup_file(source: Installation, base: Path) -> Path:
    target = base / "kept" / "ban-sao-luu.bmnnbak"
    target.parent.mkdir()
    source.bmnn("backup", "--out", str(target))
    return target


def _vietnamese(message: str, **values: Any) -> str:
    """A message as the commands print it (in the default language, Vietnamese)."""
    with translation.override("vi"):
        return _(message) % values if values else _(message)


def test_a_backup_restores_into_a_new_installation_whose_chain_verifies_and_files_open(
    source: Installation, new_installation: Any, base: Path
) -> None:
    before = source.step("census")
    out = base / "round-trip"
    out.mkdir()
    source.bmnn("backup", "--out", str(out))
    [made] = list(out.iterdir())
    assert backup.DAILY_NAME.fullmatch(made.name)

    copy = new_installation("round-trip-copy")
    copy.bmnn("restore", str(made))
    checkpoints = str(copy.data / "audit-checkpoints")
    assert "audit chain intact" in copy.bmnn("audit", "verify", "--checkpoints", checkpoints).stdout
    restored = copy.step("census")
    assert {k: restored[k] for k in ("entries", "files", "evidence")} == {
        k: before[k] for k in ("entries", "files", "evidence")
    }
    # the chain goes on from the source's: its events, then the restore's own
    assert restored["events"] == before["events"] + 1
    opened = copy.step("open_files")
    assert opened == {"files": before["files"], "evidence": before["evidence"]}
    for key in ("file_keys", "signing_key.pem", "secret_key"):
        assert (copy.var / key).read_bytes() == (source.var / key).read_bytes()


def test_a_backup_taken_while_a_writer_commits_restores_every_row_committed_before_it(
    source: Installation, new_installation: Any, base: Path
) -> None:
    stop = base / "stop-writing"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bmnn.core.tests.backup_steps",
            "write",
            json.dumps({"stop": str(stop), "first": 1000}),
        ],
        cwd=ROOT,
        env=source.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    try:
        # what the writer printed had committed: the backup starts after these
        committed = [json.loads(writer.stdout.readline()) for _n in range(6)]
        target = base / "while-writing.bmnnbak"
        source.bmnn("backup", "--out", str(target))
        assert writer.poll() is None  # it was writing all along the backup
    finally:
        stop.touch()
        rest, _errors = writer.communicate(timeout=120)
    assert writer.returncode == 0, rest

    copy = new_installation("while-writing-copy")
    copy.bmnn("setup", "--no-demo")  # a migrated but empty database takes a restore too
    copy.bmnn("restore", str(target))
    assert "audit chain intact" in copy.bmnn("audit", "verify").stdout
    restored = copy.step("census")
    for done in committed:
        if "entry" in done:
            assert done["entry"] in restored["entries"]
            assert restored["files"][str(done["file"])] == done["sha256"]
        else:
            assert restored["evidence"][str(done["evidence"])] == done["sha256"]
    # every restored row finds its file, and it decrypts to the fingerprint the row keeps
    opened = copy.step("open_files")
    assert opened == {"files": restored["files"], "evidence": restored["evidence"]}


def _damaged(backup_file: Path, base: Path, name: str, offset: int) -> Path:
    data = bytearray(backup_file.read_bytes())
    data[offset] ^= 0x01
    target = base / name
    target.write_bytes(bytes(data))
    return target


def _refusal(source: Installation, path: Path, **env: str) -> str:
    done = source.bmnn("backup", "verify", str(path), check=False, **env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    return done.stderr


def test_an_untouched_backup_verifies(source: Installation, backup_file: Path) -> None:
    done = source.bmnn("backup", "verify", str(backup_file))  # exit 0, or the test fails
    assert done.stdout.strip() and not done.stderr.strip()


def test_verify_refuses_a_changed_byte_in_the_header(
    source: Installation, backup_file: Path, base: Path
) -> None:
    damaged = _damaged(backup_file, base, "header.bmnnbak", 20)  # in the salt
    assert _vietnamese("The backup's header is damaged: the file cannot be opened.") in _refusal(
        source, damaged
    )


@pytest.mark.parametrize("where", ["middle", "last byte"])
def test_verify_refuses_a_changed_byte_and_names_its_part(
    source: Installation, backup_file: Path, base: Path, where: str
) -> None:
    size = backup_file.stat().st_size
    offset = size // 2 if where == "middle" else size - 1
    part = (offset - backup.HEADER_SIZE) // PART
    damaged = _damaged(backup_file, base, f"{where}.bmnnbak", offset)
    expected = _vietnamese(
        "The backup is damaged: part %(part)s (from byte %(offset)s) fails its check.",
        part=part + 1,
        offset=backup.HEADER_SIZE + part * PART,
    )
    assert expected in _refusal(source, damaged)


def test_verify_refuses_a_backup_cut_short(
    source: Installation, backup_file: Path, base: Path
) -> None:
    data = backup_file.read_bytes()
    inside, at_boundary = base / "cut-inside.bmnnbak", base / "cut-at-part.bmnnbak"
    inside.write_bytes(data[:-1000])
    at_boundary.write_bytes(data[: backup.HEADER_SIZE + PART])
    parts = (len(data) - backup.HEADER_SIZE) // PART
    assert parts >= 3
    assert _vietnamese(
        "The backup is truncated: it ends inside part %(part)s, at byte %(size)s.",
        part=parts,
        size=len(data) - 1000,
    ) in _refusal(source, inside)
    assert _vietnamese(
        "The backup is truncated: it ends after part %(part)s, before its last part.", part=1
    ) in _refusal(source, at_boundary)


def test_verify_tells_a_wrong_passphrase_from_damage(
    source: Installation, backup_file: Path
) -> None:
    said = _refusal(source, backup_file, BMNN_BACKUP_PASSPHRASE="not the passphrase at all")
    assert _vietnamese("Wrong passphrase: it does not open this backup.") in said


def test_parts_swapped_are_refused() -> None:
    header, key = backup.new_header(PASSPHRASE, chunk_size=4096, log_n=10)
    out = io.BytesIO()
    writer = backup.SealedWriter(out, key, header, chunk_size=4096)
    writer.write(os.urandom(3 * 4096))
    writer.finish()
    data, size = out.getvalue(), 4096 + backup.TAG_SIZE
    assert len(backup.SealedReader(io.BytesIO(data), key, header, 4096).read()) == 3 * 4096
    swapped = data[size : 2 * size] + data[:size] + data[2 * size :]
    with translation.override("vi"), pytest.raises(backup.BackupError) as refused:
        backup.SealedReader(io.BytesIO(swapped), key, header, 4096).read()
    assert str(refused.value) == _vietnamese(
        "The backup is damaged: part %(part)s (from byte %(offset)s) fails its check.",
        part=1,
        offset=len(header),
    )


def _craft(path: Path, members: dict[str, bytes], listed: dict[str, bytes]) -> None:
    """A backup sealed with the right passphrase whose manifest lists `listed`: what a bug
    (not damage, which the parts' tags catch) could write."""
    import tarfile

    header, key = backup.new_header(PASSPHRASE, log_n=10)
    manifest = {
        "members": [
            {"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
            for n, d in listed.items()
        ]
    }
    with path.open("wb") as out:
        out.write(header)
        sealed = backup.SealedWriter(out, key, header)
        with tarfile.open(fileobj=sealed, mode="w|") as archive:
            for name, data in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        sealed.finish()


def test_a_member_that_differs_from_the_manifest_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "manifest.bmnnbak"
    _craft(path, {"files/plans/a.txt": b"mot"}, {"files/plans/a.txt": b"hai"})
    with pytest.raises(backup.BackupError, match=re.escape("files/plans/a.txt")):
        backup.read(path, PASSPHRASE)
    _craft(path, {"files/plans/a.txt": b"mot"}, {})
    with pytest.raises(backup.BackupError, match=re.escape("files/plans/a.txt")):
        backup.read(path, PASSPHRASE)


def test_a_member_outside_the_backup_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "escape.bmnnbak"
    escaping = {"files/../../var/secret_key": b"x"}
    _craft(path, escaping, escaping)
    with translation.override("vi"), pytest.raises(backup.BackupError) as refused:
        backup.read(path, PASSPHRASE)
    assert str(refused.value) == _vietnamese(
        "The backup holds an unexpected member %(name)s.", name="files/../../var/secret_key"
    )


def test_restore_into_an_installation_that_holds_data_is_refused_and_changes_nothing(
    source: Installation, backup_file: Path
) -> None:
    before = source.state()
    done = source.bmnn("restore", str(backup_file), check=False)
    assert done.returncode == 1
    assert (
        _vietnamese(
            "This installation's database already holds BMNN data: restore only into a new, "
            "empty installation."
        )
        in done.stderr
    )
    assert source.state() == before


def test_restore_refuses_to_replace_another_signing_key_and_changes_nothing(
    backup_file: Path, new_installation: Any
) -> None:
    copy = new_installation("own-key")
    copy.var.mkdir(parents=True)
    copy.bmnn("keys", "generate", "--out", str(copy.var / "signing_key.pem"))
    before = copy.state(records=False)
    done = copy.bmnn("restore", str(backup_file), check=False)
    assert done.returncode == 1
    assert str(copy.var / "signing_key.pem") in done.stderr
    assert copy.state(records=False) == before
    assert not copy.data.exists() or not any(p.is_file() for p in copy.data.rglob("*"))


@pytest.mark.django_db(transaction=True)
def test_the_daily_job_keeps_the_newest_backups_and_nothing_else_on_the_medium(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    medium = tmp_path / "usb"
    medium.mkdir()
    (medium / "ghi-chu.txt").write_text("Sổ theo dõi sao lưu", encoding="utf-8")
    settings.BMNN_BACKUP_DIR, settings.BMNN_BACKUP_KEEP = str(medium), 3
    settings.VAR_DIR = tmp_path / "var"  # no key of the developer's own installation
    settings.VAR_DIR.mkdir()
    monkeypatch.setenv("BMNN_BACKUP_PASSPHRASE", PASSPHRASE)
    night = datetime(2026, 3, 1, 2, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(night, tick=False) as traveller:
        for _night in range(5):
            daily_backup.enqueue()
            traveller.shift(timedelta(days=1))
    assert sorted(p.name for p in medium.iterdir()) == [
        "bmnn-backup-20260303-020000.bmnnbak",
        "bmnn-backup-20260304-020000.bmnnbak",
        "bmnn-backup-20260305-020000.bmnnbak",
        "ghi-chu.txt",
    ]
    assert AuditEvent.objects.filter(action="core.backup").count() == 5
    newest = backup.read(medium / "bmnn-backup-20260305-020000.bmnnbak", PASSPHRASE)
    assert newest["engine"] == ("postgresql" if POSTGRES else "sqlite")


@pytest.mark.django_db
def test_the_daily_job_does_nothing_without_a_directory(settings: Any) -> None:
    settings.BMNN_BACKUP_DIR = ""
    assert daily_backup.enqueue().return_value == {"skipped": "BMNN_BACKUP_DIR is not set"}
    assert not AuditEvent.objects.filter(action="core.backup").exists()


def test_keeping_fewer_than_one_backup_is_refused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BMNN_", "DJANGO_"))}
    env.update(BMNN_VAR_DIR=str(tmp_path), BMNN_BACKUP_KEEP="0")
    done = subprocess.run(
        [sys.executable, "-c", "import bmnn.config.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "BMNN_BACKUP_KEEP=0" in done.stderr
