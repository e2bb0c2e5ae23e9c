"""Reading certification pages and downloads never writes to the database."""
from __future__ import annotations

from sqlalchemy import select

from tests.certification.helpers import certificates_of, full_title
from vae.extensions import db as _db


def _snapshot(db) -> dict[str, list[tuple]]:
    """Every row of every table (the whole database, as a user's data)."""
    return {table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
            for table in _db.metadata.sorted_tables}


def test_get_requests_change_nothing(db, client, login_as, titles, make_user, case_factory, jury_validates):
    candidate, _ = full_title(titles, make_user, case_factory, jury_validates, client, login_as)
    block, title = certificates_of(db, candidate, "block")[0], certificates_of(db, candidate, "title")[0]
    [transcript] = certificates_of(db, candidate, "transcript")  # issued with the certificates
    public = ["/.well-known/did.json", "/status/1", "/ns/vae-v1.jsonld",
              f"/achievements/{block.block_award.block.code}",
              f"/achievements/{title.title_award.title.rncp_code}.json"]
    for certificate in (block, title, transcript):
        public += [f"/c/{certificate.public_id}", f"/c/{certificate.public_id}?check=1"]
    public += [f"/c/{block.public_id}.json"]
    own = ["/my/blocks", "/my/transcript.pdf", f"/my/certificates/{block.public_id}.pdf",
           f"/my/certificates/{title.public_id}.png"]
    login_as(candidate)
    db.session.commit()
    before = _snapshot(db)
    for url in public + own:
        assert client.get(url).status_code == 200, url
    db.session.rollback()
    assert _snapshot(db) == before


def test_no_transcript_before_any_certificate(db, client, login_as, case_factory, jury_validates):
    case = case_factory(block_codes=("RNCP37780BC01",))
    jury_validates(case)  # validated, not yet certified
    login_as(case.candidate)
    assert client.get("/my/transcript.pdf").status_code == 404
    assert "/my/transcript.pdf" not in client.get("/my/blocks").get_data(as_text=True)
    assert certificates_of(db, case.candidate, "transcript") == []
