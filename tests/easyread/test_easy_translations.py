"""The easy-read texts are their own catalogue entries (message context "easy"), each translated into French
with that context: the usual translation of the same English words does not count."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "vae/translations/fr/LC_MESSAGES/messages.po"


def _easy_texts(tmp_path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "-o", str(pot), "--no-location", "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id and m.context == "easy"}


def test_every_easy_read_text_has_its_french_easy_read_translation(tmp_path):
    easy = _easy_texts(tmp_path)
    # The next steps (Python), the banner, the phases and the pages' texts (templates) are all extracted.
    assert {"What you must do now:", "Send your application to the certifier.", "You meet the jury.",
            "Bring your identity card.", "Add a proof for each skill of block %(block)s."} <= easy
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    missing = sorted(msgid for msgid in easy
                     if not (catalog.get(msgid, context="easy") and catalog.get(msgid, context="easy").string))
    assert missing == [], f"easy-read texts without their French easy-read translation: {missing[:20]}"


def test_easy_read_french_keeps_the_placeholders():
    with CATALOG.open("rb") as f:
        easy = [m for m in read_po(f) if m.context == "easy"]
    assert easy
    for message in easy:
        assert ("%(block)s" in message.id) == ("%(block)s" in message.string), message.id
