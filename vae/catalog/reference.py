"""The project's own reference titles (IPERIA, EQF 3), loadable without the register XML."""
from __future__ import annotations

import json
from importlib import resources

from sqlalchemy import select

from vae.extensions import db
from vae.models import Block, Competence, Title


def reference_titles() -> list[dict]:
    data = resources.files("vae.catalog").joinpath("data/iperia.json").read_text(encoding="utf-8")
    return json.loads(data)["titles"]


def load_reference_titles() -> int:
    """Create the titles that are missing; existing ones are left as they are. Returns how many were created."""
    created = 0
    for entry in reference_titles():
        if db.session.scalar(select(Title.id).where(Title.rncp_code == entry["rncp"])):
            continue
        title = Title(rncp_code=entry["rncp"], label=entry["label"], eqf_level=entry["eqf_level"],
                      certifier_name=entry["certifier"], active=entry["active"], source="reference")
        for position, block_entry in enumerate(entry["blocks"], start=1):
            block = Block(code=block_entry["code"], label=block_entry["label"], position=position)
            block.all_competences = [Competence(position=i, label=label)
                                 for i, label in enumerate(block_entry["competences"], start=1)]
            title.blocks.append(block)
        db.session.add(title)
        created += 1
    db.session.flush()
    return created
