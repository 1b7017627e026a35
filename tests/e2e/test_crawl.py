"""Every page each demo role can reach by following links from its home: no server error, no
internal code or English word a person would read, and nothing wider than a phone (390 px).

The crawl itself uses Django's test client (fast, GET only, never a form); then each kind of
page a person reached is opened once, as that person, in the real browser at 390 px: its width,
its CSP errors and the text as drawn (with what the page's scripts wrote) are checked there."""

from __future__ import annotations

import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import lxml.html
import polib
import pytest
from django.core.management import call_command
from django.test import Client

from bmnn.core import messages
from bmnn.org.demo import LOGINS
from bmnn.org.models import Person
from bmnn.testing import login
from tests.e2e.helpers import no_horizontal_overflow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
USERNAMES = [username for username, *_rest in LOGINS]

# links never followed: they end the session or change something on a GET
NEVER = re.compile(r"/logout/|/i18n/|/admin/")
# answers that are files, not pages: fetched for their status only
DOWNLOAD = re.compile(r"\.(docx|xlsx|pdf|zip|csv|json|bmnn|txt|odt|ods)$|/(export|download)")
# The API's documentation (Swagger UI, drawn by its own script) describes the program interface:
# its operation and field names are English codes by design. Status and width are still checked.
PROGRAM_PAGES = re.compile(r"^/api/")
SAME_ID = 5  # pages of one shape that differ by ids only: this many examples
MAX_PAGES = 400  # per role: a safety stop, far above what the demo province holds

