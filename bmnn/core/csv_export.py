"""CSV downloads, streamed row by row. Every CSV the application writes goes through here so
that each cell passes the same formula guard as the XLSX exports (`spreadsheet_text`): a name
such as ``=HYPERLINK(…)`` must reach the spreadsheet program as text, not as a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse

from bmnn.core.documents import spreadsheet_text


class _Echo:
    """A file-like object whose `write` returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow([spreadsheet_text(value) for value in header])
    for row in rows:
        yield writer.writerow([spreadsheet_text(value) for value in row])


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
