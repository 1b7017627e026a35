"""Simulated people: real HTTP clients with a session, the CSRF token of each form they fill
and the second factor at login, doing an officer's, a head's or a supervisor's daily mix.

Every request is a sample (kind, when, how long, outcome). Every write carries a fresh token
in one of its text fields and is remembered with the answer it got, so the test can look it up
afterwards. Outcomes: "ok" (the app did it and said so), "refused" (the app answered and said
no: a form error, a report saved by someone else in between), "error" (a 5xx, the proxy's 502,
a cut connection, a timeout, or an answer the app never gives when healthy).
"""

from __future__ import annotations

import contextlib
import random
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from django_otp.oath import totp
from selectolax.lexbor import LexborHTMLParser

from bench.loadfault.cluster import Clock

TIMEOUT = httpx.Timeout(60.0, connect=5.0)
ITEM_URL = re.compile(r"^/registry/items/\d+/$")
THINK_SECONDS = (0.5, 1.5)
ISSUERS = (
    "Bộ Công an",
    "Văn phòng Chính phủ",
    "Ủy ban nhân dân tỉnh",
    "Bộ Quốc phòng",
    "Tỉnh ủy",
    "Bộ Nội vụ",
)


def new_token(letter: str) -> str:
    return f"LF-{letter}-{secrets.token_hex(5)}"


@dataclass(frozen=True)
class Sample:
    kind: str
    at: float  # seconds since the run began, when the request was sent
    ms: float
    outcome: str  # ok | refused | error
    detail: str = ""


@dataclass(frozen=True)
class Write:
    kind: str  # incoming | progress | report | burst
    token: str
    at: float
    answer: str  # acknowledged | refused | unknown


@dataclass
class Recorder:
    clock: Clock
    samples: list[Sample] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sample(self, kind: str, at: float, ms: float, outcome: str, detail: str = "") -> None:
        with self.lock:
            self.samples.append(Sample(kind, at, ms, outcome, detail))

    def write(self, kind: str, token: str, at: float, answer: str) -> None:
        with self.lock:
            self.writes.append(Write(kind, token, at, answer))


class Failed(Exception):
    """A request that ended in an error; the sample is already recorded."""


def form_fields(html: str, having: str) -> dict[str, str]:
    """What a browser would send for the page's form that has a field named `having`."""
    tree = LexborHTMLParser(html)
    for form in tree.css("form"):
        if form.css_first(f'[name="{having}"]') is None:
            continue
        data: dict[str, str] = {}
        for node in form.css("input, textarea, select"):
            name = node.attributes.get("name")
            kind = (node.attributes.get("type") or "text").lower()
            if not name or kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and "checked" not in node.attributes:
                continue
            if node.tag == "textarea":
                data[name] = node.text(deep=True)
            elif node.tag == "select":
                chosen = node.css_first("option[selected]") or node.css_first("option")
                data[name] = (chosen.attributes.get("value") or "") if chosen else ""
            else:
                data[name] = node.attributes.get("value") or ""
        return data
    raise KeyError(f"no form with a field {having!r}")


