"""The dashboard's figures as CSV: one row per figure, the same numbers as the charts."""
from __future__ import annotations

import io

from vae.dashboard.figures import Dashboard
from vae.security.csv_cells import SafeCsvWriter


def dashboard_csv(board: Dashboard) -> str:
    out = io.StringIO()
    writer = SafeCsvWriter(out, lineterminator="\r\n")  # no cell runs as a formula
    writer.writerow(["figure", "key", "label", "value"])
    for state, count in board.per_state.items():
        writer.writerow(["cases_per_state", state, "", count])
    for code, label, count in board.per_title:
        writer.writerow(["cases_per_title", code, label, count])
    for step, count in board.funnel.items():
        writer.writerow(["funnel", step, "", count])
    for phase, days in board.medians.items():
        writer.writerow(["median_days_per_phase", phase, "", "" if days is None else days])
    for month, count in board.per_month:
        writer.writerow(["blocks_validated_per_month", month, "", count])
    writer.writerow(["accompaniment_hours", "", "", board.accompaniment_hours])
    return out.getvalue()
