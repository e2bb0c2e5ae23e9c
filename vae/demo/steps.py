"""Steps the demo takes on a case as a candidate would, checked: a refusal is a bug in the demo."""
from __future__ import annotations

from vae.core.clock import now
from vae.extensions import db
from vae.models import CaseBlock, Evidence


def write_dossier(case_block: CaseBlock) -> None:
    """A written account for every competence and the signed honour statement: what `submit` asks for."""
    for competence in case_block.block.competences:
        db.session.add(Evidence(case_block=case_block, competence=competence, kind="text",
                                body="Je le fais chaque jour chez mes employeurs.",
                                created_by=case_block.case.candidate))
    case_block.honour_signed_at = now()
    db.session.flush()


def must_succeed(outcome) -> None:
    """The demo reaches its states through the engine; a refusal is a bug in the demo."""
    if not outcome.ok:
        raise RuntimeError(f"demo transition {outcome.event} refused: {outcome.reasons}")
