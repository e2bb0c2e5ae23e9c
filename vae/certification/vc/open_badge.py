"""Build unsigned Open Badges 3.0 ``OpenBadgeCredential`` documents (VC 2.0).

Inputs are plain dataclasses so this stays independent of the ORM. Every EU
micro-credential mandatory element goes in a standard OB3 field where one exists,
otherwise in the project context (``vae-v1.jsonld``); see docs/credentials.md.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from .jsonld_loader import OB_V3_CONTEXT, VC_V2_CONTEXT
from .xsd import xsd_datetime

STANDARD_CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT]  # order matters


def credential_context(project_context: str) -> list[str]:
    """The standard contexts, then the project context published by the deployment."""
    return [*STANDARD_CONTEXT, project_context]

EQF_FRAMEWORK = "European Qualifications Framework (EQF)"
RNCP_FRAMEWORK = "Répertoire national des certifications professionnelles (RNCP)"


class AchievementKind(StrEnum):
    """OB3 ``achievementType`` values used here."""

    BLOCK = "MicroCredential"  # bloc de compétences
    TITLE = "Certificate"  # titre RNCP complet


@dataclass(frozen=True)
class Issuer:
    """The awarding body; ``did`` must be the exact did:web of the signing keys."""

    did: str
    name: str
    url: str
    country_code: str = "FR"
    country_name: str = "France"


@dataclass(frozen=True)
class Learner:
    name: str
    email: str
    salt: str  # stored with the certificate so the learner can prove the hash is theirs


@dataclass(frozen=True)
class LearningOutcome:
    """One competence; OB3 alignments need a URL to point to."""

    code: str
    label: str
    url: str


@dataclass(frozen=True)
class Achievement:
    id: str  # public URL of the achievement (block or title)
    kind: AchievementKind
    code: str  # e.g. RNCP37780BC01 or RNCP37780
    name: str
    description: str
    criteria_narrative: str
    eqf_level: int | None  # None for a certification of the Répertoire spécifique (no EQF level)
    title_code: str  # the RNCP title this block belongs to (or the title itself)
    title_name: str
    title_url: str
    learning_outcomes: tuple[LearningOutcome, ...]
    assessment_type: str
    quality_assurance: str
    notional_workload_hours: int | None  # required by the EU list; None only if unknown
    credit_points: float | None = None  # ECTS, when the register gives them
    field_of_study: str | None = None
    tags: tuple[str, ...] = ()
    identity_verification: str | None = None
    image_url: str | None = None


def new_salt() -> str:
    return secrets.token_hex(16)


def email_identity_hash(email: str, salt: str) -> str:
    """OB 'sha256$' + hex(sha256(identity + salt)); the address is trimmed and
    lower-cased first so that 'Jeanne@X.fr ' and 'jeanne@x.fr' match."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def _identifiers(learner: Learner) -> list[dict[str, Any]]:
    # OB3 has no plain "name" on AchievementSubject: the name is an unhashed
    # IdentityObject, the e-mail a salted hash (no address in a public credential).
    return [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": learner.name,
        },
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": email_identity_hash(learner.email, learner.salt),
            "salt": learner.salt,
        },
    ]


def _alignments(achievement: Achievement) -> list[dict[str, Any]]:
    if achievement.eqf_level is not None and not 1 <= achievement.eqf_level <= 8:
        raise ValueError(f"EQF level must be 1..8, got {achievement.eqf_level}")
    title = {
        "type": ["Alignment"],
        "targetType": "ceterms:Credential",
        "targetName": achievement.title_name,
        "targetCode": achievement.title_code,
        "targetFramework": RNCP_FRAMEWORK,
        "targetUrl": achievement.title_url,
    }
    # The EQF alignment only when the register gives a level (RS certifications have none).
    eqf = [] if achievement.eqf_level is None else [{
        "type": ["Alignment"],
        "targetType": "ext:EQFLevel",
        "targetName": f"EQF level {achievement.eqf_level}",
        "targetCode": str(achievement.eqf_level),
        "targetFramework": EQF_FRAMEWORK,
        "targetUrl": f"http://data.europa.eu/snb/eqf/{achievement.eqf_level}",
    }]
    outcomes = [
        {
            "type": ["Alignment"],
            "targetType": "ceasn:Competency",
            "targetName": outcome.label,
            "targetCode": outcome.code,
            "targetFramework": achievement.title_code,
            "targetUrl": outcome.url,
        }
        for outcome in achievement.learning_outcomes
    ]
    return [title, *eqf, *outcomes]


