"""CSV cells that a spreadsheet would run as a formula are written as text.

A title named `=HYPERLINK("https://evil.example",…)` must land in Excel or LibreOffice
as the words it is. OWASP's advice: prefix a cell starting with = + - @ tab or CR
with an apostrophe. Numbers are written as numbers.
"""
from __future__ import annotations

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class SafeCsvWriter:
    """csv.writer whose rows go through `neutralise`: use it for every export."""

    def __init__(self, out, **options) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])
