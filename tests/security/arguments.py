"""URL arguments by parameter name: the world's object for a target ("own" or "other")."""
from __future__ import annotations

BUILDERS = {
    "case_id": lambda world, target: world.case(target).id,
    "case_block_id": lambda world, target: world.case_block(target).id,
    "user_id": lambda world, target: world.case(target).candidate_id,
    "candidate_id": lambda world, target: world.case(target).candidate_id,
    "session_id": lambda world, target: world.sessions[target].id,
    "interview_id": lambda world, target: world.case_block(target).interview_id or 999_999,
    "evidence_id": lambda world, target: world.evidence[target].id,
    "file_id": lambda world, target: world.evidence[target].file_id,
    "stored_file_id": lambda world, target: world.evidence[target].file_id,
    "title_id": lambda world, target: world.case(target).title_id,
    "token": lambda world, target: "not-a-valid-token",
    "filename": lambda world, target: "css/app.css",
}
