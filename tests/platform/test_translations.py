"""Every message of the interface has its French translation."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "vae/translations/fr/LC_MESSAGES/messages.po"


def test_every_extracted_message_is_translated_into_french(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "-o", str(pot), "--no-location", "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    with CATALOG.open("rb") as f:
        french = {m.id: m.string for m in read_po(f) if m.id}
    missing = sorted(str(msgid) for msgid in extracted if not french.get(msgid))
    assert missing == [], f"untranslated in French: {missing[:20]}"
