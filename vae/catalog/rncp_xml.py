"""Reading the France Compétences register export (XML, schema v4.1), one fiche at a time.

Pure: no database. `read_fiches(stream)` yields a `Fiche` for every well-formed
fiche and a `FicheProblem` for every fiche that cannot be imported (no number, a
block without code…), so that the caller lists them. Structural errors (not XML,
wrong root) raise `RegisterFileError`: nothing from such a file can be trusted.

Memory stays flat: each FICHE element is cleared once read, and detached from the
root, so a national export of tens of thousands of fiches is read in constant memory.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError, iterparse

ROOT_TAG = "FICHES"
FICHE_TAG = "FICHE"
_TAG = re.compile(r"<[^>]+>")
_LIST_ITEM = re.compile(r"<li[^>]*>(.*?)</li\s*>", re.IGNORECASE | re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-•*·▪–]|\d+[.)])\s*")
_LEVEL = re.compile(r"(\d)")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class RegisterFileError(Exception):
    """The file as a whole is not a register export (nothing is imported)."""


@dataclass(frozen=True)
class BlockEntry:
    code: str
    label: str
    competences: tuple[str, ...]
    assessment_modalities: str | None


@dataclass(frozen=True)
class Fiche:
    rncp_code: str
    label: str
    eqf_level: int
    active: bool
    certifier_name: str
    end_date: date | None
    assessment_modalities: str | None
    blocks: tuple[BlockEntry, ...]
    older_codes: tuple[str, ...] = ()
    newer_codes: tuple[str, ...] = ()
    # (old block code, new block code) pairs that the register itself names.
    block_correspondences: tuple[tuple[str, str], ...] = field(default=())

    @property
    def digest(self) -> str:
        """A fingerprint of everything imported: equal digests mean nothing to update."""
        canonical = json.dumps(self._as_plain_dict(), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def _as_plain_dict(self) -> dict:
        """What `dataclasses.asdict` gives (so stored digests stay valid), without its deep copies: 4× faster."""
        plain = {f.name: getattr(self, f.name) for f in _FICHE_FIELDS}
        plain["blocks"] = [{f.name: getattr(entry, f.name) for f in _BLOCK_FIELDS} for entry in self.blocks]
        return plain


_FICHE_FIELDS = fields(Fiche)
_BLOCK_FIELDS = fields(BlockEntry)


@dataclass(frozen=True)
class FicheProblem:
    """A fiche that was skipped, and why (`where` names it: number or position in the file)."""

    where: str
    reason: str


def read_fiches(stream: IO[bytes]) -> Iterator[Fiche | FicheProblem]:
    depth = 0
    root: Element | None = None
    position = 0
    last_number = None
    try:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1:
                    if element.tag != ROOT_TAG:
                        raise RegisterFileError(f"root element is <{element.tag}>, expected <{ROOT_TAG}>")
                    root = element
                continue
            depth -= 1
            if depth == 1 and element.tag == FICHE_TAG:
                position += 1
                item = fiche_from_element(element, position)
                if isinstance(item, Fiche):
                    last_number = item.rncp_code
                element.clear()
                root.remove(element)  # detach: the root keeps no reference to read fiches
                yield item
    except ParseError as error:
        after = f" (after fiche {last_number})" if last_number else ""
        raise RegisterFileError(f"not a well-formed XML file: {error}{after}") from error
    if root is None:
        raise RegisterFileError("empty file")


def fiche_from_element(element: Element, position: int) -> Fiche | FicheProblem:
    number = _text(element, "NUMERO_FICHE")
    where = number or f"fiche #{position} (no NUMERO_FICHE)"
    if not number:
        return FicheProblem(where, "the fiche has no number (NUMERO_FICHE)")
    label = _text(element, "INTITULE")
    if not label:
        return FicheProblem(where, "the fiche has no title (INTITULE)")
    level = eqf_level(_text(element, "NOMENCLATURE_EUROPE/NIVEAU"))
    if level is None:
        return FicheProblem(where, "no European (EQF) level 1 to 8 (NOMENCLATURE_EUROPE/NIVEAU)")
    blocks = []
    for index, block in enumerate(element.iterfind("BLOCS_COMPETENCES/BLOC_COMPETENCES"), start=1):
        code = _text(block, "CODE")
        if not code:
            return FicheProblem(where, f"block #{index} has no code (CODE)")
        blocks.append(BlockEntry(
            code=code[:30], label=(_text(block, "LIBELLE") or code)[:500],
            competences=tuple(competences_from_text(_text(block, "LISTE_COMPETENCES"))),
            assessment_modalities=_plain(_text(block, "MODALITES_EVALUATION")) or None))
    certifiers = [_text(c, "NOM_CERTIFICATEUR") for c in element.iterfind("CERTIFICATEURS/CERTIFICATEUR")]
    try:
        end = parse_date(_text(element, "DATE_FIN_ENREGISTREMENT"))
    except ValueError:
        return FicheProblem(where, "unreadable end date (DATE_FIN_ENREGISTREMENT)")
    return Fiche(
        rncp_code=number[:20], label=label[:500], eqf_level=level,
        active=_text(element, "ACTIF").lower() in ("oui", "true", "1", "yes", "actif", "active"),
        certifier_name=", ".join(c for c in certifiers if c)[:300] or "?",
        end_date=end,
        assessment_modalities=_plain(_text(element, "MODALITES_EVALUATION")) or None,
        blocks=tuple(blocks),
        older_codes=_codes(element, "ANCIENNES_CERTIFICATIONS"),
        newer_codes=_codes(element, "NOUVELLES_CERTIFICATIONS"),
        block_correspondences=tuple(
            (_text(c, "ANCIEN_BLOC"), _text(c, "NOUVEAU_BLOC"))
            for c in element.iterfind("CORRESPONDANCES_BLOCS/CORRESPONDANCE")
            if _text(c, "ANCIEN_BLOC") and _text(c, "NOUVEAU_BLOC")),
    )


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
    """LISTE_COMPETENCES is HTML-ish: <li> items when there are any, else one competence per line."""
    if not text:
        return []
    items = _LIST_ITEM.findall(text)
    if not items:
        items = re.split(r"<br\s*/?>|</p>|\n", text, flags=re.IGNORECASE)
    competences = []
    for item in items:
        label = _BULLET.sub("", _plain(item))
        if label:
            competences.append(label)
    return competences


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


def _text(element: Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _plain(text: str) -> str:
    """Tags removed, entities decoded, white space collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def _codes(element: Element, path: str) -> tuple[str, ...]:
    container = element.find(path)
    if container is None:
        return ()
    return tuple(sorted({(child.text or "").strip() for child in container if (child.text or "").strip()}))
