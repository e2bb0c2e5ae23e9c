"""URL arguments by parameter name: the world's object for a target ("own" or "other")."""
from __future__ import annotations

BUILDERS = {
    "case_id": lambda world, target: world.case(target).id,
    "case_block_id": lambda world, target: world.case_block(target).id,
    "user_id": lambda world, target: world.case(target).candidate_id,
    "candidate_id": lambda world, target: world.case(target).candidate_id,
    "session_id": lambda world, target: world.session(target).id,
    "interview_id": lambda world, target: world.interview(target).id,
    "member_id": lambda world, target: world.session(target).president.id,
    "evidence_id": lambda world, target: world.evidence[target].id,
    "file_id": lambda world, target: world.evidence[target].file_id,
    "stored_file_id": lambda world, target: world.evidence[target].file_id,
    "experience_id": lambda world, target: world.case(target).experiences[0].id,
    "annotation_id": lambda world, target: world.ids.annotations[target],
    "public_id": lambda world, target: world.ids.certificates[target],
    "message_id": lambda world, target: world.ids.messages[target],
    "equivalence_id": lambda world, target: world.ids.equivalences[target],
    "slug": lambda world, target: world.ids.status_slug,
    "title_id": lambda world, target: world.case(target).title_id,
    "event": lambda world, target: "revise",
    "token": lambda world, target: "not-a-valid-token",
    "filename": lambda world, target: "css/app.css",
}
