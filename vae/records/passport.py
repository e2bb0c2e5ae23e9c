"""The competence passport: one zip with every certificate PDF, signed credential (JSON and
baked PNG), European Digital Credential, the transcript and `summary.json`.

Built in two steps so that no database transaction stays open while WeasyPrint works:
`collect` reads everything (and renders the PDFs' HTML) inside the request's session,
`build_zip` turns it into bytes afterwards.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field

from vae.certification.documents import certificate_html
from vae.certification.operations import transcript_of
from vae.certification.vc import baking
from vae.core.pdf import render_pdf
from vae.models import User
from vae.records.europass import european_digital_credential
from vae.records.summary import file_stem, passport_summary, valid_certificates

TRANSCRIPT_FILE = "releve-blocs.pdf"


@dataclass
class Passport:
    files: dict[str, bytes] = field(default_factory=dict)
    pdf_html: dict[str, str] = field(default_factory=dict)  # file name -> HTML, rendered by build_zip


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def collect(candidate: User) -> Passport:
    passport = Passport()
    names: dict[str, dict[str, str]] = {}
    for certificate in valid_certificates(candidate):
        stem = file_stem(certificate)
        credential = json.loads(certificate.credential_json)
        entry = {"pdf": f"certificates/{stem}.pdf", "credential": f"credentials/{stem}.json",
                 "badge": f"badges/{stem}.png", "europass": f"europass/{stem}.jsonld"}
        passport.pdf_html[entry["pdf"]] = certificate_html(certificate)
        passport.files[entry["credential"]] = certificate.credential_json.encode("utf-8")
        passport.files[entry["badge"]] = baking.bake_template(credential)
        passport.files[entry["europass"]] = _json_bytes(european_digital_credential(certificate))
        names[certificate.public_id] = entry
    summary = passport_summary(candidate, names)
    transcript = transcript_of(candidate)
    if transcript is not None:
        passport.pdf_html[TRANSCRIPT_FILE] = certificate_html(transcript)
        summary["transcript"] = {"public_id": transcript.public_id, "file": TRANSCRIPT_FILE}
    else:
        summary["transcript"] = None
    passport.files["summary.json"] = _json_bytes(summary)
    return passport


def build_zip(passport: Passport) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(passport.files.items()):
            archive.writestr(name, data)
        for name, html in sorted(passport.pdf_html.items()):
            archive.writestr(name, render_pdf(html))
    return buffer.getvalue()
