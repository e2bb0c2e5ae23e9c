"""The printed documents: block certificate, title certificate (parchemin), transcript (relevé).

Rendered with WeasyPrint through `vae.core.pdf.render_pdf` (no network): the font is
DejaVu (fontconfig), the stylesheet is a static file, the QR code an inline SVG.
Always in French, the language of the certifier's official documents.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select, union
from sqlalchemy.orm import selectinload

from vae.awards import held_block_ids
from vae.certification.credentials import public_url
from vae.core.pdf import render_pdf
from vae.extensions import db
from vae.models import Block, BlockAward, Certificate, Title


def qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass(frozen=True)
class TitleProgress:
    """One title as seen from a candidate: blocks held (with the award) and missing."""

    title: Title
    held: list[tuple]  # (Block, BlockAward)
    missing: list

    @property
    def count(self) -> int:
        return len(self.held)

    @property
    def total(self) -> int:
        return len(self.held) + len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing


def progress_by_title(candidate_id: int, extra_title_ids: set[int] = frozenset(), *,
                      published_only: bool = False) -> list[TitleProgress]:
    """For every title the candidate holds a block of (or works toward), what is held and missing.

    `published_only`: what the candidate may read (a jury's award shows once its session is signed)."""
    held = held_block_ids(candidate_id)
    if published_only:
        from vae.jury.publication import award_published

        held = {block_id: award for block_id, award in held.items() if award_published(award)}
    # The titles of the blocks held are found by the titles' own statement (a subquery, not one more query).
    # One IN over a UNION, not `IN (subquery) OR IN (list)`: PostgreSQL reads that OR by scanning every
    # title (7 ms at 20,000 titles); the union is probed through the primary key.
    wanted = union(select(Block.title_id).where(Block.id.in_(held)),
                   select(Title.id).where(Title.id.in_(set(extra_title_ids))))
    titles = db.session.scalars(
        db.select(Title).where(Title.id.in_(wanted))
        .order_by(Title.rncp_code).options(selectinload(Title.blocks)))  # every title's blocks in one query
    result = []
    for title in titles:
        required = title.required_blocks
        result.append(TitleProgress(title, [(b, held[b.id]) for b in required if b.id in held],
                                    [b for b in required if b.id not in held]))
    return result


def _render(template: str, certificate: Certificate, **context) -> str:
    with force_locale("fr"):
        return render_template(f"certification/pdf/{template}.html", certificate=certificate,
                               certifier=current_app.config["CERTIFIER_NAME"],
                               verify_url=public_url(certificate.public_id),
                               qr=qr_data_uri(public_url(certificate.public_id)), **context)


def _credential(certificate: Certificate) -> dict:
    return json.loads(certificate.credential_json or "{}")


def block_certificate_html(certificate: Certificate) -> str:
    award: BlockAward = certificate.block_award
    return _render("block", certificate, award=award, block=award.block, title=award.block.title,
                   decision=award.decision, session=_session_of(award), credential=_credential(certificate))


def title_certificate_html(certificate: Certificate) -> str:
    award = certificate.title_award
    progress = next(p for p in progress_by_title(certificate.candidate_id, {award.title_id})
                    if p.title.id == award.title_id)
    return _render("title", certificate, award=award, title=award.title, progress=progress,
                   session_of=_session_of)


def transcript_html(certificate: Certificate) -> str:
    return _render("transcript", certificate, progress=progress_by_title(certificate.candidate_id),
                   session_of=_session_of)


def certificate_html(certificate: Certificate) -> str:
    render = {"block": block_certificate_html, "title": title_certificate_html, "transcript": transcript_html}
    return render[certificate.kind](certificate)


def certificate_pdf(certificate: Certificate) -> bytes:
    return render_pdf(certificate_html(certificate))


def _session_of(award: BlockAward):
    """The jury session that decided this award (None for an equivalence)."""
    case_block = award.case_block
    if case_block is None or case_block.interview is None:
        return None
    return case_block.interview.session


def pdf_sha256(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()
