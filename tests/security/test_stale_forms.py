"""A form posted from a stale page: a clear "changed meanwhile" page with the current
state and the user's text, nothing applied; two simultaneous transitions: one wins."""
from __future__ import annotations

import threading

import pytest
from flask import Blueprint, request
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from vae.core.access import get_case_block_or_404
from vae.extensions import db as _db
from vae.models import CaseBlock
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE
from vae.core.refusal import StaleVersion


def _withdraw_route(app):
    """The shape of every feature's transition route: expected_version from the form."""
    bp = Blueprint("stale_demo", __name__)

    @bp.post("/stale-demo/blocks/<int:case_block_id>/withdraw")
    def withdraw(case_block_id: int):
        block = get_case_block_or_404(current_user, case_block_id)
        BLOCK.fire(block, "withdraw", current_user, expected_version=int(request.form["version"]),
                   reason=request.form.get("reason", ""))
        _db.session.commit()
        return "withdrawn"

    app.register_blueprint(bp)


def test_a_stale_form_gets_the_changed_meanwhile_page_with_the_current_state_and_the_text(
        app, db, client, case_factory, login_as):
    _withdraw_route(app)
    case = case_factory()
    block = case.blocks[0]
    version_seen = case.version  # the page was rendered now…
    CASE.fire(case, "submit", actor=case.candidate)  # …then something else changed the case
    db.session.commit()
    login_as(case.candidate)
    typed = "Je dois suspendre ma démarche pour raisons familiales."
    response = client.post(f"/stale-demo/blocks/{block.id}/withdraw",
                           data={"version": version_seen, "reason": typed},
                           headers={"Referer": "http://localhost/some/page"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Modifié entre-temps" in page or "Changed meanwhile" in page
    assert typed.replace("è", "&#232;") in page or typed in page  # the text is given back
    assert "state-selected" in page  # the block's current state
    assert 'href="/some/page"' in page
    assert db.session.get(CaseBlock, block.id).state == "selected"


def test_a_fresh_form_goes_through(app, db, client, case_factory, login_as):
    _withdraw_route(app)
    case = case_factory()
    login_as(case.candidate)
    response = client.post(f"/stale-demo/blocks/{case.blocks[0].id}/withdraw", data={"version": case.version})
    assert response.status_code == 200
    assert db.session.get(CaseBlock, case.blocks[0].id).state == "withdrawn"


@pytest.mark.postgres_only
def test_two_simultaneous_transitions_of_one_block_exactly_one_wins(app, db, case_factory):
    case = case_factory()
    block_id, candidate_id = case.blocks[0].id, case.candidate_id
    db.session.remove()
    barrier = threading.Barrier(2, timeout=30)
    results: list[str] = []

    def attempt():
        with app.app_context():
            from vae.models import User

            block = _db.session.get(CaseBlock, block_id)
            actor = _db.session.get(User, candidate_id)
            version = block.case.version
            barrier.wait()  # both hold the same version before either writes
            try:
                BLOCK.fire(block, "withdraw", actor, expected_version=version)
                _db.session.commit()
                results.append("won")
            except (StaleDataError, StaleVersion):
                _db.session.rollback()
                results.append("stale")
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == ["stale", "won"]
    from sqlalchemy import func, select

    from vae.models import AuditEvent

    assert db.session.get(CaseBlock, block_id).state == "withdrawn"
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.event == "withdraw")) == 1
