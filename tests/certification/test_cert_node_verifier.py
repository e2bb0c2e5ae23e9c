"""Cross-check with an independent implementation (Digital Bazaar's JavaScript stack).

The Python side signs; ``tests/node_verifier/verify.mjs`` verifies in JSON-LD safe
mode with its own copies of the W3C and OB3 contexts. Install it with
``npm ci --prefix tests/node_verifier``.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import certification_samples as samples
import pytest

from vae.certification.vc import data_integrity, did_web, status_list
from vae.certification.vc.open_badge import AchievementKind

VERIFIER_DIR = Path(__file__).resolve().parents[1] / "node_verifier"
INSTALL_HINT = "npm ci --prefix tests/node_verifier"


def _require_verifier() -> None:
    missing = None
    if shutil.which("node") is None:
        missing = "node is not installed"
    elif not (VERIFIER_DIR / "node_modules").is_dir():
        missing = f"tests/node_verifier/node_modules is missing; run: {INSTALL_HINT}"
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"independent verifier unavailable under CI: {missing}")
    pytest.skip(f"independent verifier unavailable: {missing}")


@pytest.fixture(scope="module")
def ring():
    return samples.key_ring(retired=1)


@pytest.fixture(scope="module")
def files(tmp_path_factory, ring):
    """DID document and a signed status list with bit 7 revoked, as served files."""
    folder = tmp_path_factory.mktemp("served")
    bits = status_list.StatusList()
    bits.set(7)
    status = status_list.status_list_credential(samples.LIST_URL, samples.DID, bits, samples.ISSUED_AT)
    paths = {
        "did": folder / "did.json",
        "status": folder / "status.json",
    }
    paths["did"].write_text(json.dumps(did_web.did_document(samples.DID, list(ring.keys))))
    paths["status"].write_text(json.dumps(_sign(ring, status)))
    return paths


def _sign(ring, document, key=None):
    key = key or ring.current
    return data_integrity.sign(document, key.private_key, key.method_id(samples.DID), samples.ISSUED_AT)


def _node_verify(credential, files) -> tuple[int, dict]:
    _require_verifier()
    completed = subprocess.run(
        ["node", str(VERIFIER_DIR / "verify.mjs"), "-", str(files["did"]), str(files["status"])],
        input=json.dumps(credential, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.stdout, completed.stderr
    return completed.returncode, json.loads(completed.stdout)


@pytest.mark.parametrize("kind", list(AchievementKind))
def test_node_verifies_python_signed_credentials(kind, ring, files):
    code, result = _node_verify(_sign(ring, samples.credential(kind, index=12)), files)
    assert (code, result) == (0, {"verified": True, "revoked": False, "errors": []})


def test_node_sees_revocation_at_the_same_bit(ring, files):
    code, result = _node_verify(_sign(ring, samples.credential(index=7)), files)
    assert code == 0 and result["revoked"] is True


def test_node_verifies_a_retired_key(ring, files):
    code, result = _node_verify(_sign(ring, samples.credential(), key=ring.retired[0]), files)
    assert code == 0, result


def test_node_rejects_one_changed_character(ring, files):
    credential = _sign(ring, samples.credential())
    credential["credentialSubject"]["achievement"]["name"] += "!"
    code, result = _node_verify(credential, files)
    assert code == 1 and not result["verified"]
