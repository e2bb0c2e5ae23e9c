"""No file of the project keeps the marks of an unresolved merge.

A template merged with its conflict still in it renders: Jinja prints the marks and the losing
side as text on the page (the admin and mentor home queues showed them for one commit).
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("vae", "tests", "migrations", "bench", "scripts", "docs", ".ci")
SUFFIXES = {".py", ".html", ".css", ".js", ".md", ".po", ".cfg", ".toml", ".json", ".jsonld", ".sh", ""}
MARK = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)


def test_no_file_keeps_conflict_marks():
    found = []
    files = [ROOT / "Makefile", ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder in FOLDERS:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in SUFFIXES
                  and "node_modules" not in p.parts and "__pycache__" not in p.parts]
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        found += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARK.finditer(text)]
    assert found == []
