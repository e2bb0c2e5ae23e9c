"""Fast RDFC-1.0 canonical N-Quads of a JSON-LD document, byte-identical to pyld URDNA2015.

Where the time went (issue 12): pyld re-processes every type-scoped context of OB 3.0
for every node (each scoped context starts from a fresh clone with a fresh cache key),
`to_rdf` expands the document a second time, and its pure-Python URDNA2015 is slow.
Here:
- `_Processor` memoizes context processing on (active context, local context, flags):
  a processed context is a frozen, immutable value, so reusing it is exact;
- the document is expanded once (that expansion also finds undefined terms) and the
  RDF dataset is built from the expanded form;
- canonicalization is pyoxigraph's RDFC-1.0 (Rust).
Tests compare the output with pyld's `normalize(..., algorithm='URDNA2015')`.
"""
from __future__ import annotations

import json
import re
import threading
from typing import Any

import pyoxigraph
from cachetools import LRUCache
from frozendict import frozendict
from pyld import jsonld

from .jsonld_loader import offline_document_loader

# pyld 3 resolves relative IRIs against a made-up "http://example.org/base/" unless base
# is None; jsonld.js keeps them relative and drops them. Use None everywhere.
_OPTIONS: dict[str, Any] = {"documentLoader": offline_document_loader, "base": None}
_processed: LRUCache = LRUCache(maxsize=4096)
_processed_lock = threading.Lock()  # the app serves requests from several threads; LRUCache is not thread-safe
# A plain dict (cleared when full) is several times cheaper per hit than an LRU here.
_iris: dict[tuple, str | None] = {}
_IRIS_MAX = 100_000


class _Processor(jsonld.JsonLdProcessor):
    """pyld's processor with processed contexts memoized (see module docstring)."""

    def _process_context(self, active_ctx, local_ctx, options, override_protected=False,
                         propagate=True, validate_scoped=True, cycles=None):
        key = _memo_key(active_ctx, local_ctx, options, (override_protected, propagate, validate_scoped))
        if key is not None:
            with _processed_lock:
                hit = _processed.get(key)
            # Object contexts are keyed by identity; holding them keeps the id unique.
            if hit is not None and (hit[0] is local_ctx or isinstance(local_ctx, (str, list))):
                return hit[1]
        result = super()._process_context(active_ctx, local_ctx, options, override_protected,
                                          propagate, validate_scoped, cycles)
        if key is not None and isinstance(result, frozendict):
            with _processed_lock:
                _processed[key] = (local_ctx, result)
        return result

    def _expand_iri(self, active_ctx, value, base=None, vocab=False, local_ctx=None, defined=None):
        # While expanding a document (no context being defined) the result depends only on
        # the frozen active context and the arguments.
        if local_ctx is not None or defined is not None or not isinstance(active_ctx, frozendict) \
                or not isinstance(value, str):
            return super()._expand_iri(active_ctx, value, base, vocab, local_ctx, defined)
        key = (active_ctx["_uuid"], value, base, vocab)
        try:
            return _iris[key]
        except KeyError:
            if len(_iris) >= _IRIS_MAX:
                _iris.clear()
            result = _iris[key] = super()._expand_iri(active_ctx, value, base, vocab)
            return result


def _memo_key(active_ctx: Any, local_ctx: Any, options: dict, flags: tuple) -> tuple | None:
    # Only frozen active contexts are values (a mutable one may still change).
    if not isinstance(active_ctx, frozendict):
        return None
    if isinstance(local_ctx, str):
        ident: Any = local_ctx
    elif isinstance(local_ctx, list) and all(isinstance(c, str) for c in local_ctx):
        ident = tuple(local_ctx)
    elif isinstance(local_ctx, (dict, frozendict)):
        ident = id(local_ctx)
    else:
        return None
    return (active_ctx["_uuid"], ident, flags, options.get("base"), options.get("processingMode"))


class _JsonDocument(dict):
    """pyld deep-copies its input before expanding; for plain JSON a round trip through the
    C json module gives the same copy several times faster."""

    def __deepcopy__(self, memo):
        return json.loads(json.dumps(self))


