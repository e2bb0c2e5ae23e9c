"""Open Badges 3.0 credentials for the awards, from the register's data.

Every EU element comes from data (docs/credentials.md, "EU elements"): workload and
ECTS set by the certifier per title and block, assessment from the register's
assessment modalities, quality assurance from the title's registration, form of
participation from the interview's mode, validity from the title's policy, evidence
from the jury's decision.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from vae.certification.signing import base_url, issuer, key_ring, project_context, refuse_unless_publishable
from vae.certification.vc import data_integrity, open_badge, status_list
from vae.certification.vc.open_badge import Achievement, AchievementKind, JuryDecision, LearningOutcome, OtherRoad
from vae.extensions import db
from vae.models import Block, BlockAward, Certificate, Title, TitleAward, User

RNCP_URL = "https://www.francecompetences.fr/recherche/rncp/{number}/"
# What every VAE assessment is by law (Code du travail R.6412-1 ff.); used only when the
# register gives no assessment modalities for the block or the title.
VAE_ASSESSMENT = "Examen du dossier de preuves et entretien avec un jury de professionnels"
PARTICIPATION = {
    "onsite": "Validation des acquis de l'expérience : entretien avec le jury en présentiel",
    "online": "Validation des acquis de l'expérience : entretien avec le jury à distance (en ligne)",
    "hybrid": "Validation des acquis de l'expérience : entretien avec le jury en mode hybride "
              "(présentiel et à distance)",
}
CRITERIA = ("Validation des acquis de l'expérience : dossier décrivant l'expérience, "
            "puis entretien avec un jury qui se prononce sur chaque compétence du bloc. "
            "Le bloc s'obtient aussi par équivalence, par l'évaluation d'une formation, par examen "
            "ou par un bloc d'un autre certificateur accepté par le certificateur ; "
            "la preuve (evidence) du titulaire dit la voie suivie.")
# How a block obtained by another road reads in its credential's evidence and on its certificate.
OTHER_ROADS = {
    "training": ("Évaluation en fin de formation", "Évaluation de formation"),
    "exam": ("Examen", "Examen"),
    "outside": ("Bloc certifié par un autre certificateur", "Reconnaissance d'un bloc"),
}


def public_url(public_id: str) -> str:
    return f"{base_url()}/c/{public_id}"


def title_url(title: Title) -> str:
    return RNCP_URL.format(number=title.rncp_code.removeprefix("RNCP"))


def quality_assurance(title: Title) -> str:
    """The register's registration of the title, as the register states it."""
    text = (f"Certification professionnelle enregistrée au Répertoire national des certifications "
            f"professionnelles sous le numéro {title.rncp_code} (France Compétences), "
            f"certificateur : {title.certifier_name}")
    if title.end_date is not None:
        text += f", enregistrement en vigueur jusqu'au {title.end_date:%d/%m/%Y}"
    return text + "."


def _outcomes(block: Block) -> list[LearningOutcome]:
    return [LearningOutcome(code=f"{block.code}-C{i}", label=c.label,
                            url=f"{base_url()}/achievements/{block.code}#C{i}")
            for i, c in enumerate(block.competences, start=1)]


def block_achievement(block: Block) -> Achievement:
    title = block.title
    return Achievement(
        id=f"{base_url()}/achievements/{block.code}", kind=AchievementKind.BLOCK, code=block.code,
        name=block.label, description=f"Bloc de compétences du titre {title.rncp_code} — {title.label}",
        criteria_narrative=CRITERIA, eqf_level=title.eqf_level, title_code=title.rncp_code,
        title_name=title.label, title_url=title_url(title), learning_outcomes=tuple(_outcomes(block)),
        assessment_type=block.assessment_modalities or title.assessment_modalities or VAE_ASSESSMENT,
        quality_assurance=quality_assurance(title), notional_workload_hours=block.notional_workload_hours,
        credit_points=block.ects_credits,
        tags=("VAE", "bloc de compétences"))


def title_achievement(title: Title) -> Achievement:
    outcomes = [o for block in title.required_blocks for o in _outcomes(block)]
    return Achievement(
        id=f"{base_url()}/achievements/{title.rncp_code}", kind=AchievementKind.TITLE, code=title.rncp_code,
        name=title.label, description=_title_description(title),
        criteria_narrative=CRITERIA, eqf_level=title.eqf_level, title_code=title.rncp_code,
        title_name=title.label, title_url=title_url(title), learning_outcomes=tuple(outcomes),
        assessment_type=title.assessment_modalities or VAE_ASSESSMENT,
        quality_assurance=quality_assurance(title), notional_workload_hours=_title_hours(title),
        credit_points=title.ects_credits,
        tags=("VAE", "titre professionnel"))


