"""The European Digital Credential export (ELM v3 JSON-LD): it expands with the shipped
contexts and no undefined term, and carries every element the EDC application profile's
SHACL shapes (shipped: vae/records/elm/EDC-generic-no-cv.ttl) make mandatory."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from vae.records.elm_contexts import EDC_CONTEXTS, EDC_SHAPES, ContextNotShipped, expand_checked, to_nquads

SH = "http://www.w3.org/ns/shacl#"
ELM = "http://data.europa.eu/snb/model/elm/"


def _mandatory_violations(document: dict) -> list[str]:
    """Every node of a class a shape targets has each `sh:minCount` path at least that often."""
    store = ox.Store()
    store.load(EDC_SHAPES.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:shapes"))
    store.load(to_nquads(document).encode(), format=ox.RdfFormat.N_QUADS, to_graph=ox.NamedNode("urn:data"))
    rules = store.query(f"""PREFIX sh: <{SH}>
        SELECT ?class ?path ?min WHERE {{ GRAPH <urn:shapes> {{
          ?shape sh:targetClass ?class ; sh:property ?p . ?p sh:path ?path ; sh:minCount ?min .
          FILTER(isIRI(?path)) }} }}""")
    violations = []
    for rule in rules:
        klass, path, minimum = rule["class"], rule["path"], int(rule["min"].value)
        for row in store.query(f"""SELECT ?node (COUNT(?v) AS ?n) WHERE {{ GRAPH <urn:data> {{
              ?node a <{klass.value}> . OPTIONAL {{ ?node <{path.value}> ?v }} }} }} GROUP BY ?node"""):
            if int(row["n"].value) < minimum:
                violations.append(f"{row['node']} ({klass.value}) lacks {path.value}")
    return violations


def _export(client, certificate) -> dict:
    response = client.get(f"/my/records/europass/{certificate.public_id}.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    return json.loads(response.data)


def test_the_block_edc_expands_with_no_undefined_term_and_has_the_mandatory_elements(
        db, client, login_as, certified, titles):
    block = titles["RNCP37780"].required_blocks[0]
    block.ects_credits, block.notional_workload_hours = 7.5, 140
    db.session.commit()
    candidate, certificates = certified()
    certificate = next(c for c in certificates if c.block_award.block_id == block.id)
    login_as(candidate)
    document = _export(client, certificate)
    assert document["@context"] == EDC_CONTEXTS
    assert "EuropeanDigitalCredential" in document["type"]
    expanded, dropped = expand_checked(document)
    assert dropped == [] and expanded
    assert _mandatory_violations(document) == []

    achievement = document["credentialSubject"]["hasClaim"]
    spec = achievement["specifiedBy"]
    assert achievement["type"] == "LearningAchievement"
    assert [o["title"]["fr"] for o in spec["learningOutcome"]] == [c.label for c in block.competences]
    assert spec["eqfLevel"]["id"] == f"http://data.europa.eu/snb/eqf/{block.title.eqf_level}"
    assert spec["creditPoint"]["point"] == "7.5" and spec["volumeOfLearning"] == "PT140H"
    assert spec["isPartialQualification"] is True
    assert achievement["awardedBy"]["awardingBody"]["legalName"]["fr"] == "IPERIA"
    assert achievement["provenBy"]["type"] == "LearningAssessment"
    assert document["identifier"]["notation"] == certificate.public_id
    # The issuer node shape (reached through `issuer`, not a target class): one legal identifier.
    assert document["issuer"]["eIDASIdentifier"]["notation"].startswith("did:web:")
    assert _export(client, certificate)["id"] == document["id"]  # stable: a wallet recognises it


def test_the_check_finds_an_undefined_term_and_a_missing_element(db, client, login_as, certified):
    candidate, certificates = certified()
    login_as(candidate)
    document = _export(client, certificates[0])
    document["credentialSubject"]["hasClaim"]["favouriteColour"] = "blue"
    assert expand_checked(document)[1] == ["favouriteColour"]
    del document["credentialSubject"]["hasClaim"]["favouriteColour"]
    del document["credentialSubject"]["hasClaim"]["awardedBy"]
    assert any("LearningAchievement" in v and v.endswith("awardedBy") for v in _mandatory_violations(document))
    document["@context"] = ["https://example.org/elsewhere"]
    with pytest.raises(ContextNotShipped):
        expand_checked(document)


def test_the_title_edc_lists_every_block_competence(db, client, login_as, certified, titles):
    title = titles["RNCP37780"]
    candidate, _blocks = certified(block_codes=[b.code for b in title.required_blocks])
    from tests.certification.helpers import certificates_of

    [title_certificate] = certificates_of(db, candidate, "title")
    login_as(candidate)
    document = _export(client, title_certificate)
    assert expand_checked(document)[1] == [] and _mandatory_violations(document) == []
    spec = document["credentialSubject"]["hasClaim"]["specifiedBy"]
    assert spec["isPartialQualification"] is False
    assert len(spec["learningOutcome"]) == sum(len(b.competences) for b in title.required_blocks)


def test_only_the_holder_exports(db, client, login_as, certified, make_user):
    _holder, certificates = certified()
    login_as(make_user("candidate"))
    assert client.get(f"/my/records/europass/{certificates[0].public_id}.jsonld").status_code == 404
    login_as(make_user("admin"))
    assert client.get(f"/my/records/europass/{certificates[0].public_id}.jsonld").status_code == 403
