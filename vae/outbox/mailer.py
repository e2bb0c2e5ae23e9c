"""Turning an outbox row into a MIME message and handing it to an SMTP server."""
from __future__ import annotations

import base64
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from flask import current_app

from vae.core.clock import now
from vae.models import OutboxMessage


def build_message(row: OutboxMessage, sender: str) -> EmailMessage:
    """multipart/alternative text + HTML, wrapped in multipart/mixed when there are attachments."""
    message = EmailMessage()
    message["Subject"] = row.subject
    message["From"] = sender
    message["To"] = row.to_address
    message["Date"] = format_datetime(now())
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(idstring=f"outbox{row.id}", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies back to us
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    for attachment in row.attachments or []:
        _attach(message, attachment)
    # Last: set_content() and the multipart conversions move or drop Content-* headers.
    message["Content-Language"] = row.locale
    return message


def _attach(message: EmailMessage, attachment: dict) -> None:
    maintype, _, subtype = attachment.get("content_type", "application/octet-stream").partition("/")
    subtype = subtype.partition(";")[0].strip() or "octet-stream"
    content = attachment["content"]
    filename = attachment.get("filename", "attachment")
    if attachment.get("encoding") == "base64":
        message.add_attachment(base64.b64decode(content), maintype=maintype, subtype=subtype, filename=filename)
    elif maintype == "text":
        message.add_attachment(content, subtype=subtype, filename=filename)
    else:
        message.add_attachment(content.encode("utf-8"), maintype=maintype, subtype=subtype, filename=filename)


class SmtpConnection:
    """One SMTP session for a sending pass, opened on first use (STARTTLS and login optional)."""

    def __init__(self) -> None:
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        try:
            self._session().send_message(message)
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()  # the next message starts a fresh session
            raise

    def _session(self) -> smtplib.SMTP:
        if self._smtp is None:
            config = current_app.config
            smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"],
                                timeout=config["MAIL_TIMEOUT_SECONDS"])
            try:
                if config["MAIL_USE_STARTTLS"]:
                    smtp.starttls(context=ssl.create_default_context())
                if config["MAIL_USERNAME"]:
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            except Exception:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def __enter__(self) -> SmtpConnection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
