"""Journey in Chromium: Lucie downloads her certificate and badge, anyone verifies it, an admin revokes it."""
from __future__ import annotations

import json
import struct
import zlib

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import log_in
from vae.demo import demo_email, load_demo

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_text_chunks(png: bytes) -> dict[str, str]:
    """keyword -> text of every uncompressed iTXt chunk, read by hand (not with the app's own code)."""
    assert png.startswith(PNG_SIGNATURE)
    chunks, offset = {}, len(PNG_SIGNATURE)
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        data = png[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length:offset + 12 + length])
        assert zlib.crc32(kind + data) == crc
        if kind == b"iTXt":
            keyword, rest = data.split(b"\0", 1)
            compressed, _method, rest = rest[0], rest[1], rest[2:]
            _language, _translated, text = rest.split(b"\0", 2)
            assert compressed == 0
            chunks[keyword.decode("latin-1")] = text.decode("utf-8")
        offset += 12 + length
    return chunks


def _download(page, base_url: str, link_name: str) -> tuple[bytes, str]:
    """Click a download link like a person; also ask for the same URL to read the Content-Type."""
    link = page.get_by_role("link", name=link_name).first
    with page.expect_download() as info:
        link.click()
    data = open(info.value.path(), "rb").read()
    response = page.request.get(base_url + link.get_attribute("href"))
    assert response.ok and response.body() == data
    return data, response.headers["content-type"]


def test_lucie_downloads_verifies_and_sees_her_certificate_revoked(db, live_server, browser, page):
    report = load_demo()
    db.session.commit()
    base = live_server.url
    log_in(page, base, demo_email("candidate5"), report.passwords[demo_email("candidate5")])
    page.wait_for_url(f"{base}/home")
    page.get_by_role("link", name="Mes blocs").first.click()
    page.wait_for_url(f"{base}/my/blocks")
    expect(page.get_by_role("heading", name="Mes blocs")).to_be_visible()

    pdf, pdf_type = _download(page, base, "Attestation (PDF)")
    assert pdf.startswith(b"%PDF-") and pdf_type == "application/pdf"
    png, png_type = _download(page, base, "Badge (PNG)")
    assert png_type == "image/png"
    credential = json.loads(_png_text_chunks(png)["openbadgecredential"])
    assert "OpenBadgeCredential" in credential["type"]

    verify_href = page.get_by_role("link", name="Page de vérification").first.get_attribute("href")
    public_id = verify_href.rsplit("/", 1)[1]
    assert credential["id"].endswith(f"/c/{public_id}")

    visitor = browser.new_context(locale="fr-FR")  # an employer: not signed in
    employer = visitor.new_page()
    employer.goto(f"{base}/c/{public_id}")
    expect(employer.get_by_text("Valide : cette attestation a bien été délivrée")).to_be_visible()
    employer.get_by_role("link", name="Vérifier la signature").click()
    expect(employer.get_by_text("La signature numérique est authentique")).to_be_visible()

    staff = browser.new_context(locale="fr-FR")
    admin = staff.new_page()
    log_in(admin, base, demo_email("admin"), report.passwords[demo_email("admin")])
    admin.wait_for_url(f"{base}/home")
    admin.goto(f"{base}/c/{public_id}")
    admin.locator("summary", has_text="Révoquer").click()  # irreversible: it says so before asking
    expect(admin.get_by_text("L’attestation devient définitivement invalide")).to_be_visible()
    admin.get_by_label("Motif de la révocation").fill("Erreur d'identité du candidat")
    admin.get_by_role("button", name="Oui, révoquer cette attestation").click()
    expect(admin.get_by_text("Révoquée le")).to_be_visible()

    employer.goto(f"{base}/c/{public_id}")
    expect(employer.get_by_text("Révoquée le")).to_be_visible()
    expect(employer.get_by_text("Erreur d'identité du candidat")).to_be_visible()
    expect(employer.get_by_text("Valide : cette attestation")).to_be_hidden()
    visitor.close()
    staff.close()
