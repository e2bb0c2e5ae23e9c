"""Append easy-read French texts to the catalogue: `python scripts/add_easy_read_translations.py FILE`.

FILE defines FR = {english easy-read msgid: french easy-read text} (message context "easy", see
docs/easy-read.md) and optionally NORMAL = {msgid: french} for texts without a context. Entries the
catalogue already has are left alone; new ones are appended at the end (a small, mergeable diff).
"""
from __future__ import annotations

import runpy
import sys

from babel.messages.pofile import escape, read_po

PO = "vae/translations/fr/LC_MESSAGES/messages.po"


def entry(msgid: str, msgstr: str, context: str | None) -> str:
    lines = [f"msgctxt {escape(context)}"] if context else []
    return "\n".join(lines + [f"msgid {escape(msgid)}", f"msgstr {escape(msgstr)}"]) + "\n"


def main(path: str) -> int:
    texts = runpy.run_path(path)
    with open(PO, "rb") as f:
        catalog = read_po(f)
    wanted = [(msgid, text, "easy") for msgid, text in texts["FR"].items()]
    wanted += [(msgid, text, None) for msgid, text in texts.get("NORMAL", {}).items()]
    new = [entry(msgid, text, context) for msgid, text, context in wanted
           if not (catalog.get(msgid, context=context) and catalog.get(msgid, context=context).string)]
    if new:
        with open(PO, encoding="utf-8") as f:
            ends_with_blank_line = f.read().endswith("\n\n")
        with open(PO, "a", encoding="utf-8") as f:
            f.write(("" if ends_with_blank_line else "\n") + "\n".join(new))
    print(f"added {len(new)} translations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
