"""The ELM v3 JSON-LD contexts, shipped in `elm/` and served from there: nothing is fetched.

A European Digital Credential names two contexts, as the European Commission's samples
do: W3C Verifiable Credentials v1 and the EDC application profile. `expand_checked`
expands a document with them and reports every term JSON-LD would silently drop
(pyld has no safe mode), so an export with an undefined term is caught by a test.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld

ELM_DIR = Path(__file__).with_name("elm")
VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
EDC_AP_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
EDC_CONTEXTS = [VC_V1_CONTEXT, EDC_AP_CONTEXT]
SHIPPED = {VC_V1_CONTEXT: "credentials-v1.jsonld", EDC_AP_CONTEXT: "edc-ap-context.jsonld"}
EDC_SHAPES = ELM_DIR / "EDC-generic-no-cv.ttl"


class ContextNotShipped(LookupError):
    """A document named a context this folder does not hold: refused, never downloaded."""


@cache
def _text(filename: str) -> str:
    return (ELM_DIR / filename).read_text(encoding="utf-8")


def elm_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    filename = SHIPPED.get(url)
    if filename is None:
        raise ContextNotShipped(f"JSON-LD context not shipped, refusing to fetch: {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": json.loads(_text(filename)), "tag": "static"}


def _relative(node: Any, found: list[str]) -> None:
    """`@id` and `@type` values left relative name nothing: RDF conversion drops them too."""
    if isinstance(node, list):
        for item in node:
            _relative(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("@id", "@type"):
                for iri in value if isinstance(value, list) else [value]:
                    if isinstance(iri, str) and not (iri.startswith("_:") or ":" in iri):
                        found.append(iri)
            else:
                _relative(value, found)


def expand_checked(document: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """The expanded form and the sorted terms that expansion dropped or left relative."""
    named = document.get("@context", [])
    for url in named if isinstance(named, list) else [named]:
        if isinstance(url, str) and url not in SHIPPED:  # pyld would bury the reason in its own error
            raise ContextNotShipped(f"JSON-LD context not shipped, refusing to fetch: {url}")
    dropped: list[str] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=lambda term: dropped.append(str(term)))
    expanded = processor.expand(json.loads(json.dumps(document)),
                                {"documentLoader": elm_document_loader, "base": None})
    _relative(expanded, dropped)
    return expanded, sorted(set(dropped))


def to_nquads(document: dict[str, Any]) -> str:
    return jsonld.to_rdf(document, {"documentLoader": elm_document_loader, "base": None,
                                    "format": "application/n-quads"})
