"""The open API (/api/v1) and its pages. The generic matrix calls the API with the browser
session; tests/api/test_api_access_matrix.py calls it again with bearer tokens and checks
every scope (a token without the operation's scope gets 403, whoever holds it)."""
from dataclasses import dataclass

from tests.security.access_rules import (AUTHENTICATED, HIDE, PUBLIC, Rule, case_party, role_only,
                                         session_seat)


@dataclass(frozen=True)
class _Nothing(Rule):
    """A URL under /api/v1 that names no operation: 404 (problem+json) for everyone."""

    def expect(self, actor, actor_roles, relations, seats=frozenset()):
        return HIDE


READERS = case_party("candidate", "mentor", "jury", "admin")
CANDIDATE_WRITES = case_party("candidate", roles=("candidate",))
# Workflow events: the parties who may fire the event used here; the others who see the case get 403.
EVENTS = case_party("candidate", "admin", seen_by=("mentor", "jury", "president"))
ADMIN_ONLY = role_only("admin")

RULES = {
    "api.openapi": PUBLIC,
    "api.docs": PUBLIC,
    "api.not_found": _Nothing("nothing"),
    "api.oauth_token": PUBLIC,
    "api.titles": AUTHENTICATED,
    "api.title": AUTHENTICATED,
    "api.cases": AUTHENTICATED,
    "api.case": READERS,
    "api.start_case": role_only("candidate"),
    "api.add_experience": CANDIDATE_WRITES,
    "api.case_event": EVENTS,
    "api.case_blocks": AUTHENTICATED,
    "api.case_block": READERS,
    "api.case_block_event": EVENTS,
    "api.case_block_evidence": READERS,
    "api.add_evidence": CANDIDATE_WRITES,
    "api.evidence": READERS,
    "api.evidence_file": READERS,
    "api.jury_sessions": role_only("jury", "admin"),
    "api.jury_session": session_seat("member", "admin"),
    "api.create_jury_session": ADMIN_ONLY,
    "api.add_jury_member": ADMIN_ONLY,
    "api.book_interview": ADMIN_ONLY,
    "api.interview": session_seat("member", "admin"),
    "api.interview_outcome": session_seat("president"),
    "api.interview_scores": session_seat("member"),
    "api.sign_session": session_seat("president"),
    "api.awards": AUTHENTICATED,
    "api.record_training_block": ADMIN_ONLY,
    "api.webhooks": ADMIN_ONLY,
    "api.create_webhook": ADMIN_ONLY,
    "api.webhook_deliveries": ADMIN_ONLY,
    "api_web.tokens": AUTHENTICATED,
    "api_web.create_token": AUTHENTICATED,
    "api_web.revoke": AUTHENTICATED,
    "api_web.webhooks": ADMIN_ONLY,
}
# Events both parties may try on the world's objects without changing them (each is refused by a rule:
# the case has a block before the jury, the block is scheduled).
ARGUMENTS = {
    "case_event": lambda world, target: "abandon",
    "block_event": lambda world, target: "withdraw",
    "anything": lambda world, target: "no-such-thing",
}
