"""Public information pages linked from every footer; plain templates, no data."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/legal-notice")
def legal_notice():
    return render_template("pages/legal_notice.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/contact")
def contact():
    return render_template("pages/contact.html")
