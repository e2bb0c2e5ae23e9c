"""The learner's records: passport download, Europass export, share links; the public shared page."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vae.certification.operations import verify_certificate
from vae.certification.public_name import public_holder_name
from vae.core.access import get_certificate_or_404
from vae.core.clock import now
from vae.core.commit import commit_or_refuse
from vae.core.permissions import role_required
from vae.extensions import db
from vae.models.states import CANDIDATE
from vae.records import sharing
from vae.records.europass import european_digital_credential
from vae.records.forms import RevokeLinkForm, ShareLinkForm
from vae.records.passport import build_zip, collect
from vae.records.summary import certificate_code, certificate_name, file_stem

bp = Blueprint("records", __name__)


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _share_form(owner) -> ShareLinkForm:
    form = ShareLinkForm()
    form.certificates.choices = [(c.public_id, f"{certificate_code(c)} — {certificate_name(c)}")
                                 for c in sharing.shareable_certificates(owner)]
    return form


def _index(form: ShareLinkForm, status: int = 200):
    links = sharing.links_of(current_user)
    return render_template("records/index.html", form=form, links=links, views=sharing.view_counts(links),
                           certificates=sharing.shareable_certificates(current_user), moment=now(),
                           revoke_form=RevokeLinkForm(), certificate_code=certificate_code,
                           certificate_name=certificate_name), status


@bp.get("/my/records")
@role_required(CANDIDATE)
def index():
    return _index(_share_form(current_user))


@bp.get("/my/records/passport.zip")
@role_required(CANDIDATE)
def passport():
    """Only the holder's own: the candidate is the signed-in user, never a URL parameter."""
    collected = collect(current_user)
    name = f"passeport-competences-{current_user.id}.zip"
    db.session.close()  # everything is read: no transaction stays open while the PDFs render
    return _download(build_zip(collected), "application/zip", name)


@bp.get("/my/records/europass/<public_id>.jsonld")
@role_required(CANDIDATE)
def europass(public_id: str):
    certificate = get_certificate_or_404(current_user, public_id)
    if (certificate.candidate_id != current_user.id or certificate.kind == "transcript"
            or certificate.is_revoked):
        abort(404)
    document = european_digital_credential(certificate)
    return _download(json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"), "application/ld+json",
                     f"europass-{file_stem(certificate)}.jsonld")


@bp.post("/my/records/links")
@role_required(CANDIDATE)
def create_link():
    form = _share_form(current_user)
    if not form.validate_on_submit():
        return _index(form, 400)
    created = []
    if commit_or_refuse(lambda: created.append(sharing.create_link(
            current_user, form.certificates.data, int(form.expires_in.data), form.label.data or "")),
            _("Your share link is ready: send it to whom you choose.")):
        return redirect(url_for(".index", _anchor=f"link-{created[0].id}"))
    return _index(form, 400)


@bp.post("/my/records/links/<int:link_id>/revoke")
@role_required(CANDIDATE)
def revoke_link(link_id: int):
    link = sharing.owned_link(current_user, link_id)
    if link is None:
        abort(404)
    if not RevokeLinkForm().validate_on_submit():
        abort(400)
    if sharing.revoke_link(link, current_user):
        db.session.commit()
        flash(_("The link is revoked: it no longer shows anything."), "success")
    else:
        flash(_("This link was already revoked."), "info")
    return redirect(url_for(".index"))


def _private(response: Response) -> Response:
    """The token is the key: never sent on as a referrer, never indexed, never cached."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/s/<share_token>")
def shared(share_token: str):
    link = sharing.link_by_token(share_token)
    if link is None:
        abort(404)
    moment = now()
    if not link.is_open(moment):
        response = Response(render_template("records/gone.html", revoked=link.revoked_at is not None), status=410)
        return _private(response)
    sharing.count_view(link)
    db.session.commit()
    shown = [(c, verify_certificate(c), public_holder_name(c), json.loads(c.credential_json or "{}"))
             for c in link.certificates]
    return _private(Response(render_template("records/shared.html", link=link, shown=shown,
                                             certificate_code=certificate_code,
                                             certificate_name=certificate_name)))
