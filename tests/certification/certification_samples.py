"""Shared sample inputs for the certification tests (plain module, no conftest)."""

from __future__ import annotations

from datetime import datetime, timezone

from vae.certification.vc import did_web, jsonld_loader, keys, open_badge, status_list

BASE_URL = "https://vae.localhost:8443"
DID = did_web.did_from_url(BASE_URL + "/")
LIST_URL = BASE_URL + "/status/1"
PROJECT_CONTEXT = jsonld_loader.register_project_context(BASE_URL + "/ns")
ISSUED_AT = datetime(2025, 6, 30, 14, 30, tzinfo=timezone.utc)
TITLE_URL = "https://www.francecompetences.fr/recherche/rncp/37780/"
# Real competences of block RNCP37780BC01 (shared/data/titles/iperia.json).
COMPETENCES = (
    "Construire son activité professionnelle en toute autonomie dans le secteur "
    "spécifique de l'emploi entre particuliers",
    "Maintenir les relations de travail favorables avec les particuliers employeurs",
)


def key_ring(*, retired: int = 0) -> keys.KeyRing:
    old = tuple(
        keys.IssuerKey.from_private(f"key-{2020 + i}", keys.generate_private_key())
        for i in range(retired)
    )
    current = keys.IssuerKey.from_private("key-2025", keys.generate_private_key())
    return keys.KeyRing(did=DID, current=current, retired=old)


def issuer() -> open_badge.Issuer:
    return open_badge.Issuer(did=DID, name="IPERIA l'Institut", url=BASE_URL + "/")


def learner() -> open_badge.Learner:
    return open_badge.Learner(name="Jeanne Dupont", email="Jeanne.Dupont@example.org", salt="a1b2c3")


def achievement(kind: open_badge.AchievementKind) -> open_badge.Achievement:
    block = kind is open_badge.AchievementKind.BLOCK
    code = "RNCP37780BC01" if block else "RNCP37780"
    return open_badge.Achievement(
        id=f"{BASE_URL}/achievements/{code}",
        kind=kind,
        code=code,
        name=(
            "Gestion de son activité professionnelle auprès de particuliers employeurs"
            if block
            else "Assistant de vie dépendance"
        ),
        description="Bloc de compétences du titre RNCP37780" if block else "Titre RNCP37780",
        criteria_narrative="Dossier de VAE puis entretien avec un jury de professionnels.",
        eqf_level=3,
        title_code="RNCP37780",
        title_name="Assistant de vie dépendance",
        title_url=TITLE_URL,
        learning_outcomes=tuple(
            open_badge.LearningOutcome(
                code=f"{code}-C{i}", label=label, url=f"{BASE_URL}/achievements/{code}#C{i}"
            )
            for i, label in enumerate(COMPETENCES, start=1)
        ),
        assessment_type="Examen du dossier de preuves et entretien avec un jury",
        quality_assurance="Certification enregistrée au RNCP par France Compétences",
        notional_workload_hours=120 if block else 600,
        credit_points=None if block else 60.0,
        field_of_study="Services à la personne",
        tags=("VAE", "aide à domicile"),
    )


def credential(
    kind: open_badge.AchievementKind = open_badge.AchievementKind.BLOCK, index: int = 7
) -> dict:
    return open_badge.build_open_badge(
        project_context=PROJECT_CONTEXT,
        credential_id=f"{BASE_URL}/c/{kind.value.lower()}-{index}",
        issuer=issuer(),
        learner=learner(),
        achievement=achievement(kind),
        valid_from=ISSUED_AT,
        credential_status=status_list.status_entry(LIST_URL, index),
        form_of_participation="Validation des acquis de l'expérience, entretien en présentiel",
    )