class Session:
    """One person's browser: cookies, CSRF, the requests it sends."""

    def __init__(self, base_url: str, username: str, recorder: Recorder) -> None:
        self.username = username
        self.recorder = recorder
        self.http = httpx.Client(base_url=base_url, timeout=TIMEOUT, follow_redirects=False)

    def close(self) -> None:
        self.http.close()

    def send(
        self,
        kind: str,
        method: str,
        url: str,
        *,
        expect: Callable[[httpx.Response], str],
        **kwargs: Any,
    ) -> httpx.Response:
        """Sends one request and records it; `expect` names the outcome of an answer."""
        at = self.recorder.clock.now()
        started = time.perf_counter()
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            ms = (time.perf_counter() - started) * 1000
            self.recorder.sample(kind, at, ms, "error", type(exc).__name__)
            raise Failed(f"{kind}: {type(exc).__name__}") from exc
        ms = (time.perf_counter() - started) * 1000
        outcome = expect(response)
        detail = f"{response.status_code} {response.headers.get('location', '')}".strip()
        self.recorder.sample(kind, at, ms, outcome, detail)
        if outcome == "error":
            raise Failed(f"{kind}: {detail}")
        return response

    def page(self, kind: str, url: str) -> httpx.Response:
        return self.send(kind, "GET", url, expect=_page)

    def log_in(self, password: str, key_hex: str) -> None:
        """Password, then the second factor with the code the authenticator shows now."""
        form = form_fields(self.page("login", "/accounts/login/").text, "username")
        form.update(username=self.username, password=password)
        self.send("login", "POST", "/accounts/login/", data=form, expect=_redirect)
        page = self.page("login", "/accounts/verify/")
        form = form_fields(page.text, "token")
        form["token"] = str(totp(bytes.fromhex(key_hex))).zfill(6)
        answer = self.send("login", "POST", "/accounts/verify/", data=form, expect=_redirect)
        if "/accounts/" in answer.headers.get("location", ""):
            raise RuntimeError(f"{self.username}: the second factor was refused")


def _page(response: httpx.Response) -> str:
    if response.status_code == 200:
        return "ok"
    return "error"  # a healthy app answers these pages with 200 to these people


def _redirect(response: httpx.Response) -> str:
    """A POST the app accepted answers with a redirect; a form shown again is a refusal."""
    location = response.headers.get("location", "")
    if response.status_code == 302 and not location.startswith("/accounts/"):
        return "ok"
    if response.status_code == 200:
        return "refused"
    return "error"


