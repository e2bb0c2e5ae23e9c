"""Demo: an earlier version of the IPERIA "Assistant de vie dépendance" title, loaded through the import.

Illustrative content (not the register's own wording): a closed fiche replaced by
RNCP37780, whose blocks match the new ones by label or by a correspondence the fiche
names, so that block equivalences are proposed and the admin's "Title versions" page
has something to confirm. Idempotent: a second load finds the fiche unchanged and
proposes nothing.
"""
from __future__ import annotations

from io import BytesIO
from xml.etree.ElementTree import Element, SubElement, tostring

from vae.catalog.rncp_import import ImportReport, import_register_stream

OLDER_CODE = "RNCP34690"
NEWER_CODE = "RNCP37780"
OLDER_BLOCKS = [
    # code, label (the first two as in the new version: proposed by label), competences
    ("RNCP34690BC01", "Gestion de son activité professionnelle auprès de particuliers employeurs",
     ["Organiser son activité auprès de plusieurs particuliers employeurs",
      "Établir une relation professionnelle avec le particulier employeur"]),
    ("RNCP34690BC02", "Prévention et sécurité de son activité professionnelle au domicile du particulier employeur",
     ["Repérer les risques domestiques et les prévenir", "Réagir face à une situation d'urgence"]),
    ("RNCP34690BC03", "Entretien du cadre de vie et du linge du particulier employeur",
     ["Entretenir le logement avec des produits adaptés", "Entretenir le linge"]),
]
# Relabelled block: only the register's correspondence links it to its successor.
CORRESPONDENCES = [("RNCP34690BC03", "RNCP37780BC03")]


def load_older_iperia_version() -> ImportReport:
    return import_register_stream(BytesIO(older_version_xml()))


def older_version_xml() -> bytes:
    root = Element("FICHES")
    fiche = SubElement(root, "FICHE")
    _text(fiche, "NUMERO_FICHE", OLDER_CODE)
    _text(fiche, "INTITULE", "Assistant de vie dépendance (version précédente)")
    _text(SubElement(fiche, "NOMENCLATURE_EUROPE"), "NIVEAU", "NIV3")
    _text(fiche, "ACTIF", "Non")
    _text(fiche, "DATE_FIN_ENREGISTREMENT", "31/12/2023")
    _text(SubElement(SubElement(fiche, "CERTIFICATEURS"), "CERTIFICATEUR"), "NOM_CERTIFICATEUR", "IPERIA")
    _text(fiche, "MODALITES_EVALUATION", "Dossier professionnel puis entretien avec le jury")
    blocks = SubElement(fiche, "BLOCS_COMPETENCES")
    for code, label, competences in OLDER_BLOCKS:
        block = SubElement(blocks, "BLOC_COMPETENCES")
        _text(block, "CODE", code)
        _text(block, "LIBELLE", label)
        _text(block, "LISTE_COMPETENCES", "<ul>" + "".join(f"<li>{c}</li>" for c in competences) + "</ul>")
    _text(SubElement(fiche, "NOUVELLES_CERTIFICATIONS"), "NOUVELLE_CERTIFICATION", NEWER_CODE)
    pairs = SubElement(fiche, "CORRESPONDANCES_BLOCS")
    for old, new in CORRESPONDENCES:
        pair = SubElement(pairs, "CORRESPONDANCE")
        _text(pair, "ANCIEN_BLOC", old)
        _text(pair, "NOUVEAU_BLOC", new)
    return tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent: Element, tag: str, text: str) -> Element:
    element = SubElement(parent, tag)
    element.text = text
    return element
