import json

import pytest
from pyld import jsonld

from vae.certification.vc import jsonld_loader


def test_every_shipped_context_loads_and_is_processable():
    urls = jsonld_loader.shipped_urls()
    assert jsonld_loader.VC_V2_CONTEXT in urls
    assert jsonld_loader.OB_V3_CONTEXT in urls
    for url in urls:
        remote = jsonld_loader.offline_document_loader(url, {})
        assert remote["documentUrl"] == url
        assert "@context" in remote["document"]
        # pyld must accept it as a context (syntax, protected terms...).
        jsonld.expand({"@context": url}, {"documentLoader": jsonld_loader.offline_document_loader})


def test_other_urls_are_refused_without_any_fetch():
    for url in [
        "https://w3id.org/security/suites/ed25519-2020/v1",  # a context we do not ship
        "https://www.w3.org/ns/credentials/v2/",  # exact match only
        "http://www.w3.org/ns/credentials/v2",
        "file:///etc/passwd",
    ]:
        with pytest.raises(jsonld_loader.OfflineDocumentError):
            jsonld_loader.offline_document_loader(url, {})


def test_callers_get_a_private_copy():
    url = jsonld_loader.register_project_context("https://issuer.example/ns")
    first = jsonld_loader.load_context(url)
    first["@context"]["notionalWorkload"] = "tampered"
    assert jsonld_loader.load_context(url)["@context"]["notionalWorkload"] != "tampered"


def test_project_context_lives_under_the_deployment_and_names_its_own_vocabulary():
    url = jsonld_loader.register_project_context("http://127.0.0.1:5000/vae/ns/")
    assert url == "http://127.0.0.1:5000/vae/ns/vae-v1.jsonld"
    context = jsonld_loader.load_context(url)["@context"]
    assert context["vae"] == "http://127.0.0.1:5000/vae/ns/vae#"
    expanded = jsonld.expand({"@context": url, "notionalWorkload": "PT10H"},
                             {"documentLoader": jsonld_loader.offline_document_loader, "base": None})
    assert "http://127.0.0.1:5000/vae/ns/vae#notionalWorkload" in expanded[0]


def test_an_unregistered_project_context_is_refused():
    with pytest.raises(jsonld_loader.OfflineDocumentError):
        jsonld_loader.offline_document_loader("https://elsewhere.example/ns/vae-v1.jsonld", {})


def test_index_names_existing_files():
    index = json.loads((jsonld_loader.CONTEXTS_DIR / "index.json").read_text())
    for filename in index.values():
        assert (jsonld_loader.CONTEXTS_DIR / filename).is_file()
