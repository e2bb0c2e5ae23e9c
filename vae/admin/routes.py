"""Certifier staff: people and their roles."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from vae.admin.forms import ActivateForm, DeactivateForm, UserCreateForm, UserRolesForm
from vae.auth import operations
from vae.core.keyset import Key, keyset_page
from vae.core.row_urls import IdUrl
from vae.core.permissions import role_required
from vae.extensions import db
from vae.models import User
from vae.models.queries import people_matching
from vae.models.states import ADMIN

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50
# Served by ix_user_name_order (last_name, first_name, id).
BY_NAME = (Key(User.last_name, lambda u: u.last_name, str), Key(User.first_name, lambda u: u.first_name, str),
           Key(User.id, lambda u: u.id, int))


@bp.get("/users")
@role_required(ADMIN)
def users():
    words = request.args.get("q", "").strip()[:100]
    query = select(User)
    if words:
        query = query.where(people_matching(words))
    # The page shows no total: no COUNT over every account (70,000 at 100k cases).
    pagination = keyset_page(query, BY_NAME, PAGE_SIZE, request.args, count=False)
    return render_template("admin/users.html", pagination=pagination, q=words, form=UserCreateForm(),
                           user_url=IdUrl("admin.user", "user_id"))


@bp.post("/users")
@role_required(ADMIN)
def create_user():
    form = UserCreateForm()
    if form.validate_on_submit():
        if User.by_email(form.email.data):
            form.email.errors.append(_("An account already uses this address."))
        else:
            user = operations.create_user(
                email=form.email.data, first_name=form.first_name.data, last_name=form.last_name.data,
                roles=form.roles.data, locale=form.locale.data, actor=current_user, invite=True)
            db.session.commit()
            flash(_("Account created; an invitation was sent to %(email)s.", email=user.email), "success")
            return redirect(url_for(".user", user_id=user.id))
    pagination = keyset_page(select(User), BY_NAME, PAGE_SIZE, {}, count=False)
    return render_template("admin/users.html", pagination=pagination, q="", form=form,
                           user_url=IdUrl("admin.user", "user_id")), 400


@bp.get("/users/<int:user_id>")
@role_required(ADMIN)
def user(user_id: int):
    person = db.get_or_404(User, user_id)
    return render_template("admin/user.html", person=person,
                           roles_form=UserRolesForm(roles=sorted(person.roles)),
                           deactivate_form=DeactivateForm(), activate_form=ActivateForm())


@bp.post("/users/<int:user_id>/roles")
@role_required(ADMIN)
def user_roles(user_id: int):
    person = db.get_or_404(User, user_id)
    form = UserRolesForm()
    if form.validate_on_submit():
        if person.id == current_user.id and ADMIN not in form.roles.data:
            flash(_("You cannot remove your own administrator role."), "error")
        else:
            operations.set_roles(person, form.roles.data, actor=current_user)
            db.session.commit()
            flash(_("Roles saved."), "success")
        return redirect(url_for(".user", user_id=person.id))
    return render_template("admin/user.html", person=person, roles_form=form,
                           deactivate_form=DeactivateForm(), activate_form=ActivateForm()), 400


@bp.post("/users/<int:user_id>/deactivate")
@role_required(ADMIN)
def deactivate_user(user_id: int):
    person = db.get_or_404(User, user_id)
    form = DeactivateForm()
    if not form.validate_on_submit():
        abort(400)
    if person.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
    else:
        operations.set_active(person, False, actor=current_user, reason=form.reason.data or None)
        db.session.commit()
        flash(_("Account deactivated."), "success")
    return redirect(url_for(".user", user_id=person.id))


@bp.post("/users/<int:user_id>/activate")
@role_required(ADMIN)
def activate_user(user_id: int):
    person = db.get_or_404(User, user_id)
    if not ActivateForm().validate_on_submit():
        abort(400)
    operations.set_active(person, True, actor=current_user)
    db.session.commit()
    flash(_("Account reactivated."), "success")
    return redirect(url_for(".user", user_id=person.id))
