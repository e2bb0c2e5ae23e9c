"""The block page that the candidate, the mentor and the jury all see; the candidate edits the evidence,
submits or withdraws the block."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vae.accompaniment.assisted import open_proposals
from vae.accompaniment.forms import ChangeProposalForm, ConfirmProposalForm, ProposalForm, RefuseProposalForm
from vae.core.access import get_case_block_or_404, get_evidence_or_404, relations_to
from vae.core.commit import commit_or_refuse
from vae.core.forms import ConfirmForm
from vae.core.permissions import role_required
from vae.dossier import operations as ops
from vae.dossier.forms import AtInterviewForm, EvidenceEditForm, EvidenceForm, SubmitBlockForm
from vae.dossier.progress import progress_for
from vae.extensions import db
from vae.jury.recommendations import latest_published
from vae.mentor.forms import AnnotationForm, RecordedReplyForm, ReplyForm, ReturnForm
from vae.models import Annotation, BlockRecommendation, Evidence
from vae.models.states import ADMIN, CANDIDATE, MENTOR
from vae.storage.store import UploadRefused, receive
from vae.workflows.block import BLOCK
from vae.workflows.web import fire_from_form

bp = Blueprint("dossier", __name__)


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
    # One slot per competence the register lists, plus any it has retired that this dossier documented.
    dossier_competences = [c for c in case_block.block.all_competences
                           if c.retired_at is None or c.id in by_competence]
    previous = _previous_recommendation(case_block, relations)
    return render_template(
        "candidate/block.html", case_block=case_block, case=case_block.case, relations=relations,
        previous=previous, shortfall_ids={c.id for c in previous.shortfalls} if previous else set(),
        dossier_competences=dossier_competences,
        by_competence=by_competence, annotations=[a for a in annotations if a.evidence_id is None],
        notes_by_evidence=notes_by_evidence, evidence_form=form,
        at_interview_form=AtInterviewForm(), progress=progress_for([case_block])[case_block.id],
        submit_form=SubmitBlockForm(version=case_block.case.version), confirm=ConfirmForm(version=case_block.case.version),
        events={a.event: a for a in BLOCK.available(case_block, current_user)},
        annotation_form=AnnotationForm(), reply_form=ReplyForm(), return_form=ReturnForm(version=case_block.case.version),
        editable=CANDIDATE in relations and case_block.state == "documenting", is_mentor=MENTOR in relations,
        edit_form_for=lambda e: _edit_form(e, case_block), recorded_reply_form=RecordedReplyForm(),
        **_assisted_entries(case_block, relations))


def _assisted_entries(case_block, relations) -> dict:
    """The mentor's proposals, for the candidate and the mentor only (the jury sees confirmed evidence)."""
    if not relations & {CANDIDATE, MENTOR, "admin"}:
        return {"proposals": [], "proposal_forms": {}}
    new = None
    if MENTOR in relations and case_block.state == "documenting":
        new = ProposalForm()
        new.competence_id.choices = [(c.id, c.label) for c in case_block.block.competences]
    return {"proposals": open_proposals(case_block), "proposal_forms": {
        "new": new, "confirm": ConfirmProposalForm(), "refuse": RefuseProposalForm(),
        "change": lambda p: ChangeProposalForm(obj=p, prefix=f"p{p.id}")}}


def _previous_recommendation(case_block, relations) -> BlockRecommendation | None:
    """A new application for a block the jury did not validate starts from its recommendations:
    the candidate, their mentor and certifier staff read them (the jury judges the new dossier afresh)."""
    if not relations & {CANDIDATE, MENTOR, ADMIN}:
        return None
    previous = latest_published(case_block.case.candidate_id).get(case_block.block_id)
    if previous is None or previous.decision.case_block_id == case_block.id:
        return None
    return previous


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
        added = commit_or_refuse(lambda: ops.add_evidence(
            case_block, current_user, kind=form.kind.data, competence_id=form.competence_id.data,
            title=form.title.data or "", body=form.body.data or "", upload=upload), _("The evidence is added."))
    except BaseException:
        if upload:
            upload.discard()
        raise
    if upload:
        upload.place() if added else upload.discard()  # placed only once the row is committed
    return back


@bp.post("/blocks/<int:case_block_id>/at-interview")
@role_required(CANDIDATE)
def at_interview(case_block_id: int):
    case_block = _owned_block(case_block_id)
    form = AtInterviewForm()
    if not form.validate_on_submit() or not form.competence_id.data.isdigit():
        abort(400)
    commit_or_refuse(lambda: ops.add_evidence(case_block, current_user, kind="at_interview",
                                              competence_id=int(form.competence_id.data), title="", body="",
                                              upload=None),
                     _("Noted: you will show this competence at the interview."))
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
        commit_or_refuse(lambda: ops.update_evidence(evidence, current_user, title=form.title.data or "",
                                                     body=form.body.data or "", competence_id=form.competence_id.data),
                         _("The evidence is saved."))
    return redirect(url_for(".block", case_block_id=evidence.case_block_id))


@bp.post("/evidence/<int:evidence_id>/delete")
@role_required(CANDIDATE)
def delete_evidence(evidence_id: int):
    evidence = _owned_evidence(evidence_id)
    case_block_id = evidence.case_block_id
    if not ConfirmForm().validate_on_submit():
        abort(400)
    commit_or_refuse(lambda: ops.remove_evidence(evidence, current_user), _("The evidence is removed."))
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
    fire_from_form(BLOCK, case_block, "submit", current_user, form)
    return redirect(url_for(".block", case_block_id=case_block_id))


@bp.post("/blocks/<int:case_block_id>/withdraw")
@role_required(CANDIDATE)
def withdraw_block(case_block_id: int):
    case_block = _owned_block(case_block_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    fire_from_form(BLOCK, case_block, "withdraw", current_user, form)
    return redirect(url_for("candidate.case", case_id=case_block.case_id))
