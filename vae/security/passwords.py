"""Common passwords: a shipped list (the 10,000 most common, from Django's
password_validation data, BSD licence), never fetched at run time."""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

LIST_FILE = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(LIST_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def is_common(password: str) -> bool:
    return password.strip().lower() in common_passwords()
