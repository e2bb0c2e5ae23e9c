"""The competence passport: one zip that round-trips (every credential in it verifies) and
whose summary.json says what the database says; only the holder downloads theirs."""
from __future__ import annotations

import io
import json
import zipfile

from vae.certification.signing import did_document
from vae.certification.vc import baking, data_integrity, did_web
from vae.models import Certificate


def _zip(client) -> zipfile.ZipFile:
    response = client.get("/my/records/passport.zip")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_passport_round_trips_and_every_credential_in_it_verifies(db, client, login_as, certified):
    candidate, certificates = certified()
    assert len(certificates) == 2
    login_as(candidate)
    archive = _zip(client)
    names = set(archive.namelist())
    resolve = did_web.key_resolver(did_document())
    for certificate in certificates:
        stem = f"{certificate.block_award.block.code}-{certificate.public_id}"
        credential = json.loads(archive.read(f"credentials/{stem}.json"))
        assert credential == json.loads(certificate.credential_json)
        assert data_integrity.verify(credential, resolve).ok
        assert baking.extract(archive.read(f"badges/{stem}.png")) == credential
        assert archive.read(f"certificates/{stem}.pdf").startswith(b"%PDF-")
        assert f"europass/{stem}.jsonld" in names
    assert archive.read("releve-blocs.pdf").startswith(b"%PDF-")

    tampered = json.loads(archive.read(next(n for n in names if n.startswith("credentials/"))))
    tampered["credentialSubject"]["achievement"]["name"] = "Un autre bloc"
    assert not data_integrity.verify(tampered, resolve).ok  # the check above can fail


def test_the_summary_matches_the_database(db, client, login_as, certified, titles):
    candidate, certificates = certified()
    login_as(candidate)
    summary = json.loads(_zip(client).read("summary.json"))
    assert summary["holder"]["name"] == "Jeanne Dupont"
    assert sorted(c["public_id"] for c in summary["certificates"]) == sorted(c.public_id for c in certificates)
    [title] = summary["titles"]
    db_title = titles["RNCP37780"]
    assert title["rncp_code"] == "RNCP37780" and title["eqf_level"] == db_title.eqf_level
    assert (title["blocks_held"], title["blocks_required"]) == (2, len(db_title.required_blocks))
    assert title["complete"] is False and title["title_certificate"] is None
    by_code = {b["code"]: b for b in title["blocks"]}
    for certificate in certificates:
        award, block = certificate.block_award, certificate.block_award.block
        entry = by_code[block.code]
        assert entry["held"] and entry["source"] == "jury" and entry["certificate"] == certificate.public_id
        assert entry["awarded_at"] == award.awarded_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert entry["competences"] == [c.label for c in block.competences] and entry["competences"]
    missing = [b for b in title["blocks"] if not b["held"]]
    assert {b["code"] for b in missing} == {b.code for b in db_title.required_blocks} - set(
        c.block_award.block.code for c in certificates)
    assert summary["transcript"]["file"] == "releve-blocs.pdf"


def test_a_revoked_certificate_leaves_the_passport(db, client, login_as, certified):
    candidate, certificates = certified()
    revoked = db.session.get(Certificate, certificates[0].id)
    from vae.certification.operations import revoke_certificate
    from vae.models import User

    admin = db.session.scalar(db.select(User).where(User.id != candidate.id).order_by(User.id))
    revoke_certificate(revoked, admin, "erreur")
    db.session.commit()
    login_as(candidate)
    archive = _zip(client)
    assert not [n for n in archive.namelist() if revoked.public_id in n]
    summary = json.loads(archive.read("summary.json"))
    assert [c["public_id"] for c in summary["certificates"]] == [certificates[1].public_id]


def test_only_the_holder_downloads_their_passport(db, client, login_as, certified, make_user):
    holder, certificates = certified()
    login_as(make_user("candidate"))  # another candidate: their own (empty) passport, nothing of the holder
    archive = _zip(client)
    assert not [n for n in archive.namelist() if n.endswith(".pdf") or n.startswith("credentials/")]
    assert json.loads(archive.read("summary.json"))["certificates"] == []
    login_as(make_user("admin"))
    assert client.get("/my/records/passport.zip").status_code == 403
    client.get("/")
    with client.session_transaction() as session:
        session.clear()
    assert client.get("/my/records/passport.zip").status_code in (302, 401)