# --- what a person must never read ---------------------------------------------------------
# Internal codes of the choices (stored values) and Python's own words.
CODES = [
    "tuyet_mat",
    "toi_mat",
    "sao_y",
    "sao_luc",
    "trich_sao",
    "dien_tu",
    "chup",
    "level_stamp",
    "None",
    "True",
    "False",
    "nan",
    "null",
    "undefined",
    "accept",
    "accepted",
    "activity",
    "annual",
    "approved",
    "blocked",
    "campaign",
    "cancelled",
    "catalogue",
    "central",
    "circular",
    "claimed",
    "classified",
    "closed",
    "commune",
    "compliant",
    "computer",
    "concluded",
    "continuous",
    "coordinating",
    "copier",
    "copy",
    "crawl",
    "created",
    "decided",
    "decision",
    "declassified",
    "decree",
    "department",
    "destroyed",
    "directive",
    "disk",
    "dismissed",
    "dissemination",
    "document",
    "done",
    "draft",
    "drafting",
    "electronic",
    "endorsed",
    "enterprise",
    "exam",
    "expired",
    "extension",
    "extract",
    "failed",
    "handover",
    "head",
    "held",
    "high",
    "import",
    "imported",
    "incoming",
    "inspection",
    "inspector",
    "issued",
    "laptop",
    "law",
    "lead",
    "level",
    "lost",
    "low",
    "malware",
    "medium",
    "meeting",
    "month",
    "notice",
    "object",
    "open",
    "optical",
    "original",
    "other",
    "outgoing",
    "partial",
    "party",
    "pending",
    "photo",
    "place",
    "plan",
    "planned",
    "press",
    "printer",
    "proposed",
    "province",
    "quarter",
    "quarterly",
    "recall",
    "received",
    "refused",
    "registry",
    "rejected",
    "remediated",
    "removed",
    "requested",
    "resolved",
    "return",
    "returned",
    "running",
    "scanner",
    "self",
    "semiannual",
    "sent",
    "sign",
    "signed",
    "skipped",
    "staff",
    "submit",
    "submitted",
    "supervisor",
    "telecom",
    "training",
    "unknown",
    "unspecified",
    "verified",
    "header",
    "device",
    "devices",
    "agency",
    "board",
    "card",
    "usb",
]
# English words of an interface. None of them is a Vietnamese syllable written without marks
# (checked against every msgstr of the Vietnamese catalogue); "mat" (the code of the level
# Mật) is checked apart, as a lone token, since Vietnamese writes it "mật".
ENGLISH = [
    "Save",
    "Cancel",
    "Submit",
    "Delete",
    "Edit",
    "Add",
    "Back",
    "Next",
    "Previous",
    "Search",
    "Name",
    "Date",
    "Actions",
    "Action",
    "Yes",
    "No",
    "Details",
    "Detail",
    "Download",
    "Upload",
    "Report",
    "Reports",
    "Agency",
    "Agencies",
    "Level",
    "Page",
    "of",
    "and",
    "the",
    "not",
    "required",
    "field",
    "Status",
    "Draft",
    "Pending",
    "Open",
    "Closed",
    "Close",
    "Home",
    "Dashboard",
    "Login",
    "Logout",
    "Log in",
    "Log out",
    "Password",
    "Profile",
    "Settings",
    "Help",
    "Loading",
    "Error",
    "Warning",
    "Success",
    "Confirm",
    "Approve",
    "Reject",
    "Return",
    "Send",
    "Sign",
    "Print",
    "Export",
    "Import",
    "View",
    "Show",
    "Hide",
    "Filter",
    "Clear",
    "Reset",
    "Apply",
    "Create",
    "New",
    "Update",
    "Remove",
    "Select",
    "Choose",
    "All",
    "None",
    "Total",
    "Count",
    "Number",
    "Title",
    "Description",
    "Type",
    "Owner",
    "Created",
    "Updated",
    "Due",
    "Deadline",
    "Overdue",
    "Today",
    "Yesterday",
    "Tomorrow",
    "First",
    "Last",
    "More",
    "Less",
    "Unknown",
    "Other",
    "Comment",
    "Comments",
    "Notes",
    "Note",
    "File",
    "Files",
    "Item",
    "Items",
    "Task",
    "Tasks",
    "Plan",
    "Plans",
    "Finding",
    "Findings",
    "Inspection",
    "Inspections",
    "Incident",
    "Incidents",
    "Register",
    "Registry",
    "Audit",
    "Notifications",
    "Notification",
    "Scanner",
    "Scan",
    "Device",
    "Devices",
    "Period",
    "Periods",
    "Assignment",
    "Assignments",
    "Approvals",
    "Requests",
    "Request",
    "Node",
    "Nodes",
    "Sync",
    "Bundle",
    "Bundles",
    "Person",
    "People",
    "Role",
    "Roles",
    "Unit",
    "Units",
    "User",
    "Users",
    "Username",
    "Email",
    "Phone",
    "Address",
    "Enter a valid",
    "This field is required",
    "Ensure this value",
    "is required",
    "must be",
    "Please",
    "please",
    "Invalid",
    "invalid",
    "Not found",
    "Forbidden",
    "Page not found",
    "Server error",
    "Traceback",
    "Exception",
    "Error",
    "error",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "ago",
    "week",
    "month",
    "year",
    "from",
    "with",
    "for",
    "by",
    "or",
    "is",
    "are",
    "was",
    "has",
    "have",
    "this",
    "that",
    "yes",
    "none",
    "true",
    "false",
    "at",
    "on",
    "breadcrumb",
    "navigation",
    "main",
    "close",
]
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
LONE_MAT = re.compile(r"(?<![\w.-])mat(?![\w.-])")
PYTHON = re.compile(r"\{'|\['|<\w+(\.\w+)* object at|\b(Decimal|datetime\.date|QuerySet)\b")
# user data that is legitimately ASCII, recognised by its shape and removed before the check:
# web addresses and site paths, e-mail addresses, login names and domains (dotted), file names,
# hashes and keys, tags and numbers (anything with a digit), a machine-readable JSON card
USER_DATA = re.compile(
    r"https?://\S+|(?<![\w/])/[\w.-]+(/[\w.-]*)*|\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b|\b\w+(\.\w+)+\b"
    r"|\b[\w.-]+\.(?i:docx?|xlsx?|pdf|zip|odt|ods|txt|csv|png|jpe?g|html?|pptx?|rtf|mht|py)\b"
    r"|\b[0-9a-f]{12,}\b|\b(?=[\w+/=-]*[A-Z0-9])[A-Za-z0-9+/=_-]{24,}\b|\b[\w/.-]*\d[\w/.-]*\b"
    r'|\{"[^{}]*\}'
)


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    # whole words only: no letter (with or without marks), digit or underscore on either side
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


