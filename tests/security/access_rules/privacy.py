"""A person's data archive: asked for by anyone signed in, then seen and downloaded by that person only
(anyone else, admins included, gets 404: another person's archive does not exist for them)."""
from tests.security.access_rules import case_party

OWNER = case_party("candidate")
RULES = {
    "privacy.export_status": OWNER,
    "privacy.export_progress": OWNER,
    "privacy.export_archive": OWNER,
}


def _ready_export(world, target) -> int:
    """A finished export of the target case's candidate, with its archive written (made once per database)."""
    from sqlalchemy import select

    from vae.extensions import db
    from vae.models import JobRun
    from vae.privacy.jobs import archive_path

    owner = world.case(target).candidate
    run = db.session.scalar(select(JobRun).where(JobRun.kind == "gdpr_export", JobRun.requested_by_id == owner.id))
    if run is None:
        run = JobRun(kind="gdpr_export", params={"user_id": owner.id}, state="done", attempts=1, done=1, total=1,
                     requested_by_id=owner.id)
        db.session.add(run)
        db.session.commit()
    path = archive_path(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    return run.id


ARGUMENTS = {"export_id": _ready_export}
