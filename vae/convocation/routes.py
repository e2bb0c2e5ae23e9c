"""The interview's calendar file, downloadable from the case and home pages (not only from the e-mail)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app
from flask_login import current_user, login_required

from vae.core.access import get_case_or_404
from vae.core.clock import now
from vae.extensions import db
from vae.jury.calendar import interview_event
from vae.models import Interview

bp = Blueprint("convocation", __name__)


@bp.get("/interviews/<int:interview_id>/convocation.ics")
@login_required
def interview_ics(interview_id: int):
    interview = db.session.get(Interview, interview_id)
    if interview is None or interview.state != "scheduled":
        abort(404)
    get_case_or_404(current_user, interview.case_id)  # deny by default: only those who follow the case
    session = interview.session
    host = current_app.config.get("PUBLIC_BASE_URL", "vae").split("//")[-1]
    ics = interview_event(
        uid=f"interview-{interview.id}@{host}",  # the same uid as the e-mailed one: calendars merge them
        starts_at=interview.starts_at, minutes=interview.duration_minutes,
        summary=f"Entretien VAE · {session.title.rncp_code} · {interview.case.candidate.full_name}",
        location=session.video_link or session.location,
        description=", ".join(cb.block.code for cb in interview.case_blocks), stamp=now())
    return Response(ics, mimetype="text/calendar",
                    headers={"Content-Disposition": "attachment; filename=convocation.ics"})
