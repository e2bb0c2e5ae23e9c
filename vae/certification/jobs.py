"""The certificate batch of a signed jury session, as a job (PDFs and signatures take seconds each)."""
from __future__ import annotations

from vae.certification.operations import issue_session_batch, session_progress
from vae.extensions import db
from vae.jobs.registry import Progress, job
from vae.models import JurySession, User


@job("certificate_batch")
def certificate_batch(params: dict, progress: Progress) -> str:
    """Batch after batch (each committed), until every certifiable block of the session is certified."""
    session = db.session.get(JurySession, params["session_id"])
    actor = db.session.get(User, params["actor_id"])
    if session is None or actor is None:
        raise LookupError("the jury session or the admin who asked is gone")
    state = session_progress(session)
    progress.set_total(state.total)
    progress.advance(state.certified)
    refused: dict[int, list[str]] = {}
    while not state.done:
        refused = issue_session_batch(session, actor)
        db.session.commit()
        before, state = state, session_progress(session)
        progress.advance(state.certified)
        if state.certified == before.certified:  # what is left is refused (reasons below), not pending
            break
    reasons = sorted({reason for items in refused.values() for reason in items})
    summary = f"{state.certified}/{state.total}"
    return summary + (" — " + "; ".join(reasons) if reasons else "")
