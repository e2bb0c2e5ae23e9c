"""The demo's older IPERIA title: loaded through the register import, it fills the "Title versions" page."""
from __future__ import annotations

from sqlalchemy import select

from vae.demo.title_versions import OLDER_CODE, load_older_iperia_version
from vae.demo import load_demo
from vae.models import BlockEquivalence, Title


def proposals(db):
    return {(e.old_block.code, e.new_block.code, e.proposed_by)
            for e in db.session.scalars(select(BlockEquivalence))}


def test_the_demo_proposes_equivalences_from_the_older_version_once(db, client, login_as):
    load_demo()
    db.session.commit()
    older = db.session.scalar(select(Title).where(Title.rncp_code == OLDER_CODE))
    assert older.source == "rncp" and not older.active and older.newer_codes == ["RNCP37780"]
    assert proposals(db) == {("RNCP34690BC01", "RNCP37780BC01", "label"),
                             ("RNCP34690BC02", "RNCP37780BC02", "label"),
                             ("RNCP34690BC03", "RNCP37780BC03", "register")}

    again = load_older_iperia_version()
    load_demo()
    db.session.commit()
    assert (again.unchanged, again.created, again.equivalences_proposed) == (1, 0, 0)
    assert len(proposals(db)) == 3

    login_as("admin")
    page = client.get("/catalog/equivalences").get_data(as_text=True)
    assert "RNCP34690BC03" in page and "RNCP37780BC03" in page
