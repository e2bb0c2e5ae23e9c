"""Share links: exactly the chosen credentials, every view counted, expiry and revocation answer
410, and nobody but the owner manages a link."""
from __future__ import annotations

import re
from datetime import timedelta

from freezegun import freeze_time
from sqlalchemy import select

from vae.core.clock import now
from vae.models import AuditEvent, ShareLink
from vae.records import sharing


def _create(client, public_ids, days="30", label="Pour l'employeur"):
    return client.post("/my/records/links", data={"certificates": public_ids, "expires_in": days, "label": label})


def _only_link(db, owner) -> ShareLink:
    [link] = db.session.scalars(select(ShareLink).where(ShareLink.owner_id == owner.id)).all()
    return link


def _views(db, link) -> int:
    return sharing.view_counts([link]).get(link.id, 0)


def _visit(app, token):
    with app.test_client() as visitor:  # nobody signed in
        return visitor.get(f"/s/{token}")


def test_a_link_shows_exactly_the_chosen_credentials_and_counts_views(db, app, client, login_as, certified):
    candidate, (first, second) = certified()
    login_as(candidate)
    response = _create(client, [first.public_id])
    assert response.status_code == 302
    link = _only_link(db, candidate)
    assert len(link.token) >= 40 and _views(db, link) == 0
    assert (link.expires_at - link.created_at) == timedelta(days=30)
    page = client.get("/my/records").get_data(as_text=True)
    assert f"/s/{link.token}" in page

    shown = _visit(app, link.token)
    assert shown.status_code == 200
    html = shown.get_data(as_text=True)
    assert first.block_award.block.code in html and f"/c/{first.public_id}" in html
    assert second.block_award.block.code not in html and second.public_id not in html
    assert "Authentique" in html or "Authentic" in html
    assert candidate.email not in html  # nothing else of the learner
    assert shown.headers["Referrer-Policy"] == "no-referrer" and "noindex" in shown.headers["X-Robots-Tag"]
    _visit(app, link.token)
    _visit(app, link.token)
    assert _views(db, link) == 3
    assert "Vu 3 fois" in client.get("/my/records").get_data(as_text=True)


def test_a_link_expires_with_a_clear_410(db, app, client, login_as, certified):
    candidate, (first, second) = certified()
    login_as(candidate)
    _create(client, [first.public_id, second.public_id], days="7")
    link = _only_link(db, candidate)
    with freeze_time(now() + timedelta(days=6, hours=23)):
        assert _visit(app, link.token).status_code == 200
    with freeze_time(now() + timedelta(days=7, minutes=1)):
        gone = _visit(app, link.token)
        assert gone.status_code == 410
        html = gone.get_data(as_text=True)
        assert first.public_id not in html and first.block_award.block.code not in html
        assert "expir" in html.lower()
    assert _views(db, link) == 1  # the 410 shows nothing: no view


def test_the_owner_revokes_a_link(db, app, client, login_as, certified):
    candidate, (first, _second) = certified()
    login_as(candidate)
    _create(client, [first.public_id])
    link = _only_link(db, candidate)
    assert _visit(app, link.token).status_code == 200
    assert client.post(f"/my/records/links/{link.id}/revoke").status_code == 302
    gone = _visit(app, link.token)
    assert gone.status_code == 410 and first.public_id not in gone.get_data(as_text=True)
    assert client.post(f"/my/records/links/{link.id}/revoke").status_code == 302  # twice: written once
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "share_link",
                                                         AuditEvent.subject_id == link.id)).all()
    assert sorted(e.event for e in events) == ["create", "revoke", "view"]
    assert _visit(app, "x" * 43).status_code == 404


def test_nobody_else_manages_or_fills_a_link(db, app, client, login_as, certified, make_user):
    holder, (first, _second) = certified()
    login_as(holder)
    _create(client, [first.public_id])
    link = _only_link(db, holder)

    other = make_user("candidate")
    login_as(other)
    assert client.post(f"/my/records/links/{link.id}/revoke").status_code == 404
    assert link.token not in client.get("/my/records").get_data(as_text=True)
    refused = _create(client, [first.public_id])  # someone else's credential
    assert refused.status_code == 400
    assert db.session.scalars(select(ShareLink).where(ShareLink.owner_id == other.id)).all() == []
    login_as(make_user("admin"))
    assert client.post(f"/my/records/links/{link.id}/revoke").status_code == 403
    db.session.expire_all()
    assert _only_link(db, holder).revoked_at is None
    assert _visit(app, link.token).status_code == 200


def test_a_link_needs_a_choice_and_a_listed_expiry(db, client, login_as, certified):
    candidate, (first, _second) = certified()
    login_as(candidate)
    assert _create(client, []).status_code == 400
    assert _create(client, [first.public_id], days="3650").status_code == 400
    assert _create(client, [first.public_id], label="a\nb").status_code == 400
    assert db.session.scalars(select(ShareLink)).all() == []
    assert re.search(r"name=\"certificates\"", client.get("/my/records").get_data(as_text=True))


def test_the_personal_data_export_lists_the_learners_links(db, client, login_as, certified):
    import io
    import json
    import zipfile

    candidate, (first, _second) = certified()
    login_as(candidate)
    _create(client, [first.public_id])
    archive = zipfile.ZipFile(io.BytesIO(client.post("/privacy/my-data", follow_redirects=True).data))
    [link] = json.loads(archive.read("data.json"))["share_links"]
    assert link["certificates"] == [first.public_id] and link["label"] == "Pour l'employeur"
