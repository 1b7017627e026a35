"""The processes of the load-and-fault test, on loopback: PostgreSQL, two `bmnn serve`, two
`bmnn worker` and nginx in front of the web processes.

PostgreSQL is by default a private throw-away cluster (initdb in the run's directory, its own
port), so that restarting it does not cut the connections of whoever else uses the machine's
server on 5432; `postgres="shared"` uses that server instead (database `bmnn_loadfault`,
restarted with `pg_ctlcluster`), as a production host would be.

Every process started here is watched: one that ends without being killed by the test is
logged as an event and started again a second later, as systemd's `Restart=on-failure` would.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.prefix) / "bin"
DATABASE = "bmnn_loadfault"
RESTART_DELAY = 1.0


class Clock:
    """Seconds since the run began; samples and events share it."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self.start


@dataclass
class Events:
    clock: Clock
    items: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, what: str) -> float:
        at = self.clock.now()
        with self.lock:
            self.items.append((at, what))
        return at


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def postgres_bin() -> Path:
    """The newest PostgreSQL installed from Debian's packages."""
    versions = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*") if (p / "bin" / "initdb").exists()),
        key=lambda p: int(p.name) if p.name.isdigit() else 0,
    )
    if not versions:
        raise RuntimeError("PostgreSQL's server is not installed (apt-get install postgresql)")
    return versions[-1] / "bin"


class Postgres:
    """A PostgreSQL server the test may restart."""

    def __init__(self, workdir: Path, mode: str) -> None:
        if mode not in ("private", "shared"):
            raise ValueError(f"postgres mode {mode!r}: private or shared")
        self.mode = mode
        self.bin = postgres_bin()
        self.version = self.bin.parent.name
        self.datadir = workdir / "pg"
        self.log = workdir / "logs" / "postgresql.log"
        self.port = free_port() if mode == "private" else 5432

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _as_owner(self, argv: list[str]) -> list[str]:
        # the server refuses to run as root; the Debian package's user owns it then
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *argv]
        return argv

    def start(self) -> None:
        if self.mode == "shared":
            wait_for_port(self.port, 10)
            return
        self.datadir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.datadir, "postgres", "postgres")
        initdb = [str(self.bin / "initdb"), "-D", str(self.datadir), "-U", "postgres"]
        self._run(self._as_owner([*initdb, "-A", "trust", "-E", "UTF8", "--no-instructions"]))
        options = f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-l", str(self.log), "-w", "-o", options, "start")

    def _pg_ctl(self, *args: str) -> None:
        """pg_ctl on the private cluster's data folder, as its owner."""
        self._run(self._as_owner([str(self.bin / "pg_ctl"), "-D", str(self.datadir), *args]))

    def _run(self, argv: list[str]) -> None:
        """Runs a server command with its output in a file: the server that pg_ctl starts
        inherits it, and would hold a pipe open for as long as it runs."""
        output = self.log.parent / "pg_ctl.log"
        with output.open("ab") as out:
            done = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, check=False)
        if done.returncode:
            tail = output.read_text(errors="replace").splitlines()[-5:]
            raise RuntimeError(f"{' '.join(argv)} failed: " + " / ".join(tail))

    def restart(self) -> None:
        """A clean restart (fast shutdown: open sessions are cut, committed work stays)."""
        if self.mode == "shared":
            self._run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, "main", "restart"]
            )
        else:
            self._pg_ctl("-l", str(self.log), "-w", "-m", "fast", "restart")

    def stop(self) -> None:
        if self.mode == "private" and (self.datadir / "postmaster.pid").exists():
            self._pg_ctl("-w", "-m", "fast", "stop")

    def recreate_database(self) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DATABASE}")


