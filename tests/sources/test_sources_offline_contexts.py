"""A credential from another certifier is read only with JSON-LD contexts shipped in the
repository: the machine has no internet, and a context fetched at run time could change under
the signature. A credential naming any other context is refused with that reason, shown to the
certifier and the candidate, and no request is made for it (the issuer's DID document is still
fetched: that is verification)."""
from __future__ import annotations

import html
import json
import re

import pytest

from tests.sources.helpers import claim
from tests.sources.test_sources_outside_credential import BLOCK, _claim_page, _credential_from_elsewhere
from tests.support.browser import serve_app
from vae.certification.vc import jsonld_loader


@pytest.fixture
def recording_certifier(app):
    """The other certifier on a loopback port; every path it is asked for is recorded."""
    requested: list[str] = []
    inner = app.wsgi_app

    def recording(environ, start_response):
        requested.append(environ.get("PATH_INFO", ""))
        return inner(environ, start_response)

    app.wsgi_app = recording
    try:
        with serve_app(app) as served:
            app.config["PUBLIC_BASE_URL"] = served.url
            yield served.url, requested
    finally:
        app.wsgi_app = inner


def test_a_credential_naming_an_unshipped_context_is_refused_without_fetching_it(
        recording_certifier, db, client, login_as, make_user, case_factory, jury_validates):
    base, requested = recording_certifier
    credential, _ = _credential_from_elsewhere(db, client, login_as, make_user, case_factory, jury_validates)
    unknown = f"{base}/ns/other-issuer-context.jsonld"
    credential["@context"].append(unknown)
    candidate = make_user("candidate")
    del requested[:]

    login_as(candidate)
    response = client.post("/my/blocks/declare", data={
        "block_code": BLOCK, "awarding_body": "Autre certificateur", "assessed_on": "2026-03-02",
        "assessment_reference": "", "credential": json.dumps(credential, ensure_ascii=False)})
    assert response.status_code == 302, html.unescape(response.get_data(as_text=True))
    claim_id = int(re.search(r"/block-claims/(\d+)", response.headers["Location"]).group(1))

    reason = f"context {unknown} is not one we can verify offline"
    verification = claim(db, claim_id).verification
    assert (verification["ok"], verification["reason"]) == (False, reason)
    assert "/ns/other-issuer-context.jsonld" not in requested
    assert any(path.endswith("/did.json") for path in requested), requested  # the issuer was resolved
    assert reason in _claim_page(client, login_as, jury_validates.admin, claim_id)
    assert reason in _claim_page(client, login_as, candidate, claim_id)


@pytest.mark.parametrize("url", [
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/2018/credentials/v1",
    "https://w3id.org/security/data-integrity/v2",
])
def test_the_contexts_other_open_badges_issuers_name_ship_with_the_application(url):
    assert jsonld_loader.is_loadable(url)
    assert "@context" in jsonld_loader.offline_document_loader(url)["document"]
