"""Reading the France Compétences register export (XML, schema v4.1), one fiche at a time.

Pure: no database. `read_fiches(stream)` yields a `Fiche` for every well-formed
fiche and a `FicheProblem` for every fiche that cannot be imported (no number, a
block without code…), so that the caller lists them. Structural errors (not XML,
wrong root) raise `RegisterFileError`: nothing from such a file can be trusted.

Memory stays flat: each FICHE element is cleared once read, and detached from the
root, so a national export of tens of thousands of fiches is read in constant memory.

Speed: every fiche gets a fingerprint, the SHA-256 of its bytes (`register_pieces` cuts them). Given
the fingerprints already imported (`known`), a fiche whose fingerprint is unchanged is
yielded as `Unchanged` without being parsed at all: a monthly re-import of the whole
register costs little more than reading the XML (docs/rncp-import.md has the figures).
"""
from __future__ import annotations

import hashlib
import html
import re
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, NamedTuple
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from vae.catalog.competence_list import CompetenceItem, split_competences
from vae.catalog.register_pieces import FICHE, DoctypeRefused, pieces

ROOT_TAG = "FICHES"
FICHE_TAG = "FICHE"
_TAG = re.compile(r"<[^>]+>")
_LEVEL = re.compile(r"(\d)")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Part of every fingerprint: raise it when the reading of a fiche changes (a new competence
# shape, a new field), so that the next import reads every fiche again instead of
# keeping what an older reader made of an unchanged file.
READER_VERSION = "3"


class RegisterFileError(Exception):
    """The file as a whole is not a register export (nothing is imported)."""


@dataclass(frozen=True)
class BlockEntry:
    code: str
    label: str
    competences: tuple[CompetenceItem, ...]
    assessment_modalities: str | None


class Link(NamedTuple):
    """What the register says counts toward what: holding `old` (a block, or a title's blocks
    matched by label when `old_block` is None) counts toward `new`. Either title may be
    outside the file: links are stored and resolved when both sides are in the catalogue."""

    old_title: str | None
    old_block: str | None
    new_title: str | None
    new_block: str | None
    kind: str  # "version" (ANCIENNES/NOUVELLES_CERTIFICATIONS) or "correspondence"


@dataclass(frozen=True)
class Fiche:
    rncp_code: str
    label: str
    eqf_level: int | None  # None for the Répertoire spécifique (not on the EQF scale)
    active: bool
    certifier_name: str
    end_date: date | None
    assessment_modalities: str | None
    blocks: tuple[BlockEntry, ...]
    older_codes: tuple[str, ...] = ()
    newer_codes: tuple[str, ...] = ()
    links: tuple[Link, ...] = field(default=())
    register: str = "rncp"  # "rs" for the Répertoire spécifique
    # SI_JURY_VAE/ACTIF: may a candidate apply through VAE? (absent: not stated, taken as open)
    vae_open: bool = True
    vae_jury_composition: str | None = None
    # The fiche's `fingerprint`: equal digests mean nothing to update (stored as Title.source_digest).
    digest: str = ""


class Unchanged(NamedTuple):
    """A fiche whose fingerprint equals the one already imported: nothing of it was read further."""

    rncp_code: str


@dataclass(frozen=True)
class FicheProblem:
    """A fiche that was skipped, and why (`where` names it: number or position in the file)."""

    where: str
    reason: str


def fingerprint(element: Element) -> str:
    """SHA-256 of the fiche's tags and texts, in document order, with the reader's version: the
    fingerprint of a fiche the byte cutter left to the element tree (see `read_fiches`).

    Texts are taken per element (an empty one counts), so text moving from one element to
    another changes it. Tails are left out: the export has no mixed content (its HTML lists
    are escaped text), and the white space between elements is not content."""
    nodes = list(element.iter())
    digest = hashlib.sha256(READER_VERSION.encode())
    digest.update("\x1e".join([node.tag for node in nodes]).encode("utf-8"))
    digest.update("\x1f".join([node.text or "" for node in nodes]).encode("utf-8"))
    return digest.hexdigest()


def read_fiches(stream: IO[bytes], known: Mapping[str, str | None] | None = None
                ) -> Iterator[Fiche | FicheProblem | Unchanged]:
    """Every fiche of the file in order; with `known` (RNCP code → fingerprint already imported),
    a fiche whose fingerprint is unchanged comes as `Unchanged`.

    One XML parser reads the whole file except the fiches found unchanged: the file's bytes
    are cut into fiches first (`register_pieces`); a fiche's fingerprint is the SHA-256 of its
    bytes, and only a fiche whose fingerprint is not known is fed to the parser, which builds
    it without reporting an event per element. What lies between fiches (and any fiche the
    cutter did not recognise) is parsed with events, as a plain pull parser would: the root
    is checked there, and a FICHE child of the root met there is read the element way."""
    parser = XMLPullParser(events=_EVENTS)
    c_parser, queue = getattr(parser, "_parser", None), getattr(parser, "_events_queue", None)
    # Private to CPython's XMLPullParser (3.11 to 3.13): without it, every fiche goes the event way.
    silenceable = hasattr(c_parser, "_setevents") and queue is not None
    flush = getattr(parser, "flush", None)  # expat ≥ 2.6 may defer the end of a fed piece
    root: Element | None = None
    depth = position = 0
    last_number = None
    try:
        cut = pieces(stream)
        encoding = next(cut)
        seed = hashlib.sha256(f"{READER_VERSION}\x1e{encoding}\x1e".encode())
        for kind, data in cut:
            if kind is FICHE and depth == 1 and silenceable:
                position += 1
                hashed = seed.copy()
                hashed.update(data)
                digest = hashed.hexdigest()
                item = _unchanged_bytes(data, encoding, digest, known) if known else None
                if item is None:
                    c_parser._setevents(queue, ())
                    parser.feed(data)
                    if flush is not None:
                        flush()
                    c_parser._setevents(queue, _EVENTS)
                    element = root[-1] if len(root) else None
                    if element is None or element.tag != FICHE_TAG:
                        raise RegisterFileError("the file could not be cut into fiches")
                    item = fiche_from_element(element, position, digest)
                    root.remove(element)  # detach: the root keeps no reference to read fiches
                if not isinstance(item, FicheProblem):
                    last_number = item.rncp_code
                yield item
                continue
            parser.feed(data)
            for event, element in parser.read_events():
                if event == "start":
                    depth += 1
                    if root is None:
                        if element.tag != ROOT_TAG:
                            raise RegisterFileError(f"root element is <{element.tag}>, expected <{ROOT_TAG}>")
                        root = element
                    continue
                depth -= 1
                # A FICHE child of the root (a FICHE tag deeper down is not one of them).
                if depth == 1 and element.tag == FICHE_TAG:
                    position += 1
                    digest = fingerprint(element)
                    item = _unchanged(element, digest, known) if known else None
                    if item is None:
                        item = fiche_from_element(element, position, digest)
                    if not isinstance(item, FicheProblem):
                        last_number = item.rncp_code
                    element.clear()
                    root.remove(element)
                    yield item
        parser.close()
    except ParseError as error:
        after = f" (after fiche {last_number})" if last_number else ""
        raise RegisterFileError(f"not a well-formed XML file: {error}{after}") from error
    except DoctypeRefused as error:
        raise RegisterFileError(f"{error}: the register export has none (entities are refused)") from error
    if root is None:
        raise RegisterFileError("empty file")


_EVENTS = ("start", "end")
_NUMBER = re.compile(rb"<NUMERO_FICHE>([^<]*)</NUMERO_FICHE>")


def _unchanged_bytes(data: bytes, encoding: str, digest: str, known: Mapping[str, str | None]) -> Unchanged | None:
    """`Unchanged` when the fingerprint stored for the fiche's number is this one. The number is
    read from the bytes (the first NUMERO_FICHE): were it not the fiche's own, no fingerprint
    stored under it could be this digest (the same bytes were stored under their own number),
    so a fiche is at worst parsed for nothing, never wrongly skipped."""
    found = _NUMBER.search(data)
    if found is None:
        return None
    number = found.group(1).decode(encoding, "replace").strip()[:20]
    return Unchanged(number) if known.get(number) == digest else None


def _unchanged(element: Element, digest: str, known: Mapping[str, str | None]) -> Unchanged | None:
    number = _text(element, "NUMERO_FICHE")[:20]
    return Unchanged(number) if known.get(number) == digest else None


def fiche_from_element(element: Element, position: int, digest: str | None = None) -> Fiche | FicheProblem:
    number = _text(element, "NUMERO_FICHE")
    where = number or f"fiche #{position} (no NUMERO_FICHE)"
    if not number:
        return FicheProblem(where, "the fiche has no number (NUMERO_FICHE)")
    label = _text(element, "INTITULE")
    if not label:
        return FicheProblem(where, "the fiche has no title (INTITULE)")
    register = "rs" if number.upper().startswith("RS") else "rncp"
    level = eqf_level(_text(_child(element, "NOMENCLATURE_EUROPE", "NIVEAU")))
    if level is None and register == "rncp":
        return FicheProblem(where, "no European (EQF) level 1 to 8 (NOMENCLATURE_EUROPE/NIVEAU)")
    # Only this path: BLOC_COMPETENCES also occurs, with a CODE alone, under CORRESPONDANCES.
    blocks = _blocks(_children(element, "BLOCS_COMPETENCES", "BLOC_COMPETENCES"))
    if isinstance(blocks, str):
        return FicheProblem(where, blocks)
    if register == "rs" and not blocks:
        # An RS certification is one unit to validate: one block holding its CAPACITES_ATTESTEES.
        blocks = (BlockEntry(
            code=number[:30], label=label[:500],
            competences=tuple(split_competences(_text(element, "CAPACITES_ATTESTEES"))),
            assessment_modalities=_plain(_text(element, "MODALITES_EVALUATION")) or None),)
    certifiers = [_text(c, "NOM_CERTIFICATEUR") for c in _children(element, "CERTIFICATEURS", "CERTIFICATEUR")]
    try:
        end = parse_date(_text(element, "DATE_FIN_ENREGISTREMENT"))
    except ValueError:
        return FicheProblem(where, "unreadable end date (DATE_FIN_ENREGISTREMENT)")
    number = number[:20]
    older, newer = _codes(element, "ANCIENNES_CERTIFICATIONS"), _codes(element, "NOUVELLES_CERTIFICATIONS")
    vae = element.find("SI_JURY_VAE")
    return Fiche(
        rncp_code=number, label=label[:500], eqf_level=level,
        # ACTIF as a direct child only: every SI_JURY_* holds its own ACTIF.
        active=_yes(_text(element, "ACTIF")),
        certifier_name=", ".join(dict.fromkeys(c for c in certifiers if c))[:300] or "?",
        end_date=end,
        assessment_modalities=_plain(_text(element, "MODALITES_EVALUATION")) or None,
        blocks=blocks,
        older_codes=older, newer_codes=newer,
        links=tuple(_version_links(number, older, newer)) + tuple(_correspondences(element, number)),
        register=register,
        vae_open=_yes(_text(vae, "ACTIF")) if vae is not None else True,
        vae_jury_composition=(_plain(_text(vae, "COMPOSITION")) or None) if vae is not None else None,
        digest=digest or fingerprint(element),
    )


def _blocks(elements: list[Element]) -> tuple[BlockEntry, ...] | str:
    """The blocks of BLOCS_COMPETENCES, or why the fiche cannot be imported."""
    blocks = []
    for index, block in enumerate(elements, start=1):
        code = _text(block, "CODE")
        if not code:
            return f"block #{index} has no code (CODE)"
        blocks.append(BlockEntry(
            code=code[:30], label=(_text(block, "LIBELLE") or code)[:500],
            competences=tuple(split_competences(_text(block, "LISTE_COMPETENCES"))),
            assessment_modalities=_plain(_text(block, "MODALITES_EVALUATION")) or None))
    return tuple(blocks)


def _yes(text: str) -> bool:
    return text.lower() in ("oui", "true", "1", "yes", "actif", "active")


def _version_links(number: str, older: tuple[str, ...], newer: tuple[str, ...]) -> Iterator[Link]:
    for code in older:
        yield Link(code, None, number, None, "version")
    for code in newer:
        yield Link(number, None, code, None, "version")


_TITLE_OF_BLOCK = re.compile(r"^(RNCP|RS)\d+", re.IGNORECASE)


def _correspondences(element: Element, number: str) -> Iterator[Link]:
    """CORRESPONDANCES: a block of this fiche (SOURCE; none = the whole fiche) corresponds to
    zero, one or several blocks of another title (DESTINATION). Holding the destination
    counts toward this fiche's block: the register states it when registering this fiche."""
    for item in _children(element, "CORRESPONDANCES", "CORRESPONDANCE"):
        source = _text(_child(item, "SOURCE", "BLOC_COMPETENCES"), "CODE")[:30] or None
        target = _text(_child(item, "DESTINATION", "NUMERO_FICHE"))[:20]
        if not target:
            continue
        target_blocks = [(_text(b, "CODE"))[:30] for b in _children(item, "DESTINATION", "BLOC_COMPETENCES")]
        for target_block in [b for b in target_blocks if b] or [None]:
            yield Link(target, target_block, number, source, "correspondence")
    # An earlier, hand-made shape (CORRESPONDANCES_BLOCS: ANCIEN_BLOC of this fiche → NOUVEAU_BLOC).
    for item in _children(element, "CORRESPONDANCES_BLOCS", "CORRESPONDANCE"):
        old, new = _text(item, "ANCIEN_BLOC")[:30], _text(item, "NOUVEAU_BLOC")[:30]
        if old and new:
            owner = _TITLE_OF_BLOCK.match(new)
            yield Link(number, old, owner.group(0).upper() if owner else None, new, "correspondence")


def eqf_level(text: str) -> int | None:
    """'NIV3' (or 'Niveau 3', '3') → 3; anything else → None."""
    found = _LEVEL.search(text or "")
    level = int(found.group(1)) if found else None
    return level if level is not None and 1 <= level <= 8 else None


def parse_date(text: str) -> date | None:
    """The register writes dd/mm/yyyy; ISO dates are accepted too."""
    if not text:
        return None
    register_form = _DAY_MONTH_YEAR.fullmatch(text[:10])
    if register_form:  # strptime is ten times slower, and this runs once per fiche
        day, month, year = (int(part) for part in register_form.groups())
        return date(year, month, day)  # ValueError for 31/02/2030
    return datetime.strptime(text[:10], "%Y-%m-%d").date()


def competences_from_text(text: str) -> list[str]:
    """The competence labels of a LISTE_COMPETENCES (see `competence_list.split_competences`)."""
    return [item.label for item in split_competences(text)]


@contextmanager
def open_register(path: str | Path) -> Iterator[IO[bytes]]:
    """The XML itself, or the first .xml file inside a zip (read as a stream, never extracted)."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".xml")]
            if not names:
                raise RegisterFileError(f"{path.name}: the zip holds no .xml file")
            with archive.open(names[0]) as stream:
                yield stream
    else:
        with path.open("rb") as stream:
            yield stream


def _text(element: Element | None, tag: str | None = None) -> str:
    """The stripped text of `element`'s first `tag` child (of `element` itself without a tag).
    A plain tag: Element.find looks it up in C, where a path with "/" would go through
    ElementPath, in Python, on every call (see `_child`)."""
    if element is None:
        return ""
    return ((element.text if tag is None else element.findtext(tag)) or "").strip()


def _child(element: Element | None, outer: str, inner: str) -> Element | None:
    """`element.find("outer/inner")` without ElementPath."""
    if element is None:
        return None
    for container in element.findall(outer):
        found = container.find(inner)
        if found is not None:
            return found
    return None


def _children(element: Element, outer: str, inner: str) -> list[Element]:
    """`element.findall("outer/inner")` without ElementPath."""
    containers = element.findall(outer)
    if len(containers) == 1:
        return containers[0].findall(inner)
    return [found for container in containers for found in container.findall(inner)]


def _plain(text: str) -> str:
    """Tags removed, entities decoded, white space collapsed."""
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def _codes(element: Element, path: str) -> tuple[str, ...]:
    """Every code under the container, however deeply nested (the real export nests two levels:
    ANCIENNE_CERTIFICATION/ID_FICHE_ANCIENNE_CERTIFICATION)."""
    container = element.find(path)
    if container is None:
        return ()
    return tuple(sorted({text.strip()[:20] for text in container.itertext() if text.strip()}))
