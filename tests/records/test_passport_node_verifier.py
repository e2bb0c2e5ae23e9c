"""The credentials inside a downloaded passport verify with the independent Node verifier
(Digital Bazaar's `vc`, tests/node_verifier), which fetches the issuer's did:web, the project
context and the status list from the app served over HTTP: the files leave the app intact."""
from __future__ import annotations

import io
import zipfile

from tests.fixtures.node_verifier import node_verify, require_node as _require_node
from tests.support.browser import serve_app


def test_every_credential_of_the_passport_verifies_independently(app, db, client, login_as, certified, tmp_path):
    _require_node()
    with serve_app(app) as served:
        app.config["PUBLIC_BASE_URL"] = served.url  # what the credentials name, before they are issued
        candidate, certificates = certified()
        login_as(candidate)
        archive = zipfile.ZipFile(io.BytesIO(client.get("/my/records/passport.zip").data))
        files = []
        for name in sorted(n for n in archive.namelist() if n.startswith("credentials/")):
            path = tmp_path / name.split("/")[-1]
            path.write_bytes(archive.read(name))
            files.append(str(path))
        assert len(files) == len(certificates) == 2
        results = node_verify(files)
    assert [(r["verified"], r["revoked"]) for r in results] == [(True, False)] * 2, results
