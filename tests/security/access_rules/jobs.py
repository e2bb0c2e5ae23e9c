from tests.security.access_rules import role_only

ADMIN_ONLY = role_only("admin")
RULES = {
    "jobs.job_list": ADMIN_ONLY,
    "jobs.job_page": ADMIN_ONLY,
    "jobs.retry_job": ADMIN_ONLY,
    "jobs.job_status": ADMIN_ONLY,
    "jobs.run_deadline_sweep": ADMIN_ONLY,
}


def _dead_job(world, target) -> int:
    """A job that failed for good (what the retry button acts on)."""
    from vae.extensions import db
    from vae.models import JobRun

    run = JobRun(kind="deadline_sweep", params={}, state="dead", attempts=3, last_error="boom")
    db.session.add(run)
    db.session.commit()
    return run.id


ARGUMENTS = {"run_id": _dead_job}
