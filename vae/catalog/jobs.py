"""An RNCP register import as a job: tens of thousands of fiches, progress counted in fiches read."""
from __future__ import annotations

from vae.catalog.rncp_import import import_register_file
from vae.catalog.rncp_xml import RegisterFileError
from vae.extensions import db
from vae.jobs.registry import Progress, job


@job("rncp_import", max_attempts=1)  # a file that does not parse will not parse better the next time
def rncp_import(params: dict, progress: Progress) -> str:
    run = progress.run

    def counted(count: int) -> None:
        run.done = count  # flushed with the import, committed with it: no half-import becomes visible

    try:
        report = import_register_file(params["path"], on_progress=counted)
    except RegisterFileError as error:
        db.session.rollback()
        raise ValueError(f"{params['path']}: {error}. Nothing was imported.") from error
    run.total = run.done
    db.session.commit()
    return report.describe()
