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


_SHAPES = (
    lambda n, words: "      ".join(f"- {w}" for w in words),
    lambda n, words: "      ".join(f"* {w}" for w in words),
    lambda n, words: "        ".join(f"A{n}C{i}.{' ' if i % 2 else ''}{w}" for i, w in enumerate(words, 1)),
    lambda n, words: "      ".join(f"C.{i}. {w}" for i, w in enumerate(words, 1)),
    lambda n, words: "    ".join(f"1.{(i + 1) // 2}{'.' + str(i) if i % 2 == 0 else ''} {w}"
                                 for i, w in enumerate(words, 1)),
    lambda n, words: "      ".join(f"{w}, en respectant la réglementation en vigueur et les consignes du site."
                                   for w in words),
)
_VERBS = ("Analyser la demande du client", "Planifier les interventions", "Organiser son activité",
          "Contrôler la qualité de la prestation", "Rendre compte à sa hiérarchie", "Accueillir le public",
          "Sélectionner les matériels adaptés", "Prévenir les risques professionnels", "Communiquer avec l’équipe")


def generated_real_fiche(i: int, base: int = 100000) -> str:
    """Fiche number i of a synthetic register of the real shape: about 4 blocks of about 7 competences
    in the shapes of FORMAT.md, versions and CORRESPONDANCES (across versions, across titles, some
    outside the file), SI_JURY_* with their own ACTIF, RS fiches now and then."""
    number = f"RNCP{base + i}"
    if i % 50 == 49:
        return real_fiche(f"RS{base + i}", f"Certification spécifique {i}", level=None,
                          capacities=_SHAPES[i % 6](i, _VERBS[: 3 + i % 5]))
    blocks = tuple((f"{number}BC0{b}", f"Bloc {b} du titre {i % 997}",
                    _SHAPES[(i + b) % 6](b, [f"{_VERBS[(i + b + k) % 9]} ({k})" for k in range(5 + (i + b) % 5)]))
                   for b in range(1, 3 + i % 4))
    older = (f"RNCP{base + i - 1}",) if i % 4 == 1 else ((f"RNCP{i}",) if i % 4 == 2 else ())  # in / outside the file
    newer = (f"RNCP{base + i + 1}",) if i % 4 == 0 else ()
    correspondences = ()
    if i % 4 == 1:
        previous = f"RNCP{base + i - 1}"
        correspondences = tuple((code, previous, (f"{previous}BC0{b}",)) for b, (code, _l, _c) in
                                enumerate(blocks[:2], 1)) + ((None, previous, ()),)
    elif i % 10 == 3 and i > 10:
        other = f"RNCP{base + i - 7}"
        correspondences = ((blocks[0][0], other, (f"{other}BC01", f"{other}BC02")),)
    return real_fiche(number, f"Titre numéro {i}", level=f"NIV{3 + i % 5}", active="Oui" if i % 7 else "Non",
                      vae="Non" if i % 13 == 0 else "Oui", end="31/08/2022" if i % 11 == 0 else "31/12/2030",
                      blocks=blocks, older=older, newer=newer, correspondences=correspondences)


def write_real_shape_register(path, count: int) -> None:
    """A large register of the real shape, written fiche by fiche (the file never sits in memory whole)."""
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<FICHES><VERSION_FLUX>4.1</VERSION_FLUX>')
        for i in range(count):
            out.write(generated_real_fiche(i).encode("utf-8"))
        out.write(b"</FICHES>")
