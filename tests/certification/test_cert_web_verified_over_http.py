"""Credentials verify as a verifier in the wild checks them: the app served over HTTP, two
independent verifiers that fetch the issuer's did:web, the project context and the status
list from the addresses the credential names (nothing of ours on their side but what the
server publishes).

- Node: Digital Bazaar's `vc` + `eddsa-rdfc-2022` (tests/node_verifier/verify.mjs), with
  only the standard contexts its npm packages ship.
- Python: spec_verifier.py, written from the specifications (pyld URDNA2015, where the
  app signs with pyoxigraph), run in its own interpreter.
Both must agree on every credential: issued, after a key rotation, revoked, tampered.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from tests.fixtures.node_verifier import json_lines, node_verify, require_node, run_node
from tests.support.browser import serve_app
from vae.models import Certificate

HERE = Path(__file__).resolve().parent
STANDARD_CONTEXTS = HERE.parents[1] / "vae" / "certification" / "vc" / "contexts"


def spec_verify(sources: list[str]) -> list[dict]:
    # Its own interpreter: no cache or module of the app is shared with it.
    return json_lines(subprocess.run([sys.executable, str(HERE / "spec_verifier.py"), str(STANDARD_CONTEXTS),
                                  *sources], capture_output=True, text=True, timeout=300))


def both_verify(sources: list[str]) -> list[tuple[bool, bool | None]]:
    """(verified, revoked) per credential, after checking that the two verifiers agree."""
    node, spec = node_verify(sources), spec_verify(sources)
    node_view = [(r["verified"], r["revoked"]) for r in node]
    spec_view = [(r["verified"], r["revoked"]) for r in spec]
    assert node_view == spec_view, {"node": node, "spec": spec}
    return node_view, node, spec


@pytest.fixture(params=["port", "path"])
def served_base(request, app):
    """The app on 127.0.0.1:<free port>, at the root or under /vae, PUBLIC_BASE_URL naming it."""
    prefix = "/vae" if request.param == "path" else ""
    wsgi = DispatcherMiddleware(NotFound(), {prefix: app}) if prefix else app
    with serve_app(wsgi) as served:
        app.config["PUBLIC_BASE_URL"] = served.url + prefix
        yield served.url + prefix


def _issue_full_title(db, client, login_as, titles, case_factory, jury_validates, candidate=None):
    title = titles["RNCP37780"]
    codes = [b.code for b in title.required_blocks]
    # Every EU element present, so both verifiers read the workload terms too.
    title.ects_credits, title.award_validity_years = 60, 5
    for block in title.required_blocks:
        block.notional_workload_hours, block.ects_credits = 140, 7.5
    db.session.commit()
    session = jury_validates(case_factory(candidate=candidate, block_codes=codes))
    login_as(jury_validates.admin)
    for _ in range(3):  # batches of ten
        client.post(f"/admin/certification/sessions/{session.id}/issue")
    return session


def _credentials(db) -> list[Certificate]:
    return db.session.scalars(select(Certificate).where(Certificate.kind != "transcript")
                              .order_by(Certificate.id)).all()


def test_every_credential_verifies_independently_over_http(served_base, db, client, login_as, titles,
                                                           make_user, case_factory, jury_validates, tmp_path):
    require_node()
    from vae.certification import signing
    from vae.core.clock import now

    _issue_full_title(db, client, login_as, titles, case_factory, jury_validates)
    before_rotation = _credentials(db)
    kinds = {c.kind for c in before_rotation}
    assert kinds == {"block", "title"} and len(before_rotation) >= 3
    sample = json.loads(before_rotation[0].credential_json)
    assert sample["credentialSubject"]["achievement"]["creditsAvailable"] == 7.5
    assert {"validUntil", "evidence"} <= set(sample) and "formOfParticipation" in sample["credentialSubject"]

    signing.rotate_key(now())
    _issue_full_title(db, client, login_as, titles, case_factory, jury_validates, candidate=make_user("candidate"))
    credentials = _credentials(db)
    assert {c.signing_key_id for c in credentials} == {before_rotation[0].signing_key_id,
                                                       credentials[-1].signing_key_id}
    urls = [f"{served_base}/c/{c.public_id}" for c in credentials]

    views, node, spec = both_verify(urls)
    assert views == [(True, False)] * len(urls), {"node": node, "spec": spec}
    did = signing.issuer_did()
    assert did.startswith("did:web:127.0.0.1%3A")
    for report in node + spec:  # fetched from the server, as named by the credential
        assert f"{served_base}/ns/vae-v1.jsonld" in report["fetched"]
        assert any(url.endswith("/did.json") for url in report["fetched"])
        assert any("/status/" in url for url in report["fetched"])

    # Revoking a block of the full title: the block, and the title that rested on it, read revoked.
    block = next(c for c in credentials if c.kind == "block" and c.title_award_id is None
                 and c.candidate_id == credentials[-1].candidate_id)
    title = next(c for c in credentials if c.kind == "title" and c.candidate_id == block.candidate_id)
    login_as(jury_validates.admin)
    client.post(f"/c/{block.public_id}/revoke", data={"reason": "Fraude constatée"})
    views, node, spec = both_verify([f"{served_base}/c/{block.public_id}", f"{served_base}/c/{title.public_id}",
                                     urls[0]])
    assert views == [(True, True), (True, True), (True, False)]

    # Tampered copies fail in both.
    original = client.get(f"/c/{urls[0].rsplit('/', 1)[1]}.json").get_json()
    tampered = []
    for name, change in TAMPERINGS.items():
        copy_ = copy.deepcopy(original)
        change(copy_)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(copy_, ensure_ascii=False))
        tampered.append(str(path))
    views, node, spec = both_verify(tampered)
    assert [v[0] for v in views] == [False] * len(TAMPERINGS), {"node": node, "spec": spec}


def test_the_demo_credentials_verify_independently_over_http(served_base, db, runner):
    require_node()
    result = runner.invoke(args=["vae", "demo"])
    assert result.exit_code == 0, result.output
    urls = [f"{served_base}/c/{c.public_id}" for c in _credentials(db)]
    assert urls
    views, node, spec = both_verify(urls)
    assert views == [(True, False)] * len(urls), {"node": node, "spec": spec}


def _learner_name(credential: dict) -> dict:
    return next(i for i in credential["credentialSubject"]["identifier"] if i["identityType"] == "name")


def _flip_proof_character(credential: dict) -> None:
    value = credential["proof"]["proofValue"]
    credential["proof"]["proofValue"] = value[:-1] + ("2" if value[-1] != "2" else "3")


TAMPERINGS = {
    "competence": lambda c: c["credentialSubject"]["achievement"]["alignment"][-1].update(targetName="Autre"),
    "learner": lambda c: _learner_name(c).update(identityHash="Quelqu'un d'autre"),
    "valid_from": lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
    "proof_value": _flip_proof_character,
    "undefined_property": lambda c: c["credentialSubject"].update(grade="A+"),
}


def test_the_standard_contexts_we_sign_with_are_those_verifiers_ship():
    require_node()
    completed = run_node("compare_contexts.mjs", timeout=60)
    report = json.loads(completed.stdout)
    assert (completed.returncode, report["different"], report["unknown"]) == (0, [], []), report
    assert len(report["same"]) == 12  # VC 1.1/2.0, OB 3.0.0-3.0.3 and extensions, DID, Multikey, DI v1/v2, status v1
