"""Micro-benchmark: credential signing and verification (eddsa-rdfc-2022) on one core.

    PYTHONPATH=. python bench/bench_credentials.py [N]

Baseline: ONE pyld ``normalize`` (URDNA2015) of the same credential, i.e. the
canonicalization alone as pyld does it, measured in the same run. Sign and verify each
include the JSON-LD safe-mode check (undefined terms) and two canonicalizations (proof
options and document). The measures are interleaved (baseline, sign, verify, raw Ed25519
in every round) and the median of several rounds is reported, so that a neighbour using
the CPU for a moment skews one round, not the result. Raw Ed25519 over a 32-byte
digest is shown for reference only (it is different work).
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone

from vae.certification.vc import canonical, data_integrity, did_web, jsonld_loader, keys, open_badge, status_list

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


def _seconds_per_item(items: list, work: Callable) -> float:
    start = time.perf_counter()
    for item in items:
        work(item)
    return (time.perf_counter() - start) / len(items)


GOAL_PER_SECOND = 300
ROUNDS = 7


def main(n: int) -> None:
    did = did_web.did_from_url(BASE)
    ring = keys.KeyRing(did, keys.IssuerKey.from_private("key-1", keys.generate_private_key()))
    now = datetime.now(timezone.utc)
    unsigned = _credentials(n, did)
    baseline_items = unsigned[: max(5, n // 10)]  # pyld is slow: fewer items, same kind of credential
    digests = [hashlib.sha256(str(i).encode()).digest() for i in range(n)]
    signed = [data_integrity.sign(c, ring.signing_key, ring.current_method_id, now) for c in unsigned]
    signatures = [ring.signing_key.sign(d) for d in digests]
    public_key = ring.current.public_key

    def verify(credential: dict) -> None:
        assert data_integrity.verify(credential, ring.resolve).ok

    works = {
        "pyld normalize (baseline)": (baseline_items, canonical.pyld_normalize),
        "credential sign": (unsigned, lambda c: data_integrity.sign(c, ring.signing_key,
                                                                    ring.current_method_id, now)),
        "credential verify": (signed, verify),
        "raw Ed25519 sign": (digests, ring.signing_key.sign),
        "raw Ed25519 verify": (list(zip(digests, signatures)), lambda p: public_key.verify(p[1], p[0])),
    }
    for items, work in works.values():  # warm every cache once
        work(items[0])
    samples: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(ROUNDS):
        for name, (items, work) in works.items():
            samples[name].append(_seconds_per_item(items, work))
    median = {name: statistics.median(times) for name, times in samples.items()}
    baseline = median["pyld normalize (baseline)"]

    print(f"N = {n} OB3 block credentials (4 learning outcomes), {ROUNDS} interleaved rounds, median, one core")
    print(f"{'operation':<28}{'per second':>12}{'time vs one normalize':>24}")
    for name, seconds in median.items():
        ratio = f"{seconds / baseline:>23.3f}x" if not name.startswith("raw") else f"{'(reference)':>24}"
        print(f"{name:<28}{1 / seconds:>12.1f}{ratio}")
    for name in ("credential sign", "credential verify"):
        rate = 1 / median[name]
        verdict = "meets" if rate >= GOAL_PER_SECOND else "BELOW"
        print(f"{name}: {rate:.0f}/s {verdict} the goal of {GOAL_PER_SECOND}/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
