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
        "https://www.w3.org/2018/credentials/v1",
        "https://www.w3.org/ns/credentials/v2/",  # exact match only
        "http://www.w3.org/ns/credentials/v2",
        "file:///etc/passwd",
    ]:
        with pytest.raises(jsonld_loader.OfflineDocumentError):
            jsonld_loader.offline_document_loader(url, {})


def test_callers_get_a_private_copy():
    first = jsonld_loader.load_context(jsonld_loader.VAE_CONTEXT)
    first["@context"]["notionalWorkload"] = "tampered"
    assert jsonld_loader.load_context(jsonld_loader.VAE_CONTEXT)["@context"]["notionalWorkload"] != "tampered"


def test_index_names_existing_files():
    index = json.loads((jsonld_loader.CONTEXTS_DIR / "index.json").read_text())
    for filename in index.values():
        assert (jsonld_loader.CONTEXTS_DIR / filename).is_file()
