"""Register extracts built by the tests (France Compétences schema v4.1 shapes)."""
from __future__ import annotations

from xml.sax.saxutils import escape


def fiche_xml(number: str | None = "RNCP90001", label: str = "Assistant de vie", level: str = "NIV3",
              active: str = "Oui", end: str = "31/12/2029", blocks: list[dict] | None = None,
              older: tuple[str, ...] = (), newer: tuple[str, ...] = (),
              correspondences: tuple[tuple[str, str], ...] = ()) -> str:
    if blocks is None:
        blocks = [block(f"{number}BC01", "Accompagner la personne"), block(f"{number}BC02", "Entretenir le logement")]
    parts = ["<FICHE>", "<ID_FICHE>1</ID_FICHE>"]
    if number is not None:
        parts.append(f"<NUMERO_FICHE>{number}</NUMERO_FICHE>")
    parts += [f"<INTITULE>{escape(label)}</INTITULE>",
              f"<NOMENCLATURE_EUROPE><NIVEAU>{level}</NIVEAU><INTITULE>Niveau</INTITULE></NOMENCLATURE_EUROPE>",
              f"<ACTIF>{active}</ACTIF>", f"<DATE_FIN_ENREGISTREMENT>{end}</DATE_FIN_ENREGISTREMENT>",
              "<CERTIFICATEURS><CERTIFICATEUR><SIRET_CERTIFICATEUR>1</SIRET_CERTIFICATEUR>"
              "<NOM_CERTIFICATEUR>IPERIA</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS>",
              "<MODALITES_EVALUATION>Dossier puis entretien avec le jury</MODALITES_EVALUATION>",
              "<BLOCS_COMPETENCES>", *blocks, "</BLOCS_COMPETENCES>"]
    if older:
        parts.append("<ANCIENNES_CERTIFICATIONS>" + "".join(
            f"<ANCIENNE_CERTIFICATION>{c}</ANCIENNE_CERTIFICATION>" for c in older) + "</ANCIENNES_CERTIFICATIONS>")
    if newer:
        parts.append("<NOUVELLES_CERTIFICATIONS>" + "".join(
            f"<NOUVELLE_CERTIFICATION>{c}</NOUVELLE_CERTIFICATION>" for c in newer) + "</NOUVELLES_CERTIFICATIONS>")
    if correspondences:
        parts.append("<CORRESPONDANCES_BLOCS>" + "".join(
            f"<CORRESPONDANCE><ANCIEN_BLOC>{o}</ANCIEN_BLOC><NOUVEAU_BLOC>{n}</NOUVEAU_BLOC></CORRESPONDANCE>"
            for o, n in correspondences) + "</CORRESPONDANCES_BLOCS>")
    parts.append("</FICHE>")
    return "".join(parts)


def block(code: str | None, label: str, competences: str | None = None,
          modalities: str = "Mise en situation professionnelle") -> str:
    if competences is None:
        competences = escape("<p>Le candidat sait :</p><ul><li>Identifier les besoins</li>"
                             "<li>Adapter son intervention &amp; rendre compte</li></ul>")
    code_xml = f"<CODE>{code}</CODE>" if code is not None else ""
    return (f"<BLOC_COMPETENCES>{code_xml}<LIBELLE>{escape(label)}</LIBELLE>"
            f"<LISTE_COMPETENCES>{competences}</LISTE_COMPETENCES>"
            f"<MODALITES_EVALUATION>{escape(modalities)}</MODALITES_EVALUATION></BLOC_COMPETENCES>")


def register_xml(*fiches: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>' + "".join(fiches) + "</FICHES>").encode("utf-8")


def write_generated_register(path, count: int) -> None:
    """A large extract written fiche by fiche (the file never sits in memory whole)."""
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>')
        for i in range(count):
            number = f"RNCP{100000 + i}"
            out.write(fiche_xml(number, label=f"Titre numéro {i}", blocks=[
                block(f"{number}BC01", "Bloc un"), block(f"{number}BC02", "Bloc deux")]).encode("utf-8"))
        out.write(b"</FICHES>")
