"""Demo data: the real IPERIA titles, one account per role, cases spread over the states.

Every state is reached through the workflow engine, so the demo has a real
audit trail. Idempotent: a second run finds the demo admin and changes nothing.
"""
from __future__ import annotations

import io
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from vae.auth.operations import create_user
from vae.catalog.reference import load_reference_titles
from vae.core.audit import record
from vae.core.clock import now
from vae.demo.certified import certified_blocks
from vae.demo.steps import must_succeed, write_dossier
from vae.demo.title_versions import load_older_iperia_version
from vae.dossier.operations import add_evidence
from vae.extensions import db
from vae.jury import operations
from vae.mentor.operations import annotate, reply
from vae.models import Block, Case, CaseBlock, Experience, Title, User
from vae.models.states import ADMIN, CANDIDATE, JURY, MENTOR
from vae.storage.store import receive
from vae.workflows.block import BLOCK
from vae.workflows.case import CASE

DEMO_DOMAIN = "demo.example.org"
ACCOUNTS = [
    # key, first name, last name, roles
    ("admin", "Alice", "Martin", [ADMIN]),
    ("mentor", "Marc", "Lefebvre", [MENTOR]),
    ("president", "Paule", "Bernard", [JURY]),
    ("jury", "Jean", "Moreau", [JURY]),
    ("candidate", "Camille", "Durand", [CANDIDATE]),
    ("candidate2", "Sofia", "Petit", [CANDIDATE]),
    ("candidate3", "Karim", "Benali", [CANDIDATE]),
    ("candidate4", "Nadia", "Roux", [CANDIDATE]),
    ("candidate5", "Lucie", "Fontaine", [CANDIDATE]),
]


@dataclass
class DemoReport:
    titles_created: int = 0
    already_loaded: bool = False
    passwords: dict[str, str] = field(default_factory=dict)  # email -> password, only when just created
    pending_files: list = field(default_factory=list)  # uploads to place once the caller has committed

    def place_files(self) -> None:
        """After commit (write-after-commit, as for any upload): put the demo files on disk."""
        for upload in self.pending_files:
            upload.place()
        self.pending_files.clear()

    def describe(self) -> str:
        lines = [f"titles created: {self.titles_created}"]
        if self.already_loaded:
            lines.append("demo accounts already present (passwords unchanged; reset them with "
                         "`flask vae create-user` or the password reset page)")
        else:
            lines.append("demo accounts (passwords shown once):")
            lines += [f"  {email:<40} {password}" for email, password in self.passwords.items()]
        return "\n".join(lines)


def demo_email(key: str) -> str:
    return f"{key}@{DEMO_DOMAIN}"


def load_demo() -> DemoReport:
    report = DemoReport(titles_created=load_reference_titles())
    report.titles_created += load_older_iperia_version().created  # title versions: equivalences to confirm
    if User.by_email(demo_email("admin")):
        report.already_loaded = True
        return report
    people = {}
    for key, first, last, roles in ACCOUNTS:
        password = secrets.token_urlsafe(9)
        people[key] = create_user(email=demo_email(key), first_name=first, last_name=last,
                                  roles=roles, password=password)
        people[key].email_confirmed_at = now()  # demo addresses are taken as read: their cases are sent
        report.passwords[demo_email(key)] = password
    _demo_cases(people, report)
    _demo_journal(people)
    db.session.flush()
    return report


def _demo_journal(p: dict[str, User]) -> None:
    """Sensitive reads, as the journal page shows them (the security feature's demo content)."""
    for case in db.session.scalars(select(Case).where(Case.state != "draft").order_by(Case.id).limit(2)):
        record(p["admin"], "case", case.id, "dossier_opened", case_id=case.id)
    record(None, "user", p["candidate"].id, "login_failed", data={"failures": 1})


def _title(code: str) -> Title:
    return db.session.scalar(select(Title).where(Title.rncp_code == code))


def _block(code: str) -> Block:
    return db.session.scalar(select(Block).where(Block.code == code))


def _case(candidate: User, title_code: str, block_codes: list[str], mentor: User | None) -> Case:
    case = Case(candidate=candidate, title=_title(title_code), mentor=mentor)
    case.blocks = [CaseBlock(block=_block(code)) for code in block_codes]
    case.experiences = [Experience(
        employer="Particuliers employeurs (CESU)", household_employer=True,
        role="Assistante de vie", start_date=date.today() - timedelta(days=5 * 365),
        hours_per_week=30, activities="Aide au lever, courses, préparation des repas, ménage.")]
    db.session.add(case)
    db.session.flush()
    for case_block in case.blocks:
        case_block.experiences = list(case.experiences)
    return case


