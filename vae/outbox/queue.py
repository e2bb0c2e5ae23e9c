"""Queue an email in the outbox, in the same transaction as the change that causes it.

The message is rendered now, in the recipient's language, so that sending later
(`flask vae send-mail`) needs nothing but the row.
"""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from vae.extensions import db
from vae.models import OutboxMessage, User


def queue_mail(recipient: User, template: str, *, dedupe_key: str | None = None,
               attachments: list[dict] | None = None, **context) -> OutboxMessage | None:
    """Render emails/<template>.{subject,txt,html} and store them; None if already queued (dedupe)."""
    if dedupe_key is not None and db.session.scalar(
        db.select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)
    ):
        return None
    locale = recipient.locale or "fr"
    with force_locale(locale):
        context.setdefault("recipient", recipient)
        subject = render_template(f"emails/{template}.subject.txt", **context).strip()
        text = render_template(f"emails/{template}.txt", **context)
        html = render_template(f"emails/{template}.html", **context)
    message = OutboxMessage(
        recipient_id=recipient.id,
        to_address=recipient.email,
        locale=locale,
        template=template,
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=attachments or [],
        dedupe_key=dedupe_key,
    )
    db.session.add(message)
    return message
