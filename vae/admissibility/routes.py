"""Certifier admin: the admissibility queue, the ruling, and mentor assignment."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vae.admissibility import operations as ops
from vae.admissibility.operations import block_codes
from vae.admissibility.forms import DecisionForm, MentorForm
from vae.core.access import get_case_or_404, visible_cases
from vae.core.keyset import Key, keyset_page
from vae.core.permissions import role_required
from vae.core.row_dates import DayFormat
from vae.core.row_loading import case_person, case_title
from vae.core.row_urls import IdUrl
from vae.extensions import db
from vae.models import Case, User
from vae.models.state_counts import cases_per_state
from vae.models.states import ADMIN
from vae.workflows.case import CASE
from vae.workflows.web import fire_from_form

bp = Blueprint("admissibility", __name__, url_prefix="/admissibility")
PAGE_SIZE = 50
# Every case of the queue is submitted, so submitted_at is never NULL here.
OLDEST_SUBMISSION = (Key(Case.submitted_at, lambda c: c.submitted_at, datetime), Key(Case.id, lambda c: c.id, int))


@bp.get("/")
@role_required(ADMIN)
def queue():
    # Oldest submission first (the legal clock runs from it), one page at a time:
    # a keyset page served by the (state, submitted_at, id) index however deep it is.
    title_id = request.args.get("title", type=int)
    if title_id is not None and not 0 < title_id < 2**31:  # beyond the database's integer: no such title
        abort(400)
    query = visible_cases(current_user).where(Case.state == "submitted")
    if title_id:
        query = query.where(Case.title_id == title_id)
    # The rows show names and block codes only: the people's roles and the block rows are not loaded.
    # Title, candidate and mentor come in the page's own statement (joins on primary keys).
    pagination = keyset_page(
        query.options(case_title(), case_person(Case.candidate), case_person(Case.mentor, innerjoin=False)),
        OLDEST_SUBMISSION, PAGE_SIZE, request.args,
        # Every submitted case (an admin sees them all): the count the database keeps, not a COUNT of
        # ~20,000 index entries at 100k cases. One title's cases are counted.
        total=None if title_id else cases_per_state().get("submitted", 0))
    return render_template("admissibility/queue.html", cases=pagination.items, pagination=pagination,
                           title_id=title_id, days_left=ops.days_left,
                           block_codes=block_codes(case.id for case in pagination.items),
                           case_url=IdUrl("admissibility.case", "case_id"), day=DayFormat())


def _mentor_form(case: Case, search: str = "", keep: int | None = None) -> tuple[MentorForm, bool]:
    """The assignment form, and whether the mentors are too many to list (then a search finds them)."""
    form = MentorForm(mentor_id=case.mentor_id or 0)
    choices, too_many = ops.mentor_choices(search, keep=keep or case.mentor_id)
    form.mentor_id.choices = [(0, _("Nobody")), *choices]
    return form, too_many


@bp.get("/cases/<int:case_id>")
@role_required(ADMIN)
def case(case_id: int):
    case = get_case_or_404(current_user, case_id)
    mentor_search = request.args.get("mentor_q", "").strip()[:100]
    mentor_form, too_many_mentors = _mentor_form(case, mentor_search)
    return render_template("admissibility/case.html", case=case, days_left=ops.days_left(case.submitted_at),
                           form=DecisionForm(version=case.version), mentor_form=mentor_form,
                           too_many_mentors=too_many_mentors, mentor_search=mentor_search,
                           events={a.event: a for a in CASE.available(case, current_user)})


@bp.post("/cases/<int:case_id>/decision")
@role_required(ADMIN)
def decide(case_id: int):
    case = get_case_or_404(current_user, case_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    fire_from_form(CASE, case, form.decision.data, current_user, form, reason=form.reason.data or "")
    return redirect(url_for(".case", case_id=case_id))


@bp.post("/cases/<int:case_id>/mentor")
@role_required(ADMIN)
def assign_mentor(case_id: int):
    case = get_case_or_404(current_user, case_id)
    # The mentor chosen must be among those offered: an active mentor (listed, or found by a search).
    form, _too_many = _mentor_form(case, keep=request.form.get("mentor_id", type=int))
    if not form.validate_on_submit():
        abort(400)
    mentor = db.session.get(User, form.mentor_id.data) if form.mentor_id.data else None
    ops.assign_mentor(case, mentor, current_user)
    db.session.commit()
    flash(_("Mentor assigned."), "success")
    return redirect(url_for(".case", case_id=case_id))
