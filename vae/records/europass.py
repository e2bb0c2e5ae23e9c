"""A European Digital Credential (ELM v3 JSON-LD) for each certified award, for the Europass wallet.

The shape follows the European Commission's micro-credential sample
(`Sample-MC-Annex1-unsigned.jsonld`, European-Learning-Model repository): the learner
(`Person`) has a `LearningAchievement` awarded by the certifier, proven by the jury's
assessment, specified by a `Qualification` (a block is a partial one) with the block's
competences as learning outcomes, the EQF level and, when the certifier set them, ECTS
credit points and the notional workload. The document is unsigned: the signed,
verifiable credential of the same award is the Open Badges one, named by its
verification page (`supplementaryDocument`) and certificate number (`identifier`).
"""
from __future__ import annotations

import base64
import uuid
from datetime import datetime
from typing import Any

from flask import current_app

from vae.certification.credentials import VAE_ASSESSMENT, public_url, quality_assurance, title_url
from vae.certification.signing import issuer_did
from vae.certification.vc.baking import TEMPLATE as BADGE_IMAGE
from vae.models import Block, BlockAward, Certificate, Title
from vae.records.elm_contexts import EDC_CONTEXTS

EU = "http://data.europa.eu/snb"
AUTHORITY = "http://publications.europa.eu/resource/authority"
# ISO 3166 alpha-2 (the certifier's setting) -> the EU country authority table (alpha-3).
COUNTRIES = {"FR": "FRA", "BE": "BEL", "LU": "LUX", "DE": "DEU", "IT": "ITA", "ES": "ESP", "PT": "PRT",
             "NL": "NLD", "IE": "IRL", "AT": "AUT", "CH": "CHE"}
SOURCE_NOTES = {
    "jury": "Validation des acquis de l'expérience : décision du jury",
    "equivalence": "Bloc acquis par équivalence avec un bloc déjà obtenu",
    "training": "Bloc acquis par l'évaluation d'une formation",
    "exam": "Bloc acquis par un examen",
    "outside": "Bloc acquis auprès d'un autre certificateur",
}


def _concept(iri: str, scheme: str, label: str, notation: str | None = None) -> dict[str, Any]:
    concept = {"id": iri, "type": "Concept", "inScheme": {"id": scheme, "type": "ConceptScheme"},
               "prefLabel": {"en": label}}
    if notation:
        concept["notation"] = notation
    return concept


FRENCH = _concept(f"{AUTHORITY}/language/FRA", f"{AUTHORITY}/language", "French", "language")
GENERIC_PROFILE = _concept(f"{EU}/credential/e34929035b", f"{EU}/credential/25831c2", "Generic")
ECTS = _concept(f"{EU}/education-credit/6fcec5c5af", f"{EU}/education-credit/25831c2",
                "European Credit Transfer System")


def _country() -> dict[str, Any]:
    code = COUNTRIES.get(current_app.config.get("CERTIFIER_COUNTRY", "FR").upper(), "FRA")
    return _concept(f"{AUTHORITY}/country/{code}", f"{AUTHORITY}/country", code, "country")


def _fr(text: str) -> dict[str, str]:
    return {"fr": text}


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def awarding_body() -> dict[str, Any]:
    """The certifier; its legal identifier is CERTIFIER_LEGAL_ID (SIRET), else its did:web."""
    config = current_app.config
    return {
        "id": "urn:epass:org:1", "type": "Organisation",
        "legalName": _fr(config["CERTIFIER_NAME"]),
        "eIDASIdentifier": {"id": "urn:epass:legalIdentifier:1", "type": "LegalIdentifier",
                                 "notation": config.get("CERTIFIER_LEGAL_ID") or issuer_did(),
                                 "spatial": _country()},
        "location": {"id": "urn:epass:location:1", "type": "Location",
                     "address": {"id": "urn:epass:address:1", "type": "Address", "countryCode": _country(),
                                 "fullAddress": {"id": "urn:epass:note:address", "type": "Note",
                                                 "noteLiteral": _fr(config.get("CERTIFIER_ADDRESS", ""))}}},
        "homepage": {"id": "urn:epass:webResource:home", "type": "WebResource",
                     "contentURL": config["PUBLIC_BASE_URL"].rstrip("/") + "/"},
    }


def _outcomes(blocks: list[Block]) -> list[dict[str, Any]]:
    return [{"id": f"urn:epass:learningOutcome:{block.code}-C{i}", "type": "LearningOutcome",
             "title": _fr(competence.label)}
            for block in blocks for i, competence in enumerate(block.competences, start=1)]


def _qualification(title: Title, name: str, blocks: list[Block], *, partial: bool,
                   hours: int | None, credits: float | None) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "id": "urn:epass:qualification:1", "type": "Qualification", "title": _fr(name),
        "isPartialQualification": partial, "learningOutcome": _outcomes(blocks), "language": FRENCH,
        "homepage": {"id": "urn:epass:webResource:register", "type": "WebResource", "contentURL": title_url(title)},
        "additionalNote": [{"id": "urn:epass:note:quality", "type": "Note", "noteLiteral": _fr(quality_assurance(title))}],
    }
    if title.eqf_level is not None:
        spec["eqfLevel"] = _concept(f"{EU}/eqf/{title.eqf_level}", f"{EU}/eqf/25831c2", f"Level {title.eqf_level}")
    if hours is not None:
        spec["volumeOfLearning"] = f"PT{hours}H"
    if credits is not None:
        spec["creditPoint"] = {"id": "urn:epass:creditPoint:1", "type": "CreditPoint", "framework": ECTS,
                               "point": f"{credits:g}"}
    return spec


