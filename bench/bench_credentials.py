"""Micro-benchmark: credential signing/verification against raw Ed25519.

    PYTHONPATH=. python bench/bench_credentials.py [N]

The baseline (raw Ed25519 over N 32-byte digests) is measured in the same run, so
the ratios say how much JSON-LD work (expansion, RDFC-1.0 canonicalization) costs on
this machine, whatever its speed.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone

from vae.certification.vc import data_integrity, did_web, jsonld_loader, keys, open_badge, status_list

BASE = "https://vae.localhost:8443"
PROJECT_CONTEXT = jsonld_loader.register_project_context(BASE + "/ns")


def _achievement(i: int) -> open_badge.Achievement:
    code = f"RNCP37780BC0{i % 5 + 1}"
    return open_badge.Achievement(
        id=f"{BASE}/achievements/{code}",
        kind=open_badge.AchievementKind.BLOCK,
        code=code,
        name=f"Bloc {code}",
        description="Bloc de compétences du titre RNCP37780",
        criteria_narrative="Dossier de VAE puis entretien avec un jury.",
        eqf_level=3,
        title_code="RNCP37780",
        title_name="Assistant de vie dépendance",
        title_url="https://www.francecompetences.fr/recherche/rncp/37780/",
        learning_outcomes=tuple(
            open_badge.LearningOutcome(f"{code}-C{c}", f"Compétence {c}", f"{BASE}/a/{code}#C{c}")
            for c in range(1, 5)
        ),
        assessment_type="Entretien avec un jury",
        quality_assurance="RNCP",
        notional_workload_hours=120,
    )


def _credentials(n: int, did: str) -> list[dict]:
    issuer = open_badge.Issuer(did=did, name="IPERIA", url=BASE + "/")
    now = datetime(2025, 6, 30, tzinfo=timezone.utc)
    return [
        open_badge.build_open_badge(
            project_context=PROJECT_CONTEXT,
            credential_id=f"{BASE}/c/{i}",
            issuer=issuer,
            learner=open_badge.Learner(f"Candidat {i}", f"c{i}@example.org", open_badge.new_salt()),
            achievement=_achievement(i),
            valid_from=now,
            credential_status=status_list.status_entry(f"{BASE}/status/1", i),
        )
        for i in range(n)
    ]


def _rate(n: int, work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return n / (time.perf_counter() - start)


def main(n: int) -> None:
    did = did_web.did_from_url(BASE)
    ring = keys.KeyRing(did, keys.IssuerKey.from_private("key-1", keys.generate_private_key()))
    now = datetime.now(timezone.utc)
    unsigned = _credentials(n, did)
    digests = [hashlib.sha256(str(i).encode()).digest() for i in range(n)]
    signatures: list[bytes] = []
    signed: list[dict] = []

    data_integrity.sign(unsigned[0], ring.signing_key, ring.current_method_id, now)  # warm caches

    def raw_sign() -> None:
        signatures.extend(ring.signing_key.sign(d) for d in digests)

    def raw_verify() -> None:
        for d, s in zip(digests, signatures, strict=True):
            ring.current.public_key.verify(s, d)

    def cred_sign() -> None:
        signed.extend(
            data_integrity.sign(c, ring.signing_key, ring.current_method_id, now) for c in unsigned
        )

    def cred_verify() -> None:
        for c in signed:
            assert data_integrity.verify(c, ring.resolve).ok

    base_sign = _rate(n, raw_sign)
    base_verify = _rate(n, raw_verify)
    sign_rate = _rate(n, cred_sign)
    verify_rate = _rate(n, cred_verify)

    print(f"N = {n} credentials (OB3 block credential, 4 learning outcomes)")
    print(f"{'operation':<34}{'per second':>12}{'vs raw Ed25519':>17}")
    print(f"{'raw Ed25519 sign (32-byte digest)':<34}{base_sign:>12.1f}{1.0:>16.4f}x")
    print(f"{'raw Ed25519 verify':<34}{base_verify:>12.1f}{1.0:>16.4f}x")
    print(f"{'credential sign (eddsa-rdfc-2022)':<34}{sign_rate:>12.1f}{sign_rate / base_sign:>16.4f}x")
    print(f"{'credential verify':<34}{verify_rate:>12.1f}{verify_rate / base_verify:>16.4f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
