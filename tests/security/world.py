"""A small world in which every role has objects that are theirs and objects that are not.

Built once per test module through the application's own operations (`build_world`),
then copied for every test (`tests/security/world_db.py`).

Two symmetric cases, A ("own") and B ("other"):

- case A belongs to `candidate` and is followed by `mentor_assigned`; its block BC02
  was validated by an earlier jury and certified (a certificate for the candidate);
  its block BC01 is submitted and its interview in session A, where `jury_on_session`
  sits as president, is held but not yet scored;
- case B belongs to `other_candidate`, has no mentor, and went the same way; its BC01
  is booked in session B, where `jury_off_session` (off session A) sits as president.

Each case has an uploaded evidence file, a mentor's annotation and mail in the outbox.
"""
from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from tests.fixtures.builders import assert_ok
from vae.extensions import db
from vae.models import (BlockEquivalence, Case, CaseBlock, Certificate, Evidence, Interview,
                        JurySession, OutboxMessage, StatusList, StoredFile, User)

ACTORS = ("anonymous", "candidate", "other_candidate", "mentor_assigned", "mentor_unassigned",
          "jury_on_session", "jury_off_session", "admin")
TARGETS = ("own", "other")  # the objects of case A / session A, or of case B / session B

# Who relates to which case, written out by hand (not computed by vae.core.access).
RELATIONS = {
    ("candidate", "own"): {"candidate"},
    ("other_candidate", "other"): {"candidate"},
    ("mentor_assigned", "own"): {"mentor"},
    ("jury_on_session", "own"): {"jury", "president"},
    ("jury_off_session", "other"): {"jury", "president"},
    ("admin", "own"): {"admin"},
    ("admin", "other"): {"admin"},
}
# Who sits on which jury session (each of the two is president of their session).
SEATS = {
    ("jury_on_session", "own"): {"member", "president"},
    ("jury_off_session", "other"): {"member", "president"},
    ("admin", "own"): {"admin"},
    ("admin", "other"): {"admin"},
}
ACTOR_ROLES = {"candidate": "candidate", "other_candidate": "candidate", "mentor_assigned": "mentor",
               "mentor_unassigned": "mentor", "jury_on_session": "jury", "jury_off_session": "jury",
               "admin": "admin"}
EVIDENCE_BYTES = {"own": b"%PDF-1.4 own attestation", "other": b"%PDF-1.4 other attestation"}


@dataclass
class WorldIds:
    """Primary keys only: they survive the copy of the database into each test."""
    users: dict[str, int]
    cases: dict[str, int]
    sessions: dict[str, int]
    evidence: dict[str, int]
    annotations: dict[str, int]
    certificates: dict[str, str]
    messages: dict[str, int]
    equivalences: dict[str, int]
    status_slug: str


@dataclass
class World:
    ids: WorldIds
    users: dict[str, User] = field(default_factory=dict)

    @classmethod
    def load(cls, ids: WorldIds) -> "World":
        return cls(ids, {actor: db.session.get(User, pk) for actor, pk in ids.users.items()})

    def user(self, actor: str) -> User | None:
        return self.users.get(actor)

    def case(self, target: str) -> Case:
        return db.session.get(Case, self.ids.cases[target])

    def case_block(self, target: str) -> CaseBlock:
        """The block put before the target's jury session (BC01)."""
        return self.case(target).blocks[0]

    def session(self, target: str) -> JurySession:
        return db.session.get(JurySession, self.ids.sessions[target])

    @property
    def evidence(self) -> dict[str, Evidence]:
        return {target: db.session.get(Evidence, pk) for target, pk in self.ids.evidence.items()}

    def interview(self, target: str) -> Interview:
        return self.case_block(target).interview


def _case_through_one_certified_block(candidate, mentor, admin, jurors) -> Case:
    """A case whose BC02 is validated and certified and whose BC01 is submitted, not yet booked."""
    from vae.certification import operations as certification
    from vae.core.clock import now
    from vae.demo.sitting import hold_sitting
    from vae.models import Experience, Title
    from vae.workflows.block import BLOCK
    from vae.workflows.case import CASE
    from datetime import date

    title = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP37780"))
    blocks = {b.code: b for b in title.blocks}
    case = Case(candidate=candidate, title=title, mentor=mentor)
    case.blocks = [CaseBlock(block=blocks[code]) for code in ("RNCP37780BC01", "RNCP37780BC02")]
    case.experiences = [Experience(employer="Mme Dupont", household_employer=True, role="Assistante de vie",
                                   start_date=date(2019, 1, 1), hours_per_week=25, activities="Aide")]
    db.session.add(case)
    db.session.flush()
    assert_ok(CASE.fire(case, "submit", actor=candidate))
    assert_ok(CASE.fire(case, "declare_admissible", actor=admin))

    def submit(case_block):
        case_block.honour_signed_at = now()
        for competence in case_block.block.competences:
            db.session.add(Evidence(case_block=case_block, competence=competence, kind="at_interview",
                                    created_by=candidate))
        db.session.flush()
        assert_ok(BLOCK.fire(case_block, "submit", actor=candidate))

    first, second = case.blocks
    submit(second)
    earlier = hold_sitting(case, admin=admin, president=next(jurors), member=next(jurors))
    assert not certification.issue_session_batch(earlier, admin)
    submit(first)
    db.session.commit()
    return case