def _assessment(award: BlockAward | None, assessment: str, awarded_by: dict[str, Any]) -> dict[str, Any] | None:
    """The jury's assessment (interview and dossier), when a jury decided the block."""
    if award is None or award.decision is None:
        return None
    return {"id": "urn:epass:learningAssessment:1", "type": "LearningAssessment", "title": _fr(assessment),
            "grade": {"id": "urn:epass:note:grade", "type": "Note", "noteLiteral": _fr("Validé")},
            "awardedBy": awarded_by, "assessedBy": awarding_body(),
            "dateIssued": _iso(award.decision.decided_at),
            "specifiedBy": {"id": "urn:epass:learningAssessmentSpec:1", "type": "LearningAssessmentSpecification",
                            "title": _fr(assessment)}}


def _achievement(certificate: Certificate) -> tuple[str, dict[str, Any], datetime]:
    """(name, the achievement node, date awarded) of a block or title certificate."""
    awarding = {"id": "urn:epass:awardingProcess:1", "type": "AwardingProcess", "awardingBody": awarding_body()}
    if certificate.kind == "block":
        award = certificate.block_award
        block, title = award.block, award.block.title
        name, awarded_at = block.label, award.awarded_at
        assessment = block.assessment_modalities or title.assessment_modalities or VAE_ASSESSMENT
        spec = _qualification(title, f"{block.code} — {block.label}", [block], partial=True,
                              hours=block.notional_workload_hours, credits=block.ects_credits)
        note = SOURCE_NOTES.get(award.source, award.source)
        proven_by = _assessment(award, assessment, awarding)
    else:
        award = certificate.title_award
        title = award.title
        name, awarded_at = title.label, award.awarded_at
        spec = _qualification(title, f"{title.rncp_code} — {title.label}", title.required_blocks, partial=False,
                              hours=title.notional_workload_hours, credits=title.ects_credits)
        note, proven_by = "Titre obtenu par la validation de chacun de ses blocs de compétences", None
    awarding["awardingDate"] = _iso(awarded_at)
    achievement: dict[str, Any] = {
        "id": "urn:epass:learningAchievement:1", "type": "LearningAchievement", "title": _fr(name),
        "description": _fr(note), "awardedBy": awarding, "specifiedBy": spec,
        "supplementaryDocument": {"id": "urn:epass:webResource:verify", "type": "WebResource",
                                  "contentURL": public_url(certificate.public_id), "title": _fr("Vérification")},
    }
    if proven_by is not None:
        achievement["provenBy"] = proven_by
    return name, achievement, awarded_at


def _display(name: str) -> dict[str, Any]:
    image = base64.b64encode(BADGE_IMAGE.read_bytes()).decode("ascii")
    return {
        "id": "urn:epass:displayParameter:1", "type": "DisplayParameter", "title": _fr(name),
        "description": _fr(f"Certifié par {current_app.config['CERTIFIER_NAME']}"),
        "language": FRENCH, "primaryLanguage": FRENCH,
        "individualDisplay": {
            "id": "urn:epass:individualDisplay:1", "type": "IndividualDisplay", "language": FRENCH,
            "displayDetail": {"id": "urn:epass:displayDetail:1", "type": "DisplayDetail", "page": 1,
                              "image": {"id": "urn:epass:mediaObject:1", "type": "MediaObject", "content": image,
                                        "contentEncoding": _concept(f"{EU}/encoding/6146cde7dd",
                                                                    f"{EU}/encoding/25831c2", "base64"),
                                        "contentType": _concept(f"{AUTHORITY}/file-type/PNG",
                                                                f"{AUTHORITY}/file-type", "PNG", "file-type")}}},
    }


def credential_id(certificate: Certificate) -> str:
    """Stable: the same award exports the same credential id every time (wallets deduplicate)."""
    return f"urn:credential:{uuid.uuid5(uuid.NAMESPACE_URL, public_url(certificate.public_id))}"


def european_digital_credential(certificate: Certificate) -> dict[str, Any]:
    """The EDC of a block or title certificate (not a transcript: it is no award)."""
    if certificate.kind not in ("block", "title"):
        raise ValueError("only an award's certificate becomes a European Digital Credential")
    name, achievement, _awarded_at = _achievement(certificate)
    candidate = certificate.candidate
    document = {
        "@context": list(EDC_CONTEXTS),
        "id": credential_id(certificate),
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialProfiles": GENERIC_PROFILE,
        "credentialSchema": {"id": f"{EU}/model/ap/edc-generic-full", "type": "ShaclValidator2017"},
        "displayParameter": _display(name),
        "identifier": {"id": "urn:epass:identifier:1", "type": "Identifier",
                       "schemeName": "Numéro d'attestation", "notation": certificate.public_id},
        "issuer": awarding_body(),
        "issued": _iso(certificate.issued_at),
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            "id": "urn:epass:person:1", "type": "Person",
            "fullName": _fr(certificate.holder_name or candidate.full_name),
            "givenName": _fr(candidate.first_name), "familyName": _fr(candidate.last_name),
            "hasClaim": achievement,
        },
    }
    expires = certificate.block_award.expires_at if certificate.block_award is not None else None
    if expires is not None:
        document["validUntil"] = _iso(expires)
    return document
