"""The production files that install.sh writes: systemd units, the nginx site and bmnn.env.

They are rendered by install.sh itself (`--render DIR`, which installs nothing), so these tests
read what a server gets. Tools that are missing here (nginx, systemd-analyze) skip their test
with the reason; `./dev test-offline` installs the bundle for real.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "deploy" / "install.sh"
BMNN = Path(sys.executable).parent / "bmnn"
WEB, WORKERS = 3, 2


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """install.sh --render with a prefix whose venv/bin/bmnn is this environment's."""
    base = tmp_path_factory.mktemp("deploy")
    prefix = base / "prefix"
    (prefix / "venv" / "bin").mkdir(parents=True)
    (prefix / "venv" / "bin" / "bmnn").symlink_to(BMNN)
    out = base / "out"
    subprocess.run(
        [
            str(INSTALL),
            "--render",
            str(out),
            "--prefix",
            str(prefix),
            "--python",
            sys.executable,
            "--hostname",
            "bmnn.congan.test",
            "--web",
            str(WEB),
            "--workers",
            str(WORKERS),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out


def read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs if not key.startswith("#")}


def unit_settings(path: Path) -> dict[str, str]:
    return dict(
        line.split("=", 1)
        for line in path.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )


def test_rendered_env_holds_fresh_production_secrets(rendered: Path) -> None:
    env = read_env(rendered / "bmnn.env")
    assert env["BMNN_ENV"] == "production"
    assert len(env["BMNN_SECRET_KEY"]) >= 50
    assert Path(env["BMNN_SIGNING_KEY_FILE"]).read_text().startswith("-----BEGIN PRIVATE KEY-----")
    # the file key lives in its own file, which the settings name (a restore writes it there)
    assert "BMNN_FILE_KEYS" not in env
    file_keys = Path(env["BMNN_FILE_KEYS_FILE"])
    assert file_keys == rendered / "file_keys"
    Fernet(file_keys.read_text().strip())  # a valid Fernet key, or this raises
    assert env["DATABASE_URL"].startswith("postgres://bmnn:")
    assert env["BMNN_BEHIND_TLS_PROXY"] == "1" and env["BMNN_PROXY_COUNT"] == "1"
    assert "bmnn.congan.test" in env["BMNN_ALLOWED_HOSTS"].split(",")
    for secret in ("bmnn.env", "file_keys", "signing-key.pem"):
        assert (rendered / secret).stat().st_mode & 0o077 == 0, secret


def test_each_render_makes_new_keys(rendered: Path, tmp_path: Path) -> None:
    subprocess.run(
        [str(INSTALL), "--render", str(tmp_path), "--python", sys.executable],
        check=True,
        capture_output=True,
        timeout=120,
    )
    first, second = read_env(rendered / "bmnn.env"), read_env(tmp_path / "bmnn.env")
    for key in ("BMNN_SECRET_KEY", "DATABASE_URL"):
        assert first[key] != second[key], key
    for key_file in ("BMNN_FILE_KEYS_FILE", "BMNN_SIGNING_KEY_FILE"):
        assert Path(first[key_file]).read_bytes() != Path(second[key_file]).read_bytes(), key_file


def test_a_render_for_a_restore_names_the_key_files_and_makes_none(tmp_path: Path) -> None:
    backup = tmp_path / "province.bmnnbak"
    backup.write_bytes(b"not read when rendering")
    out = tmp_path / "out"
    subprocess.run(
        [str(INSTALL), "--render", str(out), "--python", sys.executable, "--restore", str(backup)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    env = read_env(out / "bmnn.env")
    assert env["BMNN_FILE_KEYS_FILE"] == str(out / "file_keys")
    assert env["BMNN_SIGNING_KEY_FILE"] == str(out / "signing-key.pem")
    assert not (out / "file_keys").exists() and not (out / "signing-key.pem").exists()
    assert len(env["BMNN_SECRET_KEY"]) >= 50  # the secret key is this server's own


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--restore", "/nonexistent/province.bmnnbak"], "not a readable file"),
        (["--check-packages", "--restore", "{backup}"], "does not go with --check-packages"),
        (
            ["--embedded", "--prefix", "{tmp}", "--stop", "--restore", "{backup}"],
            "does not go with --stop",
        ),
    ],
)
def test_install_refuses_a_restore_it_cannot_do(
    tmp_path: Path, options: list[str], message: str
) -> None:
    backup = tmp_path / "province.bmnnbak"
    backup.write_bytes(b"x")
    argv = [o.format(backup=backup, tmp=tmp_path) for o in options]
    result = subprocess.run(
        [str(INSTALL), *argv], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_units_and_nginx_agree_on_ports_paths_and_headers(rendered: Path) -> None:
    env = read_env(rendered / "bmnn.env")
    site = (rendered / "nginx" / "bmnn.conf").read_text()
    upstream = re.findall(r"server 127\.0\.0\.1:(\d+)", site)
    assert upstream == [str(8001 + i) for i in range(WEB)]
    web = unit_settings(rendered / "systemd" / "bmnn-web@.service")
    worker = unit_settings(rendered / "systemd" / "bmnn-worker@.service")
    assert web["ExecStart"].endswith("bmnn serve --host 127.0.0.1 --port %i")
    assert worker["ExecStart"].endswith("bmnn worker")
    # the web process writes only into the data; the worker also into the backup directory
    assert web["ReadWritePaths"] == env["BMNN_VAR_DIR"]
    assert worker["ReadWritePaths"].split()[1:] == ["-/var/backups/bmnn"]
    for unit in (web, worker):
        assert unit["EnvironmentFile"] == "/etc/bmnn/bmnn.env"
        assert unit["ReadWritePaths"].split()[0] == env["BMNN_VAR_DIR"]
        assert unit["Restart"] == "on-failure"
        assert unit["ProtectSystem"] == "strict" and unit["NoNewPrivileges"] == "yes"
        assert unit["PrivateTmp"] == "yes" and unit["User"] == "bmnn"
    # the proxy sets the headers the settings trust, whatever the client sent
    assert "proxy_set_header X-Forwarded-Proto https;" in site
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "return 301 https://$host$request_uri;" in site
    assert not re.search(r"@[A-Z_]+@", site)  # no template marker left


def test_systemd_accepts_the_units(rendered: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    instances = []
    for template, instance in (("bmnn-web@.service", "8001"), ("bmnn-worker@.service", "1")):
        target = tmp_path / template.replace("@.", f"@{instance}.")
        shutil.copy(rendered / "systemd" / template, target)
        instances.append(str(target))
    result = subprocess.run(
        [analyze, "verify", *instances], capture_output=True, text=True, timeout=60
    )
    # verify says "ignoring" about a bad or unknown key and still exits 0: any message fails
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stderr


def test_nginx_accepts_the_site(rendered: Path, tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if nginx is None:
        pytest.skip("nginx is not installed here")
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed here (the site needs a certificate to load)")
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=bmnn.congan.test",
            "-keyout",
            tls / "bmnn.key",
            "-out",
            tls / "bmnn.crt",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = (rendered / "nginx" / "bmnn.conf").read_text().replace("/etc/bmnn/tls/", f"{tls}/")
    (tmp_path / "bmnn.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/bmnn.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def check_deploy(rendered: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`bmnn check --deploy` with the rendered bmnn.env; only the var directory is moved to a
    temporary one, so the test writes nothing under /var/lib."""
    # as a server has it: none of the test run's own settings (the browser tests' conftest sets
    # DJANGO_ALLOW_ASYNC_UNSAFE, which Django's deploy check rightly refuses)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BMNN_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(read_env(rendered / "bmnn.env"))
    env["BMNN_VAR_DIR"] = str(tmp_path / "var")
    env["BMNN_DATA_DIR"] = str(tmp_path / "var" / "files")
    return subprocess.run(
        [str(BMNN), "check", "--deploy"], env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_finds_nothing_in_the_production_settings(
    rendered: Path, tmp_path: Path
) -> None:
    result = check_deploy(rendered, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def make_bundle(tmp_path: Path) -> Path:
    """A bundle of two files and their checksums, with this install.sh."""
    bundle = tmp_path / "bundle"
    (bundle / "wheels").mkdir(parents=True)
    shutil.copy(INSTALL, bundle / "install.sh")
    (bundle / "wheels" / "a-1.0-py3-none-any.whl").write_bytes(b"first")
    sums = "".join(
        f"{hashlib.sha256((bundle / name).read_bytes()).hexdigest()}  {name}\n"
        for name in ("install.sh", "wheels/a-1.0-py3-none-any.whl")
    )
    (bundle / "SHA256SUMS").write_text(sums)
    return bundle


def run_check(bundle: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "install.sh"), "--check-packages"], capture_output=True, text=True, timeout=60
    )


def _refused_with_wheel(tmp_path: Path, name: str, content: bytes) -> str:
    """The install check of a bundle whose wheel `name` holds `content` fails; what it said."""
    bundle = make_bundle(tmp_path)
    (bundle / "wheels" / name).write_bytes(content)
    result = run_check(bundle)
    assert result.returncode != 0
    return result.stderr


def test_install_refuses_a_changed_file_and_names_it(tmp_path: Path) -> None:
    said = _refused_with_wheel(tmp_path, "a-1.0-py3-none-any.whl", b"other")
    assert "wheels/a-1.0-py3-none-any.whl: FAILED" in said
    assert "does not match SHA256SUMS" in said


def test_install_refuses_a_file_not_in_the_list(tmp_path: Path) -> None:
    said = _refused_with_wheel(tmp_path, "b-1.0-py3-none-any.whl", b"added")
    assert "wheels/b-1.0-py3-none-any.whl" in said
    assert "not listed in SHA256SUMS" in said


def test_install_accepts_the_intact_bundle_checksums(tmp_path: Path) -> None:
    result = run_check(make_bundle(tmp_path))
    # past the checksums, this two-file bundle has no Debian packages for this system
    assert "bundle checked: 2 files match SHA256SUMS" in result.stderr
