"""Certifier staff create accounts, assign roles and deactivate people."""
from sqlalchemy import select

from vae.models import AuditEvent, OutboxMessage, User


def test_only_admins_reach_the_people_pages(client, login_as):
    login_as("candidate")
    assert client.get("/admin/users").status_code == 403


def test_admin_creates_an_account_and_an_invitation_is_queued(client, login_as, db):
    admin = login_as("admin")
    response = client.post("/admin/users", data={
        "email": "Nadia.Roux@example.org", "first_name": "Nadia", "last_name": "Roux",
        "locale": "en", "roles": ["mentor", "jury"]})
    assert response.status_code == 302
    user = User.by_email("nadia.roux@example.org")
    assert user.roles == {"mentor", "jury"} and user.password_hash is None
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.to_address == "nadia.roux@example.org" and mail.locale == "en"
    assert "account" in mail.subject.lower() and "/auth/password/reset/" in mail.body_text
    created = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "user_created")).all()
    assert created[-1].actor_id == admin.id


def test_a_duplicate_email_is_refused_with_a_message(client, login_as, make_user):
    login_as("admin")
    existing = make_user("candidate")
    response = client.post("/admin/users", data={
        "email": existing.email, "first_name": "X", "last_name": "Y", "locale": "fr", "roles": ["candidate"]})
    assert response.status_code == 400
    assert "Un compte utilise déjà cette adresse" in response.get_data(as_text=True)


def test_admin_changes_roles_and_deactivates_then_reactivates(client, login_as, make_user, db):
    login_as("admin")
    person = make_user("candidate")
    assert client.post(f"/admin/users/{person.id}/roles", data={"roles": ["candidate", "mentor"]}).status_code == 302
    assert db.session.get(User, person.id).roles == {"candidate", "mentor"}
    assert client.post(f"/admin/users/{person.id}/deactivate", data={"reason": "départ"}).status_code == 302
    assert db.session.get(User, person.id).active is False
    assert client.post(f"/admin/users/{person.id}/activate").status_code == 302
    assert db.session.get(User, person.id).active is True


def test_an_admin_cannot_lock_themselves_out(client, login_as, db):
    admin = login_as("admin")
    client.post(f"/admin/users/{admin.id}/roles", data={"roles": ["candidate"]})
    client.post(f"/admin/users/{admin.id}/deactivate", data={})
    admin = db.session.get(User, admin.id)
    assert admin.has_role("admin") and admin.active


def test_a_name_with_markup_is_shown_as_text(client, login_as, make_user):
    login_as("admin")
    make_user("candidate", first_name="<script>alert(1)</script>")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