FORBIDDEN = _pattern(CODES + ENGLISH)
# attributes a person reads or hears: tooltips, screen-reader names, hints, confirmations
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-confirm", "data-busy-text")


def offending(text: str) -> list[tuple[str, str]]:
    """(word, ~40 characters around it) for every forbidden word in text a person reads."""
    cleaned = USER_DATA.sub(lambda m: " " * len(m.group()), text)
    found = []
    spans = set()
    for regex in (FORBIDDEN, SNAKE, LONE_MAT, PYTHON):
        for match in regex.finditer(cleaned):
            start, end = match.span()
            if (start, end) in spans:
                continue
            spans.add((start, end))
            around = " ".join(text[max(0, start - 20) : end + 20].split())
            found.append((match.group(), around))
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def visible_text(html: bytes) -> list[str]:
    """The page's text and the attributes a person reads, without scripts and styles; the
    strings of the charts' data (labels drawn on the canvas) too."""
    tree = lxml.html.fromstring(html)
    texts = [
        text
        for data in tree.xpath("//script[@type='application/json']/text()")
        for text in _strings(json.loads(data))
    ]
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    # one fragment per line: a code alone in a table cell is not glued to the next cell's word
    texts.append("\n".join(tree.itertext()))
    for name in READ_ATTRIBUTES:
        texts.extend(tree.xpath(f"//@{name}"))
    texts.extend(v for v in tree.xpath("//input[@type='submit' or @type='button']/@value"))
    return [str(t) for t in texts]


