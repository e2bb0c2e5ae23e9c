"""The credentials as the app serves them verify with an independent verifier (Digital Bazaar, Node).

Uses the app's served did.json and status list. Under CI=true a missing
`tests/node_verifier/node_modules` fails the test instead of skipping it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import select

from tests.support import require_or_skip
from vae.models import Certificate

VERIFIER_DIR = Path(__file__).resolve().parents[1] / "node_verifier"


def _require_verifier() -> None:
    reason = None
    if shutil.which("node") is None:
        reason = "node is not installed"
    elif not (VERIFIER_DIR / "node_modules").is_dir():
        reason = "tests/node_verifier/node_modules is missing; run: npm ci --prefix tests/node_verifier"
    require_or_skip("the independent Node verifier", reason)


def _served(client, tmp_path, credential) -> list[str]:
    did = tmp_path / "did.json"
    did.write_bytes(client.get("/.well-known/did.json").data)
    status_url = credential["credentialStatus"]["statusListCredential"]
    status = tmp_path / "status.json"
    status.write_bytes(client.get(status_url.removeprefix("http://localhost")).data)
    return [str(did), str(status)]


def _node_verify(credential, files) -> tuple[int, dict]:
    completed = subprocess.run(["node", str(VERIFIER_DIR / "verify.mjs"), "-", *files],
                               input=json.dumps(credential, ensure_ascii=False), capture_output=True,
                               text=True, timeout=120)
    assert completed.stdout, completed.stderr
    return completed.returncode, json.loads(completed.stdout)


def test_served_block_and_title_credentials_verify_independently(db, client, login_as, titles, make_user,
                                                                  case_factory, jury_validates, tmp_path):
    _require_verifier()
    codes = [b.code for b in titles["RNCP37780"].required_blocks]
    session = jury_validates(case_factory(block_codes=codes))
    login_as(jury_validates.admin)
    for _ in range(2):
        client.post(f"/admin/certification/sessions/{session.id}/issue")
    block, title = (db.session.scalar(select(Certificate).where(Certificate.kind == kind))
                    for kind in ("block", "title"))
    for certificate in (block, title):
        credential = client.get(f"/c/{certificate.public_id}.json").get_json()
        code, result = _node_verify(credential, _served(client, tmp_path, credential))
        assert (code, result) == (0, {"verified": True, "revoked": False, "errors": []}), certificate.kind

    client.post(f"/c/{block.public_id}/revoke", data={"reason": "Erreur de candidat"})
    credential = client.get(f"/c/{block.public_id}.json").get_json()
    code, result = _node_verify(credential, _served(client, tmp_path, credential))
    assert code == 0 and result["revoked"] is True

    credential["credentialSubject"]["achievement"]["name"] += "!"
    code, result = _node_verify(credential, _served(client, tmp_path, credential))
    assert code == 1 and not result["verified"]