# --- the daily mix ---------------------------------------------------------------------------
class Person:
    """A simulated person; `mix` is the list of (weight, action) they choose from."""

    def __init__(
        self, base_url: str, who: dict[str, Any], period: int, recorder: Recorder, seed: int
    ) -> None:
        self.who = who
        self.period = period
        self.recorder = recorder
        self.rng = random.Random(seed)
        self.session = Session(base_url, who["username"], recorder)
        mixes: dict[str, list[tuple[int, Callable[[], None]]]] = {
            "officer": [
                (3, self.register_incoming),
                (2, self.post_progress),
                (1, self.save_report),
                (3, self.read_registers),
                (1, self.dashboard),
            ],
            "head": [
                (2, self.save_report),
                (1, self.post_progress),
                (2, self.read_registers),
                (1, self.read_matrix),
                (1, self.dashboard),
            ],
            "supervisor": [
                (3, self.read_matrix),
                (2, self.read_registers),
                (1, self.read_period),
                (1, self.dashboard),
            ],
        }
        self.mix = mixes[who["role"]]

    def log_in(self) -> None:
        self.session.log_in(self.who["password"], self.who["key"])

    def run(self, stop: threading.Event) -> None:
        weights = [w for w, _ in self.mix]
        actions = [a for _, a in self.mix]
        while not stop.is_set():
            action = self.rng.choices(actions, weights)[0]
            # a failed request is recorded; the person does something else a moment later
            with contextlib.suppress(Failed):
                action()
            stop.wait(self.rng.uniform(*THINK_SECONDS))

    # writes
    def register_incoming(self) -> None:
        page = self.session.page("incoming: form", "/registry/incoming/")
        self._post_incoming(self.session, page.text, "incoming", "incoming: save", self.rng)

    @staticmethod
    def _post_incoming(
        session: Session, html: str, write_kind: str, kind: str, rng: random.Random, token: str = ""
    ) -> None:
        token = token or new_token(write_kind[0])
        form = form_fields(html, "issuer_name")
        form.update(
            issuer_name=rng.choice(ISSUERS),
            number=token,  # "Số, ký hiệu": what identifies the document in every register
            doc_date=(date.today() - timedelta(days=rng.randint(0, 20))).isoformat(),
            doc_type="Công văn",
            level="mat",
            summary=f"Văn bản đến {token}",
            copies="1",
            received_on=date.today().isoformat(),
            receiver="Phòng Tổng hợp",
        )
        at = session.recorder.clock.now()
        try:
            answer = session.send(kind, "POST", "/registry/incoming/", data=form, expect=_redirect)
        except Failed:
            session.recorder.write(write_kind, token, at, "unknown")
            raise
        acknowledged = answer.status_code == 302 and ITEM_URL.match(answer.headers["location"])
        session.recorder.write(write_kind, token, at, "acknowledged" if acknowledged else "refused")

    def post_progress(self) -> None:
        url = f"/plans/assignments/{self.rng.choice(self.who['assignments'])}/"
        form = form_fields(self.session.page("progress: page", url).text, "note")
        token = new_token("p")
        form.update(status="in_progress", note=f"Đã triển khai, cập nhật tiến độ {token}")
        at = self.recorder.clock.now()
        try:
            answer = self.session.send("progress: save", "POST", url, data=form, expect=_redirect)
        except Failed:
            self.recorder.write("progress", token, at, "unknown")
            raise
        done = answer.status_code == 302 and answer.headers["location"] == url
        self.recorder.write("progress", token, at, "acknowledged" if done else "refused")

    def save_report(self) -> None:
        """Appends a token to the report's first part (the situation), keeping what is there:
        so every save that was confirmed must still be in the text at the end."""
        url = f"/reports/periods/{self.period}/agencies/{self.who['agency']}/"
        form = form_fields(self.session.page("report: page", url).text, "revision")
        token = new_token("r")
        form["situation"] = f"{form.get('situation', '').strip()} {token}".strip()
        form["action"] = "save"
        at = self.recorder.clock.now()
        # the app answers every save with a redirect; the message on the next page says
        # whether it was saved ("alert-success") or refused (someone else saved in between)
        try:
            self.session.send("report: save", "POST", url, data=form, expect=_redirect)
        except Failed:
            self.recorder.write("report", token, at, "unknown")
            raise
        try:
            shown = self.session.page("report: page", url).text
        except Failed:
            self.recorder.write("report", token, at, "unknown")
            raise
        saved = "alert-success" in shown
        self.recorder.write("report", token, at, "acknowledged" if saved else "refused")

    # reads
    def read_registers(self) -> None:
        self.session.page("registers: list", "/registry/")
        self.session.page("registers: books", "/registry/books/")

    def read_matrix(self) -> None:
        self.session.page("matrix", "/plans/matrix/")

    def read_period(self) -> None:
        self.session.page("reports: period", f"/reports/periods/{self.period}/")

    def dashboard(self) -> None:
        self.session.page("dashboard", "/")


def burst(
    base_urls: list[str], who: dict[str, Any], count: int, threads: int, recorder: Recorder
) -> list[str]:
    """`count` incoming documents registered at once into one agency's book, half of the
    threads sending to each web process directly; one logged-in session (sessions live in the
    database, so both processes know it). Returns the tokens sent."""
    first = Session(base_urls[0], who["username"], recorder)
    first.log_in(who["password"], who["key"])
    form_page = first.page("burst: form", "/registry/incoming/").text
    cookies = dict(first.http.cookies)
    tokens = [new_token("b") for _ in range(count)]
    start = threading.Barrier(threads)

    def send(index: int) -> None:
        session = Session(base_urls[index % len(base_urls)], who["username"], recorder)
        session.http.cookies.update(cookies)
        rng = random.Random(index)
        start.wait()
        for token in tokens[index::threads]:
            with contextlib.suppress(Failed):
                Person._post_incoming(session, form_page, "burst", "burst: save", rng, token)
        session.close()

    workers = [threading.Thread(target=send, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    first.close()
    return tokens
