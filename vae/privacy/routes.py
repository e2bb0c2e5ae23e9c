"""A person downloads everything held about them."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user, login_required

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.privacy.export import personal_data_archive
from vae.privacy.forms import ExportForm

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.get("/my-data")
@login_required
def export_page():
    return render_template("privacy/export.html", form=ExportForm())


@bp.post("/my-data")
@login_required
def export():
    if not ExportForm().validate_on_submit():
        abort(400)
    archive = personal_data_archive(current_user)
    record(current_user, "user", current_user.id, "personal_data_exported")
    db.session.commit()
    filename = f"my-data-{now():%Y%m%d}.zip"
    return Response(archive, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})
