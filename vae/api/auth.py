"""Who calls the API: a bearer token (personal, or issued to an organisation's client).

Tokens are random (`vae_pat_…` / `vae_cc_…`), shown once and stored as SHA-256. A call
acts as the token's user, so every read goes through `vae.core.access` exactly as on
the web, narrowed further by the token's scopes (deny by default).

A browser already signed in to the site may call the API with its session (the docs
page does): it has every scope its roles allow, and unsafe methods then need the CSRF
token like any web form. Token calls carry no cookie and need no CSRF token.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from vae.api.problems import ApiProblem
from vae.core.audit import record
from vae.core.clock import now
from vae.extensions import csrf, db
from vae.models import ApiClient, ApiToken, User

# Scope: what it lets a caller do. Each API operation names exactly one.
SCOPES = {
    "titles:read": "Read the titles, their blocks and competences",
    "cases:read": "Read the cases and case blocks the account may see, with their available events",
    "cases:write": "Start a case, record experiences and evidence as the candidate would",
    "case_blocks:events": "Fire workflow events on cases and case blocks (same rules as the web pages)",
    "evidence:read": "Read evidence metadata (files by link, same access rules)",
    "jury:read": "Read jury sessions and interviews the account sits on (or all, for certifier staff)",
    "jury:write": "Organise sessions, book interviews, record outcomes and scores, sign minutes",
    "awards:read": "Read block and title awards and certificates",
    "training:write": "Record a block a training course assessed, for the certifier to accept (trusted partners)",
    "webhooks:manage": "Subscribe to events and read deliveries (certifier staff)",
}
PAT_PREFIX = "vae_pat_"
CLIENT_TOKEN_PREFIX = "vae_cc_"
CLIENT_TOKEN_LIFETIME = timedelta(hours=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_scopes(scopes) -> list[str]:
    scopes = sorted(set(scopes))
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise ValueError(f"unknown scopes: {unknown}")
    return scopes


# -- personal access tokens -------------------------------------------------------------
def create_personal_token(user: User, *, name: str, scopes, expires_at: datetime | None = None
                          ) -> tuple[ApiToken, str]:
    """A new token for this person; the clear token is returned once and never stored."""
    clear = PAT_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip()[:100] or "token", prefix=clear[:12],
                     token_hash=digest(clear), scopes=_check_scopes(scopes), expires_at=expires_at)
    db.session.add(token)
    db.session.flush()
    record(user, "api_token", token.id, "api_token_created", data={"scopes": token.scopes, "name": token.name})
    return token, clear


def revoke_token(token: ApiToken, actor: User) -> None:
    if token.revoked_at is None:
        token.revoked_at = now()
        db.session.flush()
        record(actor, "api_token", token.id, "api_token_revoked")


# -- organisation clients (OAuth 2 client credentials) -------------------------------------
def create_client(*, name: str, acting_user: User, scopes, actor: User | None) -> tuple[ApiClient, str]:
    """Register an organisation's client; returns (client, clear secret), the secret shown once."""
    secret = secrets.token_urlsafe(32)
    client = ApiClient(name=name, client_id="vae_client_" + secrets.token_hex(8), secret_hash=digest(secret),
                       scopes=_check_scopes(scopes), acting_user=acting_user,
                       created_by_id=actor.id if actor else None)
    db.session.add(client)
    db.session.flush()
    record(actor, "api_client", client.id, "api_client_created", data={"scopes": client.scopes, "name": name})
    return client, secret


def token_for_client(client_id: str, secret: str, requested_scopes: list[str] | None) -> tuple[ApiToken, str]:
    """The client-credentials grant: a short-lived token with the client's scopes (or fewer)."""
    client = db.session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if client is None or client.revoked_at is not None or not hmac.compare_digest(client.secret_hash, digest(secret)):
        raise ApiProblem(401, "Unknown client or wrong secret.", slug="invalid-client",
                         headers={"WWW-Authenticate": 'Basic realm="vae"'})
    if not client.acting_user.active:
        raise ApiProblem(401, "This client's account is deactivated.", slug="invalid-client")
    scopes = client.scopes if not requested_scopes else requested_scopes
    if not set(scopes) <= set(client.scopes):
        raise ApiProblem(400, "A requested scope was not granted to this client.", slug="invalid-scope")
    clear = CLIENT_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=client.acting_user, client=client, name=f"client {client.name}"[:100],
                     prefix=clear[:12], token_hash=digest(clear), scopes=sorted(set(scopes)),
                     expires_at=now() + CLIENT_TOKEN_LIFETIME)
    db.session.add(token)
    db.session.flush()
    return token, clear


# -- who is calling ------------------------------------------------------------------------
class Caller:
    """The account behind this API call and what it may do."""

    def __init__(self, user: User, scopes: frozenset[str], token: ApiToken | None) -> None:
        self.user = user
        self.scopes = scopes
        self.token = token

    @property
    def rate_key(self) -> str:
        return f"token:{self.token.id}" if self.token is not None else f"user:{self.user.id}"


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def authenticate() -> Caller:
    """The caller of this request, or a 401 problem (once per request, cached in `g`)."""
    if "api_caller" in g:
        return g.api_caller
    clear = _bearer()
    if clear is not None:
        token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(clear)))
        moment = now()
        if (token is None or token.revoked_at is not None
                or (token.expires_at is not None and token.expires_at <= moment)
                or not token.user.active
                or (token.client is not None and token.client.revoked_at is not None)):
            raise ApiProblem(401, "The access token is unknown, expired or revoked.", slug="invalid-token",
                             headers={"WWW-Authenticate": 'Bearer realm="vae", error="invalid_token"'})
        if token.last_used_at is None or moment - token.last_used_at > timedelta(minutes=5):
            token.last_used_at = moment  # committed with the request's own changes, or alone
            g.api_touch_token = True
        caller = Caller(token.user, frozenset(token.scopes), token)
    elif request.headers.get("Authorization"):
        raise ApiProblem(401, "Use `Authorization: Bearer <token>`.", slug="invalid-token",
                         headers={"WWW-Authenticate": 'Bearer realm="vae"'})
    elif current_user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS") and current_app.config.get("WTF_CSRF_ENABLED", True):
            try:
                csrf.protect()
            except CSRFError as error:
                raise ApiProblem(403, "A browser session needs the CSRF token (X-CSRFToken) to change data; "
                                      "programs use a bearer token.", slug="csrf") from error
        caller = Caller(current_user._get_current_object(), frozenset(SCOPES), None)
    else:
        raise ApiProblem(401, "Authentication required: `Authorization: Bearer <token>`.",
                         headers={"WWW-Authenticate": 'Bearer realm="vae"'})
    g.api_caller = caller
    return caller


def require_scope(scope: str) -> Caller:
    caller = authenticate()
    if scope not in caller.scopes:
        raise ApiProblem(403, f"This token lacks the scope {scope}.", slug="insufficient-scope",
                         headers={"WWW-Authenticate": f'Bearer realm="vae", error="insufficient_scope", scope="{scope}"'},
                         required_scope=scope)
    return caller


def rate_limit_key() -> str:
    """Flask-Limiter key: the token (or account) when known, else the address."""
    from flask_limiter.util import get_remote_address

    clear = _bearer()
    if clear:
        return "api:" + digest(clear)[:16]
    return "api-addr:" + (get_remote_address() or "unknown")