class Managed:
    """One long-running child process, killed and started again on request."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        logs: Path,
        ready: Callable[[], None] | None = None,
    ) -> None:
        self.name, self.argv, self.env, self.logs, self.ready = name, argv, env, logs, ready
        self.process: subprocess.Popen[bytes] | None = None
        self.wanted = False
        self.starts = 0
        self.unexpected_exits: list[tuple[float, int]] = []

    def start(self) -> None:
        self.starts += 1
        log = open(self.logs / f"{self.name}-{self.starts}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        self.wanted = True
        if self.ready is not None:
            self.ready()

    def kill9(self) -> None:
        """SIGKILL: no clean-up of any kind, as in a crash or the OOM killer."""
        self.wanted = False
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        self.wanted = False
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


class Cluster:
    """PostgreSQL, `bmnn setup`, two web processes, two workers, nginx; `watch` restarts what
    ends by itself. Use as a context manager: everything started is stopped on the way out."""

    def __init__(
        self,
        workdir: Path,
        *,
        postgres: str,
        events: Events,
        worker: str = "worker",
        source: Path = REPO,
    ) -> None:
        self.workdir = workdir
        self.events = events
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True)
        # the server's user (root runs it as postgres) and nginx's workers must reach inside
        workdir.chmod(0o755)
        self.logs.chmod(0o777)
        self.pg = Postgres(workdir, postgres)
        var = workdir / "var"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.pg.url(DATABASE),
            "BMNN_VAR_DIR": str(var),
            "BMNN_DATA_DIR": str(var / "files"),  # the shared file store of every process
            "BMNN_ENV": "embedded",
            "BMNN_LOG_LEVEL": "WARNING",
            # the app from `source` (another checkout, to try a change), the test from here
            "PYTHONPATH": os.pathsep.join(dict.fromkeys([str(source), str(REPO)])),
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.web_ports = [free_port(), free_port()]
        self.proxy_port = free_port()
        self.web = [
            Managed(
                f"web{i + 1}",
                [str(BIN / "bmnn"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                self.env,
                self.logs,
                ready=lambda port=port: _wait_until_serving(port),
            )
            for i, port in enumerate(self.web_ports)
        ]
        self.workers = [
            Managed(f"worker{i + 1}", [str(BIN / "bmnn"), worker], self.env, self.logs)
            for i in range(2)
        ]
        self.nginx: Managed | None = None
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, daemon=True)

    # --- life cycle --------------------------------------------------------------------------
    def __enter__(self) -> Cluster:
        try:
            self.pg.start()
            self.pg.recreate_database()
            setup = self.bmnn("setup")
            if setup.returncode:
                raise RuntimeError(f"bmnn setup failed:\n{setup.stdout}\n{setup.stderr}")
            for process in (*self.web, *self.workers):
                process.start()
            self.nginx = self._nginx()
            self.nginx.start()
        except BaseException:
            self.__exit__()
            raise
        self._watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._watcher.is_alive():
            self._watcher.join()
        for process in (self.nginx, *self.web, *self.workers):
            if process is not None:
                process.stop()
        self.pg.stop()

    def bmnn(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """A `bmnn` command against the cluster's database and file store."""
        return self._command([str(BIN / "bmnn"), *args], timeout)

    def python(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """`python -m bench.loadfault.django_side ...` inside the cluster's configuration."""
        return self._command(
            [sys.executable, "-P", "-m", "bench.loadfault.django_side", *args], timeout
        )

    def _command(self, argv: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        """Runs `argv` in the repository with the cluster's environment; its output as text."""
        return subprocess.run(
            argv,
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def popen_python(self, *args: str, stdout: Path) -> subprocess.Popen[bytes]:
        with open(stdout, "wb") as out:
            return subprocess.Popen(
                [sys.executable, "-P", "-m", "bench.loadfault.django_side", *args],
                env=self.env,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def web_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.web_ports[index]}"

    # --- faults ------------------------------------------------------------------------------
    def kill(self, process: Managed) -> float:
        process.kill9()
        return self.events.add(f"kill -9 {process.name} (pid {process.process.pid})")  # type: ignore[union-attr]

    def restart(self, process: Managed) -> float:
        self.events.add(f"starting {process.name} again")
        process.start()
        return self.events.add(f"{process.name} up again (pid {process.pid})")

    def restart_postgres(self) -> tuple[float, float]:
        began = self.events.add(f"PostgreSQL {self.pg.version} restart begins ({self.pg.mode})")
        self.pg.restart()
        return began, self.events.add("PostgreSQL accepts connections again")

    def unexpected_exits(self) -> list[str]:
        return [
            f"{process.name} ended by itself at t={at:.1f} s (exit code {code})"
            for process in (*self.web, *self.workers, self.nginx)
            if process is not None
            for at, code in process.unexpected_exits
        ]

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            for process in (*self.web, *self.workers, self.nginx):
                if process is None or not process.wanted or process.process is None:
                    continue
                code = process.process.poll()
                if code is None:
                    continue
                at = self.events.add(f"{process.name} ended by itself (exit code {code})")
                process.unexpected_exits.append((at, code))
                time.sleep(RESTART_DELAY)
                try:
                    self.restart(process)
                except TimeoutError as exc:
                    self.events.add(f"{process.name} did not come back: {exc}")

    # --- nginx -------------------------------------------------------------------------------
    def _nginx(self) -> Managed:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
        prefix = self.workdir / "nginx"
        (prefix / "temp").mkdir(parents=True)
        (prefix / "temp").chmod(0o777)
        config = prefix / "nginx.conf"
        config.write_text(nginx_config(prefix, self.web_ports, self.proxy_port, _built_with(nginx)))
        subprocess.run(
            [nginx, "-t", "-q", "-p", str(prefix), "-c", str(config)],
            check=True,
            capture_output=True,
        )
        return Managed(
            "nginx",
            [nginx, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
            self.env,
            self.logs,
            ready=lambda: wait_for_port(self.proxy_port, 10),
        )


def _wait_until_serving(port: int, timeout: float = 60) -> None:
    """Until the login page answers (Django loaded, database reachable)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"the web process on port {port} did not answer in {timeout:.0f} s")


def _built_with(nginx: str) -> str:
    return subprocess.run([nginx, "-V"], capture_output=True, text=True, check=False).stderr


def nginx_config(prefix: Path, web_ports: list[int], port: int, built_with: str) -> str:
    """A minimal reverse proxy: both web processes in one upstream; a request that could not
    be handed to one (connection refused: nothing was sent) goes to the other. nginx never
    sends a POST again once it reached a server (non_idempotent is not set), so a write is
    never done twice by the proxy."""
    temp = prefix / "temp"
    # only the temporary paths of the modules this nginx was built with may be named
    temp_paths = "\n".join(
        f"  {module}_temp_path {temp / module};"
        for module in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        if module in ("client_body", "proxy") or f"--http-{module}-temp-path" in built_with
    )
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in web_ports)
    return f"""\
worker_processes 1;
error_log {prefix / "error.log"} warn;
pid {prefix / "nginx.pid"};
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temp_paths}
  upstream bmnn {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 20m;
    location / {{
      proxy_pass http://bmnn;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }}
  }}
}}
"""
