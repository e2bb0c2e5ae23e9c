"""The personal-data archive (GDPR art. 15/20) holds the proof the candidate gave for a block obtained
elsewhere, beside their evidence, and its data.json says which file is which claim's."""
from __future__ import annotations

import io
import json
import zipfile

from tests.sources.helpers import PDF, record_claim, refuse
from vae.models import BlockClaim
from vae.privacy.export import personal_data_archive
from vae.storage.store import path_of


def test_the_archive_holds_each_claims_proof_and_lists_it(db, client, login_as, titles, make_user):
    admin, candidate = make_user("admin"), make_user("candidate")
    exam_pdf = PDF.replace(b"attestation de formation", b"releve de notes")
    training = record_claim(client, login_as, admin, candidate, "RNCP37780BC01")
    exam = record_claim(client, login_as, admin, candidate, "RNCP37780BC02", source="exam", pdf=exam_pdf)
    refuse(client, login_as, admin, exam, "Note insuffisante")  # a refused claim's proof is theirs too

    archive = zipfile.ZipFile(io.BytesIO(personal_data_archive(candidate)))
    assert archive.read(f"claim_files/{training}-evaluation.pdf") == PDF
    assert archive.read(f"claim_files/{exam}-evaluation.pdf") == exam_pdf
    data = json.loads(archive.read("data.json"))
    assert data["claim_files"] == [
        {"claim_id": training, "block": "RNCP37780BC01", "source": "training",
         "file": f"claim_files/{training}-evaluation.pdf"},
        {"claim_id": exam, "block": "RNCP37780BC02", "source": "exam", "file": f"claim_files/{exam}-evaluation.pdf"},
    ]
    assert data["files_missing_for_claims"] == []
    assert "claim_files/" in archive.read("README.txt").decode()


def test_another_candidates_claim_proof_is_not_in_the_archive(db, client, login_as, titles, make_user):
    admin, candidate, other = make_user("admin"), make_user("candidate"), make_user("candidate")
    theirs = record_claim(client, login_as, admin, other, "RNCP37780BC01")
    archive = zipfile.ZipFile(io.BytesIO(personal_data_archive(candidate)))
    assert not [name for name in archive.namelist() if name.startswith("claim_files/")]
    assert json.loads(archive.read("data.json"))["claim_files"] == []
    assert path_of(db.session.get(BlockClaim, theirs).file).is_file()  # it exists, just not theirs
