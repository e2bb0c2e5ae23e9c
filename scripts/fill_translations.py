"""Fill French msgstrs in the catalogue from a Python dict file: `python scripts/fill_translations.py FILE`.

FILE defines FR = {english msgid: french text}. Existing translations are kept
unless the file gives a new one; the script lists msgids still untranslated.
"""
from __future__ import annotations

import runpy
import sys

from babel.messages.pofile import read_po, write_po

PO = "vae/translations/fr/LC_MESSAGES/messages.po"


def main(path: str) -> int:
    translations = runpy.run_path(path)["FR"]
    with open(PO, "rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id and message.id in translations:
            message.string = translations[message.id]
    with open(PO, "wb") as f:
        write_po(f, catalog, sort_output=True, width=100, omit_header=False)
    missing = [m.id for m in catalog if m.id and not m.string]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
