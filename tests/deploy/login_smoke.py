"""Logs in to a running BMNN over HTTP and fetches the home page (standard library only).

Used by `./dev test-offline` with the Python of the installation under test:

    python login_smoke.py http://127.0.0.1:8765 USERNAME PASSWORD "FULL NAME"

Exits 0 when the login form takes the password (with its CSRF token) and the home page answers
200 with the person's full name on it; otherwise prints what went wrong and exits 1.
"""

from __future__ import annotations

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


def main(base: str, username: str, password: str, full_name: str) -> int:
    if not base.startswith(("http://", "https://")):
        print(f"not an HTTP address: {base}")
        return 1
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    login_url = f"{base}/accounts/login/"
    with opener.open(login_url, timeout=30) as response:
        page = response.read().decode("utf-8")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        print(f"no CSRF token in the login page {login_url}")
        return 1
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    ).encode()
    # an http(s) address: checked above
    request = urllib.request.Request(login_url, data=form, headers={"Referer": login_url})  # noqa: S310
    try:
        with opener.open(request, timeout=30) as response:
            landed = response.geturl()
    except urllib.error.HTTPError as exc:
        print(f"the login answered {exc.code}")
        return 1
    if landed.rstrip("/").endswith("/accounts/login"):
        print(f"the login form refused {username} (still on {landed})")
        return 1
    with opener.open(f"{base}/", timeout=30) as response:
        status, home = response.status, response.read().decode("utf-8")
    if status != 200 or full_name not in home:
        print(f"the home page answered {status} without {full_name!r}")
        return 1
    print(f"logged in as {username} ({full_name}); home page 200 ({len(home)} bytes) via {landed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
