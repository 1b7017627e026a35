"""Fixtures shared by every test: no outbound network, factories, logged-in clients."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from bmnn.org.models import Agency, AgencyType, Membership, Person, Role
from bmnn.testing import login, reaches_database

_real_connect = socket.socket.connect


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that may use the database, and those over ../shared "
        "(`./dev test-postgres`: the others run the same on any database and ran on SQLite "
        "already, in CI's bare clone where ../shared is absent)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return

    def kept_here(item: pytest.Item) -> bool:
        return reaches_database(item) or item.get_closest_marker("beside_shared") is not None

    kept = [item for item in items if kept_here(item)]
    left = [item for item in items if not kept_here(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def _is_local(address: Any) -> bool:
    if isinstance(address, str):  # unix socket path
        return True
    host = address[0]
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise OSError(f"tests may not reach the network: connection to {address!r} refused")
    return _real_connect(self, address)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """SQLite tests run on a file, not in memory: Django's live server shares one in-memory
    connection between its request threads, so a page that polls while another posts would
    interleave their transactions on it. On a file each thread has its own connection, as in
    production; its name holds the process id, one per pytest-xdist worker. PostgreSQL's test
    database keeps pytest-django's name for the worker (test_bmnn_gw0, ...)."""
    import os
    import tempfile
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(tempfile.gettempdir()) / f"bmnn-test-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True, scope="session")
def _no_outbound_network() -> Iterator[None]:
    """STYLE.md §16: any connection to a host other than loopback fails the test."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings: Any) -> None:
    """Tests see the default language (Vietnamese), as users do."""
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings: Any) -> None:
    """Background tasks run inside the test (DESIGN.md: tests use the immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_directory(settings: Any, tmp_path: Any) -> None:
    """Uploaded and generated files go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.DATA_DIR = tmp_path / "files"


_counter = iter(range(1, 10**9))


@pytest.fixture
def make_agency(db: None) -> Callable[..., Agency]:
    def make(name: str | None = None, type: str = AgencyType.DEPARTMENT, **extra: Any) -> Agency:
        n = next(_counter)
        return Agency.objects.create(
            name=name or f"Sở Thử nghiệm {n}",
            code=extra.pop("code", f"test-{n}"),
            type=type,
            **extra,
        )

    return make


@pytest.fixture
def make_person(db: None) -> Callable[..., Person]:
    def make(
        agency: Agency | None = None,
        role: str = Role.STAFF,
        full_name: str | None = None,
        clearance: str = "none",
        password: str = "Mat-khau-Thu-2026",
        **extra: Any,
    ) -> Person:
        n = next(_counter)
        person = Person(
            username=extra.pop("username", f"user{n}"),
            full_name=full_name or f"Nguyễn Văn Thử {n}",
            clearance=clearance,
            **extra,
        )
        person.set_password(password)
        person.save()
        if agency is not None:
            Membership.objects.create(person=person, agency=agency, role=role)
        return person

    return make


# The province most tests play in: its agencies, and its people by the part they play
# (agency, role, full name).
PROVINCE_AGENCIES: dict[str, tuple[str, str]] = {
    "police": ("Công an tỉnh", AgencyType.PROVINCIAL_POLICE),
    "justice": ("Sở Tư pháp", AgencyType.DEPARTMENT),
    "health": ("Sở Y tế", AgencyType.DEPARTMENT),
    "finance": ("Sở Tài chính", AgencyType.DEPARTMENT),
    "commune": ("UBND xã Tân Lập", AgencyType.COMMUNE),
}
PROVINCE_PEOPLE: dict[str, tuple[str, str, str | None]] = {
    "admin": ("police", Role.ADMINISTRATOR, None),
    "supervisor": ("police", Role.SUPERVISOR, "Lê Thị Giám Sát"),
    "inspector": ("police", Role.INSPECTOR, "Phạm Quốc Bảo"),
    "head": ("justice", Role.HEAD, "Trần Văn Định"),
    "officer": ("justice", Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
    "staff": ("justice", Role.STAFF, "Vũ Đức Hiếu"),
    "health_officer": ("health", Role.SECURITY_OFFICER, "Phạm Quỳnh Anh"),
    "health_head": ("health", Role.HEAD, "Bùi Văn Thắng"),
    "commune_officer": ("commune", Role.SECURITY_OFFICER, "Đinh Thị Lan"),
}


@pytest.fixture
def province(
    make_agency: Callable[..., Agency], make_person: Callable[..., Person]
) -> Callable[..., dict[str, Any]]:
    """`province("justice supervisor officer", reader="staff", clerk=("health",
    Role.STAFF, "Bùi Thị Lan"), clearance={"officer": "mat"}, types={"police": ...})`: a dict of
    the agencies named and those the people need (made in PROVINCE_AGENCIES' order), then the
    people, by the part they play: a name of PROVINCE_PEOPLE, a new key naming one of them, or a
    new key with (agency, role, full name[, other fields]). Unnamed people get a made-up name;
    `clearance="mat"` gives everyone that clearance."""

    def make(
        *names: str,
        clearance: str | dict[str, str] = "none",
        types: dict[str, str] | None = None,
        **more: str | tuple[Any, ...],
    ) -> dict[str, Any]:
        names = tuple(name for words in names for name in words.split())
        specs: dict[str, tuple[Any, ...]] = {
            name: PROVINCE_PEOPLE[name] for name in names if name not in PROVINCE_AGENCIES
        }
        for key, value in more.items():
            specs[key] = PROVINCE_PEOPLE[value] if isinstance(value, str) else value
        needed = set(names) | {spec[0] for spec in specs.values()}
        cast: dict[str, Any] = {}
        for key, (name, type) in PROVINCE_AGENCIES.items():
            if key in needed:
                cast[key] = make_agency(name, type=(types or {}).get(key, type))
        for key, (where, role, full_name, *fields) in specs.items():
            extra = fields[0] if fields else {}
            level = clearance if isinstance(clearance, str) else clearance.get(key, "none")
            cast[key] = make_person(cast[where], role, full_name, clearance=level, **extra)
        return cast

    return make


@pytest.fixture
def signing(tmp_path: Any, settings: Any) -> bytes:
    """This installation signs with a key of the test's own, as "Sở Tư pháp tỉnh Bắc Lâm";
    returns the public key."""
    from bmnn.core import bundles

    private, public = bundles.generate_key()
    path = tmp_path / "key.pem"
    path.write_bytes(private)
    settings.BMNN_SIGNING_KEY_FILE = str(path)
    settings.BMNN_INSTALLATION_NAME = "Sở Tư pháp tỉnh Bắc Lâm"
    return public


@pytest.fixture
def demo_plans(db: None) -> None:
    """The demo province (`bmnn.org.demo`) and its plans (`bmnn.plans.demo`)."""
    from bmnn.org.demo import load_demo
    from bmnn.plans.demo import load_demo_plans

    load_demo()
    load_demo_plans()


@pytest.fixture
def client_for(db: None) -> Callable[[Person], Client]:
    def make(person: Person) -> Client:
        return login(Client(), person)

    return make


@pytest.fixture(autouse=True, scope="session")
def _no_register_leaves_an_agency_node() -> Iterator[None]:
    """Every node bundle any test makes in this process is inspected as it is signed
    (`bmnn.sync.register_guard`): a bundle from an agency node that carries anything of a
    register fails the test that made it."""
    from bmnn.core import bundles
    from bmnn.sync import register_guard

    real_write = bundles.write

    def inspected(kind: str, files: Any, **options: Any) -> bytes:
        if kind == "bmnn-sync":
            found = register_guard.problems(files)
            assert not found, f"an agency node's bundle carries what it must not: {found}"
        return real_write(kind, files, **options)

    bundles.write = inspected
    yield
    bundles.write = real_write
