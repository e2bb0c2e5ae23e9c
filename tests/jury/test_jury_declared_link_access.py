"""A jury member who declared a link with a candidate (employer, relative...) no longer sees that
candidate's dossier nor fetches their files by id; the other members of the jury still do."""
from __future__ import annotations

import hashlib

from vae.jury import operations
from vae.models import Evidence, StoredFile
from vae.storage import blobs

CONTENT = b"%PDF-1.4\n% fiche de poste du candidat\n%%EOF\n"


def _evidence_file(db, case_block, tmp_path) -> Evidence:
    """A real stored file (bytes in the store) attached to the block as the candidate's evidence."""
    sha256 = hashlib.sha256(CONTENT).hexdigest()
    upload = tmp_path / "fiche.pdf"
    upload.write_bytes(CONTENT)
    blobs.put(sha256, upload)
    evidence = Evidence(case_block=case_block, competence=case_block.block.competences[0], kind="document",
                        title="Fiche de poste", file=StoredFile(sha256=sha256, size_bytes=len(CONTENT),
                                                                mime_type="application/pdf"),
                        original_filename="fiche.pdf", created_by=case_block.case.candidate)
    db.session.add(evidence)
    db.session.commit()
    return evidence


def test_a_member_with_a_declared_link_sees_neither_the_dossier_nor_the_file(db, client, login_as, scheduled,
                                                                             tmp_path):
    s = scheduled
    case_block = s.case.blocks[0]
    evidence = _evidence_file(db, case_block, tmp_path)
    login_as(s.member)
    assert client.get(f"/files/evidence/{evidence.id}").data == CONTENT  # a seat on the jury: the file

    operations.declare_links(s.session.members[1], {s.case.id: ("employer", "Son ancien employeur")},
                             actor=s.member)
    db.session.commit()

    login_as(s.member)
    assert client.get(f"/files/evidence/{evidence.id}").status_code == 404
    assert client.get(f"/blocks/{case_block.id}").status_code == 404
    assert client.get(f"/jury/interviews/{s.interview.id}").status_code == 403
    login_as(s.president)  # no link declared: the dossier and the file as before
    assert client.get(f"/blocks/{case_block.id}").status_code == 200
    response = client.get(f"/files/evidence/{evidence.id}")
    assert (response.status_code, response.data) == (200, CONTENT)


def test_declaring_no_link_keeps_the_file_readable(db, client, login_as, scheduled, tmp_path):
    s = scheduled
    evidence = _evidence_file(db, s.case.blocks[0], tmp_path)
    operations.declare_links(s.session.members[1], {s.case.id: ("none", "")}, actor=s.member)
    db.session.commit()
    login_as(s.member)
    assert client.get(f"/files/evidence/{evidence.id}").data == CONTENT
