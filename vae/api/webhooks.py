"""Webhooks: partners hear of what happened, through an outbox like the mail's.

The journal is the source: when a flush adds an audit event that partners may follow
(a case declared admissible, a block decided, a certificate issued or revoked), a
`WebhookDelivery` row is added for each subscription in the same transaction. So a
rolled-back change sends nothing, and a committed one is never lost. `flask vae
send-webhooks` posts the due deliveries after commit, signed with HMAC-SHA256, and
retries failures with exponential backoff until `WEBHOOK_MAX_ATTEMPTS` (then dead).

Signature: header `X-VAE-Signature: t=<unix seconds>,v1=<hex>` where hex is
HMAC-SHA256(secret, "<t>.<raw body>"); receivers check it and refuse old `t`.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import db
from vae.models import AuditEvent, WebhookDelivery, WebhookSubscription

EVENTS = ("case.admissible", "block.decided", "certificate.issued", "certificate.revoked")
RETRYABLE_STATES = ("pending", "failed")
CLAIM_LEASE = timedelta(minutes=5)
SIGNATURE_HEADER = "X-VAE-Signature"


def subscribe(owner, *, url: str, events: list[str], secret: str | None = None):
    """A new subscription; returns (subscription, secret) — the secret is shown once."""
    unknown = set(events) - set(EVENTS)
    if unknown:
        raise ValueError(f"unknown webhook events {sorted(unknown)}")
    secret = secret or secrets.token_urlsafe(32)
    subscription = WebhookSubscription(owner=owner, url=url, secret=secret, events=sorted(set(events)))
    db.session.add(subscription)
    db.session.flush()
    record(owner, "webhook_subscription", subscription.id, "webhook_subscribed",
           data={"url": url, "events": subscription.events})
    return subscription, secret


# -- from the journal to the outbox ------------------------------------------------------
def webhook_event_of(entry: AuditEvent) -> tuple[str, dict] | None:
    """The partner event an audit entry stands for, with its payload (ids and states only)."""
    if entry.subject_type == "case" and entry.event in ("declare_admissible", "admit_by_silence"):
        return "case.admissible", {"case_id": entry.subject_id, "state": entry.to_state}
    if entry.subject_type == "case_block" and entry.event in ("validate", "reject"):
        return "block.decided", {"case_block_id": entry.subject_id, "case_id": entry.case_id,
                                 "decision": entry.to_state}
    if entry.subject_type == "certificate" and entry.event in ("issue", "revoke"):
        data = entry.data or {}
        if data.get("kind") == "transcript":
            return None
        name = "certificate.issued" if entry.event == "issue" else "certificate.revoked"
        payload = {"public_id": data.get("public_id")}
        if data.get("kind"):
            payload["kind"] = data["kind"]
        return name, payload
    return None


def _api_caller():
    from flask import g, has_request_context

    return g.get("api_caller") if has_request_context() else None


def _queue_for_new_audit_events(session: Session, flush_context, instances) -> None:
    entries = [o for o in list(session.new) if isinstance(o, AuditEvent)]
    caller = _api_caller() if entries else None
    if caller is not None:  # the journal says the change came through the API, and with which token
        for entry in entries:
            entry.data = {**(entry.data or {}), "via": "api",
                          **({"api_token_id": caller.token.id} if caller.token is not None else {})}
    found = [webhook_event_of(o) for o in entries]
    found = [f for f in found if f is not None]
    if not found:
        return
    with session.no_autoflush:
        subscriptions = list(session.scalars(select(WebhookSubscription).where(WebhookSubscription.active)))
    moment = now()
    for name, payload in found:
        for subscription in subscriptions:
            if name in (subscription.events or []):
                session.add(WebhookDelivery(subscription=subscription, event=name, created_at=moment,
                                            next_attempt_at=moment,
                                            payload={"type": name, "occurred_at": moment.isoformat(),
                                                     "data": payload}))


_listening = False


def listen_for_events() -> None:
    global _listening
    if not _listening:
        event.listen(Session, "before_flush", _queue_for_new_audit_events)
        _listening = True


# -- sending ---------------------------------------------------------------------------------
def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_signature(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does (and the tests): recompute the HMAC and compare in constant time."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts or not parts["t"].isdigit():
        return False
    return hmac.compare_digest(sign(secret, int(parts["t"]), body), header)


@dataclass
class WebhookReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0

    def describe(self) -> str:
        return f"webhooks sent: {self.sent}  failed (will retry): {self.failed}  dead: {self.dead}"


def retry_delay(attempts: int) -> timedelta:
    config = current_app.config
    seconds = config.get("WEBHOOK_RETRY_BASE_SECONDS", 60) * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, config.get("WEBHOOK_RETRY_MAX_SECONDS", 6 * 3600)))


def _due_ids(limit: int) -> list[int]:
    return list(db.session.scalars(
        select(WebhookDelivery.id)
        .where(WebhookDelivery.state.in_(RETRYABLE_STATES), WebhookDelivery.next_attempt_at <= now())
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit)))


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take one due delivery (a conditional UPDATE, committed before the HTTP call), as the mail sender does."""
    current = db.session.execute(select(WebhookDelivery.attempts, WebhookDelivery.state)
                                 .where(WebhookDelivery.id == delivery_id)).one_or_none()
    if current is None or current.state not in RETRYABLE_STATES:
        return None
    claimed = db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.attempts == current.attempts,
               WebhookDelivery.state.in_(RETRYABLE_STATES), WebhookDelivery.next_attempt_at <= now())
        .values(attempts=current.attempts + 1, next_attempt_at=now() + CLAIM_LEASE)
        .execution_options(synchronize_session=False))
    db.session.commit()
    if claimed.rowcount != 1:
        return None
    return db.session.get(WebhookDelivery, delivery_id, populate_existing=True)


def _post(delivery: WebhookDelivery) -> int:
    body = json.dumps({"id": delivery.id, **delivery.payload}, sort_keys=True).encode("utf-8")
    timestamp = int(now().timestamp())
    req = urllib.request.Request(delivery.subscription.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "vae-webhooks/1",
        "X-VAE-Event": delivery.event, "X-VAE-Delivery": str(delivery.id),
        SIGNATURE_HEADER: sign(delivery.subscription.secret, timestamp, body)})
    timeout = current_app.config.get("WEBHOOK_TIMEOUT_SECONDS", 10)
    with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 (http(s) only, checked at subscribe)
        return response.status


def send_due_webhooks(limit: int | None = None) -> WebhookReport:
    report = WebhookReport()
    for delivery_id in _due_ids(limit or current_app.config.get("WEBHOOK_BATCH_SIZE", 100)):
        delivery = _claim(delivery_id)
        if delivery is None:
            continue
        try:
            status = _post(delivery)
        except urllib.error.HTTPError as error:
            status, problem = error.code, f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            status, problem = None, f"{type(error).__name__}: {error}"
        else:
            problem = None if 200 <= status < 300 else f"HTTP {status}"
        delivery.last_status = status
        if problem is None:
            delivery.state, delivery.delivered_at, delivery.last_error = "sent", now(), None
            report.sent += 1
        else:
            delivery.last_error = problem[:2000]
            if delivery.attempts >= current_app.config.get("WEBHOOK_MAX_ATTEMPTS", 8):
                delivery.state = "dead"
                report.dead += 1
            else:
                delivery.state = "failed"
                delivery.next_attempt_at = now() + retry_delay(delivery.attempts)
                report.failed += 1
        db.session.commit()
    return report