def _demo_cases(p: dict[str, User], report: DemoReport) -> None:
    # Camille: a draft, still choosing.
    _case(p["candidate"], "RNCP37780", ["RNCP37780BC01", "RNCP37780BC02"], p["mentor"])

    # Sofia: waiting for the admissibility ruling.
    sofia = _case(p["candidate2"], "RNCP37792", ["RNCP37792BC03", "RNCP37792BC05"], p["mentor"])
    must_succeed(CASE.fire(sofia, "submit", actor=p["candidate2"]))

    # Karim: admissible, one block documented and submitted, one in progress.
    karim = _case(p["candidate3"], "RNCP37795", ["RNCP37795BC01", "RNCP37795BC07"], p["mentor"])
    must_succeed(CASE.fire(karim, "submit", actor=p["candidate3"]))
    must_succeed(CASE.fire(karim, "declare_admissible", actor=p["admin"]))
    first = karim.blocks[0]
    write_dossier(first)
    must_succeed(BLOCK.fire(first, "submit", actor=p["candidate3"]))
    _demo_dossier_in_progress(karim.blocks[1], p["mentor"], report)

    # Nadia: a case that was declared incomplete and is being revised.
    nadia = _case(p["candidate4"], "RNCP37780", ["RNCP37780BC05"], p["mentor"])
    must_succeed(CASE.fire(nadia, "submit", actor=p["candidate4"]))
    must_succeed(CASE.fire(nadia, "declare_incomplete", actor=p["admin"],
                    reason="Merci de préciser vos périodes d'emploi."))

    _demo_jury(p, karim)

    # Lucie: two blocks validated by a signed jury and certified (credentials, PDFs, "My blocks").
    lucie = _case(p["candidate5"], "RNCP37780", ["RNCP37780BC01", "RNCP37780BC02"], p["mentor"])
    certified_blocks(lucie, p["admin"], p["president"], p["jury"])


def _demo_photo() -> bytes:
    """A small picture drawn here (no download): a kitchen worktop with a cutting board."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), (236, 226, 208))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 200, 480, 320), fill=(150, 110, 70))
    draw.rectangle((150, 170, 330, 230), fill=(214, 180, 120), outline=(90, 60, 30), width=3)
    draw.ellipse((360, 120, 440, 200), fill=(200, 60, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _demo_dossier_in_progress(case_block: CaseBlock, mentor: User, report: DemoReport) -> None:
    """A block being documented: an account and a photo, a question answered, a change request still open."""

    candidate = case_block.case.candidate
    first, second = case_block.block.competences[:2]
    account = add_evidence(case_block, candidate, kind="text", competence_id=first.id, title="Mon organisation",
                           body="Je note les courses et les rendez-vous de M. Blanc dans un cahier que sa fille relit.",
                           upload=None)
    upload = receive(io.BytesIO(_demo_photo()), "plan-de-travail.png")
    report.pending_files.append(upload)
    photo = add_evidence(case_block, candidate, kind="photo", competence_id=second.id, title="Le plan de travail",
                         body="J'ai rangé la cuisine pour que M. Blanc trouve tout seul ses ustensiles.", upload=upload)
    question = annotate(case_block, mentor, kind="question", body="Qui décide des menus de la semaine ?",
                        evidence_id=account.id)
    reply(question, candidate, "Nous les décidons ensemble le lundi, selon son régime.")
    annotate(case_block, mentor, kind="change_request", evidence_id=photo.id,
             body="Expliquez en quelques mots pourquoi ce rangement aide M. Blanc à rester autonome.")


def _demo_jury(p: dict[str, User], karim: Case) -> None:
    """A planned session for Karim's title, with its two members, and his submitted block booked."""
    session = operations.create_session(title=karim.title, starts_at=now() + timedelta(days=14),
                                        location="Centre de certification, salle 2", video_link="",
                                        capacity=6, actor=p["admin"])
    operations.add_member(session, user=p["president"], qualification="practising_professional",
                          gender="female", actor=p["admin"])
    operations.add_member(session, user=p["jury"], qualification="trainer", gender="male", actor=p["admin"])
    operations.schedule_interview(session, karim, starts_at=session.starts_at, actor=p["admin"])
