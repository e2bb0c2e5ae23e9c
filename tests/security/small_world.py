"""A small world (draft cases, no jury sittings) for the security tests that need only people and files.

The access matrix and the hostile-input crawl use the full world of `tests/security/world.py`.

Case A belongs to `candidate`, is followed by `mentor_assigned` and is interviewed by
the session on which `jury_on_session` sits (as president). Case B belongs to
`other_candidate` and nobody else but the admin relates to it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from vae.extensions import db
from vae.models import Case, CaseBlock, Evidence, Interview, JuryMember, JurySession, StoredFile, User

from tests.security.world import ACTOR_ROLES


@dataclass
class World:
    users: dict[str, User]
    cases: dict[str, Case]
    sessions: dict[str, JurySession]
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def user(self, actor: str) -> User | None:
        return self.users.get(actor)

    def case(self, target: str) -> Case:
        return self.cases[target]

    def case_block(self, target: str) -> CaseBlock:
        return self.cases[target].blocks[0]


def build_world(make_user, case_factory) -> World:
    users = {actor: make_user(role, first_name=actor.replace("_", " ").title(), last_name=f"World{i}")
             for i, (actor, role) in enumerate(ACTOR_ROLES.items())}
    case_a = case_factory(candidate=users["candidate"], mentor=users["mentor_assigned"])
    case_b = case_factory(candidate=users["other_candidate"])
    starts = datetime(2030, 3, 4, 9, 0, tzinfo=timezone.utc)
    session_a = JurySession(title=case_a.title, starts_at=starts, location="Paris")
    session_a.members = [
        JuryMember(user=users["jury_on_session"], qualification="practising_professional", is_president=True)]
    session_b = JurySession(title=case_b.title, starts_at=starts + timedelta(days=7), location="Lyon")
    session_b.members = [JuryMember(user=users["jury_off_session"], qualification="trainer", is_president=True)]
    db.session.add_all([session_a, session_b])
    interview = Interview(session=session_a, case=case_a, starts_at=starts, duration_minutes=45)
    db.session.add(interview)
    case_a.blocks[0].interview = interview
    evidence = {}
    for target, case in (("own", case_a), ("other", case_b)):
        stored = StoredFile(sha256=hashlib.sha256(target.encode()).hexdigest(), size_bytes=3,
                            mime_type="application/pdf")
        evidence[target] = Evidence(case_block=case.blocks[0], kind="document", title="Attestation",
                                    file=stored, original_filename="attestation.pdf",
                                    created_by=case.candidate)
        db.session.add(evidence[target])
    db.session.commit()
    return World(users=users, cases={"own": case_a, "other": case_b},
                 sessions={"own": session_a, "other": session_b}, evidence=evidence)
