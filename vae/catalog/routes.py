"""The catalogue: public search and title pages; title policy and version equivalences for admins."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from vae.catalog import equivalences, funding, operations
from vae.catalog.forms import (CatalogSearchForm, DeclareEquivalenceForm, EquivalenceDecisionForm, FundingImportForm,
                               RegisterImportForm, TitleFundingForm, TitlePolicyForm)
from vae.core.commit import commit_or_refuse
from vae.core.clock import now
from vae.core.permissions import role_required
from vae.core.row_urls import IdUrl
from vae.extensions import db
from vae.jobs.queue import enqueue, start
from vae.models import Block, BlockEquivalence, Title
from vae.models.states import ADMIN
from vae.storage.staging import stage
from vae.storage.store import UploadRefused

bp = Blueprint("catalog", __name__, url_prefix="/catalog")
# How a title can be funded: the title page and the candidate's pathway page show it.
bp.add_app_template_global(funding.available_funding, "available_funding")
bp.add_app_template_global(funding.available_funding_by_title, "available_funding_by_title")
PAGE_SIZE = 20
MAX_PAGE = 10_000


@bp.get("/")
def search():
    form = CatalogSearchForm(request.args)
    page = request.args.get("page", 1, type=int)
    if not form.validate() or not 1 <= page <= MAX_PAGE:
        abort(400)
    query = operations.search_titles(form.q.data or "", form.code.data or "",
                                     int(form.level.data) if form.level.data else None)
    pagination = db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
    return render_template("catalog/search.html", form=form, pagination=pagination,
                           today=now().date(), filters={k: v for k, v in request.args.items() if k != "page"},
                           title_url=IdUrl("catalog.title", "title_id"))


@bp.get("/titles/<int:title_id>")
def title(title_id: int):
    title = db.get_or_404(Title, title_id)
    # The application form belongs to the candidate feature; offer it only where it exists.
    can_apply = "candidate.new_case" in current_app.view_functions
    return render_template("catalog/title.html", title=title, closed_reason=title.closed_reason(now().date()),
                           can_apply=can_apply)


def _policy_form(title: Title, **kwargs) -> TitlePolicyForm:
    form = TitlePolicyForm(**kwargs)
    form.required_blocks.choices = [(b.id, f"{b.code} — {b.label}") for b in title.blocks]
    return form


@bp.route("/titles/<int:title_id>/policy", methods=["GET", "POST"])
@role_required(ADMIN)
def policy(title_id: int):
    title = db.get_or_404(Title, title_id)
    if request.method == "GET":
        form = _policy_form(title, obj=title, required_blocks=[b.id for b in title.required_blocks])
        return render_template("catalog/policy.html", title=title, form=form)
    form = _policy_form(title)
    if not form.validate_on_submit():
        return render_template("catalog/policy.html", title=title, form=form), 400
    changes = operations.update_title_policy(
        title, current_user, required_block_ids=set(form.required_blocks.data or ()),
        **{name: getattr(form, name).data for name in operations.POLICY_FIELDS})
    db.session.commit()
    flash(_("Policy saved.") if changes else _("Nothing to change."), "success")
    return redirect(url_for(".title", title_id=title.id))


# -- funding information (certifier staff) ---------------------------------------------------
@bp.route("/titles/<int:title_id>/funding", methods=["GET", "POST"])
@role_required(ADMIN)
def funding_edit(title_id: int):
    title = db.get_or_404(Title, title_id)
    if request.method == "GET":
        form = TitleFundingForm(data={line.kind: {"available": line.available, "funding_label": line.label,
                                                  "url": line.url, "note": line.note}
                                      for line in funding.funding_of(title)})
        return render_template("catalog/funding.html", title=title, form=form)
    form = TitleFundingForm()
    if form.validate_on_submit() and commit_or_refuse(
            lambda: funding.save_funding(title, {kind: _funding_line(getattr(form, kind).data)
                                                 for kind in funding.KIND_LABELS}, current_user),
            _("The funding information is saved.")):
        return redirect(url_for(".title", title_id=title.id))
    return render_template("catalog/funding.html", title=title, form=form), 400


def _funding_line(data: dict) -> dict:
    return {"available": data["available"], "label": data["funding_label"] or "", "url": data["url"] or "",
            "note": data["note"] or ""}


@bp.route("/funding/import", methods=["GET", "POST"])
@role_required(ADMIN)
def funding_import():
    form = FundingImportForm()
    if request.method == "GET":
        return render_template("catalog/funding_import.html", form=form)
    if form.validate_on_submit():
        try:
            text = form.file.data.read(2_000_000).decode("utf-8-sig")
        except UnicodeDecodeError:
            flash(_("The file is not UTF-8 text: nothing was imported."), "error")
        else:
            imported = []
            if commit_or_refuse(lambda: imported.append(funding.import_funding_csv(text, current_user)),
                                _("The funding information is imported.")):
                flash(_("%(n)d lines imported.", n=imported[0]), "success")
                return redirect(url_for(".funding_import"))
    return render_template("catalog/funding_import.html", form=form), 400


@bp.route("/register/import", methods=["GET", "POST"])
@role_required(ADMIN)
def register_import():
    """The register export is stored, then imported by a job whose page shows the progress and the report."""
    form = RegisterImportForm()
    if request.method == "GET":
        return render_template("catalog/register_import.html", form=form)
    if not form.validate_on_submit():
        return render_template("catalog/register_import.html", form=form), 400
    try:
        staged = stage(form.file.data.stream, form.file.data.filename, current_app.config["MAX_CONTENT_LENGTH"])
    except UploadRefused as refusal:
        flash(str(refusal), "error")
        return render_template("catalog/register_import.html", form=form), 400
    run = enqueue("rncp_import", {"sha256": staged.sha256, "filename": staged.filename,
                                  "preview": bool(form.preview.data)}, requested_by=current_user)
    try:
        db.session.commit()
    except BaseException:
        staged.discard()
        raise
    staged.place()  # stored before the job starts: it reads the file by its hash
    start(run)
    return redirect(url_for("jobs.job_page", run_id=run.id), 303)


@bp.get("/equivalences")
@role_required(ADMIN)
def equivalence_list():
    return _equivalence_page(DeclareEquivalenceForm())


def _equivalence_page(declare_form: DeclareEquivalenceForm, status: int = 200):
    return render_template("catalog/equivalences.html", pending=equivalences.pending_equivalences(),
                           confirmed=equivalences.confirmed_equivalences(), form=EquivalenceDecisionForm(),
                           declare_form=declare_form), status


@bp.post("/equivalences/declare")
@role_required(ADMIN)
def declare_equivalence():
    form = DeclareEquivalenceForm()
    if not form.validate_on_submit():
        return _equivalence_page(form, 400)
    old = db.session.scalar(select(Block).where(Block.code == form.old_block_code.data.strip()))
    new = db.session.scalar(select(Block).where(Block.code == form.new_block_code.data.strip()))
    for found, field in ((old, form.old_block_code), (new, form.new_block_code)):
        if found is None:
            field.errors.append(_("No block has this code."))
    if old is not None and old is new:
        form.new_block_code.errors.append(_("Choose two different blocks."))
    if form.errors:
        return _equivalence_page(form, 400)
    equivalences.declare_equivalence(old, new, current_user)
    db.session.commit()
    flash(_("Equivalence confirmed: holders of %(old)s now count toward %(new)s.", old=old.code, new=new.code),
          "success")
    return redirect(url_for(".equivalence_list"))


@bp.post("/equivalences/<int:equivalence_id>/confirm")
@role_required(ADMIN)
def confirm_equivalence(equivalence_id: int):
    equivalence = db.get_or_404(BlockEquivalence, equivalence_id)
    if not EquivalenceDecisionForm().validate_on_submit():
        abort(400)
    if equivalence.confirmed_at is None:
        equivalences.confirm_equivalence(equivalence, current_user)
        db.session.commit()
    flash(_("Equivalence confirmed: holders of %(old)s now count toward %(new)s.",
            old=equivalence.old_block.code, new=equivalence.new_block.code), "success")
    return redirect(url_for(".equivalence_list"))


@bp.post("/equivalences/<int:equivalence_id>/reject")
@role_required(ADMIN)
def reject_equivalence(equivalence_id: int):
    equivalence = db.get_or_404(BlockEquivalence, equivalence_id)
    if not EquivalenceDecisionForm().validate_on_submit():
        abort(400)
    equivalences.reject_equivalence(equivalence, current_user)
    db.session.commit()
    flash(_("Equivalence removed."), "success")
    return redirect(url_for(".equivalence_list"))