def _title_description(title: Title) -> str:
    if title.eqf_level is None:  # the Répertoire spécifique: a certification without a level
        return f"Certification {title.rncp_code} du Répertoire spécifique"
    return f"Titre professionnel {title.rncp_code}, niveau {title.eqf_level}"


def _title_hours(title: Title) -> int | None:
    """The title's own figure, else the sum of its required blocks' when all are known."""
    if title.notional_workload_hours is not None:
        return title.notional_workload_hours
    hours = [b.notional_workload_hours for b in title.required_blocks]
    return sum(hours) if hours and None not in hours else None


def block_award_participation(award: BlockAward) -> str | None:
    interview = award.decision.interview if award.decision is not None else None
    return PARTICIPATION[interview.mode] if interview is not None else None


def title_award_participation(award: TitleAward) -> str | None:
    """The modes of the interviews that validated the title's required blocks."""
    required = {b.id for b in award.title.required_blocks}
    awards = db.session.scalars(select(BlockAward).where(
        BlockAward.candidate_id == award.candidate_id, BlockAward.block_id.in_(required))).all()
    modes = sorted({a.decision.interview.mode for a in awards if a.decision is not None})
    if not modes:
        return None
    return PARTICIPATION[modes[0]] if len(modes) == 1 else PARTICIPATION["hybrid"]


def jury_decision(award: BlockAward) -> JuryDecision | None:
    """The decision the block rests on: date, session, reference (never the dossier)."""
    decision = award.decision
    if decision is None:
        return None
    session = decision.interview.session
    place = f", {session.location}" if session.location else ""
    return JuryDecision(decided_on=f"{decision.decided_at:%Y-%m-%d}",
                        session=f"session du jury du {session.starts_at:%d/%m/%Y}{place}",
                        reference=f"n° {decision.id}")  # as on the PDF certificate


def other_road(award: BlockAward) -> OtherRoad | None:
    """The training, exam or other certifier the block rests on (its claim, accepted)."""
    claim = award.claim
    if claim is None or claim.source not in OTHER_ROADS:
        return None
    name, genre = OTHER_ROADS[claim.source]
    reference = f", référence {claim.assessment_reference}" if claim.assessment_reference else ""
    return OtherRoad(name=name, genre=genre,
                     description=(f"{name} : {claim.awarding_body}, le {claim.assessed_on:%Y-%m-%d}{reference} ; "
                                  f"accepté le {claim.decided_at:%Y-%m-%d}."))


def award_evidence(award: BlockAward) -> JuryDecision | OtherRoad | None:
    """What the block's credential says it rests on: the jury's decision or the other road."""
    return other_road(award) or jury_decision(award)


def achievement_subject(code: str) -> Block | Title | None:
    """What `/achievements/<code>` names: a block (its code) or a whole title (its RNCP code).

    Inactive titles too: credentials issued years ago must keep resolving.
    """
    return (db.session.scalar(select(Block).where(Block.code == code))
            or db.session.scalar(select(Title).where(Title.rncp_code == code)))


def achievement_of(subject: Block | Title) -> Achievement:
    return block_achievement(subject) if isinstance(subject, Block) else title_achievement(subject)


def signed_credential(certificate: Certificate, candidate: User, achievement: Achievement,
                      list_url: str, salt: str, moment: datetime, *, valid_until: datetime | None = None,
                      decision: JuryDecision | None = None, participation: str | None = None
                      ) -> tuple[dict, str]:
    """The signed credential and the verification method that signed it."""
    refuse_unless_publishable()
    ring = key_ring()
    unsigned = open_badge.build_open_badge(
        project_context=project_context(), credential_id=public_url(certificate.public_id), issuer=issuer(),
        learner=open_badge.Learner(name=candidate.full_name, email=candidate.email, salt=salt),
        achievement=achievement, valid_from=moment, valid_until=valid_until, decision=decision,
        form_of_participation=participation,
        credential_status=status_list.status_entry(list_url, certificate.status_index))
    return data_integrity.sign(unsigned, ring.signing_key, ring.current_method_id, moment), ring.current_method_id