def _book(case: Case, president: User, admin: User, helper: User, days: int) -> JurySession:
    from vae.core.clock import now
    from vae.jury import operations

    session = operations.create_session(title=case.title, starts_at=now() + timedelta(days=days),
                                        location="Paris", video_link="", capacity=4, actor=admin)
    operations.add_member(session, user=president, qualification="practising_professional", gender=None,
                          actor=admin)
    operations.add_member(session, user=helper, qualification="trainer", gender=None, actor=admin)
    interview = operations.schedule_interview(session, case, starts_at=session.starts_at, actor=admin)
    # The sitting has begun (nothing is recorded about an interview before it starts): booked ahead, as
    # the rules require, then dated to the recent past.
    session.starts_at = interview.starts_at = now() - timedelta(hours=days)
    # Held, not yet scored: the jury's scoring form is on the interview page.
    operations.record_outcome(interview, outcome="held", actor=president, identity_document="passport")
    return session


def _evidence_with_file(case: Case, target: str) -> Evidence:
    data = EVIDENCE_BYTES[target]
    stored = StoredFile(sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data), mime_type="application/pdf")
    evidence = Evidence(case_block=case.blocks[0], kind="document", title="Attestation", file=stored,
                        original_filename="attestation.pdf", created_by=case.candidate)
    db.session.add(evidence)
    return evidence


def write_evidence_files(ids: WorldIds) -> None:
    """Put the evidence bytes where the storage looks for them (in the app's UPLOAD_DIR)."""
    from vae.storage.store import path_for

    for target, data in EVIDENCE_BYTES.items():
        path = path_for(hashlib.sha256(data).hexdigest())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build_world() -> WorldIds:
    """Build the world in the current app's (empty, migrated) database."""
    from vae.auth.operations import create_user
    from vae.catalog.reference import load_reference_titles
    from vae.certification import signing
    from vae.core.clock import now
    from vae.mentor import operations as mentoring
    from vae.models import Title

    signing.generate_key(now())
    load_reference_titles()
    db.session.commit()
    users = {actor: create_user(email=f"{actor}@example.org", first_name=actor.replace("_", " ").title(),
                                last_name=f"World{i}", roles=(role,), password="correct horse battery",
                                locale="fr")
             for i, (actor, role) in enumerate(ACTOR_ROLES.items())}
    counter = itertools.count()
    jurors = (create_user(email=f"juror{next(counter)}@example.org", first_name="Juré", last_name="Extra",
                          roles=("jury",), password="correct horse battery", locale="fr")
              for _ in itertools.count())
    for user in users.values():
        user.email_confirmed_at = now()  # sending a case needs a confirmed address
    admin = users["admin"]
    db.session.commit()
    case_a = _case_through_one_certified_block(users["candidate"], users["mentor_assigned"], admin, jurors)
    case_b = _case_through_one_certified_block(users["other_candidate"], None, admin, jurors)
    session_a = _book(case_a, users["jury_on_session"], admin, next(jurors), days=30)
    session_b = _book(case_b, users["jury_off_session"], admin, next(jurors), days=37)
    cases = {"own": case_a, "other": case_b}
    evidence = {target: _evidence_with_file(case, target) for target, case in cases.items()}
    db.session.flush()
    notes = {"own": mentoring.annotate(case_a.blocks[0], users["mentor_assigned"], kind="question",
                                       body="Pouvez-vous préciser ?", evidence_id=None),
             "other": mentoring.annotate(case_b.blocks[0], admin, kind="question",
                                         body="Pouvez-vous préciser ?", evidence_id=None)}
    title = db.session.scalar(select(Title).where(Title.rncp_code == "RNCP37780"))
    first, second, third = title.blocks[:3]
    equivalences = {"own": BlockEquivalence(old_block=first, new_block=second, proposed_by="label"),
                    "other": BlockEquivalence(old_block=second, new_block=third, proposed_by="label")}
    db.session.add_all(equivalences.values())
    db.session.commit()

    def certificate_of(case):
        return db.session.scalar(select(Certificate.public_id).where(
            Certificate.candidate_id == case.candidate_id, Certificate.kind != "transcript"))

    def message_to(user):
        return db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.recipient_id == user.id).limit(1))

    return WorldIds(
        users={actor: user.id for actor, user in users.items()},
        cases={t: c.id for t, c in cases.items()},
        sessions={"own": session_a.id, "other": session_b.id},
        evidence={t: e.id for t, e in evidence.items()},
        annotations={t: n.id for t, n in notes.items()},
        certificates={t: certificate_of(c) for t, c in cases.items()},
        messages={"own": message_to(users["candidate"]), "other": message_to(users["other_candidate"])},
        equivalences={t: e.id for t, e in equivalences.items()},
        status_slug=db.session.scalar(select(StatusList.slug).limit(1)),
    )
