"""Candidate pages: thin routes that parse a form, call an operation, commit once."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from vae.candidate import operations as ops
from vae.candidate.forms import BlocksForm, ExperienceForm, SelfAssessmentForm, TitleSearchForm
from vae.catalog.search import title_matches
from vae.core.access import get_case_block_or_404, get_case_or_404, relations_to
from vae.core.clock import now
from vae.core.commit import commit_or_refuse
from vae.core.forms import ConfirmForm
from vae.core.permissions import role_required
from vae.dossier.progress import case_progress, progress_for
from vae.extensions import db
from vae.models import Title
from vae.models.states import CANDIDATE, SELF_ASSESSMENT_LEVELS
from vae.models.queries import accompaniment_minutes
from vae.storage.store import UploadRefused, receive
from vae.workflows.case import CASE
from vae.workflows.web import fire_from_form

bp = Blueprint("candidate", __name__)


def _today():
    return now().date()


# -- starting a case -------------------------------------------------------------
@bp.route("/cases/new", methods=["GET", "POST"])
@role_required(CANDIDATE)
def new_case():
    title = db.session.get(Title, request.args.get("title_id", type=int) or 0)
    if title is None:
        search = TitleSearchForm(request.args)
        query = select(Title).where(Title.active.is_(True)).order_by(Title.rncp_code)
        words = (search.q.data or "").strip()
        if words:
            query = query.where(title_matches(words))
        return render_template("candidate/title_search.html", search=search,
                               titles=db.session.scalars(query.limit(50)).all())
    form = BlocksForm()
    choosable = ops.choosable_blocks(current_user, title, _today())
    form.blocks.choices = [(b.id, b.label) for b in choosable]
    existing = ops.open_case_for_title(current_user, title)
    started = []
    if form.validate_on_submit() and commit_or_refuse(
            lambda: started.append(ops.start_case(current_user, title, form.blocks.data, _today())),
            _("Your application is started. Now describe your experience.")):
        return redirect(url_for(".case", case_id=started[0].id))
    # Coming from the pathway page for one missing block: that block is ticked already.
    preselected = set(form.blocks.data or ()) or {request.args.get("block", type=int)}
    return render_template("candidate/new_case.html", title=title, form=form, choosable=choosable,
                           preselected=preselected,
                           held=ops.held_block_ids(current_user), existing=existing,
                           open_to_candidates=title.open_to_candidates(_today()))


# -- the case page ----------------------------------------------------------------
@bp.get("/cases/<int:case_id>")
@login_required
def case(case_id: int):
    case = get_case_or_404(current_user, case_id)
    progress = progress_for(case.blocks)
    blocks_form = BlocksForm(version=case.version)
    blocks_form.blocks.choices = [(b.id, b.label) for b in ops.choosable_blocks(case.candidate, case.title, _today())]
    blocks_form.blocks.data = [cb.block_id for cb in case.blocks]
    return render_template(
        "candidate/case.html", case=case, progress=progress, total=case_progress(progress, case.blocks),
        hours=ops.relevant_hours(case, _today()), full_time=ops.FULL_TIME_YEAR_HOURS,
        experience_hours={e.id: ops.experience_hours(e, _today()) for e in case.experiences},
        events=CASE.available(case, current_user), confirm=ConfirmForm(version=case.version),
        blocks_form=blocks_form, relations=relations_to(current_user, case),
        accompaniment_minutes=accompaniment_minutes([case.id])[case.id],
        case_action=lambda event: url_for(".case_event", case_id=case.id, event=event))


@bp.post("/cases/<int:case_id>/blocks")
@role_required(CANDIDATE)
def choose_blocks(case_id: int):
    case = get_case_or_404(current_user, case_id)
    form = BlocksForm()
    form.blocks.choices = [(b.id, b.label) for b in ops.choosable_blocks(case.candidate, case.title, _today())]
    if not form.validate_on_submit():
        abort(400)
    commit_or_refuse(lambda: ops.set_case_blocks(case, form.blocks.data, _today()),
                     _("Your choice of blocks is saved."), case=case, form=form)
    return redirect(url_for(".case", case_id=case_id))


@bp.post("/cases/<int:case_id>/event/<event>")
@login_required
def case_event(case_id: int, event: str):
    if event not in ("submit", "revise", "abandon"):
        abort(404)
    case = get_case_or_404(current_user, case_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    fire_from_form(CASE, case, event, current_user, form)
    return redirect(url_for(".case", case_id=case_id))


# -- experiences ------------------------------------------------------------------
@bp.route("/cases/<int:case_id>/experiences/new", methods=["GET", "POST"], endpoint="new_experience")
@bp.route("/cases/<int:case_id>/experiences/<int:experience_id>", methods=["GET", "POST"])
@role_required(CANDIDATE)
def experience(case_id: int, experience_id: int | None = None):
    case = get_case_or_404(current_user, case_id)
    item = None
    if experience_id is not None:
        item = next((e for e in case.experiences if e.id == experience_id), None)
        if item is None:
            abort(404)
    form = ExperienceForm(obj=item)
    form.case_blocks.choices = [(cb.id, cb.block.label) for cb in case.blocks]
    if request.method == "GET" and item is not None:
        form.case_blocks.data = [cb.id for cb in item.case_blocks]
    incoming = request.files.get(form.recording.name) if request.method == "POST" else None
    form.has_recording = bool(incoming and incoming.filename) or (item is not None and item.recording_file_id)
    if form.validate_on_submit():
        recording = None
        if incoming and incoming.filename:
            try:
                recording = receive(incoming.stream, incoming.filename)
            except UploadRefused as refused:
                form.recording.errors = [str(refused)]
                return render_template("candidate/experience.html", case=case, form=form, item=item), 400
        try:
            saved = commit_or_refuse(lambda: ops.save_experience(
                case, item, employer=(form.employer.data or "").strip(),
                household_employer=form.household_employer.data, role=(form.role.data or "").strip(),
                start_date=form.start_date.data, end_date=form.end_date.data,
                hours_per_week=float(form.hours_per_week.data), activities=form.activities.data or "",
                case_block_ids=form.case_blocks.data, recording=recording), _("The experience is saved."))
        except BaseException:
            if recording:
                recording.discard()
            raise
        if recording:
            recording.place() if saved else recording.discard()
        return redirect(url_for(".case", case_id=case_id))
    return render_template("candidate/experience.html", case=case, form=form, item=item), 400 if form.errors else 200


@bp.post("/cases/<int:case_id>/experiences/<int:experience_id>/delete")
@role_required(CANDIDATE)
def delete_experience(case_id: int, experience_id: int):
    case = get_case_or_404(current_user, case_id)
    item = next((e for e in case.experiences if e.id == experience_id), None)
    if item is None or not ConfirmForm().validate_on_submit():
        abort(404 if item is None else 400)
    commit_or_refuse(lambda: ops.delete_experience(case, item), _("The experience is removed."))
    return redirect(url_for(".case", case_id=case_id))


@bp.route("/blocks/<int:case_block_id>/self-assessment", methods=["GET", "POST"])
@role_required(CANDIDATE)
def self_assessment(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    form = SelfAssessmentForm()
    if form.validate_on_submit():
        levels = {c.id: request.form.get(f"level-{c.id}", "") for c in case_block.block.competences}
        levels = {k: v for k, v in levels.items() if v in SELF_ASSESSMENT_LEVELS}
        commit_or_refuse(lambda: ops.save_self_assessment(case_block, levels), _("Your self-assessment is saved."))
        return redirect(url_for(".case", case_id=case_block.case_id))
    current = {s.competence_id: s.level for s in case_block.self_assessments}
    return render_template("candidate/self_assessment.html", case_block=case_block, form=form, current=current,
                           levels=SELF_ASSESSMENT_LEVELS)
