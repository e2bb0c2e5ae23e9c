from tests.security.access_rules import case_party, role_only

# The candidate's own working pages: other roles are refused, other candidates see nothing.
OWNER = case_party("candidate", roles=("candidate",))
# Pages that everyone following the case reads (the jury once the block is booked before it).
FOLLOWERS = case_party("candidate", "mentor", "jury", "admin")
RULES = {
    "candidate.new_case": role_only("candidate"),
    "candidate.case": FOLLOWERS,
    # Only the candidate fires these events; the others following the case are refused.
    "candidate.case_event": case_party("candidate", seen_by=("mentor", "jury", "admin")),
    "candidate.choose_blocks": OWNER,
    "candidate.new_experience": OWNER,
    "candidate.experience": OWNER,
    "candidate.delete_experience": OWNER,
    "candidate.self_assessment": OWNER,
}
