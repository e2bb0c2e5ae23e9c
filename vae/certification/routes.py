"""Certification pages: public verification, the candidate's blocks and downloads, admin issuing."""
from __future__ import annotations

import json

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template,
                   request, url_for)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload

from vae.certification import operations
from vae.certification.credentials import achievement_of, achievement_subject
from vae.certification.documents import certificate_pdf, progress_by_title
from vae.certification.pathway import award_source_label, pathways
from vae.certification.forms import IssueBatchForm, PublicNameForm, RevokeForm
from vae.certification.public_name import public_holder_name, set_public_name
from vae.certification.signing import did_document, issuing_refusal, project_context
from vae.certification.statuses import signed_status_list
from vae.certification.vc import baking, open_badge
from vae.certification.vc.jsonld_loader import PROJECT_CONTEXT_VERSIONS, project_context_bytes
from vae.certification.workload import set_workload, workload_form
from vae.core.access import get_certificate_or_404, visible_cases
from vae.core.clock import now
from vae.core.pages import paginate
from vae.core.permissions import role_required
from vae.extensions import db
from vae.jobs.queue import enqueue, start
from vae.models import Block, BlockAward, Case, Certificate, JurySession, StatusList, Title, TitleAward
from vae.models.states import ADMIN, CANDIDATE
from vae.workflows.guards.certification import minutes_signed
from vae.workflows.phases import PHASE_LABELS, PHASE_OF_BLOCK_STATE

bp = Blueprint("certification", __name__)
SESSIONS_PAGE_SIZE = 20
VC_MEDIA_TYPE = "application/vc+ld+json"
JSON_MEDIA_TYPES = (VC_MEDIA_TYPE, "application/ld+json")
NEW_CASE_ENDPOINT = "candidate.new_case"


@bp.record_once
def _say_at_startup_if_issuing_is_refused(state) -> None:
    """The startup half of the check: the log says it before anyone tries to issue."""
    reason = issuing_refusal(state.app.config)
    if reason is not None:
        state.app.logger.error("credentials will not be issued: %s", reason)