def _achievement(achievement: Achievement) -> dict[str, Any]:
    if not achievement.learning_outcomes:
        raise ValueError("an achievement needs at least one learning outcome")
    node: dict[str, Any] = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": achievement.kind.value,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria_narrative},
        "humanCode": achievement.code,
        "alignment": _alignments(achievement),
        "assessmentType": achievement.assessment_type,
        "qualityAssurance": achievement.quality_assurance,
    }
    if achievement.notional_workload_hours is not None:
        node["notionalWorkload"] = f"PT{achievement.notional_workload_hours}H"
    if achievement.credit_points is not None:
        node["creditsAvailable"] = _json_number(achievement.credit_points)
    if achievement.field_of_study:
        node["fieldOfStudy"] = achievement.field_of_study
    if achievement.tags:
        node["tag"] = list(achievement.tags)
    if achievement.identity_verification:
        node["identityVerification"] = achievement.identity_verification
    if achievement.image_url:
        node["image"] = {"id": achievement.image_url, "type": "Image"}
    return node


def _json_number(value: float) -> int | float:
    # 60.0 canonicalizes as "6.0E1" in pyld but "60" in jsonld.js (JavaScript has no
    # integral floats): write whole numbers as integers so every verifier reads the same.
    return int(value) if float(value).is_integer() else float(value)


def _issuer(issuer: Issuer) -> dict[str, Any]:
    return {
        "id": issuer.did,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "address": {
            "type": ["Address"],
            "addressCountry": issuer.country_name,
            "addressCountryCode": issuer.country_code,
        },
    }


@dataclass(frozen=True)
class JuryDecision:
    """What the credential rests on: the jury's decision, never the candidate's dossier."""

    decided_on: str  # ISO date
    session: str  # e.g. "Session du 12/03/2026, Paris"
    reference: str  # the decision's reference in the certifier's minutes


@dataclass(frozen=True)
class OtherRoad:
    """A block obtained by another road than the jury: a training course's assessment, an exam,
    another certifier's block (accepted by this certifier)."""

    name: str  # e.g. "Évaluation en fin de formation"
    description: str  # who assessed it, when, under which reference
    genre: str  # e.g. "Évaluation de formation"


def _evidence(decision: JuryDecision | OtherRoad) -> list[dict[str, Any]]:
    if isinstance(decision, OtherRoad):
        return [{"type": ["Evidence"], "name": decision.name, "description": decision.description,
                 "genre": decision.genre}]
    return [{
        "type": ["Evidence"],
        "name": "Décision du jury de validation",
        "description": (f"Décision du jury du {decision.decided_on} ({decision.session}), "
                        f"référence {decision.reference}."),
        "genre": "Décision de jury",
    }]


def build_open_badge(
    *,
    project_context: str,
    credential_id: str,
    issuer: Issuer,
    learner: Learner,
    achievement: Achievement,
    valid_from: datetime,
    credential_status: dict[str, Any] | None,
    valid_until: datetime | None = None,
    decision: JuryDecision | OtherRoad | None = None,
    form_of_participation: str | None = None,
) -> dict[str, Any]:
    """Unsigned credential; ``credential_id`` is the public verification URL."""
    credential: dict[str, Any] = {
        "@context": credential_context(project_context),
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": _issuer(issuer),
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _identifiers(learner),
            "achievement": _achievement(achievement),
        },
    }
    if form_of_participation:
        # How this learner took part (the interview's mode): the subject's, not the achievement's,
        # so the achievement stays the one published at its id.
        credential["credentialSubject"]["formOfParticipation"] = form_of_participation
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    if decision is not None:
        credential["evidence"] = _evidence(decision)
    if credential_status is not None:
        credential["credentialStatus"] = credential_status
    return credential


def achievement_document(achievement: Achievement, project_context: str) -> dict[str, Any]:
    """The ``Achievement`` alone, as served at its ``id`` so that the URL in a credential resolves."""
    return {"@context": credential_context(project_context), **_achievement(achievement)}