def expand(document: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """Expanded form and the sorted terms/IRIs that RDF conversion would silently drop."""
    dropped: list[str] = []
    processor = _Processor(on_property_dropped=lambda prop: dropped.append(str(prop)))
    expanded = processor.expand(_JsonDocument(document), dict(_OPTIONS))
    _relative_iris(expanded, dropped)
    return expanded, sorted(set(dropped))


def _is_absolute(iri: str) -> bool:
    # Blank nodes are fine; anything else needs a scheme ("https:", "did:", "urn:", ...).
    return iri.startswith("_:") or (":" in iri and not iri.startswith(":"))


def _relative_iris(node: Any, found: list[str]) -> None:
    """RDF conversion also silently drops triples whose @id/@type stayed relative
    (an undefined ``type`` value, an ``id`` that is not a URL)."""
    if isinstance(node, list):
        for item in node:
            _relative_iris(item, found)
        return
    if not isinstance(node, dict):
        return
    if "@value" in node:
        datatype = node.get("@type")
        if isinstance(datatype, str) and not _is_absolute(datatype):
            found.append(f"@type {datatype}")
        return
    if isinstance(node.get("@id"), str) and not _is_absolute(node["@id"]):
        found.append(f"@id {node['@id']}")
    for type_ in node.get("@type", []):
        if not _is_absolute(type_):
            found.append(f"type {type_}")
    for key, value in node.items():
        if key not in ("@id", "@type"):
            _relative_iris(value, found)


XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NODE_KEYWORDS = {"@id", "@type", "@graph", "@index"}
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _Unsupported(Exception):
    """A JSON-LD feature the direct conversion leaves to pyld (never in our credentials)."""


class _NQuadsWriter:
    """Expanded JSON-LD to N-Quads lines, following JSON-LD 1.1 "Deserialize JSON-LD to
    RDF" for what credentials use: nodes, types, literals (string, boolean, integer),
    lists and graph containers. Anything else raises `_Unsupported` and pyld converts.
    Text is the cheapest way into pyoxigraph, which then canonicalizes (and re-spells)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._blank: dict[str, str] = {}

    def _new_blank(self) -> str:
        label = f"_:n{len(self._blank)}"
        self._blank[label] = label
        return label

    def _term(self, value: str) -> str:
        if value.startswith("_:"):
            if value not in self._blank:
                self._blank[value] = self._new_blank()
            return self._blank[value]
        if not _is_absolute(value) or _NOT_IN_IRI.search(value):
            raise _Unsupported(f"IRI {value}")
        return f"<{value}>"

    def node(self, node: dict[str, Any], graph: str) -> str:
        if "@value" in node or "@list" in node:
            raise _Unsupported("value at node position")
        subject = self._term(node["@id"]) if "@id" in node else self._new_blank()
        for type_ in node.get("@type", []):
            self.lines.append(f"{subject} <{RDF}type> {self._term(type_)}{graph} .\n")
        if "@graph" in node:
            for inner in node["@graph"]:
                self.node(inner, " " + subject)
        for key, values in node.items():
            if key in _NODE_KEYWORDS:
                continue
            if key.startswith("@") or key.startswith("_:"):
                raise _Unsupported(key)
            predicate = self._term(key)
            for value in values:
                self.lines.append(f"{subject} {predicate} {self.object(value, graph)}{graph} .\n")
        return subject

    def object(self, item: dict[str, Any], graph: str) -> str:
        if "@value" in item:
            return self.literal(item)
        if "@list" in item:
            return self.rdf_list(item["@list"], graph)
        return self.node(item, graph)

    def rdf_list(self, items: list[Any], graph: str) -> str:
        head = f"<{RDF}nil>"
        for item in reversed(items):
            cell = self._new_blank()
            self.lines.append(f"{cell} <{RDF}first> {self.object(item, graph)}{graph} .\n")
            self.lines.append(f"{cell} <{RDF}rest> {head}{graph} .\n")
            head = cell
        return head

    def literal(self, item: dict[str, Any]) -> str:
        if set(item) - {"@value", "@type", "@index"}:
            raise _Unsupported("language or direction")  # pyld handles their spelling
        value, datatype = item["@value"], item.get("@type")
        if datatype == "@json" or datatype == XSD + "double":
            raise _Unsupported(datatype)
        if isinstance(value, bool):
            lexical, default = ("true" if value else "false"), XSD + "boolean"
        elif isinstance(value, int) and abs(value) < 10**21:
            lexical, default = str(value), XSD + "integer"
        elif isinstance(value, str):
            lexical, default = value, XSD + "string"
        else:
            raise _Unsupported("double")  # canonical xsd:double spelling is pyld's
        return f'"{lexical.translate(_LITERAL_ESCAPES)}"^^{self._term(datatype or default)}'


def nquads_direct(expanded: list[Any]) -> str:
    """N-Quads of an expanded document; pyld's conversion when a feature is not covered."""
    writer = _NQuadsWriter()
    try:
        for node in expanded:
            writer.node(node, "")
    except _Unsupported:
        return nquads_of_expanded(expanded)
    return "".join(writer.lines)


def nquads_of_expanded(expanded: list[Any]) -> str:
    """The RDF dataset of an expanded document as N-Quads (pyld's to_rdf without re-expanding)."""
    processor = _Processor()
    options = {**_OPTIONS, "produceGeneralizedRdf": False, "processingMode": "json-ld-1.1",
               "rdfDirection": None}
    issuer = jsonld.IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    dataset = {name: processor._graph_to_rdf(graph, issuer, options)
               for name, graph in sorted(node_map.items())
               if name == "@default" or jsonld._is_absolute_iri(name)}
    return processor.to_nquads(dataset)


def canonize_dataset(dataset: pyoxigraph.Dataset) -> str:
    """RDFC-1.0 canonical N-Quads (sorted lines, ``_:c14nN`` blank nodes)."""
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    lines = pyoxigraph.serialize(dataset, format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8")
    return "".join(sorted(lines.splitlines(keepends=True)))


def canonize_nquads(nquads: str) -> str:
    return canonize_dataset(pyoxigraph.Dataset(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)))


def canonize_expanded(expanded: list[Any]) -> str:
    return canonize_nquads(nquads_direct(expanded))


def canonize(document: dict[str, Any]) -> str:
    """Canonical N-Quads of a compact document (undefined terms are NOT checked here)."""
    return canonize_expanded(expand(document)[0])


def pyld_normalize(document: dict[str, Any]) -> str:
    """The reference: pyld's own URDNA2015, for tests and the benchmark baseline."""
    return jsonld.normalize(document, {**_OPTIONS, "algorithm": "URDNA2015",
                                       "format": "application/n-quads"})