def _json(document: dict, media_type: str = "application/json") -> Response:
    response = Response(json.dumps(document, ensure_ascii=False, indent=2), mimetype=media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"  # verifiers run anywhere
    return response


# -- published for verifiers --------------------------------------------------
@bp.get("/.well-known/did.json")
@bp.get("/did.json")  # did:web:host:path resolves to <base>/did.json when published under a path
def did_json():
    return _json(did_document(), "application/did+json")


@bp.get("/status/<slug>")
def status(slug: str):
    status_list = db.session.scalar(select(StatusList).where(StatusList.slug == slug))
    if status_list is None:
        abort(404)
    response = _json(signed_status_list(status_list), VC_MEDIA_TYPE)
    response.cache_control.max_age = 300
    return response


@bp.get("/ns/vae-<version>.jsonld")
def project_context_document(version: str):
    """Every published version stays served, byte for byte (credentials name it for ever)."""
    if version not in PROJECT_CONTEXT_VERSIONS:
        abort(404)
    context_base = project_context().rsplit("/", 1)[0]
    response = Response(project_context_bytes(context_base, version), mimetype="application/ld+json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


# -- achievements: the `achievement.id` of every credential resolves -------------
def _achievement_subject_or_404(code: str):
    subject = achievement_subject(code)
    if subject is None:
        abort(404)
    return subject


@bp.get("/achievements/<achievement_code>.json")
def achievement_json(achievement_code: str):
    subject = _achievement_subject_or_404(achievement_code)
    return _json(open_badge.achievement_document(achievement_of(subject), project_context()), "application/ld+json")


@bp.get("/achievements/<achievement_code>")
def achievement_page(achievement_code: str):
    subject = _achievement_subject_or_404(achievement_code)
    machine = request.accept_mimetypes.best_match(["text/html", "application/json", "application/ld+json"])
    if machine in ("application/json", "application/ld+json"):
        return achievement_json(achievement_code)
    block = subject if isinstance(subject, Block) else None
    title = block.title if block is not None else subject
    return render_template("certification/achievement.html", block=block, title=title,
                           blocks=[block] if block is not None else title.required_blocks)


def _public_certificate(public_id: str) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(Certificate.public_id == public_id))


# The verification page names the block and its title, or the title: read beside the
# certificate in one query, as entities of the row rather than eager-loaded relationships
# (the chain of three joined loads cost some 500 Python calls a request). Built once.
_CERTIFICATE_AND_SUBJECT = (
    select(Certificate, Block, Title)
    .outerjoin(BlockAward, Certificate.block_award_id == BlockAward.id)
    .outerjoin(Block, BlockAward.block_id == Block.id)
    .outerjoin(TitleAward, Certificate.title_award_id == TitleAward.id)
    .outerjoin(Title, Title.id == func.coalesce(Block.title_id, TitleAward.title_id))
    .where(Certificate.public_id == bindparam("public_id")))


def _certificate_and_subject(public_id: str) -> tuple[Certificate | None, Block | None, Title | None]:
    """The certificate, its block (block certificates) and the title it names; `block.title` is
    then read from the session's identity map, without a query."""
    row = db.session.execute(_CERTIFICATE_AND_SUBJECT, {"public_id": public_id}).one_or_none()
    return tuple(row) if row is not None else (None, None, None)


@bp.get("/c/<public_id>.json")
def credential_json(public_id: str):
    certificate = _public_certificate(public_id)
    if certificate is None or not certificate.credential_json:
        abort(404)
    return _json(json.loads(certificate.credential_json), VC_MEDIA_TYPE)


def _asks_for_credential_json() -> bool:
    """JSON only when asked by name: a browser, or curl's "*/*", gets the page."""
    accept = request.accept_mimetypes
    named = max((quality for value, quality in accept if value in JSON_MEDIA_TYPES), default=0)
    return named > 0 and named >= accept["text/html"]


@bp.get("/c/<public_id>")
def verify_page(public_id: str):
    certificate, block, title = _certificate_and_subject(public_id)
    wants_json = _asks_for_credential_json()
    if wants_json and certificate is not None and certificate.credential_json:
        return credential_json(public_id)
    if certificate is None:
        return render_template("certification/verify.html", certificate=None), 404
    check = operations.verify_certificate(certificate) if request.args.get("check") else None
    credential = json.loads(certificate.credential_json) if certificate.credential_json else None
    progress = progress_by_title(certificate.candidate_id) if certificate.kind == "transcript" else None
    revoke_form = RevokeForm() if current_user.is_authenticated and current_user.has_role(ADMIN) else None
    holder = current_user.is_authenticated and current_user.id == certificate.candidate_id
    name_form = PublicNameForm(public_name=certificate.public_name) if holder and credential else None
    return render_template("certification/verify.html", certificate=certificate, credential=credential,
                           check=check, progress=progress, revoke_form=revoke_form, name_form=name_form,
                           holder_name=public_holder_name(certificate), subject_block=block, subject_title=title)


@bp.post("/my/certificates/<public_id>/public-name")
@role_required(CANDIDATE)
def choose_public_name(public_id: str):
    certificate = get_certificate_or_404(current_user, public_id)
    if certificate.candidate_id != current_user.id or certificate.kind == "transcript":
        abort(404)
    form = PublicNameForm()
    if not form.validate_on_submit():
        flash(_("Choose the full name or the initials."), "error")
    elif set_public_name(certificate, current_user, form.public_name.data):
        db.session.commit()
        flash(_("The public page now shows your choice. The signed credential still carries your name."),
              "success")
    return redirect(url_for(".verify_page", public_id=public_id))


@bp.post("/c/<public_id>/revoke")
@role_required(ADMIN)
def revoke(public_id: str):
    certificate = get_certificate_or_404(current_user, public_id)
    form = RevokeForm()
    if not form.validate_on_submit():
        flash(_("Please give a reason for the revocation."), "error")
    elif certificate.kind == "transcript":
        flash(_("A transcript cannot be revoked: revoke the certificates it lists."), "error")
    else:
        revoked = operations.revoke_certificate(certificate, current_user, form.reason.data.strip())
        db.session.commit()
        if revoked:
            flash(_("The certificate is revoked."), "success")
        else:  # revoked before, perhaps by a click a moment ago: nothing was written twice
            flash(_("This certificate was already revoked."), "info")
        for title_certificate in revoked[1:]:
            flash(_("The certificate of the full title %(code)s rested on this block: it is revoked too.",
                    code=title_certificate.title_award.title.rncp_code), "warning")
    return redirect(url_for(".verify_page", public_id=public_id))


# -- the candidate ------------------------------------------------------------
@bp.get("/my/blocks")
@role_required(CANDIDATE)
def my_blocks():
    working_on = set(db.session.scalars(
        visible_cases(current_user).where(Case.candidate_id == current_user.id).with_only_columns(Case.title_id)))
    progress = progress_by_title(current_user.id, working_on, published_only=True)
    # Every certificate of the candidate in one query, the transcript among them (was two queries).
    every_certificate = db.session.scalars(select(Certificate).where(Certificate.candidate_id == current_user.id)).all()
    transcript = next((c for c in every_certificate if c.kind == "transcript"), None)
    certificates = [c for c in every_certificate if c.kind != "transcript"]
    by_block = {c.block_award.block_id: c for c in certificates if c.block_award is not None}
    by_title = {c.title_award.title_id: c for c in certificates if c.title_award is not None}
    can_start_case = NEW_CASE_ENDPOINT in current_app.view_functions
    return render_template("certification/my_blocks.html", progress=progress, by_block=by_block,
                           pathways=pathways(current_user, progress), phase_labels=PHASE_LABELS,
                           phase_of=PHASE_OF_BLOCK_STATE, award_source_label=award_source_label, today=now().date(),
                           by_title=by_title, transcript=transcript,
                           can_start_case=can_start_case, new_case=NEW_CASE_ENDPOINT)


@bp.get("/my/certificates/<public_id>.pdf")
@role_required(CANDIDATE, ADMIN)
def certificate_pdf_download(public_id: str):
    certificate = get_certificate_or_404(current_user, public_id)
    return _download(certificate_pdf(certificate), "application/pdf", f"{certificate.public_id}.pdf")


@bp.get("/my/certificates/<public_id>.png")
@role_required(CANDIDATE, ADMIN)
def badge_png(public_id: str):
    certificate = get_certificate_or_404(current_user, public_id)
    if not certificate.credential_json:
        abort(404)
    png = baking.bake_template(json.loads(certificate.credential_json))
    return _download(png, "image/png", f"badge-{certificate.public_id}.png")


@bp.get("/my/transcript.pdf")
@role_required(CANDIDATE)
def transcript_download():
    transcript = operations.transcript_of(current_user)
    if transcript is None:  # issued with the first certificate
        abort(404)
    return _download(certificate_pdf(transcript), "application/pdf", "releve-blocs.pdf")


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- certifier staff ----------------------------------------------------------
@bp.get("/admin/certification/sessions")
@role_required(ADMIN)
def sessions():
    pagination = paginate(select(JurySession).where(JurySession.state == "signed")
                          .options(selectinload(JurySession.title))
                          .order_by(JurySession.starts_at.desc(), JurySession.id.desc()), SESSIONS_PAGE_SIZE)
    progress = operations.sessions_progress(pagination.items)
    return render_template("certification/sessions.html", pagination=pagination,
                           rows=[(s, progress[s.id]) for s in pagination.items])


@bp.get("/admin/certification/sessions/<int:session_id>")
@role_required(ADMIN)
def session_page(session_id: int):
    session = db.get_or_404(JurySession, session_id)
    return render_template("certification/session.html", session=session,
                           progress=operations.session_progress(session), form=IssueBatchForm())


@bp.post("/admin/certification/sessions/<int:session_id>/issue")
@role_required(ADMIN)
def issue_batch(session_id: int):
    session = db.get_or_404(JurySession, session_id)
    form = IssueBatchForm()
    if not form.validate_on_submit():
        abort(400)
    if reason := minutes_signed(session):
        flash(reason, "error")
        return redirect(url_for(".session_page", session_id=session.id))
    refusal = issuing_refusal()
    if refusal is not None:
        flash(_("Issuing is refused: %(reason)s", reason=refusal), "error")
        return redirect(url_for(".session_page", session_id=session.id))
    # PDFs and signatures take seconds per candidate: the batch is a job (a worker, or in-process
    # right after this commit when no queue is configured); its page shows the progress.
    run = enqueue("certificate_batch", {"session_id": session.id, "actor_id": current_user.id}, current_user)
    db.session.commit()
    start(run)
    db.session.refresh(run)
    if run.state == "done":
        progress = operations.session_progress(session)
        if progress.done:
            flash(_("Every certificate of this session is issued."), "success")
        elif run.summary and " — " in run.summary:
            for reason in run.summary.split(" — ", 1)[1].split("; "):
                flash(reason, "error")
        return redirect(url_for(".session_page", session_id=session.id, auto=0))
    return redirect(url_for("jobs.job_page", run_id=run.id))


@bp.route("/admin/certification/titles/<int:title_id>/workload", methods=["GET", "POST"])
@role_required(ADMIN)
def workload(title_id: int):
    title = db.get_or_404(Title, title_id)
    form = workload_form(title, request.form if request.method == "POST" else None)
    if request.method == "POST":
        if not form.validate():
            return render_template("certification/workload.html", title=title, form=form), 400
        if set_workload(title, current_user, form):
            db.session.commit()
            flash(_("Workload saved: credentials issued from now on carry it."), "success")
        return redirect(url_for(".workload", title_id=title.id))
    return render_template("certification/workload.html", title=title, form=form)
