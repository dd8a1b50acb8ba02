"""The one CSV writer every export uses: a cell a spreadsheet would run as a formula is written as
text (OWASP CSV injection)."""

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

# A cell starting with one of these is a formula (or its start) to Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that would run as a formula gets a leading apostrophe, so the reader sees it as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeWriter:
    """`csv.writer` with every cell made safe."""

    def __init__(self, stream: Any) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV (Django's documented pattern)."""

    def write(self, value: str) -> str:
        return value


R = TypeVar("R", bound=HttpResponseBase)


def as_attachment(response: R, filename: str) -> R:
    """Marks a response as a download named `filename` (every export, PDF and calendar file)."""
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]) -> StreamingHttpResponse:
    """A CSV attachment streamed row by row (no export is held in memory whole); like every page a
    signed-in user sees, it is marked no-store (core.middleware)."""
    writer = SafeWriter(_Echo())
    lines = (writer.writerow(values) for values in _with_header(header, rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    return as_attachment(response, filename)


def _with_header(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> Iterable[Iterable[Any]]:
    yield header
    yield from rows
