"""An RNCP register import as a job: tens of thousands of fiches, progress counted in fiches read.

The file is either uploaded on the admin page (params: the `sha256` it is stored under and its
`filename`) or named on the command line (params: `path`).
"""
from __future__ import annotations

from vae.catalog.rncp_import import import_register_file
from vae.catalog.rncp_xml import RegisterFileError
from vae.extensions import db
from vae.jobs.registry import Progress, job
from vae.models import User
from vae.storage.staging import local_copy

# The count shown while the import runs is written every so many fiches (a write per fiche would
# cost more than the fiche).
NOTE_EVERY = 50


@job("rncp_import", max_attempts=1)  # a file that does not parse will not parse better the next time
def rncp_import(params: dict, progress: Progress) -> str:
    run = progress.run
    run_id, requested_by_id = run.id, run.requested_by_id
    path, shown_as = _source(params)
    read = [0]

    def counted(count: int) -> None:
        read[0] = count  # the import is one transaction: no half-import becomes visible
        if count % NOTE_EVERY == 0:
            progress.note(count)

    actor = db.session.get(User, requested_by_id) if requested_by_id else None
    try:
        report = import_register_file(path, on_progress=counted, actor=actor)
    except RegisterFileError as error:
        db.session.rollback()
        raise ValueError(f"{shown_as}: {error}. Nothing was imported.") from error
    if params.get("preview"):
        db.session.rollback()  # the import ran for real inside the transaction (later fiches saw earlier ones)
    run = db.session.get(type(run), run_id)
    run.done = run.total = read[0]
    run.report = {"file": shown_as, "preview": bool(params.get("preview")), **report.as_journal_data()}
    db.session.commit()
    return ("preview, nothing written\n" if params.get("preview") else "") + report.describe()


def _source(params: dict) -> tuple[str, str]:
    """The local path to read, and the name to show."""
    if "sha256" in params:
        return str(local_copy(params["sha256"])), params.get("filename") or "upload"
    return params["path"], params["path"]
