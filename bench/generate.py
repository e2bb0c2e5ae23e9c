"""A same-shape dataset of N cases, bulk-inserted through the models' tables.

`python bench/generate.py --cases 100000` fills the database the app is configured with
(`DATABASE_URL`, after `flask db upgrade`). Tests call `generate(n)` at small N to get
the same shape at two sizes (query counts must not change between them).

Rows go in with one executemany per table and chunk, ids chosen up front, so 100k cases
take seconds, not the hours the ORM unit of work would. The shape follows the figures in
issue 18: ~2.3 blocks and ~2 evidence rows per case, ~5.7 audit rows per case, 0.7 users
per case, one title per five cases up to 20k titles.
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import timedelta

from sqlalchemy import func, insert, select

from vae.core.clock import now
from vae.extensions import db
from vae.models import AuditEvent, Block, Case, CaseBlock, Competence, Evidence, PhaseReached, Title, User
from vae.models.users import UserRole

CHUNK = 5_000
STATES = ("draft", "submitted", "incomplete", "admissible", "inadmissible", "closed", "abandoned")
STATE_WEIGHTS = (30, 20, 5, 30, 3, 10, 2)
PASSWORD_HASH = "!"  # no password: generated people cannot sign in


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model.__table__), rows[start:start + CHUNK])


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def generate(cases: int, *, seed: int = 0, mentor: User | None = None) -> dict[str, int]:
    """Insert `cases` cases with their people, titles, blocks, evidence and audit rows.

    `mentor`, when given, receives one case in 20 (tests use it to see a mentor queue grow).
    """
    rng = random.Random(seed)
    clock = now()
    tag = f"g{seed}-{_next_id(User)}"
    n_titles = max(2, min(20_000, cases // 5))
    n_mentors = max(1, cases // 50)
    n_candidates = max(1, int(cases * 0.7))

    user0 = _next_id(User)
    users = [{"id": user0 + i, "email": f"{tag}-u{i}@bench.invalid", "password_hash": PASSWORD_HASH,
              "first_name": f"Prénom{i}", "last_name": f"Nom{i:07d}", "email_confirmed_at": clock}
             for i in range(n_mentors + n_candidates)]
    _insert(User, users)
    mentor_ids = [user0 + i for i in range(n_mentors)]
    candidate_ids = [user0 + n_mentors + i for i in range(n_candidates)]
    _insert(UserRole, [{"user_id": u, "role": "mentor"} for u in mentor_ids]
            + [{"user_id": u, "role": "candidate"} for u in candidate_ids])

    title0, block0, comp0 = _next_id(Title), _next_id(Block), _next_id(Competence)
    titles, blocks, competences = [], [], []
    title_blocks: dict[int, list[int]] = {}
    block_competences: dict[int, list[int]] = {}
    for t in range(n_titles):
        tid = title0 + t
        titles.append({"id": tid, "rncp_code": f"B{tid}-{seed}", "eqf_level": 3 + t % 5,
                       "label": f"Titre professionnel {rng.choice(('Éducateur', 'Agent', 'Technicien', 'Conseiller'))} {t}",
                       "certifier_name": "Certificateur de banc"})
        for b in range(3):
            bid = block0 + len(blocks)
            blocks.append({"id": bid, "title_id": tid, "code": f"B{tid}-{seed}-BC{b + 1:02d}",
                           "label": f"Bloc {b + 1}", "position": b})
            title_blocks.setdefault(tid, []).append(bid)
            for c in range(4):
                cid = comp0 + len(competences)
                competences.append({"id": cid, "block_id": bid, "position": c, "label": f"Compétence {c + 1}"})
                block_competences.setdefault(bid, []).append(cid)
    _insert(Title, titles)
    _insert(Block, blocks)
    _insert(Competence, competences)

    case0, cb0, ev0 = _next_id(Case), _next_id(CaseBlock), _next_id(Evidence)
    case_rows, cb_rows, ev_rows, audit_rows = [], [], [], []
    for i in range(cases):
        cid = case0 + i
        state = rng.choices(STATES, STATE_WEIGHTS)[0]
        created = clock - timedelta(days=rng.randint(1, 700), minutes=i % 1440)
        submitted = created + timedelta(days=rng.randint(1, 60)) if state != "draft" else None
        decided = submitted + timedelta(days=rng.randint(1, 30)) if state not in ("draft", "submitted") else None
        assigned = mentor.id if mentor is not None and i % 20 == 0 else rng.choice(mentor_ids)
        case_rows.append({"id": cid, "candidate_id": candidate_ids[i % n_candidates],
                          "title_id": title0 + i % n_titles, "mentor_id": assigned, "state": state,
                          "created_at": created, "submitted_at": submitted,
                          "admissibility_decided_at": decided,
                          "last_activity_at": decided or submitted or created})
        chosen = title_blocks[title0 + i % n_titles][:2 + (i % 3 == 0)]
        for bid in chosen:
            cbid = cb0 + len(cb_rows)
            cb_rows.append({"id": cbid, "case_id": cid, "block_id": bid,
                            "state": "selected" if state in ("draft", "submitted", "incomplete") else "documenting"})
            if len(ev_rows) < 2 * (i + 1):
                ev_rows.append({"id": ev0 + len(ev_rows), "case_block_id": cbid,
                                "competence_id": block_competences[bid][0], "kind": "text",
                                "title": "Situation", "body": "J'ai accompagné un groupe.",
                                "created_by_id": candidate_ids[i % n_candidates], "created_at": created})
        audit_rows.append(_audit(cid, "case", cid, "create", None, "draft", created))
        if submitted:
            audit_rows.append(_audit(cid, "case", cid, "submit", "draft", "submitted", submitted))
        if decided:
            audit_rows.append(_audit(cid, "case", cid, "decide", "submitted", state, decided))
    _insert(Case, case_rows)
    _insert(CaseBlock, cb_rows)
    _insert(Evidence, ev_rows)
    _insert(AuditEvent, audit_rows)
    _insert(PhaseReached, _first_reached(audit_rows))
    db.session.commit()
    return {"cases": cases, "users": len(users), "titles": n_titles, "case_blocks": len(cb_rows),
            "evidence": len(ev_rows), "audit": len(audit_rows)}


def _first_reached(audit_rows: list[dict]) -> list[dict]:
    """What the workflow engine writes beside the journal: each subject's first entry into each state."""
    first: dict[tuple, dict] = {}
    for row in audit_rows:
        key = (row["subject_type"], row["subject_id"], row["to_state"])
        if row["to_state"] and (key not in first or row["occurred_at"] < first[key]["reached_at"]):
            first[key] = {"subject_type": key[0], "subject_id": key[1], "state": key[2],
                          "reached_at": row["occurred_at"]}
    return list(first.values())


def _audit(case_id: int, subject_type: str, subject_id: int, event: str, from_state, to_state, at) -> dict:
    return {"case_id": case_id, "subject_type": subject_type, "subject_id": subject_id, "event": event,
            "from_state": from_state, "to_state": to_state, "occurred_at": at, "data": {}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from vae import create_app

    with create_app().app_context():
        print(generate(args.cases, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
