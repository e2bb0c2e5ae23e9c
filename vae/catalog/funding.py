"""How a title can be funded, as the certifier records it: edited on a page or imported from a CSV file.

Nothing here asks an outside service: the data are what the certifier's staff enter. Titles of the
RNCP and of the Répertoire spécifique are eligible to the CPF by law (Code du travail, L. 6323-6), so
the CPF line is shown as eligible until the certifier says otherwise.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vae.core.audit import record
from vae.core.refusal import Refused
from vae.extensions import db
from vae.models import Title, TitleFunding, User
from vae.models.states import FUNDING_KINDS

KIND_LABELS = {
    "cpf": _l("Personal training account (CPF)"),
    "france_travail": _l("France Travail"),
    "regional": _l("Regional aid"),
    "employer": _l("Employer's skills development plan"),
}
assert set(KIND_LABELS) == set(FUNDING_KINDS)
CPF_REGISTERS = ("rncp", "rs")
CPF_DEFAULT_URL = "https://www.moncompteformation.gouv.fr/"
CSV_COLUMNS = ("rncp_code", "kind", "available", "label", "url", "note")
MAX_CSV_ROWS = 5000
YES, NO = {"1", "true", "yes", "oui", "y", "o"}, {"0", "false", "no", "non", "n"}


@dataclass
class FundingLine:
    kind: str
    available: bool
    label: str
    url: str
    note: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _default(title: Title, kind: str) -> FundingLine:
    if kind == "cpf":
        return FundingLine("cpf", title.register in CPF_REGISTERS, "", CPF_DEFAULT_URL, "")
    return FundingLine(kind, False, "", "", "")


def funding_of(title: Title) -> list[FundingLine]:
    """Every kind of funding, in a fixed order: what the certifier recorded, else the default."""
    return funding_by_title([title])[title.id]


def funding_by_title(titles: list[Title]) -> dict[int, list[FundingLine]]:
    """`funding_of` for several titles in one query (a page listing titles reads them at once)."""
    recorded: dict[int, dict[str, TitleFunding]] = {title.id: {} for title in titles}
    if titles:
        for row in db.session.scalars(select(TitleFunding).where(TitleFunding.title_id.in_(recorded))):
            recorded[row.title_id][row.kind] = row
    return {title.id: [_line(recorded[title.id].get(kind)) or _default(title, kind) for kind in FUNDING_KINDS]
            for title in titles}


def _line(row: TitleFunding | None) -> FundingLine | None:
    return None if row is None else FundingLine(row.kind, row.available, row.label, row.url, row.note)


def available_funding(title: Title) -> list[FundingLine]:
    return [line for line in funding_of(title) if line.available]


def available_funding_by_title(titles: list[Title]) -> dict[int, list[FundingLine]]:
    return {title_id: [line for line in lines if line.available]
            for title_id, lines in funding_by_title(titles).items()}


def line_problems(kind: str, label: str, url: str, note: str) -> list[str]:
    """Why one line cannot be saved (the same rules for the page and the CSV import)."""
    problems = []
    if kind not in FUNDING_KINDS:
        problems.append(_("Unknown kind of funding “%(kind)s” (expected one of: %(kinds)s).",
                          kind=kind, kinds=", ".join(FUNDING_KINDS)))
    if len(label) > 200:
        problems.append(_("The label is longer than 200 characters."))
    if url and (not url.startswith(("https://", "http://")) or len(url) > 500 or any(c.isspace() for c in url)):
        problems.append(_("The link must be a web address starting with https:// (500 characters at most)."))
    if any(ord(c) < 32 for c in label + url):
        problems.append(_("Line breaks and control characters are not allowed in the label or the link."))
    if len(note) > 2000:
        problems.append(_("The note is longer than 2000 characters."))
    return problems


def _store(title: Title, kind: str, available: bool, label: str, url: str, note: str) -> None:
    row = db.session.scalar(select(TitleFunding).where(TitleFunding.title_id == title.id, TitleFunding.kind == kind))
    if row is None:
        row = TitleFunding(title_id=title.id, kind=kind)
        db.session.add(row)
    row.available, row.label, row.url, row.note = available, label, url, note


def save_funding(title: Title, lines: dict[str, dict], actor: User) -> None:
    """Record the funding of a title: {kind: {available, label, url, note}}; refused with every reason."""
    problems = []
    for kind, line in lines.items():
        problems += [f"{KIND_LABELS.get(kind, kind)}: {p}" for p in
                     line_problems(kind, line["label"].strip(), line["url"].strip(), line["note"].strip())]
    if problems:
        raise Refused(problems)
    for kind, line in lines.items():
        _store(title, kind, bool(line["available"]), line["label"].strip(), line["url"].strip(), line["note"].strip())
    db.session.flush()
    record(actor, "title", title.id, "funding_updated", data={"kinds": sorted(lines)})


def import_funding_csv(text: str, actor: User) -> int:
    """Import lines `rncp_code,kind,available,label,url,note` (a header first). Every line is checked
    first: on any error nothing is written and every error is given with its line number."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if tuple(header) != CSV_COLUMNS:
        raise Refused(_("Line 1: the columns must be: %(columns)s.", columns=",".join(CSV_COLUMNS)))
    titles = {t.rncp_code: t for t in db.session.scalars(select(Title))}
    problems, lines, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number > MAX_CSV_ROWS + 1:
            problems.append(_("The file has more than %(n)d lines.", n=MAX_CSV_ROWS))
            break
        if len(row) != len(CSV_COLUMNS):
            problems.append(_("Line %(n)d: %(found)d columns instead of %(expected)d.",
                              n=number, found=len(row), expected=len(CSV_COLUMNS)))
            continue
        code, kind, available, label, url, note = (cell.strip() for cell in row)
        found = [p for p in line_problems(kind, label, url, note)]
        title = titles.get(code)
        if title is None:
            found.append(_("No title with the code “%(code)s” in the catalogue.", code=code))
        if available.lower() not in YES | NO:
            found.append(_("“available” must be yes or no, not “%(value)s”.", value=available))
        if (code, kind) in seen:
            found.append(_("This title and kind of funding already appear on an earlier line."))
        seen.add((code, kind))
        problems += [_("Line %(n)d: %(problem)s", n=number, problem=p) for p in found]
        if not found:
            lines.append((title, kind, available.lower() in YES, label, url, note))
    if problems:
        raise Refused(problems)
    if not lines:
        raise Refused(_("The file has no line to import."))
    for title, kind, available, label, url, note in lines:
        _store(title, kind, available, label, url, note)
    db.session.flush()
    record(actor, "title_funding", 0, "funding_imported", data={"lines": len(lines)})
    return len(lines)
