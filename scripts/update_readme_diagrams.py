"""Rewrite the README's workflow diagrams from the tables (`make diagram`)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vae.workflows.diagram import all_diagrams  # noqa: E402

README = ROOT / "README.md"
START, END = "<!-- diagrams:start -->", "<!-- diagrams:end -->"


def main() -> None:
    titles = {"case": "Case (dossier)", "case_block": "Case block (bloc visé)"}
    body = "\n".join(f"#### {titles.get(name, name)}\n\n```mermaid\n{text}```\n"
                     for name, text in all_diagrams().items())
    readme = README.read_text(encoding="utf-8")
    new = re.sub(re.escape(START) + ".*?" + re.escape(END), f"{START}\n{body}{END}", readme, flags=re.S)
    README.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
