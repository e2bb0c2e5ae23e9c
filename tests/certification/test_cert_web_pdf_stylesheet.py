"""The certificate's stylesheet really applies (WeasyPrint ignored it when served as text/plain)."""
from __future__ import annotations

import logging

from tests.certification.helpers import certificates_of, issue_session


def test_a_certificate_pdf_renders_with_its_stylesheet(db, client, login_as, case_factory, jury_validates, caplog):
    from vae.certification.documents import certificate_pdf

    case = case_factory(block_codes=("RNCP37780BC01",))
    issue_session(client, login_as, jury_validates.admin, jury_validates(case))
    [certificate] = certificates_of(db, case.candidate, "block")
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = certificate_pdf(certificate)
    assert pdf.startswith(b"%PDF-")
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []
