"""Candidate pages: thin routes that parse a form, call an operation, commit once."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from vae.auth import operations as auth_operations
from vae.auth.tokens import user_from_confirm_token
from vae.candidate import operations as ops
from vae.candidate.forms import (AtInterviewForm, BlocksForm, ConfirmForm, EvidenceEditForm, EvidenceForm,
                                 ExperienceForm, ProfileForm, SelfAssessmentForm, SignupForm, SubmitBlockForm,
                                 TitleSearchForm)
from vae.candidate.progress import case_progress, progress_for
from vae.core.access import get_case_block_or_404, get_case_or_404, get_evidence_or_404, relations_to
from vae.core.clock import now
from vae.core.permissions import role_required
from vae.extensions import db, limiter
from vae.models import Annotation, Evidence, Title, User
from vae.models.states import CANDIDATE, MENTOR, SELF_ASSESSMENT_LEVELS
from vae.storage.store import UploadRefused, receive
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE
from vae.workflows.web import fire_from_form

bp = Blueprint("candidate", __name__)

def _today():
    return now().date()


def _refusal(code: str) -> str:
    return {
        "open_case": _("You already have an application in progress for this title."),
        "not_draft": _("The application has been sent: this can no longer be changed."),
        "no_block": _("Choose at least one block that you can still apply for."),
        "not_documenting": _("This block's dossier cannot be changed now."),
        "competence": _("This competence does not belong to this block."),
    }.get(code, _("This is not possible now."))


# -- account ------------------------------------------------------------------
@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("RATELIMIT_SIGNUP", "10/hour"), methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = SignupForm()
    if form.validate_on_submit():
        existing = User.by_email(form.email.data)
        if existing:
            # Same answer, same work and so the same time as a success: the page reveals no account.
            auth_operations.answer_sign_up_for_existing_account(existing, form.password.data)
            db.session.commit()
            flash(_("Check your mailbox: we sent you a link to confirm your address."), "info")
            return redirect(url_for("auth.login"))
        ops.sign_up(email=form.email.data, first_name=form.first_name.data, last_name=form.last_name.data,
                    phone=form.phone.data, locale=form.locale.data, password=form.password.data)
        db.session.commit()
        flash(_("Check your mailbox: we sent you a link to confirm your address."), "info")
        return redirect(url_for("auth.login"))
    return render_template("candidate/signup.html", form=form), 400 if form.errors else 200


@bp.get("/signup/confirm/<token>")
def confirm_email(token: str):
    user = user_from_confirm_token(token)
    if user is None:
        flash(_("This link has expired or is not valid."), "error")
        return redirect(url_for("auth.login"))
    ops.confirm_email(user)
    db.session.commit()
    flash(_("Your address is confirmed. You can log in."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        ops.update_profile(current_user, first_name=form.first_name.data, last_name=form.last_name.data,
                           phone=form.phone.data, locale=form.locale.data)
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for(".profile"))
    return render_template("candidate/profile.html", form=form), 400 if form.errors else 200


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
            like = f"%{words.lower()}%"
            query = query.where(or_(func.lower(Title.label).like(like), func.lower(Title.rncp_code).like(like)))
        return render_template("candidate/title_search.html", search=search,
                               titles=db.session.scalars(query.limit(50)).all())
    form = BlocksForm()
    choosable = ops.choosable_blocks(current_user, title, _today())
    form.blocks.choices = [(b.id, b.label) for b in choosable]
    existing = ops.open_case_for_title(current_user, title)
    if form.validate_on_submit():
        try:
            case = ops.start_case(current_user, title, form.blocks.data, _today())
        except ops.NotAllowed as refused:
            flash(_refusal(str(refused)), "error")
        else:
            db.session.commit()
            flash(_("Your application is started. Now describe your experience."), "success")
            return redirect(url_for(".case", case_id=case.id))
    return render_template("candidate/new_case.html", title=title, form=form, choosable=choosable,
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
        case_action=lambda event: url_for(".case_event", case_id=case.id, event=event))


@bp.post("/cases/<int:case_id>/blocks")
@role_required(CANDIDATE)
def choose_blocks(case_id: int):
    case = get_case_or_404(current_user, case_id)
    form = BlocksForm()
    form.blocks.choices = [(b.id, b.label) for b in ops.choosable_blocks(case.candidate, case.title, _today())]
    if not form.validate_on_submit():
        abort(400)
    try:
        ops.set_case_blocks(case, form.blocks.data, _today())
    except ops.NotAllowed as refused:
        db.session.rollback()
        flash(_refusal(str(refused)), "error")
    else:
        db.session.commit()
        flash(_("Your choice of blocks is saved."), "success")
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
    fire_from_form(CASE, case, event, current_user, form.expected_version)
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
    if form.validate_on_submit():
        try:
            ops.save_experience(case, item, employer=form.employer.data, household_employer=form.household_employer.data,
                                role=form.role.data, start_date=form.start_date.data, end_date=form.end_date.data,
                                hours_per_week=float(form.hours_per_week.data), activities=form.activities.data or "",
                                case_block_ids=form.case_blocks.data)
        except ops.NotAllowed as refused:
            db.session.rollback()
            flash(_refusal(str(refused)), "error")
        else:
            db.session.commit()
            flash(_("The experience is saved."), "success")
        return redirect(url_for(".case", case_id=case_id))
    return render_template("candidate/experience.html", case=case, form=form, item=item), 400 if form.errors else 200


@bp.post("/cases/<int:case_id>/experiences/<int:experience_id>/delete")
@role_required(CANDIDATE)
def delete_experience(case_id: int, experience_id: int):
    case = get_case_or_404(current_user, case_id)
    item = next((e for e in case.experiences if e.id == experience_id), None)
    if item is None or not ConfirmForm().validate_on_submit():
        abort(404 if item is None else 400)
    try:
        ops.delete_experience(case, item)
    except ops.NotAllowed as refused:
        flash(_refusal(str(refused)), "error")
    else:
        db.session.commit()
        flash(_("The experience is removed."), "success")
    return redirect(url_for(".case", case_id=case_id))


@bp.route("/blocks/<int:case_block_id>/self-assessment", methods=["GET", "POST"])
@role_required(CANDIDATE)
def self_assessment(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    form = SelfAssessmentForm()
    if form.validate_on_submit():
        levels = {c.id: request.form.get(f"level-{c.id}", "") for c in case_block.block.competences}
        levels = {k: v for k, v in levels.items() if v in SELF_ASSESSMENT_LEVELS}
        try:
            ops.save_self_assessment(case_block, levels)
        except ops.NotAllowed as refused:
            flash(_refusal(str(refused)), "error")
        else:
            db.session.commit()
            flash(_("Your self-assessment is saved."), "success")
        return redirect(url_for(".case", case_id=case_block.case_id))
    current = {s.competence_id: s.level for s in case_block.self_assessments}
    return render_template("candidate/self_assessment.html", case_block=case_block, form=form, current=current,
                           levels=SELF_ASSESSMENT_LEVELS)


# -- the block dossier --------------------------------------------------------------
@bp.get("/blocks/<int:case_block_id>")
@login_required
def block(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    relations = relations_to(current_user, case_block)
    evidence = db.session.scalars(
        select(Evidence).where(Evidence.case_block_id == case_block.id)
        .options(selectinload(Evidence.file)).order_by(Evidence.created_at, Evidence.id)).all()
    annotations = db.session.scalars(
        select(Annotation).where(Annotation.case_block_id == case_block.id, Annotation.parent_id.is_(None))
        .options(selectinload(Annotation.replies).selectinload(Annotation.author), selectinload(Annotation.author))
        .order_by(Annotation.created_at)).all()
    by_competence: dict[int | None, list[Evidence]] = {}
    for item in evidence:
        by_competence.setdefault(item.competence_id, []).append(item)
    # Notes about one evidence item are shown beside it; the others at the top of the page.
    notes_by_evidence: dict[int, list[Annotation]] = {}
    for note in annotations:
        if note.evidence_id is not None:
            notes_by_evidence.setdefault(note.evidence_id, []).append(note)
    form = EvidenceForm()
    form.competence_id.choices = [(c.id, c.label) for c in case_block.block.competences]
    from vae.mentor.forms import AnnotationForm, ReplyForm, ReturnForm

    return render_template(
        "candidate/block.html", case_block=case_block, case=case_block.case, relations=relations,
        by_competence=by_competence, annotations=[a for a in annotations if a.evidence_id is None],
        notes_by_evidence=notes_by_evidence, evidence_form=form,
        at_interview_form=AtInterviewForm(), progress=progress_for([case_block])[case_block.id],
        submit_form=SubmitBlockForm(version=case_block.case.version), confirm=ConfirmForm(version=case_block.case.version),
        events={a.event: a for a in BLOCK.available(case_block, current_user)},
        annotation_form=AnnotationForm(), reply_form=ReplyForm(), return_form=ReturnForm(version=case_block.case.version),
        editable=CANDIDATE in relations and case_block.state == "documenting", is_mentor=MENTOR in relations,
        edit_form_for=lambda e: _edit_form(e, case_block))


def _edit_form(evidence: Evidence, case_block) -> EvidenceEditForm:
    form = EvidenceEditForm(obj=evidence, prefix=f"e{evidence.id}")
    form.competence_id.choices = [(c.id, c.label) for c in case_block.block.competences]
    return form


def _owned_block(case_block_id: int):
    case_block = get_case_block_or_404(current_user, case_block_id)
    if CANDIDATE not in relations_to(current_user, case_block):
        abort(403)
    return case_block


@bp.post("/blocks/<int:case_block_id>/evidence")
@role_required(CANDIDATE)
def add_evidence(case_block_id: int):
    case_block = _owned_block(case_block_id)
    form = EvidenceForm()
    form.competence_id.choices = [(c.id, c.label) for c in case_block.block.competences]
    back = redirect(url_for(".block", case_block_id=case_block_id))
    if not form.validate_on_submit():
        flash(_("Please check the form."), "error")
        return back
    upload = None
    if form.kind.data == "text":
        if not (form.body.data or "").strip():
            flash(_("Write your account before adding it."), "error")
            return back
    else:
        incoming = request.files.get(form.file.name)
        if incoming is None or not incoming.filename:
            flash(_("Choose a file (or record one) before adding it."), "error")
            return back
        try:
            upload = receive(incoming.stream, incoming.filename)
        except UploadRefused as refused:
            flash(str(refused), "error")
            return back
    try:
        ops.add_evidence(case_block, current_user, kind=form.kind.data, competence_id=form.competence_id.data,
                         title=form.title.data or "", body=form.body.data or "", upload=upload)
        db.session.commit()
    except ops.NotAllowed as refused:
        db.session.rollback()
        if upload:
            upload.discard()
        flash(_refusal(str(refused)), "error")
        return back
    except BaseException:
        if upload:
            upload.discard()
        raise
    if upload:
        upload.place()  # only now that the row is committed
    flash(_("The evidence is added."), "success")
    return back


@bp.post("/blocks/<int:case_block_id>/at-interview")
@role_required(CANDIDATE)
def at_interview(case_block_id: int):
    case_block = _owned_block(case_block_id)
    form = AtInterviewForm()
    if not form.validate_on_submit() or not form.competence_id.data.isdigit():
        abort(400)
    try:
        ops.add_evidence(case_block, current_user, kind="at_interview", competence_id=int(form.competence_id.data),
                         title="", body="", upload=None)
    except ops.NotAllowed as refused:
        flash(_refusal(str(refused)), "error")
    else:
        db.session.commit()
        flash(_("Noted: you will show this competence at the interview."), "success")
    return redirect(url_for(".block", case_block_id=case_block_id))


def _owned_evidence(evidence_id: int) -> Evidence:
    evidence = get_evidence_or_404(current_user, evidence_id)
    if CANDIDATE not in relations_to(current_user, evidence.case_block):
        abort(403)
    return evidence


@bp.post("/evidence/<int:evidence_id>/edit")
@role_required(CANDIDATE)
def edit_evidence(evidence_id: int):
    evidence = _owned_evidence(evidence_id)
    form = _edit_form(evidence, evidence.case_block)
    if form.validate_on_submit():
        try:
            ops.update_evidence(evidence, current_user, title=form.title.data or "", body=form.body.data or "",
                                competence_id=form.competence_id.data)
        except ops.NotAllowed as refused:
            flash(_refusal(str(refused)), "error")
        else:
            db.session.commit()
            flash(_("The evidence is saved."), "success")
    return redirect(url_for(".block", case_block_id=evidence.case_block_id))


@bp.post("/evidence/<int:evidence_id>/delete")
@role_required(CANDIDATE)
def delete_evidence(evidence_id: int):
    evidence = _owned_evidence(evidence_id)
    case_block_id = evidence.case_block_id
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        ops.remove_evidence(evidence, current_user)
    except ops.NotAllowed as refused:
        flash(_refusal(str(refused)), "error")
    else:
        db.session.commit()
        flash(_("The evidence is removed."), "success")
    return redirect(url_for(".block", case_block_id=case_block_id))


@bp.post("/blocks/<int:case_block_id>/submit")
@role_required(CANDIDATE)
def submit_block(case_block_id: int):
    case_block = _owned_block(case_block_id)
    form = SubmitBlockForm()
    if not form.validate_on_submit():
        abort(400)
    if form.honour.data:
        ops.sign_honour_statement(case_block)
    fire_from_form(BLOCK, case_block, "submit", current_user, form.expected_version)
    return redirect(url_for(".block", case_block_id=case_block_id))


@bp.post("/blocks/<int:case_block_id>/withdraw")
@role_required(CANDIDATE)
def withdraw_block(case_block_id: int):
    case_block = _owned_block(case_block_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    fire_from_form(BLOCK, case_block, "withdraw", current_user, form.expected_version)
    return redirect(url_for(".case", case_id=case_block.case_id))
