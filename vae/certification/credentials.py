"""Open Badges 3.0 credentials for the awards, from the register's data."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from vae.certification.vc import data_integrity, open_badge, status_list
from vae.certification.vc.open_badge import Achievement, AchievementKind, LearningOutcome
from vae.certification.signing import base_url, issuer, key_ring
from vae.extensions import db
from vae.models import Block, Certificate, Title, User

RNCP_URL = "https://www.francecompetences.fr/recherche/rncp/{number}/"
ASSESSMENT = "Examen du dossier de preuves et entretien avec un jury de professionnels"
PARTICIPATION = "Validation des acquis de l'expérience (VAE), entretien avec le jury"
QUALITY = "Certification professionnelle enregistrée au RNCP par France Compétences"
CRITERIA = ("Validation des acquis de l'expérience : dossier décrivant l'expérience, "
            "puis entretien avec un jury qui se prononce sur chaque compétence du bloc.")


def public_url(public_id: str) -> str:
    return f"{base_url()}/c/{public_id}"


def title_url(title: Title) -> str:
    return RNCP_URL.format(number=title.rncp_code.removeprefix("RNCP"))


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
        assessment_type=block.assessment_modalities or ASSESSMENT, form_of_participation=PARTICIPATION,
        quality_assurance=QUALITY, notional_workload_hours=block.notional_workload_hours,
        tags=("VAE", "bloc de compétences"))


def title_achievement(title: Title) -> Achievement:
    outcomes = [o for block in title.required_blocks for o in _outcomes(block)]
    hours = [b.notional_workload_hours for b in title.required_blocks]
    return Achievement(
        id=f"{base_url()}/achievements/{title.rncp_code}", kind=AchievementKind.TITLE, code=title.rncp_code,
        name=title.label, description=f"Titre professionnel {title.rncp_code}, niveau {title.eqf_level}",
        criteria_narrative=CRITERIA, eqf_level=title.eqf_level, title_code=title.rncp_code,
        title_name=title.label, title_url=title_url(title), learning_outcomes=tuple(outcomes),
        assessment_type=title.assessment_modalities or ASSESSMENT, form_of_participation=PARTICIPATION,
        quality_assurance=QUALITY,
        notional_workload_hours=sum(hours) if hours and None not in hours else None,
        tags=("VAE", "titre professionnel"))


def achievement_subject(code: str) -> Block | Title | None:
    """What `/achievements/<code>` names: a block (its code) or a whole title (its RNCP code).

    Inactive titles too: credentials issued years ago must keep resolving.
    """
    return (db.session.scalar(select(Block).where(Block.code == code))
            or db.session.scalar(select(Title).where(Title.rncp_code == code)))


def achievement_of(subject: Block | Title) -> Achievement:
    return block_achievement(subject) if isinstance(subject, Block) else title_achievement(subject)


def signed_credential(certificate: Certificate, candidate: User, achievement: Achievement,
                      list_url: str, salt: str, moment: datetime) -> tuple[dict, str]:
    """The signed credential and the verification method that signed it."""
    ring = key_ring()
    unsigned = open_badge.build_open_badge(
        credential_id=public_url(certificate.public_id), issuer=issuer(),
        learner=open_badge.Learner(name=candidate.full_name, email=candidate.email, salt=salt),
        achievement=achievement, valid_from=moment,
        credential_status=status_list.status_entry(list_url, certificate.status_index))
    return data_integrity.sign(unsigned, ring.signing_key, ring.current_method_id, moment), ring.current_method_id
