"""Benchmark: PDF certificates rendered per second, beside raw WeasyPrint on the same HTML.

    PYTHONPATH=. python bench/bench_certificates.py [N]

"app" is the full path (queries, template, QR code, WeasyPrint with the static-only
fetcher); "raw" renders the very same HTML string with plain WeasyPrint, in the same run.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def _rate(label: str, n: int, work) -> float:
    start = time.perf_counter()
    for _ in range(n):
        work()
    rate = n / (time.perf_counter() - start)
    print(f"{label:<48} {rate:8.2f} /s")
    return rate


def main(n: int = 10) -> None:
    from flask_migrate import upgrade
    from weasyprint import HTML

    from vae import create_app
    from vae.auth.operations import create_user
    from vae.catalog.reference import load_reference_titles
    from vae.certification import signing
    from vae.certification.documents import certificate_html, certificate_pdf
    from vae.certification.operations import issue_block_certificate
    from vae.core.clock import now
    from vae.extensions import db
    from vae.models import Block, BlockAward

    instance = Path(tempfile.mkdtemp(prefix="bench-cert-"))
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{instance / 'bench.sqlite3'}",
                     INSTANCE_DIR=str(instance))
    with app.app_context(), app.test_request_context():
        upgrade()
        load_reference_titles()
        signing.generate_key(now())
        candidate = create_user(email="bench@example.org", first_name="Jeanne", last_name="Dupont",
                                roles=("candidate",), password="x" * 12)
        block = db.session.scalar(db.select(Block).where(Block.code == "RNCP37780BC01"))
        award = BlockAward(candidate_id=candidate.id, block_id=block.id, source="jury")
        db.session.add(award)
        db.session.flush()
        certificate = issue_block_certificate(award, None)
        db.session.commit()

        html = certificate_html(certificate)
        # Same stylesheet for the baseline, read from disk by WeasyPrint's default fetcher.
        raw_html = html.replace('href="static:', f'href="file://{Path(app.static_folder).resolve()}/')
        certificate_pdf(certificate)  # warm fonts and caches for both
        print(f"PDF certificates, N={n}")
        raw = _rate("raw WeasyPrint, same HTML (baseline)", n,
                    lambda: HTML(string=raw_html).write_pdf())
        ours = _rate("app: block certificate PDF (query+QR+render)", n, lambda: certificate_pdf(certificate))
        print(f"ratio app/raw: {ours / raw:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
