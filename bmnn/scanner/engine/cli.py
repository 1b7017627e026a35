"""`bmnn scan PATH_OR_URL ... [--format jsonl|text] [--workers N]` — also runnable without
Django as ``python -m bmnn.scanner.engine.cli`` on a standalone scanning host.

One JSON line per file and per archive member or attachment. Exit status: 0 when nothing was
found, 1 when something was, 2 when a file could not be read (every other file is still
reported).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.limits import DEFAULT

MAX_DOWNLOAD = DEFAULT.max_file_bytes


def targets(items: list[str]) -> Iterator[str]:
    """Files under the given paths (folders walked, sorted, symlinked folders not followed),
    and URLs as given."""
    for item in items:
        if item.startswith(("http://", "https://")):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield str(Path(root) / name)
        else:
            yield item


def fetch(url: str) -> bytes:
    import httpx

    with httpx.stream(
        "GET", url, timeout=30, follow_redirects=True, headers={"User-Agent": "BMNN-scanner"}
    ) as response:
        response.raise_for_status()
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_DOWNLOAD:
                raise ValueError(f"larger than {MAX_DOWNLOAD} bytes")
            chunks.append(chunk)
    return b"".join(chunks)


def _unscanned(target: str, error: str) -> dict[str, Any]:
    """The row of a target that could not be fetched or read: not scanned, so not clean."""
    return {
        "path": target,
        "secret": False,
        "level": None,
        "declassified": False,
        "score": 0,  # nosec B105 # a verdict field, not a password
        "evidence": [],
        "error": error,
    }


def scan_target(target: str) -> list[dict[str, Any]]:
    """Verdicts for one file or URL, as dictionaries (what crosses the process boundary)."""
    try:
        data = (
            fetch(target)
            if target.startswith(("http://", "https://"))
            else Path(target).read_bytes()
        )
    except (OSError, ValueError) as exc:
        return [_unscanned(target, f"unreadable: {getattr(exc, 'strerror', None) or exc}")]
    except Exception as exc:
        return [_unscanned(target, f"download failed: {exc}")]
    rows = []
    for verdict in scan_bytes(data, target):
        row = verdict.as_dict()
        if verdict.kind == "unsupported":
            row["skipped"] = row.pop("error", "unsupported")
        rows.append(row)
    return rows


def _progress(done: int, total: int, path: str, stream: TextIO) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    name = path if len(path) <= 50 else "…" + path[-49:]
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<50}")
    stream.flush()


def _text(row: dict[str, Any]) -> str:
    if row.get("error"):
        return f"ERROR   {row['path']}: {row['error']}"
    if row.get("skipped"):
        return f"skipped {row['path']}: {row['skipped']}"
    if row["secret"]:
        evidence = "; ".join(
            f"{e['text']} (p. {e['page']}, {e['rule']})" for e in row["evidence"][:3]
        )
        return f"SECRET  {row['path']}: {row['level']} score {row['score']} — {evidence}"
    if row["declassified"]:  # an archive holding a declassified document has no level itself
        level = f" ({row['level']})" if row["level"] else ""
        return f"declass {row['path']}: declassified{level}"
    return f"clean   {row['path']}"


def run(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="bmnn scan", description="Find state-secret markings in files and web pages."
    )
    parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
    parser.add_argument("--workers", type=int, default=1, help="processes scanning in parallel")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    todo = list(targets(args.paths))
    show = not args.no_progress and stderr.isatty()
    found = errors = 0

    def emit(rows: list[dict[str, Any]]) -> None:
        nonlocal found, errors
        for row in rows:
            found += bool(row["secret"])
            errors += bool(row.get("error"))
            stdout.write(
                (json.dumps(row, ensure_ascii=False) if args.format == "jsonl" else _text(row))
                + "\n"
            )
        stdout.flush()

    if args.workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            for done, rows in enumerate(pool.map(scan_target, todo, chunksize=4), start=1):
                emit(rows)
                if show:
                    _progress(done, len(todo), todo[done - 1], stderr)
    else:
        for done, target in enumerate(todo, start=1):
            if show:
                _progress(done - 1, len(todo), target, stderr)
            emit(scan_target(target))
    if show:
        _progress(len(todo), len(todo), "", stderr)
        stderr.write("\n")
    if errors:
        return 2
    return 1 if found else 0


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
