"""Independent scoring: each member scores each competence; others' scores stay hidden until submitted."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from vae.core.clock import now
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import Competence, Interview, JuryMember, Score
from vae.models.queries import scores_of
from vae.workflows.guards.assessment import interview_started, member_may_judge, session_open


def competences_of(interview: Interview) -> list[Competence]:
    return [c for cb in interview.case_blocks for c in cb.block.competences]


def has_submitted(interview: Interview, member: JuryMember) -> bool:
    scores = scores_of(interview, member)
    return bool(scores) and all(s.submitted_at is not None for s in scores.values())


def _may_score(interview: Interview, member: JuryMember) -> None:
    if reason := interview_started(interview) or member_may_judge(member, interview):
        raise Refused(reason)
    if interview.outcome != "held":
        raise Refused(_("Scores can be given only once the interview is recorded as held."))
    if reason := session_open(interview.session):
        raise Refused(reason)
    if has_submitted(interview, member):
        raise Refused(_("You have already submitted your scores."))


def save_scores(interview: Interview, member: JuryMember, levels: dict[int, tuple[str, str]]) -> None:
    """Store this member's draft levels and comments, {competence_id: (level, comment)}."""
    _may_score(interview, member)
    allowed = {c.id for c in competences_of(interview)}
    existing = scores_of(interview, member)
    for competence_id, (level, comment) in levels.items():
        if competence_id not in allowed or not level:
            continue
        score = existing.get(competence_id)
        if score is None:
            score = Score(interview_id=interview.id, member_id=member.id, competence_id=competence_id)
            db.session.add(score)
        score.level, score.comment = level, comment.strip()
    db.session.flush()


def submit_scores(interview: Interview, member: JuryMember) -> None:
    """Freeze this member's scores; every competence must have a level."""
    _may_score(interview, member)
    scores = scores_of(interview, member)
    missing = [c for c in competences_of(interview) if c.id not in scores]
    if missing:
        raise Refused(_("Score every competence before submitting (%(num)d missing).", num=len(missing)))
    stamp = now()
    for score in scores.values():
        score.submitted_at = stamp
    db.session.flush()


def side_by_side(interview: Interview) -> dict[int, dict[int, Score]]:
    """{competence_id: {member_id: submitted score}}: what the president compares."""
    table: dict[int, dict[int, Score]] = {}
    rows = db.session.scalars(select(Score).where(Score.interview_id == interview.id,
                                                  Score.submitted_at.is_not(None)))
    for score in rows:
        table.setdefault(score.competence_id, {})[score.member_id] = score
    return table
