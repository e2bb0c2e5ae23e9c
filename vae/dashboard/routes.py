"""The certifier's dashboard (admins): charts, and the same figures as CSV."""
from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _

from vae.core.clock import today
from vae.core.permissions import role_required
from vae.dashboard.charts import horizontal_bars
from vae.dashboard.export import dashboard_csv
from vae.dashboard.snapshot import latest
from vae.dashboard.labels import FUNNEL_LABELS, PHASE_LABELS
from vae.models.states import ADMIN
from vae.workflows.labels import state_label

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.get("/")
@role_required(ADMIN)
def show():
    board, computed_at = latest()
    top_titles = board.per_title  # the first titles only (snapshot.TITLES_SHOWN); the CSV has them all
    charts = [
        horizontal_bars(_("Applications per state"),
                        [(state_label(s), n) for s, n in board.per_state.items()]),
        horizontal_bars(_("Applications per title"), [(code, n) for code, _label, n in top_titles]),
        horizontal_bars(_("From application to full title"),
                        [(FUNNEL_LABELS[k], n) for k, n in board.funnel.items()]),
        horizontal_bars(_("Median days per phase"),
                        [(PHASE_LABELS[k], d) for k, d in board.medians.items()]),
        horizontal_bars(_("Blocks validated per month"), board.per_month),
    ]
    return render_template("dashboard/show.html", board=board, charts=charts, top_titles=top_titles,
                           computed_at=computed_at)


@bp.get("/figures.csv")
@role_required(ADMIN)
def export_csv():
    return Response(dashboard_csv(latest(every_title=True)[0]), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="vae-dashboard-{today()}.csv"'})