def shape(url: str) -> str:
    """The kind of page a URL shows: ids replaced, query values dropped (keys kept)."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/{id}", parts.path)
    path = re.sub(r"/[0-9a-f-]{16,}(?=/|$)", "/{key}", path)
    keys = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def normalise(base: str, href: str) -> str | None:
    """An absolute path with query for a same-site link, else None."""
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "") or parts.netloc not in ("testserver", ""):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + ("?" + query if query else "")


@dataclass
class Crawl:
    username: str
    client: Client  # its session opens the same pages in the browser
    pages: dict[str, str] = field(default_factory=dict)  # html page URL → its shape
    files: list[str] = field(default_factory=list)  # downloads, checked for their status only
    failures: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # shape → examples queued
    queue: deque[tuple[str, str]] = field(default_factory=deque)  # (URL, the page linking it)
    queued: set[str] = field(default_factory=set)

    def follow(self, link: str | None, source: str) -> None:
        if link is None or link in self.queued or NEVER.search(link):
            return
        kind = shape(link)
        limit = 1 if "page" in kind.partition("?")[2].split("&") else SAME_ID
        if self.seen.get(kind, 0) >= limit:
            return
        self.seen[kind] = self.seen.get(kind, 0) + 1
        self.queued.add(link)
        self.queue.append((link, source))


def crawl(username: str, *, second_factor: bool = True) -> Crawl:
    """Every page reachable from the home by links; "" crawls as someone not logged in, and
    without the second factor as someone who has given only the password."""
    client = Client()
    name = username or "(not logged in)"
    if username and second_factor:
        login(client, Person.objects.get(username=username))
    elif username:
        client.force_login(Person.objects.get(username=username))
        name = f"{username} (password only)"
    result = Crawl(name, client)
    result.follow("/" if username else "/accounts/login/", "")
    # the pages for an address that does not exist and for one refused to most roles are read too
    result.follow("/khong-co-trang-nay/", "")
    result.follow("/audit/", "")
    while result.queue and len(result.queued) < MAX_PAGES:
        url, source = result.queue.popleft()
        response = client.get(url)
        where = f"{result.username} {url} (linked from {source or 'start'})"
        status = response.status_code
        if status in (301, 302, 303, 307, 308):
            target = normalise("http://testserver" + url, response["Location"])
            if username and target and target.startswith("/accounts/login/"):
                result.failures.append(f"{where}: sent to {target}")
            result.follow(target, url)
            continue
        # a link shown to this person must open, and never a server error
        if status >= 500 or (status >= 400 and source):
            result.failures.append(f"{where}: HTTP {status}")
            continue
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html") or DOWNLOAD.search(urlsplit(url).path):
            result.files.append(url)
            continue
        html = response.content
        result.pages[url] = shape(url)
        for text in [] if PROGRAM_PAGES.match(url) else visible_text(html):
            for word, around in offending(text):
                result.failures.append(f"{where}: {word!r} in «{around}»")
        for href in lxml.html.fromstring(html).xpath("//a/@href"):
            result.follow(normalise("http://testserver" + url, href), url)
    assert len(result.queued) < MAX_PAGES, f"{username}: the crawl did not end"
    return result


def browse(browser, base: str, crawl: Crawl, failures: list[str]) -> int:
    """Opens each kind of page this person reached once at 390 px; returns how many."""
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    cookies = crawl.client.cookies.items()
    context.add_cookies([{"name": n, "value": m.value, "url": base} for n, m in cookies])
    logged_in = "_auth_user_id" in crawl.client.session
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    checked: set[str] = set()
    for url, kind in crawl.pages.items():
        if kind in checked:
            continue
        checked.add(kind)
        page.goto(base + url)
        where = f"{crawl.username} {url} at 390 px"
        if logged_in and "/accounts/login/" in page.url and "/accounts/" not in url:
            failures.append(f"{where}: sent to {page.url}")
        # the text as drawn, with what the page's scripts wrote into it
        drawn = "" if PROGRAM_PAGES.match(url) else page.evaluate("document.body.innerText")
        for word, around in offending(drawn):
            failures.append(f"{where}: {word!r} in «{around}» (drawn by the browser)")
        problem = no_horizontal_overflow(page)
        if problem:
            failures.append(f"{where}: {problem}")
        failures.extend(f"{where}: {e}" for e in errors if "Content Security Policy" in e)
        errors.clear()
    context.close()
    return len(checked)


def test_every_page_of_every_role(browser, live_server) -> None:
    started = time.monotonic()
    call_command("demo", verbosity=0)
    crawls = [crawl(username) for username in [*USERNAMES, ""]]
    crawls.append(crawl(USERNAMES[0], second_factor=False))
    failures = [f for c in crawls for f in c.failures]
    crawled = time.monotonic()
    shown = sum(browse(browser, live_server.url, c, failures) for c in crawls)
    summary = ", ".join(f"{c.username} {len(c.pages)} (+{len(c.files)} files)" for c in crawls)
    print(
        f"\npages crawled: {summary} in {crawled - started:.0f} s; {shown} opened at 390 px"
        f" in {time.monotonic() - crawled:.0f} s"
    )
    assert not failures, "\n" + "\n".join(failures)


def test_the_check_finds_codes_and_english_and_spares_vietnamese_and_user_data() -> None:
    found = [
        word
        for text in ("Trạng thái: draft", "Độ mật: toi_mat", "Mức mat", "Save", "{'a': 1}")
        for word, _around in offending(text)
    ]
    assert found == ["draft", "toi_mat", "mat", "Save", "{'"]
    spared = (
        "Mức mật · Máy in · do Sở cấp theo quy định · xã Cao Phong · Tiếng Việt, English"
        " · demo.stp.head · BAO_CAO.docx · /media/usb · STP-MT-01 · https://baclam.gov.vn/a_b"
    )
    assert offending(spared) == []


def test_no_word_of_the_list_is_vietnamese() -> None:
    """The words the crawl refuses never occur in the Vietnamese catalogue (its placeholders
    aside): a Vietnamese syllable written without marks on the list would be a false alarm."""
    catalogue = polib.pofile(str(messages.LOCALE_DIR / "vi/LC_MESSAGES/django.po"))
    placeholder = re.compile(r"%\(\w+\)[sdif]|\{\w*\}|%[sd]")
    found = [
        (entry.msgid, word)
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        for word, _around in offending(placeholder.sub(" ", text))
    ]
    assert found == []
