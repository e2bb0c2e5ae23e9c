"""Cross-feature: the interview length an admin sets in the title policy is the one the jury scheduling books."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.jury.conftest import sitting, submitted_case  # noqa: F401 (fixtures shared with the jury tests)
from vae.jury.forms import LOCAL_FORMAT
from vae.models import Interview


def test_the_policy_form_sets_the_interview_length_the_jury_schedule_uses(app, db, client, login_as, sitting):  # noqa: F811
    title, session, case = sitting.case.title, sitting.session, sitting.case
    login_as(sitting.admin)
    blocks = [b.id for b in title.blocks]
    response = client.post(f"/catalog/titles/{title.id}/policy", data={
        "interview_base_minutes": "20", "interview_per_block_minutes": "5", "interview_max_minutes": "60",
        "award_validity_years": "", "required_blocks": [str(b) for b in blocks]})
    assert response.status_code == 302

    local_start = (session.starts_at + timedelta(hours=1)).astimezone(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"]))
    response = client.post(f"/jury/admin/sessions/{session.id}/interviews",
                           data={"case_id": str(case.id), "starts_at": local_start.strftime(LOCAL_FORMAT)})
    assert response.status_code == 302
    interview = db.session.scalar(select(Interview).where(Interview.case_id == case.id))
    submitted = len(interview.case_blocks)
    assert submitted == 2 and interview.duration_minutes == 20 + 5 * submitted  # not the default 30 + 15 per block
    page = client.get(f"/jury/admin/sessions/{session.id}").get_data(as_text=True)
    assert "30 min" in page

