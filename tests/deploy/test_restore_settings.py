"""The production settings of `install.sh --restore FILE`: a restore puts the old server's keys
where they name them.

A server installed from a backup gets a bmnn.env that names BMNN_FILE_KEYS_FILE and
BMNN_SIGNING_KEY_FILE without making either file. Here install.sh renders both kinds of
settings (`--render DIR`, and `--render DIR --restore FILE`), a production installation with an
administrator and a signed audit checkpoint is backed up, and `bmnn restore` with the restore
settings must write that installation's keys into the named files, after which the production
checks find nothing and the audit chain verifies against the checkpoint. On PostgreSQL, as in
production (DATABASE_URL=postgres://…, e.g. `./dev test-postgres`); the steps install.sh adds
around it as root (systemd, ownership) run on a real server only, and `./dev test-offline` runs
the embedded `--restore` from the bundle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.installations import clean_environment, drop_database, fresh_database, run

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "deploy" / "install.sh"
BMNN = Path(sys.executable).parent / "bmnn"
PASSPHRASE = "cau mat khau cua ban sao luu thu"
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

pytestmark = pytest.mark.skipif(
    not POSTGRES, reason="production settings need PostgreSQL: set DATABASE_URL=postgres://…"
)


def read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs if not key.startswith("#")}


class Server:
    """One production installation: settings rendered by install.sh, its own database, and its
    var directory in a temporary one (nothing is written under /var/lib)."""

    def __init__(self, base: Path, name: str, *render_options: str) -> None:
        self.dir, self.name = base / name, name
        subprocess.run(
            [
                str(INSTALL),
                "--render",
                str(self.dir / "etc"),
                "--python",
                sys.executable,
                "--hostname",
                "bmnn.congan.test",
                *render_options,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        self.settings = read_env(self.dir / "etc" / "bmnn.env")
        self.database = f"bmnn_restore_settings_{os.getpid()}_{name}"
        url = fresh_database(self.database)
        self.env = clean_environment()
        self.env.update(self.settings)
        self.env.update(
            DATABASE_URL=url,
            BMNN_VAR_DIR=str(self.dir / "var"),
            BMNN_DATA_DIR=str(self.dir / "var" / "files"),
            BMNN_BACKUP_PASSPHRASE=PASSPHRASE,
            BMNN_FIRST_ADMIN_FILE=str(self.dir / "admin.txt"),
        )

    def bmnn(self, *argv: str) -> str:
        done = run(self.name, [str(BMNN), *argv], cwd=self.dir, env=self.env, timeout=600)
        return done.stdout + done.stderr

    def drop(self) -> None:
        drop_database(self.database)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    made: list[Server] = []
    yield made
    for server in made:
        server.drop()


def test_a_restore_writes_the_old_servers_keys_where_the_restore_settings_name_them(
    tmp_path: Path, servers: list[Server]
) -> None:
    old = Server(tmp_path, "old")
    servers.append(old)
    old.bmnn("setup")
    old.bmnn("shell", "--no-imports", "-c", (ROOT / "deploy" / "first_admin.py").read_text())
    old.bmnn("audit", "checkpoint")
    backup = tmp_path / "province.bmnnbak"
    old.bmnn("backup", "--out", str(backup))

    new = Server(tmp_path, "new", "--restore", str(backup))
    servers.append(new)
    file_keys = Path(new.settings["BMNN_FILE_KEYS_FILE"])
    signing_key = Path(new.settings["BMNN_SIGNING_KEY_FILE"])
    assert not file_keys.exists() and not signing_key.exists()

    new.bmnn("restore", str(backup))

    old_file_keys = Path(old.settings["BMNN_FILE_KEYS_FILE"]).read_text().split()
    assert file_keys.read_text().split() == old_file_keys
    assert signing_key.read_bytes() == Path(old.settings["BMNN_SIGNING_KEY_FILE"]).read_bytes()
    # the secret key stays the new server's own (a backup's replaces only a generated one)
    assert new.settings["BMNN_SECRET_KEY"] != old.settings["BMNN_SECRET_KEY"]
    assert "System check identified no issues" in new.bmnn("check", "--deploy")
    checkpoints = Path(new.env["BMNN_DATA_DIR"]) / "audit-checkpoints"
    checked = new.bmnn("audit", "verify", "--checkpoints", str(checkpoints))
    assert "audit chain intact" in checked and "checkpoints match the chain" in checked
    assert (
        new.bmnn(
            "shell",
            "--no-imports",
            "-c",
            "from bmnn.org.models import Person; print(Person.objects.get(username='quantri').full_name)",
        ).strip()
        == "Quản trị hệ thống"
    )
