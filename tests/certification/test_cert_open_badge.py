import dataclasses
import hashlib

from tests.certification import certification_samples as samples
import pytest

from vae.certification.vc import data_integrity, open_badge
from vae.certification.vc.open_badge import AchievementKind


@pytest.mark.parametrize("kind", list(AchievementKind))
def test_credential_has_only_defined_terms(kind):
    assert data_integrity.find_undefined_terms(samples.credential(kind)) == []


def test_context_order_and_types():
    credential = samples.credential()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        # published by the deployment, under its own public address
        f"{samples.BASE_URL}/ns/vae-v1.jsonld",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == f"{samples.BASE_URL}/c/microcredential-7"
    assert credential["validFrom"] == "2025-06-30T14:30:00Z"
    assert credential["credentialStatus"]["statusListIndex"] == "7"


def test_achievement_type_per_kind():
    block = samples.credential(AchievementKind.BLOCK)["credentialSubject"]["achievement"]
    title = samples.credential(AchievementKind.TITLE)["credentialSubject"]["achievement"]
    assert block["achievementType"] == "MicroCredential"
    assert title["achievementType"] == "Certificate"
    assert title["creditsAvailable"] == 60.0
    assert "creditsAvailable" not in block


def test_email_is_a_salted_hash():
    identifiers = samples.credential()["credentialSubject"]["identifier"]
    email = next(i for i in identifiers if i["identityType"] == "emailAddress")
    expected = hashlib.sha256(b"jeanne.dupont@example.orga1b2c3").hexdigest()
    assert email == {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": f"sha256${expected}",
        "salt": "a1b2c3",
    }
    assert "Jeanne.Dupont@example.org" not in str(samples.credential())


def test_every_eu_mandatory_element_is_present():
    credential = samples.credential()
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    alignments = {a["targetType"]: a for a in achievement["alignment"]}
    learner = next(i for i in subject["identifier"] if i["identityType"] == "name")
    assert learner["identityHash"] == "Jeanne Dupont"  # learner
    assert achievement["name"].startswith("Gestion de son activité")  # title
    assert credential["issuer"]["address"]["addressCountryCode"] == "FR"  # issuing country
    assert credential["issuer"]["name"] == "IPERIA l'Institut"  # awarding body
    assert credential["validFrom"]  # date of issuing
    outcomes = [a for a in achievement["alignment"] if a["targetType"] == "ceasn:Competency"]
    assert [o["targetName"] for o in outcomes] == list(samples.COMPETENCES)  # learning outcomes
    assert achievement["notionalWorkload"] == "PT120H"  # notional workload
    assert alignments["ext:EQFLevel"]["targetCode"] == "3"  # EQF level
    assert alignments["ext:EQFLevel"]["targetUrl"] == "http://data.europa.eu/snb/eqf/3"
    assert achievement["assessmentType"]  # type of assessment
    assert subject["formOfParticipation"].endswith("en présentiel")  # form of participation
    assert achievement["qualityAssurance"]  # quality assurance
    assert alignments["ceterms:Credential"]["targetCode"] == "RNCP37780"  # part of the title


def test_invalid_inputs_are_refused():
    bad_level = dataclasses.replace(samples.achievement(AchievementKind.BLOCK), eqf_level=9)
    with pytest.raises(ValueError, match="EQF"):
        open_badge.build_open_badge(
            project_context=samples.PROJECT_CONTEXT, credential_id="https://x/c/1", issuer=samples.issuer(), learner=samples.learner(),
            achievement=bad_level, valid_from=samples.ISSUED_AT, credential_status=None,
        )
