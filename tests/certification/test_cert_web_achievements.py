"""The achievement ids named inside credentials resolve: JSON for machines, a page for people."""
from __future__ import annotations

import html
import json
from urllib.parse import urlsplit

from tests.certification.helpers import certificates_of, full_title

EQF_3 = "niveau 3 du CEC"  # European Qualifications Framework, in French


def _urls(document) -> set[str]:
    """Every http(s) string anywhere in a JSON document."""
    if isinstance(document, dict):
        return set().union(*map(_urls, document.values())) if document else set()
    if isinstance(document, list):
        return set().union(*map(_urls, document)) if document else set()
    if isinstance(document, str) and document.startswith(("http://", "https://")):
        return {document}
    return set()


def test_every_url_of_ours_inside_served_credentials_answers(app, db, client, login_as, titles, make_user,
                                                               case_factory, jury_validates):
    candidate, _ = full_title(titles, make_user, case_factory, jury_validates, client, login_as)
    client.post("/auth/logout")
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    served = [client.get(f"/c/{c.public_id}.json").get_json()
              for kind in ("block", "title") for c in certificates_of(db, candidate, kind)]
    status_urls = {c["credentialStatus"]["statusListCredential"] for c in served}
    served += [client.get(urlsplit(url).path).get_json() for url in status_urls]
    ours = {url for document in served for url in _urls(document) if url.startswith(base)}
    achievements = {url for url in ours if "/achievements/" in url}
    assert len(achievements) > 5  # the title, its blocks and their competences
    failing = []
    for url in sorted(ours):
        parts = urlsplit(url)
        response = client.get(parts.path or "/", query_string=parts.query)
        if response.status_code != 200:
            failing.append(f"{url}: {response.status_code}")
    assert failing == []


def test_a_block_achievement_for_people_and_machines(db, client, titles):
    block = titles["RNCP37780"].required_blocks[0]
    page = html.unescape(client.get(f"/achievements/{block.code}").get_data(as_text=True))
    assert block.label in page and titles["RNCP37780"].label in page and EQF_3 in page
    assert all(c.label in page for c in block.competences)
    assert 'id="C1"' in page  # the competences' #C1… anchors in the credential
    machine = client.get(f"/achievements/{block.code}", headers={"Accept": "application/json"})
    assert machine.status_code == 200 and machine.is_json
    document = machine.get_json()
    assert document == client.get(f"/achievements/{block.code}.json").get_json()
    assert document["id"] == f"http://localhost/achievements/{block.code}"
    assert document["achievementType"] == "MicroCredential" and document["humanCode"] == block.code
    outcomes = [a["targetName"] for a in document["alignment"] if a["targetType"] == "ceasn:Competency"]
    assert outcomes == [c.label for c in block.competences]
    assert {"targetType": "ext:EQFLevel", "targetCode": "3"}.items() <= next(
        a for a in document["alignment"] if a["targetType"] == "ext:EQFLevel").items()


def test_a_title_achievement_lists_its_blocks(client, titles):
    title = titles["RNCP37780"]
    page = html.unescape(client.get(f"/achievements/{title.rncp_code}").get_data(as_text=True))
    assert title.label in page and all(b.code in page for b in title.required_blocks)
    document = client.get(f"/achievements/{title.rncp_code}.json").get_json()
    assert document["achievementType"] == "Certificate"


def test_an_achievement_matches_the_one_inside_the_credential(db, client, login_as, titles, make_user,
                                                              case_factory, jury_validates):
    candidate, _ = full_title(titles, make_user, case_factory, jury_validates, client, login_as)
    certificate = certificates_of(db, candidate, "block")[0]
    inside = json.loads(certificate.credential_json)["credentialSubject"]["achievement"]
    served = client.get(urlsplit(inside["id"]).path, headers={"Accept": "application/ld+json"}).get_json()
    served.pop("@context")
    assert served == inside


def test_an_unknown_achievement_is_not_found(client):
    assert client.get("/achievements/RNCP00000BC99").status_code == 404
    assert client.get("/achievements/RNCP00000BC99.json").status_code == 404
