"""The hand-written extract with the real export's shapes (copied from the shared data; never read from there)."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

SAMPLE = Path(__file__).parent / "data" / "sample-real-structure.xml"


def real_fiche(number: str, label: str = "Titre", *, level: str | None = "NIV3", active: str = "Oui",
               vae: str | None = "Oui", end: str = "31/12/2030", blocks: tuple[tuple[str, str, str], ...] = (),
               older: tuple[str, ...] = (), newer: tuple[str, ...] = (),
               correspondences: tuple[tuple[str | None, str, tuple[str, ...]], ...] = (),
               capacities: str | None = None) -> str:
    """A FICHE as the real export writes it: nested version links, SI_JURY_*, CORRESPONDANCES.

    blocks: (code, label, flattened competence list); correspondences: (source block or None,
    destination fiche, destination blocks)."""
    parts = ["<FICHE>", "<ID_FICHE>1</ID_FICHE>", f"<NUMERO_FICHE>{number}</NUMERO_FICHE>"]
    if newer:
        parts.append("<NOUVELLES_CERTIFICATIONS>" + "".join(
            f"<NOUVELLE_CERTIFICATION><ID_FICHE_NOUVELLE_CERTIFICATION>{c}</ID_FICHE_NOUVELLE_CERTIFICATION>"
            "</NOUVELLE_CERTIFICATION>" for c in newer) + "</NOUVELLES_CERTIFICATIONS>")
    if older:
        parts.append("<ANCIENNES_CERTIFICATIONS>" + "".join(
            f"<ANCIENNE_CERTIFICATION><ID_FICHE_ANCIENNE_CERTIFICATION>{c}</ID_FICHE_ANCIENNE_CERTIFICATION>"
            "</ANCIENNE_CERTIFICATION>" for c in older) + "</ANCIENNES_CERTIFICATIONS>")
    parts += [f"<INTITULE>{escape(label)}</INTITULE>", "<ETAT_FICHE>Publiée</ETAT_FICHE>"]
    if level:
        parts.append(f"<NOMENCLATURE_EUROPE><NIVEAU>{level}</NIVEAU><LIBELLE>Niveau</LIBELLE></NOMENCLATURE_EUROPE>")
    parts.append("<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>ORGANISME</NOM_CERTIFICATEUR></CERTIFICATEUR>"
                 "</CERTIFICATEURS>")
    if capacities is not None:
        parts.append(f"<CAPACITES_ATTESTEES>{escape(capacities)}</CAPACITES_ATTESTEES>")
    parts.append("<SI_JURY_FI><ACTIF>Oui</ACTIF><COMPOSITION>Jury FI</COMPOSITION></SI_JURY_FI>")
    if vae is not None:
        parts.append(f"<SI_JURY_VAE><ACTIF>{vae}</ACTIF><COMPOSITION>Trois membres dont deux professionnels"
                     "</COMPOSITION></SI_JURY_VAE>")
    parts.append(f"<DATE_FIN_ENREGISTREMENT>{end}</DATE_FIN_ENREGISTREMENT>")
    if blocks:
        parts.append("<BLOCS_COMPETENCES>" + "".join(
            f"<BLOC_COMPETENCES><CODE>{code}</CODE><LIBELLE>{escape(title)}</LIBELLE>"
            f"<LISTE_COMPETENCES>{escape(items)}</LISTE_COMPETENCES>"
            f"<MODALITES_EVALUATION>Entretien avec le jury ({code}).</MODALITES_EVALUATION></BLOC_COMPETENCES>"
            for code, title, items in blocks) + "</BLOCS_COMPETENCES>")
    if correspondences:
        parts.append("<CORRESPONDANCES>")
        for source, destination, destination_blocks in correspondences:
            parts.append("<CORRESPONDANCE>")
            if source:
                parts.append(f"<SOURCE><BLOC_COMPETENCES><CODE>{source}</CODE></BLOC_COMPETENCES></SOURCE>")
            parts.append(f"<DESTINATION><NUMERO_FICHE>{destination}</NUMERO_FICHE>" + "".join(
                f"<BLOC_COMPETENCES><CODE>{c}</CODE></BLOC_COMPETENCES>" for c in destination_blocks)
                + "</DESTINATION></CORRESPONDANCE>")
        parts.append("</CORRESPONDANCES>")
    parts += [f"<ACTIF>{active}</ACTIF>", "</FICHE>"]
    return "".join(parts)
